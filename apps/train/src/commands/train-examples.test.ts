import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { withTempDir } from '@weatherlearn/test-parts';
import { runCli } from '../program.js';

const here = dirname(fileURLToPath(import.meta.url));
const examples = resolve(here, '..', '..', '..', '..', 'examples');

async function cli(args: string[]) {
  const out: string[] = [], err: string[] = [];
  const code = await runCli(args, { out: (l) => out.push(l), err: (l) => err.push(l), env: {}, isTTY: false });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** Reads a dotted key of the printed config. */
const at = (cfg: Record<string, unknown>, key: string): unknown => key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], cfg);

test('gridrad-dino-original.json: --print-config shows every main_dino.py flag of GRIDRAD\'s command', async () => {
  const r = await cli(['train', 'dino', '--config', join(examples, 'gridrad-dino-original.json'), '--out', '/nonexistent', '--print-config']);
  assert.equal(r.code, 0, r.err);
  const c = JSON.parse(r.out) as Record<string, unknown>;
  const want: Record<string, unknown> = {
    'dino.embedDim': 384, 'dino.depth': 12, 'dino.numHeads': 6, 'dino.patchSize': 16, 'trainer.maxEpochs': 200, 'data.batchSize': 16,
    'dino.normLastLayer': false, 'dino.teacherTemp': 0.00008, 'dino.warmupTeacherTemp': 0.00004, 'optim.lr': 0.0002, 'optim.lrScaling': 'linear-256',
    'dino.warmupEpochs': 0, 'dino.warmupTeacherTempEpochs': 199, 'optim.minLr': 1e-6, 'optim.weightDecay': 0.04, 'optim.weightDecayEnd': 0.4,
    'trainer.gradientClipVal': 3, 'trainer.gradientClipAlgorithm': 'per-parameter', 'dino.freezeLastLayer': 1, 'dino.momentumTeacher': 0.996,
    'dino.outDim': 65536, 'dino.dropPathRate': 0.1, 'dino.localCropsNumber': 8, 'dino.localCropSize': 96, 'dino.mean': [0.5], 'dino.std': [0.5],
  };
  for (const [k, v] of Object.entries(want)) assert.deepEqual(at(c, k), v, k);
});

test('pangu-superdarn-original.json: --print-config shows the seed\'s settings, the preset filling the rest', async () => {
  const r = await cli(['train', 'pangu', '--config', join(examples, 'pangu-superdarn-original.json'), '--out', '/nonexistent', '--print-config']);
  assert.equal(r.code, 0, r.err);
  const c = JSON.parse(r.out) as Record<string, unknown>;
  const want: Record<string, unknown> = {
    'pangu.embedDim': 64, 'pangu.numHeads': [8, 16, 16, 8], 'pangu.depths': [2, 6, 6, 2], 'pangu.windowSize': [2, 8, 16], 'pangu.mlpRatio': 2,
    'pangu.timeStep': 3, 'pangu.noiseFactor': 0.1, 'pangu.loss': 'mse-sum', 'pangu.optimizer': 'adam-l2', 'pangu.downsample': 'seed',
    'pangu.dropPathSchedule': 'seed', 'optim.lr': 0.001, 'optim.schedule': 'constant', 'optim.weightDecay': 0.05, 'data.batchSize': 2,
    'trainer.gradientClipVal': 0.25, 'trainer.gradientClipAlgorithm': 'norm', 'trainer.maxEpochs': 200, 'data.normalisation': 'frobenius',
  };
  for (const [k, v] of Object.entries(want)) assert.deepEqual(at(c, k), v, k);
});

test('both original recipes train with `weatherlearn train` (a fast dev run on synthetic data of a small size)', { timeout: 300_000 }, async () => {
  await withTempDir(async (tmp) => {
    const dino = await cli(['train', 'dino', '--config', join(examples, 'gridrad-dino-original.json'), '--out', join(tmp, 'd'), '--fast-dev-run', '1',
      '--set', 'data.source=synthetic', '--set', 'data.samples=2', '--set', 'data.batchSize=2', '--set', 'data.channels=1',
      '--set', 'dino.imageSize=32', '--set', 'dino.localCropSize=16', '--set', 'dino.localCropsNumber=2', '--set', 'dino.embedDim=24', '--set', 'dino.depth=1',
      '--set', 'dino.outDim=64', '--set', 'dino.headHiddenDim=32', '--set', 'dino.headBottleneckDim=16', '--set', 'engine.backend=wasm']);
    assert.equal(dino.code, 0, dino.err);
    assert.ok(existsSync(join(tmp, 'd', 'final.pt')));
    const pangu = await cli(['train', 'pangu', '--config', join(examples, 'pangu-superdarn-original.json'), '--out', join(tmp, 'p'), '--fast-dev-run', '1',
      '--set', 'data.source=synthetic', '--set', 'data.grid=24', '--set', 'data.samples=2', '--set', 'data.valSamples=1',
      '--set', 'pangu.embedDim=16', '--set', 'pangu.depths=[2,2,2,2]', '--set', 'pangu.numHeads=[2,4,4,2]', '--set', 'pangu.windowSize=[2,2,4]',
      '--set', 'pangu.shiftSize=[1,1,2]', '--set', 'pangu.timeStep=1', '--set', 'engine.backend=wasm']);
    assert.equal(pangu.code, 0, pangu.err);
    assert.ok(existsSync(join(tmp, 'p', 'final.pt')));
  });
});
