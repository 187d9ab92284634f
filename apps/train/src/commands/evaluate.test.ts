import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSafetensorsWithMetadata, toFloat32 } from '@weatherlearn/tensor-io';
import { writeRotatingDataset } from '@weatherlearn/testkit';
import { c10dUnavailableReason } from '@weatherlearn/distributed';
import { decodePng } from '@weatherlearn/viz';
import { runCli } from '../program.js';

async function cli(args: string[]) {
  const out: string[] = [], err: string[] = [];
  const code = await runCli(args, { out: (l) => out.push(l), err: (l) => err.push(l), env: {}, isTTY: false });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** A tiny SuperDARN-preset Pangu on the rotating-pattern dataset: 44 steps (~30 s of CPU). */
const tinyRun = (dir: string) => ({
  seed: 42, engine: { backend: 'cpu' }, data: { source: 'superdarn', dir, batchSize: 8 },
  pangu: { preset: 'superdarn', embedDim: 8, numHeads: [2, 2, 2, 2], depths: [2, 2, 2, 2], windowSize: [2, 4, 4], shiftSize: [1, 2, 2], patchSize2d: [4, 4], timeStep: 1, noiseFactor: 0, dropPathRate: 0, loss: 'mse-mean' },
  optim: { lr: 0.003, minLr: 0.0003, schedule: 'cosine', warmupSteps: 4, weightDecay: 0, weightDecayEnd: 0 },
  trainer: { maxEpochs: 4, gradientClipVal: 1, valCheckInterval: 0, logEveryNSteps: 5, checkpoint: { everyNSteps: 0, everyEpoch: false } },
  loggers: { names: ['jsonl'] }, samples: 1,
});

test('forecast/evaluate --help and bad flags', async () => {
  let r = await cli(['evaluate', '--help']);
  for (const s of ['--data <dir>', '--split', '--lead-times', '--baselines', 'coverage', 'cos(MLAT)', 'weatherlearn report']) assert.ok(r.out.includes(s), `evaluate help lacks ${s}`);
  r = await cli(['forecast', '--help']);
  for (const s of ['--run <dir>', '--weights', '--start <iso>', '--index', '--steps', 'physical units', 'animated PNG']) assert.ok(r.out.includes(s), `forecast help lacks ${s}`);
  r = await cli(['evaluate', 'x', '--data', 'd', '--out', 'o', '--baselines', 'persistance']);
  assert.match(r.err, /unknown baseline "persistance"; choose from: persistence, climatology/);
  r = await cli(['evaluate', 'x', '--data', 'd', '--out', 'o', '--lead-times', '0']);
  assert.match(r.err, /--lead-times takes N or 1\.\.N/);
  r = await cli(['evaluate', '--data', '/nonexistent', '--out', 'o', '--baselines', '']);
  assert.match(r.err, /nothing to score/);
  r = await cli(['forecast', '--data', '/nonexistent', '--out', 'o', '--index', '0']);
  assert.match(r.err, /which model\? give --run RUN_DIR/);
});

// One tiny run trained on the rotating-pattern dataset, shared by the tests below.
let tmp = '', ds = '', run = '';
before(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'wl-evaluate-'));
  ds = await writeRotatingDataset(join(tmp, 'ds'));
  writeFileSync(join(tmp, 'cfg.json'), JSON.stringify(tinyRun(ds)));
  run = join(tmp, 'rot');
  const r = await cli(['train', 'pangu', '--config', join(tmp, 'cfg.json'), '--out', run]);
  assert.equal(r.code, 0, r.err);
}, { timeout: 600_000 });
after(() => { if (tmp) rmSync(tmp, { recursive: true, force: true }); });

