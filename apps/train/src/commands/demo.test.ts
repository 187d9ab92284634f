import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readStateDict, toFloat32 } from '@weatherlearn/tensor-io';
import { decodePng } from '@weatherlearn/viz';
import { withTempDir } from '@weatherlearn/test-parts';
import { runCommand } from '../testing/run-command.js';
import { registerDemo } from './demo.js';

/** Distinct RGB colours of a PNG, and its size. */
function pngInfo(path: string) {
  const img = decodePng(readFileSync(path), path);
  const colours = new Set<number>();
  for (let i = 0; i < img.data.length; i += 4) colours.add((img.data[i]! << 16) | (img.data[i + 1]! << 8) | img.data[i + 2]!);
  return { width: img.width, height: img.height, colours: colours.size };
}

function finalWeights(path: string) {
  const sd = readStateDict(readFileSync(path));
  for (const [k, t] of Object.entries(sd)) {
    if (t.dtype === 'float32') assert.ok(toFloat32(t).every(Number.isFinite), `${path}: ${k} holds non-finite values`);
  }
  return sd;
}

test('demo --help describes the steps, sizes and --data', async () => {
  const r = await runCommand(registerDemo, ['demo', '--help']);
  assert.equal(r.code, 0);
  const help = r.out.join('');
  for (const s of ['--size <size>', 'tiny', 'small', '--data <dir>', '--seed <n>', '--out <dir>', 'superdarn grid', 'train pangu', 'train dino', 'report']) assert.ok(help.includes(s), `help lacks ${s}`);
});

test('demo refuses bad flags and a non-empty folder it did not write', async () => {
  await withTempDir(async (tmp) => {
    let r = await runCommand(registerDemo, ['demo', '--size', 'huge', '--out', tmp]);
    assert.notEqual(r.code, 0);
    assert.match(r.err.join(''), /--size <size>.*Allowed choices are tiny, small/);
    r = await runCommand(registerDemo, ['demo', '--seed', '-3', '--out', tmp]);
    assert.match(r.err.join(''), /--seed must be an integer from 0 to 2147483648, got/);
    writeFileSync(join(tmp, 'thesis.tex'), 'precious');
    r = await runCommand(registerDemo, ['demo', '--size', 'tiny', '--out', tmp]);
    assert.equal(r.code, 1);
    assert.match(r.err.join('\n'), /--out .* is not empty and was not written by the demo/);
    assert.equal(readFileSync(join(tmp, 'thesis.tex'), 'utf8'), 'precious');
    const empty = join(tmp, 'empty');
    mkdirSync(empty);
    r = await runCommand(registerDemo, ['demo', '--size', 'tiny', '--out', join(tmp, 'o'), '--data', empty]);
    assert.equal(r.code, 1);
    assert.match(r.err.join('\n'), /--data .*empty: no SuperDARN GRID\/MAP files .* and no \*\.nc files/);
    r = await runCommand(registerDemo, ['demo', '--out', tmp, '--data', join(tmp, 'empty')]);
    assert.match(r.err.join('\n'), /--data .*empty lies inside --out .*, which the demo clears/);
    assert.equal(readFileSync(join(tmp, 'thesis.tex'), 'utf8'), 'precious');
  });
});

