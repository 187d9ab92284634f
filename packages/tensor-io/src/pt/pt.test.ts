import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readPt } from './read.js';
import { readStateDict } from './state-dict.js';
import { writePt } from './write.js';
import { isTensor, type PtValue } from './value.js';
import { listZip } from '../zip/read.js';
import { TensorIOError } from '../formats/errors.js';
import { tensor, type Tensor } from '../tensor.js';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXPECTED, golden, hexOf, patternTensor, type GoldenTensor } from '../../test/golden/golden.js';
import { requirePart } from '@weatherlearn/test-parts/require-part';

const REPO_ROOT = resolve(fileURLToPath(import.meta.url), '..', '..', '..', '..', '..');
const SHARED = resolve(REPO_ROOT, '..', 'shared');

function checkAgainst(file: string, got: Record<string, Tensor>): void {
  const want = EXPECTED[file] as Record<string, GoldenTensor>;
  for (const [k, w] of Object.entries(want)) {
    const t = got[k];
    assert.ok(t, `${file}: missing ${k}`);
    assert.equal(t.dtype, w.dtype, `${file}:${k}`);
    assert.deepEqual(t.shape, w.shape, `${file}:${k}`);
    assert.equal(hexOf(t), w.hex, `${file}:${k}`);
  }
}

test('golden nn.Module state dict (OrderedDict with _metadata) reads exactly', () => {
  const sd = readStateDict(golden('pt_state_dict.pt'), 'pt_state_dict.pt');
  assert.deepEqual(Object.keys(sd), Object.keys(EXPECTED['pt_state_dict.pt']!));
  checkAgainst('pt_state_dict.pt', sd);
  assert.equal(sd['1.num_batches_tracked']!.dtype, 'int64');
});

test('golden file with every dtype torch writes reads exactly', () => {
  const sd = readStateDict(golden('pt_dtypes.pt'));
  assert.equal(Object.keys(sd).length, 10);
  checkAgainst('pt_dtypes.pt', sd);
});

test('views on one shared storage: offsets, strides, transposes are materialised in C order', () => {
  const sd = readStateDict(golden('pt_views.pt'));
  checkAgainst('pt_views.pt', sd);
  assert.deepEqual([...sd.t!.data.slice(0, 4)], [0, 6, 12, 18]);
  assert.deepEqual([...sd.step!.data], [1, 4, 13, 16]);
  assert.deepEqual(sd.scalar!.shape, []);
  assert.equal(sd.scalar!.data[0], 23);
});

test('nested containers and Python scalars', () => {
  const v = readPt(golden('pt_nested.pt')) as Record<string, PtValue>;
  const a = v.a as PtValue[];
  assert.ok(isTensor(a[0]));
  const inner = a[1] as PtValue[];
  assert.ok(isTensor(inner[0]) && inner[0].dtype === 'int32');
  assert.equal(inner[1], 3);
  const b = v.b as Record<string, PtValue>;
  assert.deepEqual({ n: b.n, s: b.s, f: b.f, none: b.none, flag: b.flag }, { n: 5, s: 'hi', f: 1.5, none: null, flag: true });
  assert.equal(v.big, 2n ** 60n);
  assert.equal(v.neg, -7);
  checkAgainst('pt_nested.pt', { 'a.0': a[0] as Tensor, 'a.1.0': inner[0] as Tensor, 'b.c': b.c as Tensor, p: v.p as Tensor });
});

test('readStateDict unwraps {state_dict: ...} and refuses non-tensor dicts', () => {
  assert.deepEqual(Object.keys(readStateDict(golden('pt_checkpoint.pt'))), Object.keys(EXPECTED['pt_state_dict.pt']!));
  assert.throws(() => readStateDict(golden('pt_nested.pt'), 'n.pt'), /n\.pt \(a\): value is a list\/tuple, not a tensor/);
});

test('hostile pickle (os.system via __reduce__) is refused, naming the global', () => {
  assert.throws(() => readPt(golden('pt_evil.pt'), 'evil.pt'), (e: unknown) =>
    e instanceof TensorIOError && /evil\.pt:pt_evil\/data\.pkl@\d+ \(posix\.system\): forbidden global 'posix\.system'/.test(e.message));
});

test('legacy torch.save format and non-zip bytes give clear errors', () => {
  assert.throws(() => readPt(golden('pt_legacy.pt'), 'old.pt'), /old\.pt@0: legacy \(pre-1\.6, non-zip\) torch\.save format/);
  assert.throws(() => readPt(new Uint8Array([1, 2, 3, 4, 5]), 'x.pt'), /bad magic/);
  const good = golden('pt_views.pt');
  assert.throws(() => readPt(good.subarray(0, good.length - 100), 't.pt'), TensorIOError);
});

test('writePt → readPt round-trips every dtype, nested values and shared tensors', () => {
  const dtypes = ['float16', 'bfloat16', 'float32', 'float64', 'int8', 'int16', 'int32', 'int64', 'uint8', 'bool'] as const;
  const dict: Record<string, Tensor> = {};
  for (const dt of dtypes) dict[dt] = patternTensor(dt, [3, 2]);
  const shared = tensor('float32', [2], new Float32Array([7, 8]));
  const value: PtValue = { dtypes: dict, nested: { list: [shared, 'two', 3, 1.25, null, true, 2n ** 70n, -70000], shared } };
  const bytes = writePt(value);
  const names = listZip(bytes).map((e) => e.name);
  assert.deepEqual(names.slice(0, 2), ['archive/data.pkl', 'archive/byteorder']);
  assert.equal(names.at(-1), 'archive/version');
  assert.equal(names.filter((n) => n.startsWith('archive/data/')).length, 11, 'the shared tensor is stored once');
  const back = readPt(bytes) as { dtypes: Record<string, Tensor>; nested: { list: PtValue[]; shared: Tensor } };
  for (const dt of dtypes) assert.equal(hexOf(back.dtypes[dt]!), hexOf(dict[dt]!), dt);
  assert.deepEqual(back.nested.list.slice(1), ['two', 3, 1.25, null, true, 2n ** 70n, -70000]);
  assert.equal(back.nested.shared.data.buffer, (back.nested.list[0] as Tensor).data.buffer);
  assert.throws(() => writePt({ u: tensor('uint16', [1], new Uint16Array(1)) }), /\(u\): dtype uint16 cannot be saved/);
});

test('reference .pt files from ../shared parse', { skip: requirePart('shared', !existsSync(join(SHARED, 'reference')) && 'needs ../shared (reference .pt files)') }, () => {
  let n = 0;
  for (const sub of ['dino', 'hipt', 'pangu']) {
    const dir = join(SHARED, 'reference', sub);
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.pt'))) {
      const sd = readStateDict(new Uint8Array(readFileSync(join(dir, f))), `${sub}/${f}`);
      assert.ok(Object.keys(sd).length > 0);
      for (const t of Object.values(sd)) assert.equal(t.dtype, 'float32');
      n++;
    }
  }
  assert.ok(n >= 6);
});

