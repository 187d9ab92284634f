import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { withTempDir } from '@weatherlearn/test-parts';
import { mirrorBucket, MIRROR_MANIFEST } from './mirror.js';
import { parseS3Url } from './client.js';

/** An in-memory stand-in for S3Client.send (list + ranged get) that records requests. */
function fakeS3(objects: Record<string, Buffer>, log: string[]): S3Client {
  const etag = (b: Buffer) => createHash('md5').update(b).digest('hex');
  return {
    send: async (cmd: unknown) => {
      if (cmd instanceof ListObjectsV2Command) {
        return { Contents: Object.entries(objects).map(([Key, b]) => ({ Key, Size: b.length, ETag: `"${etag(b)}"` })), IsTruncated: false };
      }
      if (cmd instanceof GetObjectCommand) {
        const { Key, Range } = cmd.input;
        const b = objects[Key!];
        const from = Range ? Number(/bytes=(\d+)-/.exec(Range)![1]) : 0;
        log.push(`${Key}${Range ? ` ${Range}` : ''}`);
        return { Body: Readable.from([b.subarray(from)]), ...(Range ? { ContentRange: `bytes ${from}-${b.length - 1}/${b.length}` } : {}) };
      }
      throw new Error('unexpected command');
    },
  } as unknown as S3Client;
}

test('mirror refuses keys that escape the folder, resumes .part files, skips same size+ETag, reports progress', async () => {
  await withTempDir(async (root) => {
    const dir = join(root, 'mirror');
    const objects = {
      'a/b/one.grdmap': Buffer.from('x'.repeat(1000)),
      'two.map': Buffer.from('y'.repeat(500)),
      '../escape.txt': Buffer.from('evil'),
      '/abs.txt': Buffer.from('evil'),
      'a/../../up.txt': Buffer.from('evil'),
    };
    await mkdir(join(dir, 'a', 'b'), { recursive: true });
    await writeFile(join(dir, 'a/b/one.grdmap.part'), objects['a/b/one.grdmap'].subarray(0, 400));
    const log: string[] = [];
    const progress: string[] = [];
    const r = await mirrorBucket('s3://bucket-x', dir, { client: fakeS3(objects, log), concurrency: 3, onProgress: (p) => progress.push(`${p.action}:${p.key}`) });
    assert.deepEqual(r.refused.map((x) => x.key).sort(), ['../escape.txt', '/abs.txt', 'a/../../up.txt']);
    assert.ok(!existsSync(join(root, 'escape.txt')) && !existsSync(join(root, 'up.txt')));
    assert.deepEqual(r.downloaded.sort(), ['a/b/one.grdmap', 'two.map']);
    assert.ok(log.includes('a/b/one.grdmap bytes=400-'), log.join('; ')); // resumed, not restarted
    assert.equal(r.bytes, 600 + 500);
    assert.ok((await readFile(join(dir, 'a/b/one.grdmap'))).equals(objects['a/b/one.grdmap']));
    assert.equal(progress.length, 5);
    const manifest = JSON.parse(await readFile(join(dir, MIRROR_MANIFEST), 'utf8'));
    assert.equal(Object.keys(manifest).length, 2);
    log.length = 0;
    const again = await mirrorBucket('s3://bucket-x', dir, { client: fakeS3(objects, log) });
    assert.deepEqual(again.skipped.sort(), ['a/b/one.grdmap', 'two.map']);
    assert.deepEqual(log, []);
    // A changed object (same size, new content → new ETag) is fetched again.
    objects['two.map'] = Buffer.from('z'.repeat(500));
    const third = await mirrorBucket('s3://bucket-x', dir, { client: fakeS3(objects, log) });
    assert.deepEqual(third.downloaded, ['two.map']);
    assert.equal(await readFile(join(dir, 'two.map'), 'utf8'), 'z'.repeat(500));
  });
});

test('s3 URLs are checked', () => {
  assert.deepEqual(parseS3Url('s3://convmap/2014/01'), { bucket: 'convmap', prefix: '2014/01' });
  assert.deepEqual(parseS3Url('s3://convmap'), { bucket: 'convmap', prefix: '' });
  assert.throws(() => parseS3Url('http://x/y'), /not an s3:\/\/bucket/);
  assert.throws(() => parseS3Url('s3://A_b/x'), /not an s3:\/\/bucket/);
});

test('mirror resumes a body that broke off, but does not re-wrap request errors the SDK already retried', async () => {
  await withTempDir(async (root) => {
    const good = Buffer.from('g'.repeat(1000));
    const log: string[] = [];
    let broken = false;
    const client = {
      send: async (cmd: unknown) => {
        if (cmd instanceof ListObjectsV2Command) {
          return { Contents: [{ Key: 'good.bin', Size: 1000, ETag: `"${createHash('md5').update(good).digest('hex')}"` }, { Key: 'down.bin', Size: 10, ETag: '"x"' }], IsTruncated: false };
        }
        const { Key, Range } = (cmd as GetObjectCommand).input;
        log.push(`${Key}${Range ? ` ${Range}` : ''}`);
        if (Key === 'down.bin') throw Object.assign(new Error('connect ECONNREFUSED'), { $metadata: { httpStatusCode: undefined } });
        const from = Range ? Number(/bytes=(\d+)-/.exec(Range)![1]) : 0;
        async function* body(): AsyncGenerator<Uint8Array> {
          yield good.subarray(from, from + 300);
          if (!broken) { broken = true; throw new Error('socket hang up'); }
          yield good.subarray(from + 300);
        }
        return { Body: body(), ...(Range ? { ContentRange: `bytes ${from}-999/1000` } : {}) };
      },
    } as unknown as S3Client;
    const r = await mirrorBucket('s3://bkt', join(root, 'm'), { client, concurrency: 1, retries: 5, retryDelayMs: 1 });
    assert.deepEqual(r.downloaded, ['good.bin']);
    assert.ok((await readFile(join(root, 'm', 'good.bin'))).equals(good));
    assert.deepEqual(log.filter((l) => l.startsWith('good')), ['good.bin', 'good.bin bytes=300-']);
    assert.deepEqual(log.filter((l) => l.startsWith('down')), ['down.bin'], 'one request: the SDK client did the retrying');
    assert.match(r.failed[0]!.error, /s3:\/\/bkt\/down\.bin: connect ECONNREFUSED/);
  });
});
