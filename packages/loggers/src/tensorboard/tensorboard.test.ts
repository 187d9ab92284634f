import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { parseMarkdownTable, readEvents, readRecords } from '../testing/tfevents-reader.js';
import { crc32c, maskedCrc32c } from './crc32c.js';
import { makeHistogram } from './events.js';
import { TensorBoardLogger } from './plugin.js';
import { ProtoWriter } from './protobuf.js';

const root = mkdtempSync(join(tmpdir(), 'wl-tb-'));
after(() => rmSync(root, { recursive: true, force: true }));

test('crc32c matches the published check value and the masked form', () => {
  assert.equal(crc32c(new TextEncoder().encode('123456789')), 0xe3069283);
  assert.equal(crc32c(new Uint8Array(32)), 0x8a9136aa); // RFC 3720 B.4: 32 bytes of zeros
  const c = 0xe3069283;
  assert.equal(maskedCrc32c(new TextEncoder().encode('123456789')), ((((c >>> 15) | (c << 17)) >>> 0) + 0xa282ead8) >>> 0);
});

test('protobuf varints: multi-byte and range checks', () => {
  assert.deepEqual([...new ProtoWriter().uint(1, 300).finish()], [0x08, 0xac, 0x02]);
  assert.deepEqual([...new ProtoWriter().uint(2, 2 ** 40).finish()], [0x10, 0x80, 0x80, 0x80, 0x80, 0x80, 0x20]);
  assert.throws(() => new ProtoWriter().uint(1, -1), /non-negative/);
});

test('event file: file_version first, scalars, histogram, hparams text — decoded independently', async () => {
  const logger = new TensorBoardLogger({ runDir: join(root, 'a'), runId: 'tb1' });
  logger.logHyperparams({ lr: 0.001, arch: 'pangu|lite' });
  logger.logMetrics({ 'train/loss': 0.25, 'val/acc': 0.875 }, 7);
  const values = Array.from({ length: 1000 }, (_, i) => Math.sin(i));
  logger.logHistogram('weights', values, 7);
  logger.logMetrics({ 'train/loss': 0.125 }, 2 ** 40);
  await logger.finalize('success');
  const dir = join(root, 'a', 'tensorboard');
  const [file] = readdirSync(dir);
  assert.match(file!, /^events\.out\.tfevents\.\d+\..+\.\d+\.\d+$/);
  const events = readEvents(join(dir, file!));
  assert.equal(events[0]!.fileVersion, 'brain.Event:2');
  assert.ok(Math.abs(events[0]!.wallTime - Date.now() / 1000) < 60);
  const hp = events[1]!.values[0]!;
  assert.equal(hp.pluginName, 'text');
  assert.deepEqual(parseMarkdownTable(hp.text!), { lr: '0.001', arch: 'pangu|lite' });
  assert.deepEqual(events[2]!.values.map((v) => [v.tag, v.simpleValue]), [['train/loss', 0.25], ['val/acc', 0.875]]);
  assert.equal(events[2]!.step, 7);
  const h = events[3]!.values[0]!.histo!;
  assert.equal(h.num, 1000);
  assert.equal(h.counts.reduce((a, b) => a + b, 0), 1000);
  assert.equal(h.limits.length, h.counts.length);
  assert.equal(h.max, Math.max(...values));
  assert.equal(h.min, Math.min(...values));
  assert.ok(Math.abs(h.sum - values.reduce((a, b) => a + b, 0)) < 1e-9);
  assert.equal(events[4]!.step, 2 ** 40);
});

test('the independent reader rejects a corrupted record (CRC is really checked)', async () => {
  const logger = new TensorBoardLogger({ runDir: join(root, 'b'), runId: 'tb2' });
  logger.logMetrics({ loss: 1 }, 1);
  await logger.finalize('success');
  const path = join(logger.path);
  const bytes = readFileSync(path);
  assert.equal(readRecords(path).length, 2);
  bytes[bytes.length - 6]! ^= 0x01;
  writeFileSync(path, bytes);
  assert.throws(() => readRecords(path), /data CRC mismatch/);
});

test('histogram of constant / empty / non-finite values', () => {
  assert.deepEqual(makeHistogram([2, 2, 2]).bucket, [3]);
  assert.equal(makeHistogram([]).num, 0);
  assert.equal(makeHistogram([1, Number.NaN, 3]).num, 2);
});

test('HParams plugin: session start with the values, experiment + status at finalize; artifacts as text', async () => {
  const { decodeHparamsPluginData } = await import('../testing/tfevents-reader.js');
  const dir = join(root, 'hp');
  const logger = new TensorBoardLogger({ runDir: dir, runId: 'tbhp', group: 'sweep1' });
  logger.logHyperparams({ optim: { lr: 0.003, schedule: 'cosine' }, seed: 42, amp: false, depths: [2, 2] });
  logger.logMetrics({ train_loss: 1.5, val_loss: 2 }, 1);
  const art = join(root, 'final.pt');
  writeFileSync(art, 'weights');
  await logger.logArtifact(art);
  await assert.rejects(logger.logArtifact(join(root, 'missing.pt')), /tensorboard\.logArtifact: cannot read .*missing\.pt/);
  await logger.finalize('success');
  const events = readEvents(logger.path);
  const hp = events.flatMap((e) => e.values).filter((v) => v.pluginName === 'hparams');
  assert.deepEqual(hp.map((v) => v.tag), ['_hparams_/session_start_info', '_hparams_/experiment', '_hparams_/session_end_info']);
  const [start, exp, end] = hp.map((v) => decodeHparamsPluginData(v.pluginContent!));
  assert.deepEqual(start!.hparams, { 'optim.lr': 0.003, 'optim.schedule': 'cosine', seed: 42, amp: false, depths: '[2,2]' });
  assert.deepEqual(exp!.hparamTypes, { 'optim.lr': 3, 'optim.schedule': 1, seed: 3, amp: 2, depths: 1 });
  assert.deepEqual(exp!.metricTags, ['train_loss', 'val_loss']);
  assert.equal(end!.status, 1);
  const artifact = events.flatMap((e) => e.values).find((v) => v.tag === 'artifacts/final.pt');
  assert.equal(artifact?.pluginName, 'text');
  assert.match(artifact!.text!, new RegExp(`bytes: 7 .*sha256: \`${createHash('sha256').update('weights').digest('hex')}\``, 's'));
});
