import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeSolarWindMapFile } from '@weatherlearn/testkit';
import { withTempDir } from '@weatherlearn/test-parts';
import { runCli } from '../program.js';

// Issue 23 leftover 4: the FiLM proof on generated MAP FILES through the CLI. testkit writes a CONVMAP
// series (real DMAP) whose fit changes by a known response to the IMF By/Bz each record carries;
// `superdarn grid --method polar` makes the dataset; a tiny residual Pangu with FiLM beats persistence
// on the validation split, the same run without FiLM does not (the change is not in the frame).
// Trained as examples/pangu-convmap.json trains: the original's loss mask (observed drift only, hard
// cut at occupancy > 0), and val_skill_persistence — pooled over the validation set as the original —
// weighted by the same mask (pangu.skillMask 'loss', the default). Scoring every
// pixel instead (skillMask none, the original's score) counts the cells outside the radars' coverage,
// where the loss leaves the model free, and the FiLM run's skill falls to ≈ 0.34 (without FiLM ≈ 0.04).
// The generated-tensor version of this proof is packages/pangu/src/film.test.ts.
const examples = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'examples');
async function cli(args: string[]) {
  const out: string[] = [], err: string[] = [];
  const code = await runCli(args, { out: (l) => out.push(l), err: (l) => err.push(l), env: {}, isTTY: false });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
// 150 steps of batch 4 (under a minute per run on one core): FiLM 0.69, without 0.04 on seed 7.
const STEPS = 150;
const SEED = 7; // also passes with 11 (FiLM 0.66, without 0.01) and 3 (0.73, 0.05)

async function valSkill(ds: string, out: string, film: boolean): Promise<number> {
  const r = await cli(['train', 'pangu', '--config', join(examples, 'pangu-convmap.json'), '--out', out,
    '--set', `data.dir=${ds}`, '--set', 'engine.backend=cpu', '--set', 'data.batchSize=4', '--set', 'pangu.embedDim=8',
    '--set', 'pangu.numHeads=[2,2,2,2]', '--set', 'pangu.depths=[2,2,2,2]', '--set', 'pangu.windowSize=[2,2,2]', '--set', 'pangu.shiftSize=[1,1,1]',
    '--set', `pangu.film=${film}`, '--set', 'pangu.noiseFactor=0', '--set', 'optim.lr=0.01', '--set', 'optim.warmupSteps=1', '--set', 'optim.weightDecay=0', '--set', 'optim.weightDecayEnd=0',
    '--set', 'trainer.ema=0', '--set', 'trainer.maxEpochs=1000', '--set', `trainer.maxSteps=${STEPS}`, '--set', `trainer.valCheckInterval=${STEPS}`,
    '--set', 'trainer.earlyStopping.enabled=false', '--set', 'trainer.checkpoint.everyEpoch=false', '--set', 'samples=0', '--set', 'loggers.names=["jsonl"]']);
  assert.equal(r.code, 0, r.err);
  const rows = readFileSync(join(out, 'metrics.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { metrics?: Record<string, number> } & Record<string, number>);
  const skills = rows.map((x) => (x.metrics ?? x).val_skill_persistence).filter((v): v is number => typeof v === 'number');
  assert.ok(skills.length > 0, `${out}: no val_skill_persistence logged: ${JSON.stringify(rows.slice(-3))}`);
  return skills[skills.length - 1]!;
}

test('FiLM learns a known solar-wind dependence from generated MAP files (skill vs persistence > 0), without FiLM it does not', { timeout: 600_000 }, async () => {
  await withTempDir(async (tmp) => {
    await writeSolarWindMapFile(join(tmp, 'maps'), { seed: SEED, hours: 3 });
    const ds = join(tmp, 'ds');
    const g = await cli(['superdarn', 'grid', '--input', join(tmp, 'maps'), '--out', ds, '--method', 'polar', '--grid-size', '16',
      '--window-minutes', '2', '--split', '0.7,0.3,0', '--split-block-minutes', '6']);
    assert.equal(g.code, 0, g.err);
    const withFilm = await valSkill(ds, join(tmp, 'film'), true), without = await valSkill(ds, join(tmp, 'nofilm'), false);
    console.log(`val_skill_persistence: FiLM ${withFilm.toFixed(3)}, without ${without.toFixed(3)}`);
    assert.ok(withFilm > 0.3, `skill with FiLM ${withFilm}`);
    // the fit relaxes 10 % towards its base per record: at most (1 − 0.9)/2 = 0.05 of skill without the scalars
    assert.ok(without < 0.08, `skill without FiLM ${without} (the change is not predictable from the frame)`);
    assert.ok(withFilm - without > 0.25);
  });
});
