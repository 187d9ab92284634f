import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTensorFile, writeTensorFile, tensor, toBytes } from '@weatherlearn/tensor-io';
import { registerConvert } from './convert.js';
import { runCommand } from '../testing/run-command.js';

const run = (args: string[]) => runCommand(registerConvert, args);

test('convert round-trips a dict of tensors through npz → pt → safetensors → npz', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wl-convert-'));
  try {
    const dict = { w: tensor('float32', [2, 2], new Float32Array([1, 2, 3, 4])), i: tensor('int64', [1], new BigInt64Array([-5n])) };
    await writeTensorFile(join(dir, 'a.npz'), dict);
    for (const [from, to] of [['a.npz', 'b.pt'], ['b.pt', 'c.safetensors'], ['c.safetensors', 'd.npz']]) {
      const r = await run(['convert', join(dir, from!), join(dir, to!)]);
      assert.equal(r.code, 0, r.err.join('\n'));
      assert.match(r.out.join('\n'), /wrote .* \(\w+, 2 tensors, \d+ bytes\)/);
    }
    const back = await readTensorFile(join(dir, 'd.npz'));
    assert.deepEqual(Buffer.from(toBytes(back.w!)), Buffer.from(toBytes(dict.w)));
    assert.equal(back.i!.data[0], -5n);
    const r = await run(['convert', join(dir, 'a.npz'), join(dir, 'e.bin'), '--to', 'npz', '--compress']);
    assert.equal(r.code, 0, r.err.join('\n'));
    assert.equal((await readTensorFile(join(dir, 'e.bin'), 'npz')).w!.data[3], 4);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('convert gives helpful errors for bad flags and unsupported combinations', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wl-convert-'));
  try {
    await writeTensorFile(join(dir, 'two.npz'), { a: tensor('uint8', [1], new Uint8Array(1)), b: tensor('uint8', [1], new Uint8Array(1)) });
    let r = await run(['convert', join(dir, 'two.npz'), join(dir, 'x.npy')]);
    assert.equal(r.code, 1);
    assert.match(r.err.join('\n'), /x\.npy: \.npy holds exactly one tensor, got 2 \(a, b\)/);
    assert.ok(!existsSync(join(dir, 'x.npy')));
    r = await run(['convert', join(dir, 'two.npz'), join(dir, 'x.out')]);
    assert.match(r.err.join('\n'), /cannot tell the output format of .*x\.out.*--to <format>/);
    r = await run(['convert', join(dir, 'two.npz'), join(dir, 'x.pt'), '--to', 'onnx']);
    assert.notEqual(r.code, 0);
    assert.match(r.err.join('\n'), /argument 'onnx' is invalid. Allowed choices are npy, npz, pt, safetensors/);
    r = await run(['convert', join(dir, 'two.npz'), join(dir, 'x.pt'), '--compress']);
    assert.match(r.err.join('\n'), /--compress applies to \.npz output only/);
    r = await run(['convert', join(dir, 'missing.npz'), join(dir, 'x.pt')]);
    assert.match(r.err.join('\n'), /ENOENT/);
    r = await run(['convert', '--help']);
    assert.equal(r.code, 0);
    assert.match(r.out.join(''), /convert tensors between[\s\S]*--compress[\s\S]*Examples:/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
