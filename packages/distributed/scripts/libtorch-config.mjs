#!/usr/bin/env node
// Finds the libtorch (with c10d + Gloo) to build the collectives addon against and prints one field
// for binding.gyp:  node scripts/libtorch-config.mjs include|cflags|ldflags|summary
// Order: $LIBTORCH_DIR (an unpacked libtorch or a PyTorch wheel's `torch/` folder), Debian's
// libtorch-dev (+ libgloo-dev for the Gloo headers), then the torch that `python3` (or $PYTHON)
// imports. Build script only: it may read the environment (library code never does).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const MULTIARCH = ['/usr/lib/x86_64-linux-gnu', '/usr/lib/aarch64-linux-gnu', '/usr/lib64', '/usr/lib'];
const PG_GLOO = join('torch', 'csrc', 'distributed', 'c10d', 'ProcessGroupGloo.hpp');

function fromRoot(root, source) {
  const inc = join(root, 'include');
  const lib = join(root, 'lib');
  if (!existsSync(join(inc, PG_GLOO))) return { error: `${source}: ${join(inc, PG_GLOO)} not found (a libtorch without c10d)` };
  if (!existsSync(join(inc, 'gloo', 'algorithm.h'))) return { error: `${source}: no Gloo headers in ${inc}/gloo` };
  if (!existsSync(join(lib, 'libtorch_cpu.so')) && !existsSync(join(lib, 'libtorch.so'))) return { error: `${source}: no libtorch.so in ${lib}` };
  return { source, includes: [inc, join(inc, 'torch', 'csrc', 'api', 'include')], libdir: lib, system: false };
}

function debian() {
  if (!existsSync(join('/usr/include', PG_GLOO))) return { error: 'Debian libtorch-dev: /usr/include/torch/csrc/distributed/c10d/ProcessGroupGloo.hpp not found (apt-get install libtorch-dev)' };
  if (!existsSync('/usr/include/gloo/algorithm.h')) return { error: 'Debian: Gloo headers missing (apt-get install libgloo-dev)' };
  const libdir = MULTIARCH.find((d) => existsSync(join(d, 'libtorch_cpu.so')));
  if (!libdir) return { error: 'Debian libtorch-dev: headers present but libtorch_cpu.so not found' };
  return { source: 'debian libtorch-dev', includes: ['/usr/include/torch/csrc/api/include'], libdir, system: true };
}

function python(env) {
  for (const py of [env.PYTHON, 'python3', '/usr/bin/python3'].filter(Boolean)) {
    const r = spawnSync(py, ['-c', 'import os, torch; print(os.path.dirname(torch.__file__)); print(int(torch._C._GLIBCXX_USE_CXX11_ABI))'], { encoding: 'utf8' });
    if (r.status !== 0) continue;
    const [dir, abi] = r.stdout.trim().split('\n');
    const found = fromRoot(dir, `PyTorch (${py})`);
    if (!found.error) return { ...found, abi: Number(abi) };
    return found;
  }
  return { error: 'no python3 with torch found' };
}

/** The libtorch to use, or `{ error }` listing why each place failed. */
export function findLibtorch(env = process.env) {
  const tries = env.LIBTORCH_DIR ? [() => fromRoot(env.LIBTORCH_DIR, `LIBTORCH_DIR=${env.LIBTORCH_DIR}`)] : [debian, () => python(env)];
  const errors = [];
  for (const t of tries) {
    const r = t();
    if (!r.error) return finish(r, env);
    errors.push(r.error);
  }
  return { error: errors.join('; ') };
}

function finish(r, env) {
  const vfile = r.includes.map((i) => join(i, 'torch', 'version.h')).concat(r.includes.map((i) => join(i, '..', '..', '..', '..', 'torch', 'version.h'))).find(existsSync);
  const text = vfile ? readFileSync(vfile, 'utf8') : '';
  const num = (k) => Number(new RegExp(`define ${k} (\\d+)`).exec(text)?.[1] ?? NaN);
  const version = `${num('TORCH_VERSION_MAJOR')}.${num('TORCH_VERSION_MINOR')}.${num('TORCH_VERSION_PATCH')}`;
  const libc10 = join(r.libdir, 'libc10.so');
  const abi = env.LIBTORCH_CXX11_ABI !== undefined ? Number(env.LIBTORCH_CXX11_ABI) : r.abi ?? (existsSync(libc10) && readFileSync(libc10).includes('St7__cxx11') ? 1 : 0);
  const std = env.LIBTORCH_CXX_STD || (num('TORCH_VERSION_MAJOR') >= 2 ? 'c++20' : 'c++17');
  const files = readdirSync(r.libdir);
  const has = (n) => files.includes(`lib${n}.so`);
  const libs = ['torch', 'torch_cpu', 'c10', 'gloo'].filter(has).map((n) => `-l${n}`);
  const ldflags = [`-L${r.libdir}`, '-Wl,--no-as-needed', ...libs, '-Wl,--as-needed'];
  if (!r.system) ldflags.push(`-Wl,-rpath,${r.libdir}`);
  const cflags = [`-std=${std}`, `-D_GLIBCXX_USE_CXX11_ABI=${abi}`];
  return { ...r, version, abi, std, cflags, ldflags };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const what = process.argv[2] ?? 'summary';
  const r = findLibtorch();
  if (r.error) { console.error(`libtorch not found: ${r.error}`); process.exit(1); }
  const out = { include: r.includes, cflags: r.cflags, ldflags: r.ldflags }[what];
  console.log(out ? out.join(' ') : JSON.stringify({ source: r.source, version: r.version, libdir: r.libdir, abi: r.abi, std: r.std }));
}
