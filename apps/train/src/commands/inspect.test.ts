import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeTensorFile, writePt, tensor } from '@weatherlearn/tensor-io';
import { registerInspect } from './inspect.js';
import { runCommand } from '../testing/run-command.js';
import { requirePart } from '@weatherlearn/test-parts/require-part';

const SHARED = resolve(fileURLToPath(import.meta.url), '..', '..', '..', '..', '..', '..', 'shared');

const run = (args: string[]) => runCommand(registerInspect, args);

test('inspect reports dtype, shape and finite min/max/mean for every tensor format', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wl-inspect-'));
  try {
    const dict = { x: tensor('float32', [2, 2], new Float32Array([1, NaN, 3, Infinity])), n: tensor('int32', [3], new Int32Array([-1, 0, 4])) };
    for (const ext of ['npz', 'pt', 'safetensors']) {
      await writeTensorFile(join(dir, `t.${ext}`), dict);
      const r = await run(['inspect', join(dir, `t.${ext}`), '--json']);
      assert.equal(r.code, 0, r.err.join('\n'));
      const rep = JSON.parse(r.out.join('\n'));
      assert.equal(rep.format, ext);
      const x = rep.tensors.find((t: { name: string }) => t.name === 'x');
      assert.deepEqual({ dtype: x.dtype, shape: x.shape, valid: x.valid, min: x.min, max: x.max, mean: x.mean }, { dtype: 'float32', shape: [2, 2], valid: 2, min: 1, max: 3, mean: 2 });
    }
    await writeTensorFile(join(dir, 'one.npy'), { n: dict.n });
    const text = await run(['inspect', join(dir, 'one.npy')]);
    assert.match(text.out.join('\n'), /one\.npy: npy, \d+ bytes, 1 tensor\nname +dtype +shape +min +max +mean\none +int32 +\[3\] +-1 +4 +1/);
    writeFileSync(join(dir, 'nested.pt'), writePt({ a: [dict.n, { b: dict.x }], epoch: 3 }));
    const nested = JSON.parse((await run(['inspect', join(dir, 'nested.pt'), '--json'])).out.join('\n'));
    assert.deepEqual(nested.tensors.map((t: { name: string }) => t.name), ['a.0', 'a.1.b']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('inspect errors are clear: unknown format, corrupt file, --lax on tensors', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wl-inspect-'));
  try {
    writeFileSync(join(dir, 'junk.xyz'), 'not a tensor file at all');
    let r = await run(['inspect', join(dir, 'junk.xyz')]);
    assert.match(r.err.join('\n'), /cannot tell the format of/);
    writeFileSync(join(dir, 'bad.npy'), new Uint8Array([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, 10]));
    r = await run(['inspect', join(dir, 'bad.npy')]);
    assert.match(r.err.join('\n'), /bad\.npy@0: truncated/);
    await writeTensorFile(join(dir, 'ok.npz'), { a: tensor('uint8', [1], new Uint8Array(1)) });
    r = await run(['inspect', join(dir, 'ok.npz'), '--lax']);
    assert.match(r.err.join('\n'), /--lax applies to DMAP files only/);
    r = await run(['inspect', '--help']);
    assert.match(r.out.join(''), /--json[\s\S]*--lax/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

const ncDir = join(SHARED, 'fixtures', 'netcdf');
test('inspect dispatches netCDF files to describeNetcdfFile', { skip: requirePart('shared', !existsSync(ncDir) && 'needs ../shared (netCDF fixtures)') }, async () => {
  const f = readdirSync(ncDir).find((x) => x.endsWith('.nc'));
  assert.ok(f, 'a .nc fixture');
  const r = await run(['inspect', join(ncDir, f), '--json']);
  assert.equal(r.code, 0, r.err.join('\n'));
  const rep = JSON.parse(r.out.join('\n'));
  assert.equal(rep.format, 'netcdf4');
  assert.deepEqual(rep.dimensions.slice(0, 2).map((d: { name: string; size: number }) => [d.name, d.size]), [['y', 300], ['x', 500]]);
});

const sdDir = join(SHARED, 'fixtures', 'superdarn');
test('inspect dispatches DMAP files (plain and .bz2) to describeDmapFile', { skip: requirePart('shared', !existsSync(sdDir) && 'needs ../shared (SuperDARN fixtures)') }, async () => {
  const r = await run(['inspect', join(sdDir, 'dmap_test.fitacf.bz2'), '--json']);
  assert.equal(r.code, 0, r.err.join('\n'));
  const rep = JSON.parse(r.out.join('\n'));
  assert.equal(rep.records, 2);
  assert.equal(rep.kind, 'fitacf');
  const lax = await run(['inspect', join(sdDir, 'dmap_test.grid'), '--lax', '--json']);
  assert.equal(lax.code, 0, lax.err.join('\n'));
  assert.equal(JSON.parse(lax.out.join('\n')).mode, 'lax');
});

test('inspect exits 1 on a truncated DMAP file (plain and .bz2, strict and --lax) and reads extension-less DMAP', async (t) => {
  if (!existsSync(sdDir)) {
    if (process.env.CI === 'true') assert.fail('needs ../shared/fixtures/superdarn (CI must have it)');
    t.skip('needs ../shared/fixtures/superdarn'); return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'wl-inspect-trunc-'));
  try {
    const plain = readFileSync(join(sdDir, 'dmap_test.fitacf'));
    writeFileSync(join(dir, 'cut.fitacf'), plain.subarray(0, 7000));
    const bz = readFileSync(join(sdDir, 'wl_20140101.0401.00.fhw.fitacf.bz2'));
    writeFileSync(join(dir, 'cut.fitacf.bz2'), bz.subarray(0, 30_000));
    for (const [f, extra] of [['cut.fitacf', []], ['cut.fitacf', ['--lax']], ['cut.fitacf.bz2', []]] as const) {
      const r = await run(['inspect', join(dir, f), ...extra]);
      assert.equal(r.code, 1, `${f} ${extra.join(' ')} must fail: ${r.err.join('\n')}`);
      assert.match(r.err.join('\n'), /corrupt DMAP file.*(truncated|unexpected end)/);
      assert.ok(JSON.parse(r.out.join('\n')).records >= 0, 'the report is still printed');
    }
    writeFileSync(join(dir, '20221107.1801.00.inv'), plain); // RST-style name without a format ending
    const ok = await run(['inspect', join(dir, '20221107.1801.00.inv')]);
    assert.equal(ok.code, 0, ok.err.join('\n'));
    assert.equal(JSON.parse(ok.out.join('\n')).kind, 'fitacf');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
