import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readPt } from './read.js';
import { writePt } from './write.js';
import { writeZip } from '../zip/write.js';
import { listZip, readZip } from '../zip/read.js';
import { tensor, type Tensor } from '../tensor.js';

const enc = new TextEncoder();
const pt = (pkl: number[] | Uint8Array, extra: { name: string; data: Uint8Array }[] = []): Uint8Array =>
  writeZip([{ name: 'archive/data.pkl', data: Uint8Array.from(pkl) }, ...extra, { name: 'archive/version', data: enc.encode('3\n') }]);
const str = (s: string): number[] => [...enc.encode(s)];
const global = (m: string, n: string): number[] => [0x63, ...str(`${m}\n${n}\n`)];
const unicode = (s: string): number[] => { const b = str(s); return [0x58, b.length & 0xff, (b.length >> 8) & 0xff, 0, 0, ...b]; };

test('globals outside the allow-list are refused at GLOBAL and STACK_GLOBAL, naming them', () => {
  assert.throws(() => readPt(pt([0x80, 2, ...global('builtins', 'eval'), ...unicode('1+1'), 0x85, 0x52, 0x2e]), 'h.pt'),
    /h\.pt:archive\/data\.pkl@2 \(builtins\.eval\): forbidden global 'builtins\.eval'/);
  assert.throws(() => readPt(pt([0x80, 4, ...unicode('os'), ...unicode('system'), 0x93, 0x2e]), 'h.pt'), /forbidden global 'os\.system'/);
  assert.throws(() => readPt(pt([0x80, 2, ...global('torch', 'load'), 0x2e]), 'h.pt'), /forbidden global 'torch\.load'/);
});

test('REDUCE of anything but an allowed global, and unsafe opcodes, are refused', () => {
  assert.throws(() => readPt(pt([0x80, 2, ...unicode('os.system'), 0x29, 0x52, 0x2e]), 'r.pt'), /r\.pt:archive\/data\.pkl@\d+: REDUCE of a non-global callable/);
  assert.throws(() => readPt(pt([0x80, 2, ...global('torch', 'FloatStorage'), 0x29, 0x52, 0x2e]), 'r.pt'), /calling torch\.FloatStorage is not allowed/);
  assert.throws(() => readPt(pt([0x80, 2, 0x69, ...str('os\nsystem\n'), 0x2e]), 'r.pt'), /unsupported or unsafe pickle opcode 0x69/);
  assert.throws(() => readPt(pt([0x80, 2, 0x5d, 0x7d, 0x62, 0x2e]), 'r.pt'), /BUILD on an object that is not a dict or tensor/);
});

test('truncated or malformed pickles never crash or hang', () => {
  assert.throws(() => readPt(pt([0x80, 2, 0x58, 0xff, 0xff, 0xff, 0x7f, 0x41]), 't.pt'), /truncated pickle/);
  assert.throws(() => readPt(pt([0x80, 2, 0x7d]), 't.pt'), /truncated pickle/);
  assert.throws(() => readPt(pt([0x80, 2, 0x2e]), 't.pt'), /stack underflow/);
  assert.throws(() => readPt(pt([0x80, 2, 0x68, 9, 0x2e]), 't.pt'), /memo key 9 not found/);
  assert.throws(() => readPt(pt([0x80, 2, 0x28, 0x4e, 0x2e]), 't.pt'), /STOP inside a MARK/);
  // A self-referencing list (APPEND of itself) is reported, not recursed forever.
  assert.throws(() => readPt(pt([0x80, 2, 0x5d, 0x71, 0, 0x68, 0, 0x61, 0x2e]), 't.pt'), /nesting deeper than 1000 levels/);
});

test('storages: missing records, too-small storages and bad persistent ids are clear errors', () => {
  const good = writePt({ w: tensor('float32', [4], new Float32Array([1, 2, 3, 4])) });
  const files = readZip(good);
  const withoutStorage = writeZip([...files].filter(([n]) => !n.includes('/data/')).map(([name, data]) => ({ name, data })));
  assert.throws(() => readPt(withoutStorage, 'm.pt'), /m\.pt \(data\/0\): storage record 'archive\/data\/0' is missing/);
  const short = writeZip([...files].map(([name, data]) => ({ name, data: name.endsWith('/data/0') ? data.subarray(0, 8) : data })));
  assert.throws(() => readPt(short, 's.pt'), /s\.pt \(data\/0\): tensor view \(offset 0, size \[4\], stride \[1\]\) needs 4 elements, storage data\/0 has 2/);
  const pid = [0x80, 2, ...unicode('nope'), 0x51, 0x2e];
  assert.throws(() => readPt(pt(pid), 'p.pt'), /unsupported persistent id "nope"/);
});

test('a big-endian file (byteorder = big) is swapped to little-endian', () => {
  const t = tensor('int32', [2], new Int32Array([1, -2]));
  const files = readZip(writePt({ t }));
  const be = writeZip([...files].map(([name, data]) => ({
    name,
    data: name.endsWith('byteorder') ? enc.encode('big') : name.endsWith('/data/0') ? Uint8Array.from([0, 0, 0, 1, 0xff, 0xff, 0xff, 0xfe]) : data,
  })));
  assert.deepEqual([...((readPt(be) as Record<string, Tensor>).t!.data)], [1, -2]);
  assert.equal(listZip(be).length, 4);
});
