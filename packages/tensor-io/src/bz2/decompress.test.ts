import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { bunzip2, bunzip2Sync, Bunzip2Decoder, isBzip2 } from './decompress.js';
import { bzip2, bzip2Sync } from './compress.js';
import { Bzip2Error } from './crc.js';
import { requirePart } from '@weatherlearn/test-parts/require-part';

const HAVE_BZIP2 = spawnSync('bzip2', ['--help'], { stdio: 'ignore' }).status === 0;

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/** Mixed test data: text-like runs, long runs (RLE1 counts up to 255+), random bytes. */
function sample(n: number, seed = 1): Uint8Array {
  const r = lcg(seed);
  const out = new Uint8Array(n);
  let i = 0;
  while (i < n) {
    const kind = r();
    const len = Math.min(n - i, 1 + Math.floor(r() * (kind < 0.2 ? 600 : 40)));
    const b = Math.floor(r() * 256);
    for (let k = 0; k < len; k++) out[i + k] = kind < 0.2 ? b : kind < 0.6 ? 97 + ((b + k) % 7) : Math.floor(r() * 256);
    i += len;
  }
  return out;
}

async function collect(it: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const c of it) parts.push(c);
  return new Uint8Array(Buffer.concat(parts));
}

test('round trip through our compressor and decompressor at several levels and sizes', () => {
  for (const [n, level] of [[0, 9], [1, 9], [5, 1], [1000, 1], [250_000, 1], [120_000, 9]] as const) {
    const data = sample(n, n + level);
    const c = bzip2Sync(data, { level });
    assert.ok(isBzip2(c));
    assert.deepEqual(bunzip2Sync(c), data, `n=${n} level=${level}`);
  }
});

test('streaming decode with tiny input chunks equals one-shot decode', async () => {
  const data = sample(150_000, 7);
  const c = bzip2Sync(data, { level: 1 });
  const chunks = function* () { for (let i = 0; i < c.length; i += 777) yield c.subarray(i, i + 777); };
  assert.deepEqual(await collect(bunzip2(chunks(), { chunkSize: 4096 })), data);
});

test('concatenated streams decode as one output', () => {
  const a = sample(3000, 2);
  const b = sample(5000, 3);
  const both = new Uint8Array(Buffer.concat([bzip2Sync(a, { level: 2 }), bzip2Sync(b, { level: 5 })]));
  assert.deepEqual(bunzip2Sync(both), new Uint8Array(Buffer.concat([a, b])));
});

test('streaming compressor output is a valid stream', async () => {
  const data = sample(50_000, 9);
  const src = [data.subarray(0, 1), data.subarray(1, 30_000), data.subarray(30_000)];
  assert.deepEqual(bunzip2Sync(await collect(bzip2(src, { level: 1 }))), data);
});

test('interoperates with the system bzip2 binary', { skip: requirePart('bzip2', !HAVE_BZIP2 && 'bzip2 binary not installed (apt-get install bzip2)') }, () => {
  const data = sample(400_000, 11);
  const theirs = execFileSync('bzip2', ['-c', '-3'], { input: data, maxBuffer: 1 << 26 });
  assert.deepEqual(bunzip2Sync(theirs), data);
  const ours = bzip2Sync(data, { level: 3 });
  assert.deepEqual(new Uint8Array(execFileSync('bzip2', ['-dc'], { input: ours, maxBuffer: 1 << 26 })), data);
  // Long runs exercise RLE1 counts at block boundaries.
  const runs = new Uint8Array(300_000).fill(65);
  assert.deepEqual(bunzip2Sync(execFileSync('bzip2', ['-c', '-1'], { input: runs })), runs);
  assert.deepEqual(new Uint8Array(execFileSync('bzip2', ['-dc'], { input: bzip2Sync(runs, { level: 1 }) })), runs);
});

test('bad input gives Bzip2Error with an offset', () => {
  const data = sample(20_000, 5);
  const c = bzip2Sync(data, { level: 1 });
  assert.throws(() => bunzip2Sync(new TextEncoder().encode('hello world')), /not a bzip2 stream.*offset 0/);
  assert.throws(() => bunzip2Sync(new Uint8Array(0)), /empty input/);
  const trunc = c.subarray(0, c.length - 40);
  assert.throws(() => bunzip2Sync(trunc), (e: unknown) => e instanceof Bzip2Error && /truncated/.test(e.message));
  const garbage = new Uint8Array(Buffer.concat([c, Buffer.from('xyz!')]));
  assert.throws(() => bunzip2Sync(garbage), /trailing garbage.*offset/);
  assert.deepEqual(bunzip2Sync(garbage, { trailingGarbage: 'ignore' }), data);
  // The stored block CRC (bytes 10..13) no longer matches the data.
  const badCrc = c.slice();
  badCrc[12] ^= 0x40;
  assert.throws(() => bunzip2Sync(badCrc), /block CRC mismatch/);
});

test('every truncation and random corruption yields Bzip2Error or correct data, never a crash', () => {
  const data = sample(3000, 21);
  const c = bzip2Sync(data, { level: 1 });
  for (let cut = 0; cut < c.length; cut++) {
    assert.throws(() => bunzip2Sync(c.subarray(0, cut)), Bzip2Error, `cut at ${cut}`);
  }
  const r = lcg(99);
  for (let trial = 0; trial < 300; trial++) {
    const bad = c.slice();
    const at = 4 + Math.floor(r() * (bad.length - 4));
    bad[at] ^= 1 + Math.floor(r() * 255);
    try {
      assert.deepEqual(bunzip2Sync(bad, { maxOutputBytes: 1 << 22 }), data);
    } catch (e) {
      assert.ok(e instanceof Bzip2Error, `byte ${at}: ${String(e)}`);
    }
  }
});

test('maxOutputBytes stops a decompression bomb with a clear error', async () => {
  const bomb = bzip2Sync(new Uint8Array(5_000_000), { level: 9 });
  assert.ok(bomb.length < 200);
  await assert.rejects(collect(bunzip2([bomb], { maxOutputBytes: 1_000_000 })), /exceeds the limit of 1000000 bytes.*decompression bomb/);
  // Without a limit it streams in bounded chunks.
  const dec = new Bunzip2Decoder({ chunkSize: 1 << 16 });
  dec.push(bomb);
  dec.end();
  let total = 0;
  for (let ch = dec.read(); ch; ch = dec.read()) { assert.ok(ch.length <= 1 << 16); total += ch.length; }
  assert.equal(total, 5_000_000);
  assert.ok(dec.done);
});
