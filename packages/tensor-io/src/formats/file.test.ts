import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTensorFile, writeTensorFile } from './file.js';
import { formatFromBytes } from './detect.js';
import { tensorStats } from './stats.js';
import { tensor, floatToHalf } from '../tensor.js';
import { golden, hexOf, patternTensor } from '../../test/golden/golden.js';

test('every format converts to every other format and back (dicts of tensors)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tio-fmt-'));
  try {
    const dict = { a: patternTensor('float32', [2, 3]), b: patternTensor('int64', [4]), c: patternTensor('bool', [3]) };
    for (const ext of ['npz', 'pt', 'safetensors']) {
      const p = join(dir, `x.${ext}`);
      await writeTensorFile(p, dict);
      const back = await readTensorFile(p);
      assert.deepEqual(Object.keys(back).sort(), ['a', 'b', 'c'], ext);
      for (const k of ['a', 'b', 'c'] as const) assert.equal(hexOf(back[k]!), hexOf(dict[k]), `${ext}:${k}`);
    }
    await writeTensorFile(join(dir, 'one.npy'), { a: dict.a });
    const one = await readTensorFile(join(dir, 'one.npy'));
    assert.deepEqual(Object.keys(one), ['one']);
    assert.equal(hexOf(one.one!), hexOf(dict.a));
    // Magic-byte detection for unknown extensions.
    for (const ext of ['npz', 'pt', 'safetensors', 'npy']) {
      const src = join(dir, ext === 'npy' ? 'one.npy' : `x.${ext}`);
      const copy = join(dir, `copy_${ext}.bin`);
      writeFileSync(copy, new Uint8Array(await import('node:fs').then((fs) => fs.readFileSync(src))));
      assert.ok(Object.keys(await readTensorFile(copy)).length >= 1, ext);
    }
    assert.ok(!readdirSync(dir).some((f) => f.endsWith('.tmp')), 'atomic writes leave no temp files');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('unsupported combinations are clear errors naming the file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tio-fmt-'));
  try {
    const two = { a: patternTensor('float32', [1]), b: patternTensor('float32', [1]) };
    await assert.rejects(writeTensorFile(join(dir, 'two.npy'), two), /two\.npy: \.npy holds exactly one tensor, got 2 \(a, b\)/);
    await assert.rejects(writeTensorFile(join(dir, 'bf.npz'), { x: patternTensor('bfloat16', [1]) }), /bf\.npz \(dtype\): dtype bfloat16 has no numpy equivalent/);
    await assert.rejects(writeTensorFile(join(dir, 'x.txt'), two), /x\.txt: unknown output format/);
    writeFileSync(join(dir, 'junk.dat'), 'hello world');
    await assert.rejects(readTensorFile(join(dir, 'junk.dat')), /junk\.dat: unknown tensor file format/);
    assert.equal(formatFromBytes(golden('pt_views.pt')), 'pt');
    assert.equal(formatFromBytes(golden('npz_stored.npz')), 'npz');
    assert.deepEqual(readdirSync(dir), ['junk.dat']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('tensorStats covers only finite values, for every dtype family', () => {
  const s = tensorStats(tensor('float32', [2, 2], new Float32Array([NaN, 1, -Infinity, 3])));
  assert.deepEqual(s, { dtype: 'float32', shape: [2, 2], count: 4, valid: 2, min: 1, max: 3, mean: 2 });
  assert.deepEqual(tensorStats(tensor('float16', [2], new Uint16Array([floatToHalf(0.5), floatToHalf(-1.5)]))).min, -1.5);
  assert.equal(tensorStats(tensor('int64', [2], new BigInt64Array([-(2n ** 40n), 2n]))).min, -(2 ** 40));
  assert.deepEqual(tensorStats(tensor('float64', [1], new Float64Array([NaN]))).mean, null);
});
