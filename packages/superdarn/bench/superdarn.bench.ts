/**
 * SuperDARN throughput (one process, shared 2-core machine):
 * - grid samples/s: one synthetic day of GRID records (720 two-minute records, 6 radars) parsed from
 *   DMAP bytes, then every 10-minute window gridded to the default (5, 300, 300) Gaussian splat.
 * - mirror MB/s: `mirrorBucket` of 64 MB (16 × 4 MB objects, concurrency 8) from a local S3 server,
 *   only when one is running: `eval "$(scripts/s3/start.sh)"` exports S3_ENDPOINT / S3_ACCESS_KEY /
 *   S3_SECRET_KEY for this script (the row is skipped otherwise).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { parseDmap, writeDmap } from '@weatherlearn/tensor-io';
import { makeGridRecords } from '@weatherlearn/testkit';
import { gridRecords, recordsInWindow, resolveGridConfig, windowStart, recordSpan } from '../src/index.js';
import { makeS3Client, mirrorBucket, putObjectBytes } from '../src/s3/index.js';

type Row = { name: string; value: number; unit: string };

async function gridBench(): Promise<Row[]> {
  const bytes = writeDmap(makeGridRecords({ seed: 7, hours: 24 }) as never);
  const { records } = parseDmap(bytes);
  const c = resolveGridConfig();
  const starts = [...new Set(records.map((r) => windowStart(recordSpan(r).start, c.windowMinutes)))];
  gridRecords(recordsInWindow(records, starts[0], c.windowMinutes), c); // warm-up
  const t0 = performance.now();
  let vectors = 0;
  for (const s of starts) {
    const recs = recordsInWindow(records, s, c.windowMinutes);
    for (const r of recs) vectors += r.array('vector.mlat')?.length ?? 0;
    gridRecords(recs, c);
  }
  const sec = (performance.now() - t0) / 1000;
  return [
    { name: 'superdarn grid (5×300×300, σ=1°) samples/s', value: starts.length / sec, unit: 'samples/s' },
    { name: 'superdarn grid vectors/s', value: vectors / sec, unit: 'vectors/s' },
  ];
}

async function mirrorBench(): Promise<Row[]> {
  const endpoint = process.env.S3_ENDPOINT;
  if (!endpoint) {
    process.stderr.write('superdarn bench: no S3_ENDPOINT (start one with eval "$(scripts/s3/start.sh)"); mirror row skipped\n');
    return [];
  }
  const s3 = { endpoint, accessKeyId: process.env.S3_ACCESS_KEY ?? '', secretAccessKey: process.env.S3_SECRET_KEY ?? '' };
  const client = makeS3Client(s3);
  const bucket = `bench-${Date.now()}`;
  await client.send(new CreateBucketCommand({ Bucket: bucket }));
  const obj = randomBytes(4 * 1024 * 1024);
  for (let i = 0; i < 16; i++) await putObjectBytes(client, bucket, `day/${i}.grdmap`, obj);
  const dir = mkdtempSync(join(tmpdir(), 'wl-mirror-bench-'));
  try {
    const t0 = performance.now();
    const r = await mirrorBucket(`s3://${bucket}`, dir, { s3, concurrency: 8 });
    const sec = (performance.now() - t0) / 1000;
    if (r.failed.length) throw new Error(`mirror failed: ${r.failed[0].error}`);
    return [{ name: 'superdarn mirror (16 × 4 MB, concurrency 8) MB/s', value: r.bytes / 1e6 / sec, unit: 'MB/s' }];
  } finally {
    rmSync(dir, { recursive: true, force: true });
    client.destroy();
  }
}

export default async function (): Promise<Row[]> {
  return [...(await gridBench()), ...(await mirrorBench())];
}
