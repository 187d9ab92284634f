import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { crc32, crc32js } from './crc32.js';
import { listZip, readZip, readZipEntry } from './read.js';
import { writeZip } from './write.js';
import { safeJoin } from './safe-path.js';
import { extractZip } from './extract.js';
import { golden } from '../../test/golden/golden.js';

const enc = new TextEncoder();

test('crc32 matches the standard check value', () => {
  assert.equal(crc32(enc.encode('123456789')), 0xcbf43926);
  assert.equal(crc32(enc.encode('6789'), crc32(enc.encode('12345'))), 0xcbf43926);
  const big = new Uint8Array(100_003).map((_, i) => (i * 131) & 0xff);
  assert.equal(crc32js(big), crc32(big));
  assert.equal(crc32js(enc.encode('123456789')), 0xcbf43926);
});

test('stored and deflated entries round-trip, with alignment', () => {
  const big = new Uint8Array(100_000).map((_, i) => (i * 31) % 7);
  const bytes = writeZip([
    { name: 'a.txt', data: enc.encode('hello') },
    { name: 'dir/b.bin', data: big, compress: true },
    { name: 'ünï.txt', data: new Uint8Array(0) },
  ], { align: 64 });
  const entries = listZip(bytes);
  assert.deepEqual(entries.map((e) => e.name), ['a.txt', 'dir/b.bin', 'ünï.txt']);
  assert.ok(entries.every((e) => e.dataOffset % 64 === 0));
  assert.ok(entries[1]!.compressedSize < 1000);
  const files = readZip(bytes);
  assert.equal(new TextDecoder().decode(files.get('a.txt')), 'hello');
  assert.deepEqual(files.get('dir/b.bin'), big);
  assert.equal(files.get('ünï.txt')!.byteLength, 0);
});

test('reads zips written by numpy (zip64 local headers)', () => {
  const entries = listZip(golden('npz_stored.npz'));
  assert.deepEqual(entries.map((e) => e.name).sort(), ['a.npy', 'b.npy', 'c.npy', 'nested_name.npy']);
});

test('corrupt and truncated archives give clear errors', () => {
  const bytes = writeZip([{ name: 'x', data: enc.encode('payload-payload'), compress: true }]);
  assert.throws(() => listZip(bytes.subarray(0, 10), 'f.zip'), /f\.zip@0: truncated/);
  assert.throws(() => listZip(bytes.subarray(0, bytes.length - 30), 'f.zip'), /no end-of-central-directory/);
  const e = listZip(bytes, 'f.zip')[0]!;
  const flipped = bytes.slice(); flipped[e.dataOffset + 2]! ^= 0x55;
  assert.throws(() => readZipEntry(flipped, e, 'f.zip'), /f\.zip@\d+ \(x\): (corrupt deflate data|CRC-32 mismatch|entry inflates)/);
  const stored = writeZip([{ name: 'y', data: enc.encode('abc') }]);
  const s2 = stored.slice(); s2[listZip(stored)[0]!.dataOffset]! ^= 1;
  assert.throws(() => readZip(s2, 'g.zip'), /g\.zip@\d+ \(y\): CRC-32 mismatch/);
});

test('zip bombs: declared size over the limit, impossible ratios and lying headers are refused', () => {
  const zeros = new Uint8Array(5_000_000);
  const bomb = writeZip([{ name: 'zeros', data: zeros, compress: true }]);
  assert.ok(bomb.byteLength < 10_000);
  assert.throws(() => readZip(bomb, 'bomb.zip', { maxEntryBytes: 1_000_000 }), /bomb\.zip@\d+ \(zeros\): entry declares 5000000 bytes, over the limit of 1000000 \(zip bomb guard\)/);
  assert.throws(() => readZip(bomb, 'bomb.zip', { maxTotalBytes: 1_000_000 }), /archive declares more than 1000000/);
  // Lie: declare 1000 bytes in both headers for data that inflates to 5 MB.
  const lie = bomb.slice();
  const dv = new DataView(lie.buffer);
  const e = listZip(bomb)[0]!;
  dv.setUint32(e.localHeaderOffset + 22, 1000, true);
  const cd = lie.length - 22 - (46 + 5);
  dv.setUint32(cd + 24, 1000, true);
  assert.throws(() => readZip(lie, 'lie.zip'), /inflates past its declared 1000 bytes \(zip bomb guard\)/);
  // Declared size beyond what deflate can produce from the compressed bytes.
  const huge = bomb.slice();
  new DataView(huge.buffer).setUint32(cd + 24, 500_000_000, true);
  assert.throws(() => readZip(huge, 'huge.zip'), /beyond what deflate can produce/);
});

test('safeJoin refuses paths that escape the target folder', () => {
  const root = resolve('/tmp/root');
  assert.equal(safeJoin(root, 'a/b.txt'), join(root, 'a', 'b.txt'));
  assert.equal(safeJoin(root, 'a/../b.txt'), join(root, 'b.txt'));
  assert.equal(safeJoin(root, './c'), join(root, 'c'));
  for (const bad of ['../x', 'a/../../x', '/etc/passwd', '\\\\server\\x', 'C:\\win', 'c:x', '..\\x', '', 'a\0b', '.', 'a/..']) {
    assert.throws(() => safeJoin(root, bad), /unsafe path/, JSON.stringify(bad));
  }
  assert.throws(() => safeJoin(root, '../root2/x'), (e: unknown) => e instanceof Error && e.message.includes('../root2/x'));
});

test('extractZip writes files under the folder and writes nothing for a hostile archive', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tio-zip-'));
  try {
    const ok = writeZip([{ name: 'sub/', data: new Uint8Array(0) }, { name: 'sub/f.txt', data: enc.encode('hi'), compress: true }]);
    const written = await extractZip(ok, join(dir, 'out'));
    assert.deepEqual(written, [join(dir, 'out', 'sub', 'f.txt')]);
    assert.equal(readFileSync(written[0]!, 'utf8'), 'hi');
    const evil = writeZip([{ name: 'fine.txt', data: enc.encode('x') }, { name: '../escaped.txt', data: enc.encode('x') }]);
    await assert.rejects(extractZip(evil, join(dir, 'evil'), { name: 'evil.zip' }), /unsafe path: escapes the target folder/);
    assert.ok(!existsSync(join(dir, 'escaped.txt')));
    assert.ok(!existsSync(join(dir, 'evil', 'fine.txt')));
    assert.deepEqual(readdirSync(dir).sort(), ['out']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a raw deflate stream we did not write is read too', () => {
  const data = enc.encode('abcabcabcabc'.repeat(100));
  const zipped = writeZip([{ name: 'p', data, compress: true }]);
  assert.deepEqual(readZip(zipped).get('p'), data);
  assert.ok(deflateRawSync(data).byteLength < data.byteLength);
});
