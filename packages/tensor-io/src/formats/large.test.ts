// Files over 2 GiB (sparse: made with ftruncate, so they take no disk space) read by position:
// headers and directories first, then only the wanted tensor by its offset. `readFile` refuses
// such files (ERR_FS_FILE_TOO_LARGE); the readers must not load them whole.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, ftruncateSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTensorFile } from './file.js';
import { writeNpy } from '../npy/npy.js';
import { crc32 } from '../zip/crc32.js';

const BIG = 2 ** 31 + 2 ** 24; // 2 GiB + 16 MiB
const small = { dtype: 'float32' as const, shape: [4], data: Float32Array.from([1.5, -2, 3, 42]) };

/** Writes `parts` ([offset, bytes]) into a sparse file of `size` bytes. */
function sparseFile(path: string, size: number, parts: [number, Uint8Array][]): void {
  const fd = openSync(path, 'w');
  try {
    ftruncateSync(fd, size);
    for (const [off, b] of parts) writeSync(fd, b, 0, b.byteLength, off);
  } finally { closeSync(fd); }
}

/** A stored (no compression) zip, entries at chosen offsets; the big entry's data is never written. */
function sparseNpz(path: string): void {
  const enc = new TextEncoder();
  const local = (name: string, crc: number, size: number): Uint8Array => {
    const n = enc.encode(name), b = new Uint8Array(30 + n.byteLength), v = new DataView(b.buffer);
    v.setUint32(0, 0x04034b50, true); v.setUint16(4, 20, true); v.setUint32(14, crc, true);
    v.setUint32(18, size, true); v.setUint32(22, size, true); v.setUint16(26, n.byteLength, true); b.set(n, 30);
    return b;
  };
  const central = (name: string, crc: number, size: number, lho: number): Uint8Array => {
    const n = enc.encode(name), b = new Uint8Array(46 + n.byteLength), v = new DataView(b.buffer);
    v.setUint32(0, 0x02014b50, true); v.setUint16(4, 20, true); v.setUint16(6, 20, true); v.setUint32(16, crc, true);
    v.setUint32(20, size, true); v.setUint32(24, size, true); v.setUint16(28, n.byteLength, true); v.setUint32(42, lho, true); b.set(n, 46);
    return b;
  };
  const smallNpy = writeNpy(small);
  const lh1 = local('big.npy', 0, BIG);
  const off2 = lh1.byteLength + BIG;
  const lh2 = local('small.npy', crc32(smallNpy), smallNpy.byteLength);
  const cdOff = off2 + lh2.byteLength + smallNpy.byteLength;
  const cd1 = central('big.npy', 0, BIG, 0), cd2 = central('small.npy', crc32(smallNpy), smallNpy.byteLength, off2);
  const eocd = new Uint8Array(22), v = new DataView(eocd.buffer);
  v.setUint32(0, 0x06054b50, true); v.setUint16(8, 2, true); v.setUint16(10, 2, true);
  v.setUint32(12, cd1.byteLength + cd2.byteLength, true); v.setUint32(16, cdOff, true);
  const end = cdOff + cd1.byteLength + cd2.byteLength + 22;
  sparseFile(path, end, [[0, lh1], [off2, lh2], [off2 + lh2.byteLength, smallNpy], [cdOff, cd1], [cdOff + cd1.byteLength, cd2], [end - 22, eocd]]);
}

/** A safetensors file: a 2 GiB tensor (sparse zeros) then a small one at the very end. */
function sparseSafetensors(path: string): void {
  const header = { big: { dtype: 'U8', shape: [BIG], data_offsets: [0, BIG] }, small: { dtype: 'F32', shape: [4], data_offsets: [BIG, BIG + 16] } };
  let json = new TextEncoder().encode(JSON.stringify(header));
  const padded = new Uint8Array(Math.ceil(json.byteLength / 8) * 8).fill(0x20);
  padded.set(json); json = padded;
  const len = new Uint8Array(8);
  new DataView(len.buffer).setBigUint64(0, BigInt(json.byteLength), true);
  const dataStart = 8 + json.byteLength;
  sparseFile(path, dataStart + BIG + 16, [[0, len], [8, json], [dataStart + BIG, new Uint8Array(small.data.buffer)]]);
}

test('.safetensors and .npz over 2 GiB: one tensor read by offset, memory bounded', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'tio-large-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const files = { st: join(dir, 'big.safetensors'), npz: join(dir, 'big.npz') };
  sparseSafetensors(files.st);
  sparseNpz(files.npz);
  await assert.rejects(readFile(files.st), /ERR_FS_FILE_TOO_LARGE|File size .* is greater than 2 GiB/, 'whole-file reads cannot do this');
  const rss0 = process.memoryUsage().rss;
  for (const path of Object.values(files)) {
    const got = await readTensorFile(path, undefined, { keys: ['small'] });
    assert.deepEqual(Object.keys(got), ['small'], path);
    assert.deepEqual(Array.from(got.small!.data as Float32Array), [1.5, -2, 3, 42], path);
    assert.deepEqual(got.small!.shape, [4]);
  }
  const grew = process.memoryUsage().rss - rss0;
  assert.ok(grew < 256 * 2 ** 20, `RSS grew by ${(grew / 2 ** 20).toFixed(0)} MiB reading 16 bytes from 2 GiB files`);
});
