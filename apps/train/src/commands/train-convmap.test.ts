import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readStateDict } from '@weatherlearn/tensor-io';
import { DatasetFromPresaved } from '@weatherlearn/superdarn';
import { writeSyntheticGridFile } from '@weatherlearn/testkit';
import { withTempDir } from '@weatherlearn/test-parts';
import { runCli } from '../program.js';

// Issue 23 "done when": polar CONVMAP grid → `train pangu --config examples/pangu-convmap.json`
// with FiLM, residual target, Smooth-L1, EMA, and val_skill_persistence in the metrics.
const examples = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'examples');
async function cli(args: string[]) {
  const out: string[] = [], err: string[] = [];
  const code = await runCli(args, { out: (l) => out.push(l), err: (l) => err.push(l), env: {}, isTTY: false });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

test('pangu-convmap.json: --print-config shows run_baseline.py\'s settings', async () => {
  const r = await cli(['train', 'pangu', '--config', join(examples, 'pangu-convmap.json'), '--out', '/nonexistent', '--print-config']);
  assert.equal(r.code, 0, r.err);
  const c = JSON.parse(r.out);
  assert.deepEqual(c.pangu.channelWeights, [1.5, 1.5, 1, 1, 0.3, 1.2]);
  assert.equal(c.pangu.smoothL1Beta, 0.1);
  assert.equal(c.pangu.loss, 'smooth-l1');
  assert.equal(c.pangu.lossMask, 'occupancy');
  assert.deepEqual(c.pangu.lossMaskChannels, ['obs_vn', 'obs_ve'], 'the original masks the observed drift only');
  assert.equal(c.pangu.lossMaskMode, 'hard', 'the original cuts at occupancy > 0');
  assert.equal(c.pangu.film, true);
  assert.equal(c.pangu.residual, true);
  assert.equal(c.optim.warmupSteps, 1000);
  assert.ok(Math.abs(c.optim.minLr - c.optim.lr / 100) < 1e-12, 'cosine to lr/100');
  assert.equal(c.trainer.ema, 0.999);
  assert.equal(c.trainer.gradientClipVal, 5);
  assert.equal(c.samplesEveryNValidations, 5);
  const bad = await cli(['train', 'pangu', '--config', join(examples, 'pangu-convmap.json'), '--out', '/nonexistent', '--print-config', '--set', 'pangu.lossMaskMode=binary']);
  assert.notEqual(bad.code, 0);
  assert.match(bad.err, /pangu\.lossMaskMode[\s\S]*soft[\s\S]*hard/);
});

test('superdarn grid --method polar on a generated CONVMAP day, then train pangu with examples/pangu-convmap.json', { timeout: 300_000 }, async () => {
  await withTempDir(async (tmp) => {
    await writeSyntheticGridFile(join(tmp, 'maps'), { kind: 'map', hours: 1, seed: 4 });
    const ds = join(tmp, 'ds');
    const g = await cli(['superdarn', 'grid', '--input', join(tmp, 'maps'), '--out', ds, '--method', 'polar', '--grid-size', '16',
      '--window-minutes', '2', '--split', '0.7,0.3,0', '--split-block-minutes', '4']);
    assert.equal(g.code, 0, g.err);
    const index = JSON.parse(readFileSync(join(ds, 'index.json'), 'utf8'));
    assert.ok(index.samples.some((s: { split: string }) => s.split === 'val'), 'a validation split');
    const report = JSON.parse(readFileSync(join(ds, 'dataset-report.json'), 'utf8'));
    for (const c of report.channels.filter((x: { name: string }) => x.name.startsWith('obs_'))) {
      assert.ok(Math.max(-c.min, c.max) < 3000 && c.max > 50, `${c.name} drift ${c.min}..${c.max} m/s`);
    }
    // pangu.inputFrames: the earlier windows of a sample, oldest first, normalised like the input.
    const d = await DatasetFromPresaved.open(ds);
    try {
      const i = 10, s = index.samples[i], t = Date.parse(index.frames[s.x].time);
      const h = await d.history(i, 3);
      const at = (ms: number) => index.frames.findIndex((f: { time: string }) => Date.parse(f.time) === ms);
      for (const [m, back] of [[0, 2], [1, 1]] as const) {
        const want = await d.frame(at(t - back * 120_000));
        const st = index.stats, per = want.length / 6;
        const q = 5 * per + 7; // boundary_dist, normalised
        assert.ok(Math.abs(h[m]![q]! - (want[q]! - st.mean[5]) / st.std[5]) < 1e-5, `history frame ${m}`);
      }
    } finally { await d.close(); }
    const out = join(tmp, 'run');
    const r = await cli(['train', 'pangu', '--config', join(examples, 'pangu-convmap.json'), '--out', out,
      '--set', `data.dir=${ds}`, '--set', 'engine.backend=wasm', '--set', 'data.batchSize=4', '--set', 'pangu.embedDim=8',
      '--set', 'pangu.numHeads=[2,2,2,2]', '--set', 'pangu.depths=[2,2,2,2]', '--set', 'pangu.windowSize=[2,2,2]', '--set', 'pangu.shiftSize=[1,1,1]',
      '--set', 'trainer.maxEpochs=1', '--set', 'trainer.maxSteps=3', '--set', 'optim.warmupSteps=1', '--set', 'trainer.ema=0.5', '--set', 'pangu.inputFrames=2',
      '--set', 'trainer.valCheckInterval=3', '--set', 'trainer.logEveryNSteps=1', '--set', 'trainer.checkpoint.everyNSteps=3', '--set', 'samples=1', '--set', 'samplesEveryNValidations=1']);
    assert.equal(r.code, 0, r.err + r.out);
    const rows = readFileSync(join(out, 'metrics.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const keys = new Set(rows.flatMap((x) => Object.keys(x.metrics ?? x)));
    for (const k of ['val_skill_persistence', 'val_skill_climatology', 'grad_norm', 'step_time', 'samples_per_s', 'val_pred_mean_obs_vn', 'val_target_std_occupancy']) {
      assert.ok(keys.has(k), `metrics.jsonl lacks ${k} (has ${[...keys].join(', ')})`);
    }
    const png = join(out, 'samples', 'step-000003', 'sample-000.png');
    assert.ok(existsSync(png), 'forecast image after the validation at step 3');
    assert.deepEqual([...readFileSync(png).subarray(1, 4)], [0x50, 0x4e, 0x47]);
    const ckpts = join(out, 'checkpoints');
    const step = readdirSync(ckpts).find((n) => n.startsWith('step-'))!;
    assert.ok(existsSync(join(ckpts, step, 'ema.safetensors')), 'checkpoint holds the EMA weights');
    const sd = readStateDict(readFileSync(join(out, 'final.pt')));
    assert.deepEqual(sd['patchembed2d.proj.weight']!.shape, [8, 12, 4, 4], 'two input frames of 6 channels');
    assert.ok('film4.weight' in sd, 'FiLM weights in final.pt');
    // forecast/evaluate roll out the multi-frame run: the earlier window from the dataset, then its own forecasts.
    const ev2 = await cli(['evaluate', out, '--data', ds, '--split', 'train', '--baselines', 'persistence', '--lead-times', '1..2', '--backend', 'wasm', '--out', join(out, 'eval')]);
    assert.equal(ev2.code, 0, ev2.err);
    const card = JSON.parse(readFileSync(join(out, 'eval', 'scorecard.json'), 'utf8'));
    const scored = card.rows.filter((x: { model: string }) => x.model === 'run');
    for (const lead of [1, 2]) assert.ok(scored.some((x: { lead: number; rmse: number | null }) => x.lead === lead && Number.isFinite(x.rmse)), `the two-frame model is scored at lead ${lead}`);
    const fc2 = await cli(['forecast', '--run', out, '--data', ds, '--index', '3', '--steps', '2', '--backend', 'wasm', '--out', join(out, 'fc')]);
    assert.equal(fc2.code, 0, fc2.err);
    const film = join(tmp, 'film');
    const r2 = await cli(['train', 'pangu', '--config', join(examples, 'pangu-convmap.json'), '--out', film,
      '--set', `data.dir=${ds}`, '--set', 'engine.backend=wasm', '--set', 'data.batchSize=4', '--set', 'pangu.embedDim=8',
      '--set', 'pangu.numHeads=[2,2,2,2]', '--set', 'pangu.depths=[2,2,2,2]', '--set', 'pangu.windowSize=[2,2,2]', '--set', 'pangu.shiftSize=[1,1,1]',
      '--set', 'trainer.maxEpochs=1', '--set', 'trainer.maxSteps=2', '--set', 'optim.warmupSteps=1', '--set', 'samples=0']);
    assert.equal(r2.code, 0, r2.err);
    const ev = await cli(['evaluate', film, '--data', ds, '--split', 'train', '--baselines', 'persistence', '--lead-times', '1..2', '--backend', 'wasm', '--out', join(film, 'eval')]);
    assert.equal(ev.code, 0, ev.err);
    assert.ok(existsSync(join(film, 'eval', 'scorecard.json')));
    const fc = await cli(['forecast', '--run', film, '--data', ds, '--index', '3', '--steps', '2', '--backend', 'wasm', '--out', join(film, 'fc')]);
    assert.equal(fc.code, 0, fc.err);
  });
});
