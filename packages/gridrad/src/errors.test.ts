import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LocatedError, readNpz, tensor, writeNpz } from '@weatherlearn/tensor-io';
import { GridradDataError } from './errors.js';
import { npzSlices } from './npz-to-pt.js';

test('an npz without patches, or with a crop of the wrong rank, gives a GridradDataError naming file and field', () => {
  const npz = readNpz(writeNpz({ crop: tensor('float32', [1, 2, 2], new Float32Array(4)) }), 'a.npz');
  assert.throws(() => npzSlices(npz, 'a.npz'), (e: unknown) => e instanceof GridradDataError && e instanceof LocatedError
    && e.file === 'a.npz' && e.field === 'patches' && e.message === "a.npz: needs arrays 'crop' and 'patches' (found crop)");
  const flat = { crop: tensor('float32', [4], new Float32Array(4)), patches: tensor('float32', [1, 1, 1, 2, 2], new Float32Array(4)) };
  assert.throws(() => npzSlices(flat, 'b.npz'), (e: unknown) => e instanceof GridradDataError && e.file === 'b.npz' && e.field === 'crop');
});
