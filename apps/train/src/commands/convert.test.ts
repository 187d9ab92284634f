import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { requirePart } from '@weatherlearn/test-parts/require-part';
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

const PY = '/usr/bin/python3';
const torchMissing = ((): string | false => {
  const r = spawnSync(PY, ['-c', 'import torch'], { encoding: 'utf8' });
  return r.status === 0 ? false : `${PY} cannot import torch (apt-get install python3-torch)`;
})();

test('convert flattens a nested DINO checkpoint (dotted keys, lists as .0) or --select picks a sub-dict', { skip: requirePart('python-torch', torchMissing) }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wl-convert-ckpt-'));
  try {
    const ckpt = join(dir, 'checkpoint.pth');
    const py = spawnSync(PY, ['-c', `
import torch
sd = lambda s: {'backbone.blocks.0.attn.qkv.weight': torch.arange(6.).reshape(2, 3) * s, 'head.last_layer.weight_g': torch.ones(1, 2) * s}
torch.save({'student': sd(1), 'teacher': sd(2), 'optimizer': {'state': {0: {'exp_avg': torch.zeros(3)}}, 'param_groups': [{'lr': 0.0005, 'params': [0]}]},
            'epoch': 7, 'views': [torch.tensor([1, 2]), torch.tensor([3])]}, '${ckpt}')
`], { encoding: 'utf8' });
    assert.equal(py.status, 0, py.stderr);
    const r = await run(['convert', ckpt, join(dir, 'all.safetensors')]);
    assert.equal(r.code, 0, r.err.join('\n'));
    const { readSafetensorsWithMetadata } = await import('@weatherlearn/tensor-io');
    const { readFile } = await import('node:fs/promises');
    const all = readSafetensorsWithMetadata(new Uint8Array(await readFile(join(dir, 'all.safetensors'))));
    assert.deepEqual(Object.keys(all.tensors).sort(), [
      'optimizer.state.0.exp_avg', 'student.backbone.blocks.0.attn.qkv.weight', 'student.head.last_layer.weight_g',
      'teacher.backbone.blocks.0.attn.qkv.weight', 'teacher.head.last_layer.weight_g', 'views.0', 'views.1',
    ]);
    assert.deepEqual(Array.from(all.tensors['teacher.backbone.blocks.0.attn.qkv.weight']!.data as Float32Array), [0, 2, 4, 6, 8, 10]);
    assert.deepEqual(all.metadata, { epoch: '7', 'optimizer.param_groups.0.lr': '0.0005', 'optimizer.param_groups.0.params.0': '0' });
    const sel = await run(['convert', ckpt, join(dir, 'teacher.pt'), '--select', 'teacher']);
    assert.equal(sel.code, 0, sel.err.join('\n'));
    const teacher = await readTensorFile(join(dir, 'teacher.pt'));
    assert.deepEqual(Object.keys(teacher).sort(), ['backbone.blocks.0.attn.qkv.weight', 'head.last_layer.weight_g']);
    const npz = await run(['convert', ckpt, join(dir, 'all.npz')]);
    assert.equal(npz.code, 1);
    assert.match(npz.err.join('\n'), /non-tensor values \(optimizer\.param_groups\.0\.lr, .*epoch.*\) that npz cannot store/);
    const bad = await run(['convert', ckpt, join(dir, 'x.pt'), '--select', 'teacher.nope']);
    assert.match(bad.err.join('\n'), /no 'nope' in 'teacher' \(has: backbone\.blocks\.0\.attn\.qkv\.weight, head\.last_layer\.weight_g\)/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