test('a tiny pangu trained on the rotating pattern: evaluate beats persistence at lead 1 → forecast files, maps, APNG → report', { timeout: 600_000 }, async () => {
  {
    let r: Awaited<ReturnType<typeof cli>>;
    // the run's sample plots: named channels, mask, physical units
    const sample = readSafetensorsWithMetadata(readFileSync(join(run, 'samples', 'sample-000.safetensors')));
    assert.equal(sample.metadata.channels, 'vel.median,pwr.median,count');

    r = await cli(['evaluate', run, '--data', ds, '--baselines', 'persistence,climatology', '--lead-times', '1..3', '--backend', 'cpu', '--out', join(run, 'eval')]);
    assert.equal(r.code, 0, r.err);
    for (const f of ['scorecard.json', 'scorecard.csv', 'scorecard.png', 'scorecard.svg', 'rmse-vs-lead.png', 'rmse-vs-lead.svg']) assert.ok(existsSync(join(run, 'eval', f)), f);
    const card = JSON.parse(readFileSync(join(run, 'eval', 'scorecard.json'), 'utf8')) as { rows: Record<string, number | string | null>[]; metadata: Record<string, unknown> };
    assert.equal(card.rows.length, 3 * 3 * 3, 'models × leads × channels');
    const row = (m: string, lead: number, ch: string) => card.rows.find((x) => x.model === m && x.lead === lead && x.channel === ch)!;
    for (const x of card.rows.filter((x) => x.model === 'persistence')) assert.equal(x.skill_vs_persistence, 0);
    for (const x of card.rows.filter((x) => x.model === 'climatology')) assert.equal(x.acc, 0);
    const model = row('rot', 1, 'vel.median');
    assert.ok((model.skill_vs_persistence as number) > 0, `the trained model beats persistence at lead 1: ${JSON.stringify(model)}`);
    assert.ok((model.rmse as number) < (row('persistence', 1, 'vel.median').rmse as number));
    assert.match(String(card.metadata.mask_rule), /channel "count" > 0/);
    assert.equal(card.metadata.mask_fallback, false);
    // coverage: the observed fraction of the scored test frames, computed here from the files
    const index = JSON.parse(readFileSync(join(ds, 'index.json'), 'utf8')) as { samples: { x: number; y: number; split: string }[] };
    const targets = index.samples.filter((s) => s.split === 'test').map((s) => s.y);
    let seen = 0;
    for (const k of targets) {
      const shard = readSafetensorsWithMetadata(readFileSync(join(ds, `shard-${String(Math.floor(k / 16)).padStart(5, '0')}.safetensors`)));
      const f = toFloat32(shard.tensors[`frame_${String(k).padStart(6, '0')}`]!);
      for (let i = 0; i < 256; i++) if (f[512 + i]! > 0) seen++;
    }
    assert.equal(model.cases, targets.length);
    assert.ok(Math.abs((model.coverage as number) - seen / (256 * targets.length)) < 1e-12, `coverage ${model.coverage} vs ${seen / (256 * targets.length)}`);
    assert.match(readFileSync(join(run, 'eval', 'scorecard.csv'), 'utf8'), /^model,lead,lead_minutes,channel,rmse,mae,bias,acc,skill_vs_persistence,skill_vs_climatology,coverage,cases\n[^]*\nrot,1,10,vel\.median,/);

    const fc = join(tmp, 'fc');
    r = await cli(['forecast', '--run', run, '--data', ds, '--start', '2014-01-01T16:40:00.000Z', '--steps', '3', '--backend', 'cpu', '--out', fc]);
    assert.equal(r.code, 0, r.err);
    const lead2 = readSafetensorsWithMetadata(readFileSync(join(fc, 'lead-002.safetensors')));
    assert.deepEqual(lead2.tensors.prediction!.shape, [3, 16, 16]);
    assert.equal(lead2.metadata.init_time, '2014-01-01T16:40:00.000Z');
    assert.equal(lead2.metadata.valid_time, '2014-01-01T17:00:00.000Z');
    assert.equal(lead2.metadata.lead_minutes, '20');
    assert.equal(lead2.metadata.units, 'm/s,dB,');
    const truthCount = toFloat32(lead2.tensors.truth!).subarray(512), mask = lead2.tensors.mask!.data as Uint8Array;
    assert.deepEqual([...mask], [...truthCount].map((v) => (v > 0 ? 1 : 0)), 'mask = count > 0 of the observed frame');
    const pred = toFloat32(lead2.tensors.prediction!);
    assert.ok(Math.max(...pred.subarray(0, 256).map(Math.abs)) > 50, 'velocities are in m/s, not normalised units');
    const apng = readFileSync(join(fc, 'animation.png'));
    assert.equal(apng.subarray(37, 41).toString('latin1'), 'acTL');
    assert.equal(apng.readUInt32BE(41), 3);
    assert.deepEqual(decodePng(new Uint8Array(apng)).data, decodePng(new Uint8Array(readFileSync(join(fc, 'lead-001.png')))).data);
    r = await cli(['plot', 'sample', join(fc, 'lead-002.safetensors'), '--pred', 'prediction', '--truth', 'truth', '-o', join(tmp, 'lead2.svg')]);
    assert.equal(r.code, 0, r.err);
    const svg = readFileSync(join(tmp, 'lead2.svg'), 'utf8');
    assert.match(svg, /vel\.median: prediction \(m\/s\)/);
    assert.match(svg, /% of cells observed/);
    r = await cli(['forecast', '--run', run, '--data', ds, '--start', '2014-01-01T16:41:00Z', '--out', fc]);
    assert.match(r.err, /no frame starts then; the nearest is 2014-01-01T16:40:00\.000Z \(--index 100\)/);

    r = await cli(['report', run]);
    assert.equal(r.code, 0, r.err);
    const html = readFileSync(join(run, 'report.html'), 'utf8');
    assert.match(html, /id="evaluation"/);
    assert.match(html, /vel\.median: truth \(m\/s\)/);
  }
});