test('demo --size tiny end to end: datasets, Pangu + DINO runs, checkpoints, metrics, PNGs, reports, final.pt', { timeout: 240_000 }, async () => {
  await withTempDir(async (tmp) => {
    const out = join(tmp, 'demo');
    const t0 = Date.now();
    const r = await runCommand(registerDemo, ['demo', '--size', 'tiny', '--out', out, '--seed', '3']);
    const log = [...r.err, ...r.out].join('\n');
    assert.equal(r.code, 0, log);
    const seconds = (Date.now() - t0) / 1000;
    assert.ok(seconds < 120, `tiny demo took ${seconds.toFixed(0)} s`);
    // every step is printed as the CLI command it is
    for (const c of ['superdarn grid', 'gridrad preprocess', 'gridrad to-pt', 'gridrad split', 'train pangu', 'train dino', 'plot curves', 'report']) {
      assert.match(log, new RegExp(`\\$ weatherlearn ${c} `), `no "${c}" step`);
    }
    // datasets
    const index = JSON.parse(readFileSync(join(out, 'data', 'superdarn', 'index.json'), 'utf8'));
    assert.deepEqual(index.sampleShape, [6, 32, 32]);
    assert.ok(index.samples.some((s: { split: string }) => s.split === 'val'), 'the SuperDARN dataset has a val split');
    assert.ok(readdirSync(join(out, 'data', 'gridrad', 'npz', 'split', 'patches')).filter((f) => f.endsWith('.pt')).length >= 16);

    for (const model of ['pangu', 'dino']) {
      const run = join(out, 'runs', model);
      // checkpoints with a last pointer
      const last = readFileSync(join(run, 'checkpoints', 'last'), 'utf8').trim();
      assert.ok(statSync(join(run, 'checkpoints', last, 'model.safetensors')).size > 1000, `${model}: checkpoint ${last}`);
      // metrics: jsonl with a finite loss per step, TensorBoard events
      const rows = readFileSync(join(run, 'metrics.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
      const losses = rows.map((x) => x.loss ?? x.metrics?.loss).filter((v) => typeof v === 'number');
      assert.ok(losses.length >= 4 && losses.every(Number.isFinite), `${model}: losses ${losses}`);
      const tb = readdirSync(join(run, 'tensorboard')).filter((f) => f.startsWith('events.out.tfevents.'));
      assert.ok(tb.length === 1 && statSync(join(run, 'tensorboard', tb[0]!)).size > 200, `${model}: TensorBoard events`);
      // report
      const html = readFileSync(join(run, 'report.html'), 'utf8');
      assert.ok(html.length > 10_000 && html.includes('<svg'), `${model}: report too small`);
      assert.ok(r.out.some((l) => l.includes(join(run, 'report.html'))), `${model}: report path printed`);
    }
    // PNGs: large enough, many colours (not blank)
    const pngs = [join(out, 'plots', 'pangu-loss.png'), join(out, 'plots', 'dino-loss.png'), join(out, 'plots', 'superdarn-grid-vectors.png'), join(out, 'runs', 'pangu', 'samples', 'velocity-forecast.png')];
    for (const p of pngs) {
      const info = pngInfo(p);
      assert.ok(info.width >= 300 && info.height >= 200 && info.colours > 50, `${p}: ${JSON.stringify(info)}`);
      assert.ok(r.out.some((l) => l.includes(p)), `${p} printed`);
    }
    // the report embeds the forecast samples
    assert.match(readFileSync(join(out, 'runs', 'pangu', 'report.html'), 'utf8'), /sample-000/);
    // final weights: PyTorch state dicts that load, with the models' keys
    const pangu = finalWeights(join(out, 'runs', 'pangu', 'final.pt'));
    assert.deepEqual(pangu['patchembed2d.proj.weight']?.shape.slice(0, 2), [8, 6]);
    const dino = finalWeights(join(out, 'runs', 'dino', 'final.pt'));
    assert.ok('backbone.patch_embed.proj.weight' in dino && 'head.last_layer.weight_g' in dino, Object.keys(dino).slice(0, 5).join(', '));
    // a second run replaces the previous demo output and, seeded, gives the same weights
    const before = readFileSync(join(out, 'runs', 'pangu', 'final.pt'));
    writeFileSync(join(out, 'runs', 'pangu', 'stale.txt'), 'from the first run');
    const again = await runCommand(registerDemo, ['demo', '--size', 'tiny', '--out', out, '--seed', '3']);
    assert.equal(again.code, 0, again.err.join('\n'));
    assert.ok(!existsSync(join(out, 'runs', 'pangu', 'stale.txt')), 'the previous output was cleared');
    assert.doesNotMatch(again.err.join('\n'), /resuming from/);
    assert.ok(readFileSync(join(out, 'runs', 'pangu', 'final.pt')).equals(before), 'same seed, same Pangu weights');
  });
});
