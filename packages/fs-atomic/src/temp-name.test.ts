import { test } from 'node:test';
import assert from 'node:assert/strict';
import { basename, dirname } from 'node:path';
import { atomicTempName, atomicTempTarget } from './temp-name.js';

test('atomicTempName: a hidden, unique name in the same folder that atomicTempTarget maps back', () => {
  const a = atomicTempName('/data/out/crops_1.pt');
  const b = atomicTempName('/data/out/crops_1.pt');
  assert.equal(dirname(a), '/data/out');
  assert.match(basename(a), new RegExp(`^\\.crops_1\\.pt\\.${process.pid}\\.[0-9a-f]{8}\\.tmp$`));
  assert.notEqual(a, b);
  assert.equal(atomicTempTarget(basename(a)), 'crops_1.pt');
  assert.equal(atomicTempTarget('.a.b.npz.12.0badf00d.tmp'), 'a.b.npz');
  for (const other of ['crops_1.pt', '.crops_1.pt.tmp', '.x.12.nothex!.tmp', '.x.12.0badf00d.tmp.bak']) {
    assert.equal(atomicTempTarget(other), undefined, other);
  }
});