test('pure noise: a tiny pangu trained on it does not beat climatology beyond sampling noise', { timeout: 600_000 }, async () => {
  const noise = await writeRotatingDataset(join(tmp, 'noise'), { kind: 'noise', seed: 5 });
  const cfg = tinyRun(noise);
  cfg.trainer.maxEpochs = 2;
  writeFileSync(join(tmp, 'noise.json'), JSON.stringify(cfg));
  const nrun = join(tmp, 'noise-run');
  let r = await cli(['train', 'pangu', '--config', join(tmp, 'noise.json'), '--out', nrun]);
  assert.equal(r.code, 0, r.err);
  r = await cli(['evaluate', nrun, '--data', noise, '--lead-times', '2', '--backend', 'cpu', '--out', join(tmp, 'noise-eval')]);
  assert.equal(r.code, 0, r.err);
  const card = JSON.parse(readFileSync(join(tmp, 'noise-eval', 'scorecard.json'), 'utf8')) as { rows: Record<string, number | string | null>[] };
  const mine = card.rows.filter((x) => x.model === 'noise-run' && x.channel !== 'count');
  assert.equal(mine.length, 4);
  // ~17 frames × ~190 observed cells: sampling noise of a skill score is a few hundredths
  for (const x of mine) assert.ok((x.skill_vs_climatology as number) < 0.05, `no skill on noise expected: ${JSON.stringify(x)}`);
  for (const x of card.rows.filter((q) => q.model === 'persistence' && q.channel !== 'count')) assert.ok((x.skill_vs_climatology as number) < -0.5, `persistence on noise: ${JSON.stringify(x)}`);
});

const notBuilt = c10dUnavailableReason();
test('weatherlearn launch --nproc 2 -- evaluate: the ranks share the initial times and give the one-process scorecard', { skip: notBuilt ? `${notBuilt} — skipping` : false, timeout: 600_000 }, async () => {
  const one = join(tmp, 'eval-1'), two = join(tmp, 'eval-2');
  let r = await cli(['evaluate', run, '--data', ds, '--lead-times', '2', '--backend', 'cpu', '--out', one]);
  assert.equal(r.code, 0, r.err);
  r = await cli(['launch', '--nproc', '2', '--', 'evaluate', run, '--data', ds, '--lead-times', '2', '--backend', 'cpu', '--out', two]);
  assert.equal(r.code, 0, r.err);
  type Card = { rows: Record<string, number | string | null>[]; metadata: Record<string, unknown> };
  const a = JSON.parse(readFileSync(join(one, 'scorecard.json'), 'utf8')) as Card, b = JSON.parse(readFileSync(join(two, 'scorecard.json'), 'utf8')) as Card;
  assert.equal(b.metadata.ranks, 2);
  assert.equal(b.rows.length, a.rows.length);
  a.rows.forEach((x, i) => {
    const y = b.rows[i]!;
    assert.deepEqual([y.model, y.lead, y.channel, y.cases, y.coverage], [x.model, x.lead, x.channel, x.cases, x.coverage]);
    for (const k of ['rmse', 'mae', 'bias', 'acc']) assert.ok(Math.abs((y[k] as number) - (x[k] as number)) <= 1e-9 * Math.max(1, Math.abs(x[k] as number)), `${x.model} ${x.lead} ${x.channel} ${k}`);
  });
});
