import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readPt, writePt, type Tensor } from '@weatherlearn/tensor-io';
import { Rng } from '@weatherlearn/engine/rng';
import { withTempDir } from '@weatherlearn/test-parts';
import { VisionTransformer, writeChannelStats, CHANNEL_STATS_FILE } from '@weatherlearn/dino';
import { initEngine } from '@weatherlearn/engine';
import { DEFAULT_APP_CONFIG as DEFAULT_TRAIN_CONFIG } from '../config/schema.js';
import type { TrainConfig } from './train-config.js';
import { gridradImages } from './dino-data.js';
import { registerEmbed } from '../commands/embed.js';
import { runCommand } from '../testing/run-command.js';

await initEngine({ backend: 'wasm' });

/** Slices as `gridrad split` names them: IR in Kelvin (~250) and visible reflectance (~0.3) of the same scenes. */
function writeNamedSlices(dir: string, n: number): void {
  const rng = new Rng(3);
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < n; i++) {
    const ir = Float32Array.from({ length: 1024 }, (_, k) => 250 + 20 * Math.sin(k / 9 + i) + rng.normal(0, 2));
    const vis = Float32Array.from({ length: 1024 }, (_, k) => 0.3 + 0.1 * Math.cos(k / 7 + i) + rng.normal(0, 0.01));
    writeFileSync(join(dir, `goes_${i}.ir_brightness_temperature.crop.pt`), writePt({ dtype: 'float32', shape: [32, 32], data: ir } as Tensor));
    writeFileSync(join(dir, `goes_${i}.visible_reflectance.crop.pt`), writePt({ dtype: 'float32', shape: [32, 32], data: vis } as Tensor));
  }
}

const cfgFor = (dir: string): TrainConfig => ({ ...DEFAULT_TRAIN_CONFIG, data: { ...DEFAULT_TRAIN_CONFIG.data, source: 'gridrad', dir } });
const meanOf = (a: Float32Array) => a.reduce((s, v) => s + v, 0) / a.length;

test('DINO gridrad images are normalised per channel name (IR and visible never share a mean/std)', async () => {
  await withTempDir(async (tmp) => {
    writeNamedSlices(tmp, 6);
    const src = gridradImages(cfgFor(tmp));
    const st = src.channelStats!.channels;
    assert.deepEqual(Object.keys(st), ['ir_brightness_temperature', 'visible_reflectance']);
    assert.ok(Math.abs(st.ir_brightness_temperature!.mean - 250) < 2 && Math.abs(st.visible_reflectance!.mean - 0.3) < 0.01);
    assert.deepEqual([src.mean, src.std], [[0], [1]], 'images arrive normalised');
    let visStd = 0;
    for (let i = 0; i < src.length; i++) {
      const img = src.get(i);
      assert.ok(Math.abs(meanOf(img.data)) < 0.6, `image ${i} is centred`);
      if (i % 2 === 1) visStd += Math.sqrt(meanOf(img.data.map((v) => v * v)));
    }
    assert.ok(visStd / 6 > 0.5, 'visible patches are not flattened to a constant by IR-scale statistics');
  });
});

test('embed vit256 uses the channel statistics stored with the weights, per file channel, without flags', async () => {
  await withTempDir(async (tmp) => {
    const crops = join(tmp, 'crops');
    writeNamedSlices(crops, 2);
    const src = gridradImages(cfgFor(crops));
    const run = join(tmp, 'run');
    const vit = new VisionTransformer({ imgSize: 32, patchSize: 16, embedDim: 16, depth: 1, numHeads: 2, seed: 4 });
    mkdirSync(run, { recursive: true });
    writeFileSync(join(run, 'final.pt'), writePt({ teacher: vit.stateDict() }));
    await writeChannelStats(join(run, CHANNEL_STATS_FILE), src.channelStats!);
    const args = (data: string, out: string, extra: string[] = []) => ['embed', 'vit256', '--data', data, '--weights', join(run, 'final.pt'), '--out', out, '--patch-size', '32', '--heads', '2', '--backend', 'wasm', '--no-per-crop', ...extra];
    const auto = await runCommand(registerEmbed, args(crops, join(tmp, 'auto.pt')));
    assert.equal(auto.code, 0, auto.err.join('\n'));
    assert.match(auto.err.join('\n'), /normalising with .*channel-stats\.json: ir_brightness_temperature 2\d\d\.\d+±/);
    const got = readPt(new Uint8Array(readFileSync(join(tmp, 'auto.pt')))) as Record<string, Tensor>;
    // the same IR crop embedded alone with its channel's statistics given by hand
    const one = join(tmp, 'one');
    mkdirSync(one);
    writeFileSync(join(one, 'x.pt'), writePt(readPt(new Uint8Array(readFileSync(join(crops, 'goes_0.ir_brightness_temperature.crop.pt')))) as Tensor));
    const ir = src.channelStats!.channels.ir_brightness_temperature!;
    const byHand = await runCommand(registerEmbed, args(one, join(tmp, 'hand.pt'), ['--mean', String(ir.mean), '--std', String(ir.std)]));
    assert.equal(byHand.code, 0, byHand.err.join('\n'));
    const want = (readPt(new Uint8Array(readFileSync(join(tmp, 'hand.pt')))) as Record<string, Tensor>)['x.pt']!;
    assert.deepEqual(Array.from(got['goes_0.ir_brightness_temperature.crop.pt']!.data as Float32Array), Array.from(want.data as Float32Array));
    const vis = got['goes_0.visible_reflectance.crop.pt']!.data as Float32Array;
    assert.notDeepEqual(Array.from(vis), Array.from(got['goes_1.visible_reflectance.crop.pt']!.data as Float32Array), 'visible embeddings differ between scenes');

    const bare = join(tmp, 'bare');
    mkdirSync(bare);
    writeFileSync(join(bare, 'w.pt'), writePt({ teacher: vit.stateDict() }));
    const raw = await runCommand(registerEmbed, ['embed', 'vit256', '--data', one, '--weights', join(bare, 'w.pt'), '--out', join(tmp, 'raw.pt'), '--patch-size', '32', '--heads', '2', '--backend', 'wasm', '--no-per-crop']);
    assert.equal(raw.code, 0, raw.err.join('\n'));
    assert.match(raw.err.join('\n'), /warning: no channel statistics \(channel-stats\.json\) stored with .*embedding RAW values/);
  });
});
