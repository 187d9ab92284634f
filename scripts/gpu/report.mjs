#!/usr/bin/env node
// Collects the GPU check's step outputs ($OUT/<step>.json, steps.jsonl) into $OUT/gpu-report.json and
// $OUT/gpu-report.md, prints the markdown, and exits 1 when a step failed (rc other than 0 or 3=skipped).
//   node report.mjs <out dir> <gpu|cpu> <device>
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { cpus, hostname } from 'node:os';
import { join } from 'node:path';

const [out, mode, device] = process.argv.slice(2);
if (!out || !existsSync(join(out, 'steps.jsonl'))) {
  console.error(`report.mjs: ${out ?? '(no out dir)'}/steps.jsonl is missing (run check.sh)`);
  process.exit(1);
}
const steps = readFileSync(join(out, 'steps.jsonl'), 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
/** The last JSON value a step printed, or undefined. */
function result(name) {
  const f = join(out, `${name}.json`);
  if (!existsSync(f)) return undefined;
  const text = readFileSync(f, 'utf8').trim();
  try { return JSON.parse(text); } catch { /* several lines: the last one is the result */ }
  try { return JSON.parse(text.split('\n').pop()); } catch { return undefined; }
}
const status = (s) => (s.rc === 0 ? 'ok' : s.rc === 3 ? 'skipped' : 'FAILED');
const kit = existsSync(new URL('./MANIFEST.json', import.meta.url)) ? JSON.parse(readFileSync(new URL('./MANIFEST.json', import.meta.url), 'utf8')) : undefined;

const byName = (r) => Object.fromEntries((r?.rows ?? []).map((x) => [x.name, x]));
const o = Object.assign({}, ...steps.filter((s) => s.name.startsWith('speed-ours')).map((s) => byName(result(s.name))));
const block = result('speed-pytorch-block');
const pt = { ...byName(block), ...byName(result('speed-pytorch-dino')) };
for (const s of steps.filter((x) => x.name.startsWith('speed-pytorch-pangu-b'))) {
  const r = result(s.name);
  if (r) pt[`pangu-b${r.batch}`] = { ms: r.step_checkpoint_ms, grid: r.grid, forward_ms: r.forward_ms, step_no_checkpoint_ms: r.step_ms };
}
const coll = byName(result('collectives-pytorch'));
if (coll.gloo) pt.gloo = coll.gloo;
if (coll.nccl) pt.nccl = coll.nccl;
const labels = {
  block: 'transformer block train step (8×64×192, 3 heads, Adam)',
  dino: 'DINO train step (student + EMA teacher)',
  gloo: 'Gloo allreduce + broadcast + barrier (world 1)',
  nccl: 'NCCL allreduce + broadcast + barrier (world 1; ours: the scripts/gpu/nccl probe)',
};
const speed = [...new Set([...Object.keys(o), ...Object.keys(pt)])].map((k) => {
  const label = k.startsWith('pangu-b') ? `Pangu superdarn train step, grid ${o[k]?.grid ?? pt[k]?.grid}, batch ${k.slice(7)} (checkpointed)` : labels[k] ?? k;
  const ratio = o[k] && pt[k] ? o[k].ms / pt[k].ms : undefined;
  return { name: k, label, oursMs: o[k]?.ms, pytorchMs: pt[k]?.ms, ratio };
});

const reference = Object.fromEntries(steps.filter((s) => s.name.startsWith('reference-')).map((s) => {
  // reference-<dir>-tf32: the same check with libtorch's TF32 defaults (informational: never a failure).
  const r = result(s.name);
  const worst = r?.comparisons ? Math.max(...r.comparisons.map((c) => c.maxAbsErr / c.limit)) : undefined;
  return [s.name.slice(10), { status: status(s), family: r?.family, ok: r?.ok, worstErrorOverLimit: worst, skipped: r?.skipped }];
}));
const failed = steps.filter((s) => status(s) === 'FAILED').map((s) => s.name);
const report = {
  ok: failed.length === 0, failed, mode, device, host: hostname(), cpu: cpus()[0]?.model, cores: cpus().length,
  at: new Date().toISOString(), kit: kit && { version: kit.version, builtAt: kit.builtAt, bytes: kit.bytes },
  pytorch: block?.runtime, env: result('env'), addons: result('addons'),
  steps: steps.map((s) => ({ ...s, status: status(s) })),
  reference, speed, train: result('train-pangu'), tensorboard: result('tensorboard'),
};
const fmt = (v, d = 2) => (v === undefined || v === null || Number.isNaN(v) ? '—' : Number(v).toFixed(d));
const md = [
  `# GPU check: ${mode === 'cpu' ? 'CPU run (--cpu, reduced sizes)' : `device ${device}`} — ${report.ok ? 'all steps passed' : `FAILED: ${failed.join(', ')}`}`,
  '',
  `Host ${report.host} (${report.cpu}, ${report.cores} cores)${block?.runtime?.gpu ? `, GPU ${block.runtime.gpu}` : ''}; PyTorch ${block?.runtime?.torch ?? '?'}`
    + `${block?.runtime?.cuda ? `, CUDA ${block.runtime.cuda}, cuDNN ${block.runtime.cudnn}, NCCL ${block.runtime.nccl}` : ''}; ${report.at}.`,
  '',
  '| step | status | seconds |', '|---|---|---|',
  ...report.steps.map((s) => `| ${s.name} | ${s.status} | ${s.seconds} |`),
  '',
  '| reference family | result | worst error / limit |', '|---|---|---|',
  ...Object.entries(reference).map(([k, r]) => `| ${k}${r.family && r.family !== k ? ` (${r.family})` : ''} | ${r.skipped ? `skipped: ${r.skipped}` : r.ok === true ? 'pass' : r.ok === false && k.endsWith('-tf32') ? 'over the fp32 tolerance (TF32, informational)' : r.status} | ${fmt(r.worstErrorOverLimit, 3)} |`),
  '',
  '| speed (ms per step) | ours (torch backend) | PyTorch | ours / PyTorch |', '|---|---|---|---|',
  ...speed.map((r) => `| ${r.label}${r.note ? ` (${r.note})` : ''} | ${fmt(r.oursMs)} | ${fmt(r.pytorchMs)} | ${fmt(r.ratio)} |`),
  '',
  `weatherlearn train pangu (examples/pangu-superdarn.json, tiny SuperDARN set): ${report.train ? `${fmt(report.train.stepsPerSecond)} steps/s over ${report.train.steps} steps` : 'not run'}.`,
  `TensorBoard: ${report.tensorboard?.scalars ? `read ${Object.keys(report.tensorboard.scalars).length} scalar tags (tensorboard ${report.tensorboard.tensorboard})` : report.tensorboard?.skipped ?? 'not run'}.`,
  '',
].join('\n');
for (const [name, text] of [['gpu-report.json', `${JSON.stringify(report, null, 2)}\n`], ['gpu-report.md', md]]) {
  writeFileSync(join(out, `${name}.tmp`), text);
  renameSync(join(out, `${name}.tmp`), join(out, name));
}
process.stdout.write(md);
process.exit(report.ok ? 0 : 1);
