// `weatherlearn --version` / `--help` start fast because command modules load lazily
// (commands/index.ts). The main proof is which modules get loaded — a loader hook records every
// resolved URL — since timings on a shared machine are noisy; the timing bound is generous.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { COMMANDS } from './commands/index.js';
import { buildProgram } from './program.js';

const app = fileURLToPath(new URL('..', import.meta.url));
const HEAVY = /@tensorflow|@aws-sdk|@smithy|h5wasm|\/packages\/(engine|pangu|dino|trainer|superdarn|tfjs-backend-torch|distributed|viz)\//;

/** Runs the CLI from source under a loader hook; returns its output and every URL it resolved. */
function traced(args: string[]): { status: number | null; stdout: string; urls: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'wl-startup-'));
  const log = join(dir, 'resolved.log');
  writeFileSync(join(dir, 'hooks.mjs'), `import { appendFileSync } from 'node:fs';
let log;
export function initialize(data) { log = data.log; }
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  appendFileSync(log, r.url + '\\n');
  return r;
}
`);
  writeFileSync(join(dir, 'register.mjs'), `import { register } from 'node:module';
register(${JSON.stringify(pathToFileURL(join(dir, 'hooks.mjs')).href)}, { data: { log: ${JSON.stringify(log)} } });
`);
  writeFileSync(log, '');
  const r = spawnSync(process.execPath, ['--conditions=source', '--import', join(dir, 'register.mjs'), '--import', 'tsx', 'src/cli.ts', ...args],
    { cwd: app, encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.status, 0, r.stderr);
  return { status: r.status, stdout: r.stdout, urls: readFileSync(log, 'utf8').split('\n').filter(Boolean) };
}

test('--version and --help load no TensorFlow.js, AWS SDK or model package', () => {
  const version = traced(['--version']);
  assert.match(version.stdout, /^\d+\.\d+\.\d+/);
  assert.ok(version.urls.some((u) => u.includes('/commander/')), 'the hook saw the CLI load commander');
  assert.deepEqual(version.urls.filter((u) => HEAVY.test(u)), []);
  const help = traced(['--help']);
  for (const c of COMMANDS) assert.match(help.stdout, new RegExp(`^  ${c.name}\\b`, 'm'), `${c.name} listed in --help`);
  assert.deepEqual(help.urls.filter((u) => HEAVY.test(u)), []);
});

test('a command --help loads that command only, with every option listed', () => {
  const r = traced(['train', '--help']);
  for (const o of ['--config <file>', '--out <dir>', '--resume', '--fast-dev-run', '--print-config']) assert.ok(r.stdout.includes(o), o);
  assert.ok(r.urls.some((u) => /commands\/train\.ts$/.test(u)));
  assert.ok(!r.urls.some((u) => /commands\/(superdarn|gridrad|embed|reference)\.ts$/.test(u)), 'other command modules not loaded');
});

test('each command summary equals its module description (root --help and `X --help` agree)', async () => {
  const full = await buildProgram({ out: () => {}, err: () => {} });
  for (const c of COMMANDS) {
    const cmd = full.commands.find((x) => x.name() === c.name);
    assert.ok(cmd, `${c.name} registered by its module`);
    assert.equal(c.summary, cmd.description(), c.name);
  }
  assert.equal(full.commands.length, COMMANDS.length);
});

test('the built CLI answers --version quickly (generous bound; module loads above are the proof)', (t) => {
  const cli = join(app, 'dist', 'cli.js');
  const fresh = existsSync(cli) && statSync(cli).mtimeMs >= statSync(join(app, 'src', 'commands', 'index.ts')).mtimeMs;
  if (!fresh) {
    const msg = 'dist/cli.js missing or older than src (run `npm run build -w @weatherlearn/train`)';
    if (process.env.CI === 'true') assert.fail(msg);
    t.skip(msg);
    return;
  }
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [join(app, 'bin', 'weatherlearn.mjs'), '--version'], { encoding: 'utf8', timeout: 60_000 });
    best = Math.min(best, performance.now() - t0);
    assert.equal(r.status, 0, r.stderr);
  }
  assert.ok(best < 1500, `--version took ${best.toFixed(0)} ms at best of 3`);
});
