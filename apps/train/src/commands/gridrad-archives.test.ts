import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sharedDir, writeGoesLikeFile } from '@weatherlearn/testkit';
import { registerGridrad } from './gridrad.js';
import { runCommand } from '../testing/run-command.js';

const run = (args: string[]) => runCommand(registerGridrad, args);
const readJson = (p: string) => JSON.parse(readFileSync(p, 'utf8'));

test('gridrad preprocess / to-pt / split name every skipped input with its reason (stderr + skipped.json)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wl-gridrad-arch-'));
  try {
    const inp = join(dir, 'in');
    for (let i = 0; i < 2; i++) await writeGoesLikeFile(join(inp, `g${i}.nc`), { height: 40, width: 48, seed: i, fillFraction: 0, offDiskCorner: false });
    // a truncated copy of a real netCDF file when ../shared has one, else of a synthetic one
    const real = sharedDir('fixtures/netcdf');
    const src = real && existsSync(join(real, 'goes16_cloud_top_height.nc')) ? join(real, 'goes16_cloud_top_height.nc') : join(inp, 'g0.nc');
    writeFileSync(join(inp, 'cut.nc'), readFileSync(src).subarray(0, 600));
    // a real file without the requested channels is skipped for its content
    const withReal = src !== join(inp, 'g0.nc');
    if (withReal) writeFileSync(join(inp, 'other.nc'), readFileSync(src));
    const n = withReal ? 4 : 3;
    const out = join(dir, 'out');
    const pre = await run(['gridrad', 'preprocess', '--input', inp, '--output', out, '--checkpoint', join(dir, 'ck'),
      '--workers', '0', '--crop-size', '16', '--patch-size', '8']);
    assert.equal(pre.code, 0, pre.err.join('\n'));
    const rep = readJson(join(out, 'skipped.json'));
    assert.equal(rep.command, 'gridrad preprocess');
    assert.equal(rep.inputs, n);
    const names = rep.skipped.map((s: { file: string }) => s.file.split('/').pop());
    assert.ok(names.includes('cut.nc'), JSON.stringify(rep));
    assert.match(rep.skipped.find((s: { file: string }) => s.file.endsWith('cut.nc')).reason, /^failed: /);
    assert.match(pre.err.join('\n'), new RegExp(`skipped \\d of ${n} inputs:\\n {2}.*cut\\.nc: failed: `));
    if (src !== join(inp, 'g0.nc')) assert.match(rep.skipped.find((s: { file: string }) => s.file.endsWith('other.nc')).reason, /^skipped: no channels/);

    // nothing usable: every input skipped → non-zero, report still written
    const none = await run(['gridrad', 'preprocess', '--input', inp, '--output', join(dir, 'o2'), '--checkpoint', join(dir, 'ck2'),
      '--workers', '0', '--crop-size', '16', '--patch-size', '8', '--variables', 'NOPE']);
    assert.equal(none.code, 1);
    assert.match(none.err.join('\n'), new RegExp(`no usable input: all ${n} file\\(s\\) were skipped or failed`));
    assert.equal(readJson(join(dir, 'o2', 'skipped.json')).skipped.length, n);
    assert.match(readJson(join(dir, 'o2', 'skipped.json')).skipped[0].reason, /skipped: no channels \(none of NOPE\)|failed: /);

    writeFileSync(join(out, 'zz-broken.npz'), 'PK not really');
    const pt = await run(['gridrad', 'to-pt', '--input', out, '--files-per-chunk', '1']);
    assert.equal(pt.code, 0, pt.err.join('\n'));
    const ptRep = readJson(join(out, 'skipped.json'));
    assert.equal(ptRep.command, 'gridrad to-pt');
    assert.deepEqual(ptRep.skipped.map((s: { file: string }) => s.file.split('/').pop()), ['zz-broken.npz']);

    writeFileSync(join(out, 'Crops', 'crops_99.pt'), 'truncated chunk');
    const sp = await run(['gridrad', 'split', '--input', out, '--kind', 'crops']);
    assert.equal(sp.code, 0, sp.err.join('\n'));
    const spRep = readJson(join(out, 'split', 'crops.skipped.json'));
    assert.deepEqual(spRep.skipped.map((s: { file: string }) => s.file.split('/').pop()), ['crops_99.pt']);
    assert.match(spRep.skipped[0].reason, /^unreadable: /);
    const strict = await run(['gridrad', 'split', '--input', out, '--kind', 'crops', '--strict']);
    assert.equal(strict.code, 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('gridrad split names every slice after its netCDF file and channel (crops and patches)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wl-gridrad-names-'));
  try {
    await writeGoesLikeFile(join(dir, 'in', 'day1', 'goes_a.nc'), { height: 40, width: 48, seed: 1, fillFraction: 0, offDiskCorner: false });
    await writeGoesLikeFile(join(dir, 'in', 'goes_b.nc'), { height: 40, width: 48, seed: 2, fillFraction: 0, offDiskCorner: false });
    const out = join(dir, 'out');
    assert.equal((await run(['gridrad', 'preprocess', '--input', join(dir, 'in'), '--output', out, '--checkpoint', join(dir, 'ck'), '--workers', '0', '--crop-size', '16', '--patch-size', '8'])).code, 0);
    assert.equal((await run(['gridrad', 'to-pt', '--input', out, '--files-per-chunk', '1'])).code, 0);
    for (const kind of ['crops', 'patches']) {
      const r = await run(['gridrad', 'split', '--input', out, '--kind', kind, '--max-deviation-factor', '1000', '--global-mean-deviation-factor', '1000']);
      assert.equal(r.code, 0, r.err.join('\n'));
    }
    const crops = readdirSync(join(out, 'split', 'crops')).sort();
    assert.deepEqual(crops, [
      'day1__goes_a.ir_brightness_temperature.crop.pt', 'day1__goes_a.visible_reflectance.crop.pt',
      'goes_b.ir_brightness_temperature.crop.pt', 'goes_b.visible_reflectance.crop.pt',
    ]);
    const patches = readdirSync(join(out, 'split', 'patches'));
    assert.equal(patches.length, 2 * 2 * 4);
    assert.ok(patches.includes('goes_b.visible_reflectance.patch_r1_c0.pt'), patches.join(', '));
    const manifest = readJson(join(out, 'split', 'crops.manifest.json'));
    const e = manifest.slices.find((s: { file?: string }) => s.file === 'crops/goes_b.visible_reflectance.crop.pt');
    assert.deepEqual([e.source, e.channel], ['goes_b', 'visible_reflectance']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
