#!/usr/bin/env node
// Builds a package's Node-API addon against libtorch with the C++ compiler directly: no node-gyp, no
// header download, no registry. Shared by every addon package (`npm run build:native` in each):
//   node scripts/native/build-addon.mjs <package dir> [--clean] [--out <dir>]
// The package describes its addon in native/addon.json:
//   { "target": "tfjs_torch", "sources": ["addon.cc", …], "needs": "aten" | "c10d",
//     "defines": [...], "cflags": [...], "libs": [...], "meta": "torch-build.json",
//     "notBuilt": "libtorch backend not built" }   (how a failure starts: the loader says the same)
// Output: <out>/Release/<target>.node and <out>/<meta> (what was linked: the loaders report it);
// <out> defaults to <package>/build. Objects are rebuilt only when a source or header they include,
// or the flags, changed. Headers: node's own (`<node prefix>/include/node`, beside process.execPath,
// or $npm_config_nodedir) and node-addon-api's. Never run from an install script: when libtorch or
// a compiler is missing it says why and exits 1, and the package works without its addon.
// Environment (build script only): LIBTORCH_DIR, LIBTORCH_FROM=python, PYTHON, CXX, JOBS, and
// libtorch.mjs's overrides.
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync, renameSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { findLibtorch } from './libtorch.mjs';

const args = process.argv.slice(2);
const pkg = resolve(args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--out') ?? '.');
const outArg = args.indexOf('--out');
const out = resolve(outArg >= 0 ? args[outArg + 1] : join(pkg, 'build'));
const specPath = join(pkg, 'native', 'addon.json');
const spec = existsSync(specPath) ? JSON.parse(readFileSync(specPath, 'utf8')) : undefined;
const label = spec?.notBuilt ?? `${spec?.target ?? basename(pkg)} addon not built`;

function fail(reason) {
  console.error(`${label}: ${reason}`);
  process.exit(1);
}
if (!spec) fail(`${specPath} is missing (which addon to build)`);

function nodeHeaders() {
  const dirs = [process.env.npm_config_nodedir, dirname(dirname(process.execPath))].filter(Boolean).map((d) => join(d, 'include', 'node'));
  const dir = dirs.find((d) => existsSync(join(d, 'node_api.h')));
  if (!dir) fail(`node's headers not found (looked for node_api.h in ${dirs.join(', ')}); install the node headers (Debian: libnode-dev or nodejs's include/) or set npm_config_nodedir`);
  return dir;
}

function napiHeaders() {
  try {
    return dirname(createRequire(join(pkg, 'package.json')).resolve('node-addon-api/package.json'));
  } catch {
    return fail(`node-addon-api not found from ${pkg} (npm install, or put node_modules/node-addon-api above the package)`);
  }
}

const torch = findLibtorch(process.env, spec.needs ?? 'aten');
if (torch.error) fail(`no libtorch found: ${torch.error}. Install Debian's (apt-get install -y --no-install-recommends libtorch-dev libgloo-dev), pip install torch, or set LIBTORCH_DIR`);
console.log(`${spec.target}: libtorch ${torch.version} from ${torch.source} (${torch.libdir}; ${torch.std}, _GLIBCXX_USE_CXX11_ABI=${torch.abi}${torch.cuda ? ', CUDA' : ''})`);

const cxx = process.env.CXX || 'c++';
const cflags = ['-fPIC', '-pthread', '-fexceptions', '-frtti', '-Wall', '-Wno-unused-parameter', '-Wno-unused-function',
  ...torch.cflags, ...(spec.cflags ?? ['-O2']),
  ...['NAPI_VERSION=8', 'NAPI_CPP_EXCEPTIONS', 'NODE_ADDON_API_DISABLE_DEPRECATED', ...(spec.defines ?? [])].map((d) => `-D${d}`),
  `-I${napiHeaders()}`, `-I${nodeHeaders()}`, ...torch.includes.flatMap((i) => ["-isystem", i])];
const objDir = join(out, 'obj', spec.target);
const release = join(out, 'Release');
if (args.includes('--clean')) rmSync(out, { recursive: true, force: true });
mkdirSync(objDir, { recursive: true });
mkdirSync(release, { recursive: true });

/** Whether `obj` is newer than every file its `.d` lists and was built with the same flags. */
function upToDate(obj, flagsHash) {
  const dep = `${obj}.d`;
  if (!existsSync(obj) || !existsSync(dep) || !existsSync(`${obj}.flags`)) return false;
  if (readFileSync(`${obj}.flags`, 'utf8') !== flagsHash) return false;
  const t = statSync(obj).mtimeMs;
  const files = readFileSync(dep, 'utf8').replace(/\\\n/g, ' ').split(':').slice(1).join(':').split(/\s+/).filter(Boolean);
  return files.every((f) => existsSync(f) && statSync(f).mtimeMs <= t);
}

function run(argv) {
  return new Promise((done) => {
    const p = spawn(argv[0], argv.slice(1), { stdio: 'inherit' });
    p.on('error', (e) => done(`${argv[0]}: ${e.message}`));
    p.on('exit', (code, sig) => done(code === 0 ? undefined : `${argv[0]} exited with ${code ?? sig}`));
  });
}

const t0 = Date.now();
// libtorch's headers are system headers (-isystem: not in the .d files), so its version and place are part of the key.
const flagsHash = createHash('sha256').update([cxx, torch.version, torch.libdir, ...cflags].join('\0')).digest('hex');
const jobs = (spec.sources ?? []).map((s) => {
  const src = join(pkg, 'native', s);
  const obj = join(objDir, `${basename(s).replace(/\.[^.]+$/, '')}.o`);
  return { src, obj, fresh: upToDate(obj, flagsHash) };
});
const todo = jobs.filter((j) => !j.fresh);
let next = 0;
const errors = [];
async function worker() {
  while (next < todo.length && errors.length === 0) {
    const j = todo[next++];
    console.log(`  c++ ${basename(j.src)}`);
    const err = await run([cxx, ...cflags, '-MMD', '-MF', `${j.obj}.d`, '-c', j.src, '-o', j.obj]);
    if (err) errors.push(`${basename(j.src)}: ${err}`);
    else writeFileSync(`${j.obj}.flags`, flagsHash);
  }
}
await Promise.all(Array.from({ length: Math.max(1, Number(process.env.JOBS ?? 2)) }, worker));
if (errors.length) fail(`compile failed (${errors.join('; ')}; see the output above)`);

const target = join(release, `${spec.target}.node`);
const linkErr = await run([cxx, '-shared', '-pthread', '-o', `${target}.tmp`, ...jobs.map((j) => j.obj), ...torch.ldflags, ...(spec.libs ?? [])]);
if (linkErr) fail(`link failed (${linkErr}; see the output above)`);
renameSync(`${target}.tmp`, target);
// What the loader reports (EngineInfo notes, `weatherlearn env`).
const meta = { source: torch.source, version: torch.version, libdir: torch.libdir, std: torch.std, abi: torch.abi, cuda: torch.cuda, builtAt: new Date().toISOString() };
const metaPath = join(out, spec.meta ?? `${spec.target}-build.json`);
writeFileSync(`${metaPath}.tmp`, JSON.stringify(meta, null, 2));
renameSync(`${metaPath}.tmp`, metaPath);
console.log(`built ${target} in ${((Date.now() - t0) / 1000).toFixed(1)} s (${todo.length}/${jobs.length} sources compiled)`);
