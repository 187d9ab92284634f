import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isTorchBuilt } from '@weatherlearn/tfjs-backend-torch';
import { requirePart } from '@weatherlearn/test-parts/require-part';
import { runCli } from '../program.js';
import { choiceReason } from './env.js';

function capture() {
  const out: string[] = [], err: string[] = [];
  return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l), env: {} } };
}

test('env reports the backend auto picks (torch where its addon is built, else wasm) and checks a matMul', async () => {
  const c = capture();
  assert.equal(await runCli(['env', '--json', '--check'], c.io), 0, c.err.join('\n'));
  const report = JSON.parse(c.out.join('\n'));
  assert.ok(['torch', 'wasm'].includes(report.engine.backend), report.engine.backend);
  if (report.engine.backend === 'wasm') assert.ok(report.engine.skipped.some((x: { backend: string }) => x.backend === 'torch'), 'says why torch was skipped');
  assert.equal(report.runtime.name, 'node');
  assert.deepEqual(report.check.matMul, [19, 22, 43, 50]);
  assert.ok(report.memory.totalGiB > 0);
});

test('--set with an unknown key fails listing the valid keys', async () => {
  const c = capture();
  assert.equal(await runCli(['--set', 'no.such.key=1', 'env'], c.io), 2);
  assert.match(c.err.join('\n'), /unknown config key "no.such.key"[\s\S]*engine\.backend/);
});

test('--print-config redacts secrets', async () => {
  const c = capture();
  c.io.env = { WANDB_API_KEY: 'super-secret-key' } as never;
  assert.equal(await runCli(['--print-config', '--set', 'engine.backend=cpu', 'env'], c.io), 0);
  const cfg = JSON.parse(c.out.join('\n'));
  assert.equal(cfg.engine.backend, 'cpu');
  assert.equal(cfg.loggers.wandb.apiKey, '***');
  assert.ok(!c.out.join('').includes('super-secret-key'));
});

test('unknown commands and options give help hints', async () => {
  const c = capture();
  assert.notEqual(await runCli(['evn'], c.io), 0);
  assert.match(c.err.join('\n'), /Did you mean env\?/);
  const d = capture();
  assert.notEqual(await runCli(['env', '--jsn'], d.io), 0);
  assert.match(d.err.join('\n'), /unknown option '--jsn'/);
});

test('env names the BLAS libtorch loaded and why auto chose its backend; an optimized BLAS picks torch', { skip: requirePart('libtorch', !isTorchBuilt() && 'the libtorch addon is not built') }, async () => {
  const c = capture();
  assert.equal(await runCli(['env', '--json'], c.io), 0, c.err.join('\n'));
  const report = JSON.parse(c.out.join('\n'));
  assert.ok(report.blas, 'a blas entry');
  assert.ok(report.blas.optimized, `libtorch runs on the ${report.blas.name}: ${report.blas.warning}`);
  assert.equal(report.engine.backend, 'torch', report.choice);
  assert.match(report.choice, /^torch: the fastest backend available here$/);
  const t = capture();
  assert.equal(await runCli(['env'], t.io), 0, t.err.join('\n'));
  assert.match(t.out.join('\n'), /^blas +libtorch uses OpenBLAS|^blas +libtorch uses (BLIS|Intel MKL|ATLAS|linked into libtorch)/m);
  assert.match(t.out.join('\n'), /^choice +torch: /m);
});

test('the choice line says whether the backend was named or what auto skipped', () => {
  const info = { backend: 'wasm', skipped: [{ backend: 'torch', reason: 'slower than wasm on this machine: …' }] } as Parameters<typeof choiceReason>[1];
  assert.equal(choiceReason('auto', info), 'wasm: the fastest backend usable here (auto skipped torch: see the skipped lines)');
  assert.equal(choiceReason('wasm', info), 'wasm (named in engine.backend)');
  assert.equal(choiceReason('auto', { ...info, skipped: [] }), 'wasm: the fastest backend available here');
});
