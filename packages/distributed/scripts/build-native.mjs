#!/usr/bin/env node
// `npm run build:native`: builds build/Release/weatherlearn_c10d.node with the node-gyp that ships inside npm.
// Never run from an install script: when libtorch is missing or the build fails, it says why and exits 1,
// and the package keeps working without the backend (the loader reports "distributed addon not built").
// Environment (build script only): LIBTORCH_DIR, LIBTORCH_CXX11_ABI, LIBTORCH_CXX_STD, PYTHON, JOBS.
import { existsSync, writeFileSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { findLibtorch } from './libtorch-config.mjs';

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..');

function fail(reason) {
  console.error(`distributed addon not built: ${reason}`);
  process.exit(1);
}

function findNodeGyp() {
  const candidates = [];
  const npmExec = process.env.npm_execpath;
  if (npmExec) candidates.push(join(dirname(npmExec), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  const which = spawnSync('sh', ['-c', 'readlink -f "$(command -v npm)"'], { encoding: 'utf8' }).stdout.trim();
  if (which) candidates.push(join(dirname(which), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  candidates.push(join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  return candidates.find((c) => existsSync(c));
}

const torch = findLibtorch();
if (torch.error) fail(`no libtorch found: ${torch.error}. Install Debian's (apt-get install -y --no-install-recommends libtorch-dev libgloo-dev), pip install torch, or set LIBTORCH_DIR`);
console.log(`libtorch ${torch.version} from ${torch.source} (${torch.libdir}; ${torch.std}, _GLIBCXX_USE_CXX11_ABI=${torch.abi})`);

const gyp = findNodeGyp();
if (!gyp) fail('node-gyp not found (it ships with npm: reinstall npm or npm install -g node-gyp)');

// Headers of the running node: /usr/include/node on Debian; node-gyp would otherwise download them.
const nodedir = process.env.npm_config_nodedir ?? dirname(dirname(process.execPath));
const extra = existsSync(join(nodedir, 'include', 'node', 'node_api.h')) ? [`--nodedir=${nodedir}`] : [];
// `--clean` starts from scratch; otherwise configure + an incremental build.
const steps = process.argv.includes('--clean') ? [['clean'], ['configure'], ['build', `--jobs=${process.env.JOBS ?? '2'}`]]
  : [['configure'], ['build', `--jobs=${process.env.JOBS ?? '2'}`]];

const t0 = Date.now();
for (const step of steps) {
  const r = spawnSync(process.execPath, [gyp, ...step, ...extra], { cwd: pkg, stdio: 'inherit' });
  if (r.status !== 0) fail(`node-gyp ${step[0]} exited with ${r.status ?? r.signal} (see the output above)`);
}
const out = join(pkg, 'build', 'Release', 'weatherlearn_c10d.node');
if (!existsSync(out)) fail(`node-gyp finished but ${out} is missing`);
// What the loader reports (EngineInfo notes, `weatherlearn env`).
const meta = { source: torch.source, version: torch.version, libdir: torch.libdir, std: torch.std, abi: torch.abi, builtAt: new Date().toISOString() };
const metaPath = join(pkg, 'build', 'c10d-build.json');
writeFileSync(`${metaPath}.tmp`, JSON.stringify(meta, null, 2));
renameSync(`${metaPath}.tmp`, metaPath);
console.log(`built ${out} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
