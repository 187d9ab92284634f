import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tensor, writeSafetensors } from '@weatherlearn/tensor-io';
import { withTempDir } from '@weatherlearn/test-parts';
import { ColorScale } from '../color/colormap.js';
import { decodePng, encodePng, pixelAt, type RgbaImage } from '../raster/png.js';
import { encodeApng } from '../raster/apng.js';
import { svgToPng } from '../raster/rasterize.js';
import { channelUnit, NO_DATA_COLOR, plotForecast } from '../samples/channels.js';
import { buildRunReport } from '../report/report.js';
import { plotLeadCurves, plotScorecard } from './scorecard.js';

const solid = (w: number, h: number, rgba: number[]): RgbaImage => ({ width: w, height: h, data: Uint8Array.from({ length: w * h * 4 }, (_, i) => rgba[i % 4]!) });

/** The chunks of a PNG/APNG: type and body. */
function chunks(png: Uint8Array): { type: string; body: Uint8Array }[] {
  const dv = new DataView(png.buffer, png.byteOffset), out = [];
  for (let off = 8; off < png.length; ) {
    const len = dv.getUint32(off);
    out.push({ type: String.fromCharCode(...png.subarray(off + 4, off + 8)), body: png.subarray(off + 8, off + 8 + len) });
    off += 12 + len;
  }
  return out;
}

test('encodeApng: acTL frame count, sequence numbers in order, each frame decodes to its pixels; frame 0 is the plain PNG', () => {
  const frames = [solid(3, 2, [255, 0, 0, 255]), solid(3, 2, [0, 255, 0, 255]), solid(3, 2, [0, 0, 255, 128])];
  const apng = encodeApng(frames, { delayMs: 250 });
  const cs = chunks(apng);
  assert.deepEqual(cs.map((c) => c.type), ['IHDR', 'acTL', 'fcTL', 'IDAT', 'fcTL', 'fdAT', 'fcTL', 'fdAT', 'IEND']);
  const be = (b: Uint8Array, o: number) => new DataView(b.buffer, b.byteOffset).getUint32(o);
  assert.equal(be(cs[1]!.body, 0), 3);
  const seqs = cs.filter((c) => c.type === 'fcTL' || c.type === 'fdAT').map((c) => be(c.body, 0));
  assert.deepEqual(seqs, [0, 1, 2, 3, 4]);
  assert.equal(new DataView(cs[2]!.body.buffer, cs[2]!.body.byteOffset).getUint16(20), 250);
  assert.deepEqual(decodePng(apng).data, frames[0]!.data, 'viewers without APNG show frame 0');
  // frame 2 from its fdAT data
  const raw = inflateSync(cs[7]!.body.subarray(4));
  assert.deepEqual([...raw.subarray(1, 5)], [0, 0, 255, 128]);
  assert.throws(() => encodeApng([frames[0]!, solid(2, 2, [0, 0, 0, 0])]), /frame 1 is 2×2/);
  assert.throws(() => encodeApng([]), /no frames/);
  assert.ok(encodePng(frames[0]!).length < apng.length);
});

test('plotForecast with a mask: unobserved cells are grey in every panel and left out of the RMSE; units from channel names', async () => {
  const H = 8, W = 8, N = H * W;
  const truth = Float32Array.from({ length: N }, (_, i) => (i % W < 4 ? 0 : 100));
  const pred = truth.map((v, i) => (i < N / 2 ? v + 10 : v + 1e4)); // the huge error sits only in unobserved rows
  const mask = Uint8Array.from({ length: N }, (_, i) => (i < N / 2 ? 1 : 0));
  const svg = plotForecast(tensor('float32', [1, H, W], pred), tensor('float32', [1, H, W], truth), { names: ['vel.median'], mask });
  assert.match(svg, /vel\.median: truth \(m\/s\)/);
  assert.match(svg, /difference \(RMSE 10\.0 m\/s\)/);
  assert.match(svg, /50\.0 % of cells observed/);
  const img = decodePng(await svgToPng(svg));
  const k = Math.min(220 / W, (220 - 44) / H), off = (220 - W * k) / 2, y0 = 8 + 18;
  assert.deepEqual(pixelAt(img, 16 + 236 + off + k * 6.5, y0 + k * 6.5).slice(0, 3), [...NO_DATA_COLOR.slice(0, 3)], 'unobserved prediction cell is grey');
  assert.deepEqual(pixelAt(img, 16 + off + k * 6.5, y0 + k * 1.5).slice(0, 3), [...new ColorScale('viridis', 0, 110).rgb(100)!], 'observed truth keeps its colour');
  assert.equal(channelUnit('pwr.median'), 'dB');
  assert.equal(channelUnit('w_l'), 'm/s');
  assert.equal(channelUnit('count'), '');
});

const rows = ['model', 'persistence'].flatMap((model) => [1, 2, 3].flatMap((lead) => ['vel.median', 'pwr.median'].map((channel) => ({
  model, lead, channel, rmse: model === 'model' ? lead : 2 * lead, skill_vs_persistence: model === 'model' ? 0.75 : 0, acc: 0.5,
}))));

test('scorecard heatmap: a labelled cell per model × lead × channel, better than persistence in blue; RMSE curves per model', async () => {
  const svg = plotScorecard(rows, { title: 'skill' });
  assert.equal((svg.match(/class="scorecard"/g) ?? []).length, 2);
  assert.equal((svg.match(/>0\.75</g) ?? []).length, 6);
  const png = decodePng(await svgToPng(svg));
  const blue = new ColorScale('coolwarm', -0.75, 0.75).rgb(-0.75)!;
  let found = false;
  for (let y = 0; y < png.height && !found; y += 2) for (let x = 0; x < png.width && !found; x += 2) if (pixelAt(png, x, y).slice(0, 3).join() === blue.join()) found = true;
  assert.ok(found, 'skill 0.75 is drawn in the blue end');
  const curves = plotLeadCurves(rows);
  assert.match(curves, /data-model="model" data-channel="vel\.median" data-points="3"/);
  assert.match(curves, /data-model="persistence" data-channel="pwr\.median" data-points="3"/);
  assert.match(curves, /vel\.median: rmse/);
});

test('the run report shows a scorecard in RUN_DIR/eval/ and masked, named sample files', async () => {
  await withTempDir(async (dir) => {
    mkdirSync(join(dir, 'eval'));
    writeFileSync(join(dir, 'eval', 'scorecard.json'), JSON.stringify({ rows, metadata: { mask_rule: 'observed where channel "count" > 0' } }));
    mkdirSync(join(dir, 'samples'));
    const N = 16;
    writeFileSync(join(dir, 'samples', 'sample-000.safetensors'), writeSafetensors({
      prediction: tensor('float32', [1, 4, 4], new Float32Array(N).fill(3)), truth: tensor('float32', [1, 4, 4], new Float32Array(N).fill(1)),
      mask: tensor('uint8', [4, 4], Uint8Array.from({ length: N }, (_, i) => i % 2)),
    }, { channels: 'pwr.median', units: 'dB' }));
    const { html, warnings } = await buildRunReport(dir);
    assert.deepEqual(warnings, []);
    assert.match(html, /id="evaluation"/);
    assert.match(html, /eval\/scorecard\.json/);
    assert.match(html, /Skill vs persistence/);
    assert.match(html, /observed where channel &quot;count&quot; &gt; 0/);
    assert.match(html, /pwr\.median: truth \(dB\)/);
    assert.match(html, /50\.0 % of cells observed/);
  });
});
