#!/usr/bin/env node
// Finds the libtorch a native addon builds against (shared by every addon: see build-addon.mjs).
//   node scripts/native/libtorch.mjs [aten|c10d|nccl] [include|cflags|ldflags|summary]
// Where it looks, in order:
//   1. $LIBTORCH_DIR: an unpacked libtorch zip, or a PyTorch install's `torch/` folder (include/, lib/);
//   2. Debian's libtorch-dev (/usr/include + the multiarch lib dir), unless $LIBTORCH_FROM=python;
//   3. the PyTorch that `python3` (or $PYTHON) imports:
//      python3 -c 'import torch, os; print(os.path.dirname(torch.__file__))' → include/, lib/.
// A CUDA wheel's libtorch_cuda/libc10_cuda are linked when present, and the wheel's nvidia/*/lib
// folders (CUDA runtime, cuDNN, NCCL) are given to the linker. needs 'nccl' (the GPU check's NCCL
// probe) also wants CUDA's and NCCL's headers ($CUDA_HOME, /usr/local/cuda, the wheel's nvidia/). Overrides: $LIBTORCH_CXX11_ABI (0|1),
// $LIBTORCH_CXX_STD (c++17…). A build script: it may read the environment (library code never does).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';

const MULTIARCH = ['/usr/lib/x86_64-linux-gnu', '/usr/lib/aarch64-linux-gnu', '/usr/lib64', '/usr/lib'];
const PG_GLOO = join('torch', 'csrc', 'distributed', 'c10d', 'ProcessGroupGloo.hpp');
const PG_NCCL = join('torch', 'csrc', 'distributed', 'c10d', 'ProcessGroupNCCL.hpp');

/** What an addon needs beyond ATen: 'c10d' also wants the c10d headers and Gloo's; 'nccl' c10d's NCCL group. */
function checkHeaders(inc, needs, source) {
  if (!existsSync(join(inc, 'ATen', 'ATen.h'))) return `${source}: ${inc}/ATen/ATen.h not found`;
  if (needs === 'nccl') return existsSync(join(inc, PG_NCCL)) ? undefined : `${source}: ${join(inc, PG_NCCL)} not found`;
  if (needs !== 'c10d') return undefined;
  if (!existsSync(join(inc, PG_GLOO))) return `${source}: ${join(inc, PG_GLOO)} not found (a libtorch without c10d)`;
  if (!existsSync(join(inc, 'gloo', 'algorithm.h')) && !existsSync('/usr/include/gloo/algorithm.h')) {
    return `${source}: no Gloo headers in ${inc}/gloo nor /usr/include/gloo (Debian: apt-get install libgloo-dev)`;
  }
  return undefined;
}

function fromRoot(root, source, needs) {
  const inc = join(root, 'include');
  const lib = join(root, 'lib');
  const bad = checkHeaders(inc, needs, source);
  if (bad) return { error: bad };
  if (!existsSync(join(lib, 'libtorch.so')) && !existsSync(join(lib, 'libtorch_cpu.so'))) return { error: `${source}: no libtorch.so in ${lib}` };
  return { source, root, includes: [inc, join(inc, 'torch', 'csrc', 'api', 'include')], libdir: lib, system: false };
}

function debian(needs) {
  const bad = checkHeaders('/usr/include', needs, 'Debian libtorch-dev');
  if (bad) return { error: `${bad} (apt-get install libtorch-dev${needs === 'c10d' ? ' libgloo-dev' : ''})` };
  const libdir = MULTIARCH.find((d) => existsSync(join(d, 'libtorch_cpu.so')) || existsSync(join(d, 'libtorch.so')));
  if (!libdir) return { error: 'Debian libtorch-dev: headers present but libtorch.so not found' };
  return { source: 'debian libtorch-dev', includes: ['/usr/include/torch/csrc/api/include'], libdir, system: true };
}

/** The `torch/` folder of the PyTorch that `python` imports, with its C++ ABI, or undefined. */
export function pytorchDir(py) {
  const r = spawnSync(py, ['-c', 'import os, torch; print(os.path.dirname(torch.__file__)); print(int(torch._C._GLIBCXX_USE_CXX11_ABI))'], { encoding: 'utf8' });
  if (r.status !== 0) return undefined;
  const [dir, abi] = r.stdout.trim().split('\n');
  return { dir, abi: Number(abi) };
}

function python(env, needs) {
  const tried = [];
  for (const py of [env.PYTHON, 'python3', '/usr/bin/python3'].filter(Boolean)) {
    const t = pytorchDir(py);
    if (!t) { tried.push(`${py}: no torch`); continue; }
    const found = fromRoot(t.dir, `PyTorch (${py}: ${t.dir})`, needs);
    if (!found.error) return { ...found, abi: t.abi };
    tried.push(found.error);
  }
  return { error: `no usable PyTorch install (${tried.join('; ')})` };
}

/**
 * The libtorch to use for an addon that `needs` 'aten' (tensors) or 'c10d' (collectives), or
 * `{ error }` listing why each place failed.
 */
export function findLibtorch(env = process.env, needs = 'aten') {
  const tries = [];
  if (env.LIBTORCH_DIR) tries.push(() => fromRoot(env.LIBTORCH_DIR, `LIBTORCH_DIR=${env.LIBTORCH_DIR}`, needs));
  else {
    if (env.LIBTORCH_FROM !== 'python') tries.push(() => debian(needs));
    tries.push(() => python(env, needs));
  }
  const errors = [];
  for (const t of tries) {
    const r = t();
    const done = r.error ? r : finish(r, env, needs);
    if (!done.error) return done;
    errors.push(done.error);
  }
  return { error: errors.join('; ') };
}

/**
 * Header folders of CUDA and NCCL for an addon that includes c10d's NCCL group: $CUDA_HOME (or
 * /usr/local/cuda) and the wheel's site-packages/nvidia/**\/include; an error naming what is missing.
 */
function cudaIncludes(root, env) {
  const nv = root ? join(dirname(root), 'nvidia') : undefined;
  const sub = (d) => (existsSync(d) ? readdirSync(d).map((n) => join(d, n)) : []);
  const dirs = [env.CUDA_HOME, '/usr/local/cuda'].filter(Boolean).map((d) => join(d, 'include'))
    .concat(nv ? sub(nv).flatMap((d) => [join(d, 'include'), ...sub(d).map((e) => join(e, 'include'))]) : [])
    .filter(existsSync);
  const missing = ['cuda_runtime_api.h', 'nccl.h'].filter((h) => !dirs.some((d) => existsSync(join(d, h))));
  if (missing.length) return { error: `no ${missing.join(' or ')} in ${dirs.join(', ') || '$CUDA_HOME/include, /usr/local/cuda/include or the wheel\'s nvidia/*/include'}` };
  return { dirs };
}

function version(includes) {
  const f = includes.map((i) => join(i, 'torch', 'version.h')).find(existsSync);
  const text = f ? readFileSync(f, 'utf8') : '';
  const num = (k) => Number(new RegExp(`define ${k} (\\d+)`).exec(text)?.[1] ?? NaN);
  return { major: num('TORCH_VERSION_MAJOR'), minor: num('TORCH_VERSION_MINOR'), patch: num('TORCH_VERSION_PATCH') };
}

/** The wheel's bundled NVIDIA libraries (site-packages/nvidia/<name>/lib or nvidia/<cuXY>/<name>/lib), for the linker. */
function nvidiaLibDirs(root) {
  if (!root) return [];
  const nv = join(dirname(root), 'nvidia');
  const sub = (d) => (existsSync(d) ? readdirSync(d).map((n) => join(d, n)) : []);
  return sub(nv).flatMap((d) => [join(d, 'lib'), ...sub(d).map((e) => join(e, 'lib'))]).filter(existsSync);
}

function finish(r, env, needs) {
  const v = version([...r.includes, '/usr/include']);
  const libc10 = join(r.libdir, 'libc10.so');
  const abi = env.LIBTORCH_CXX11_ABI !== undefined ? Number(env.LIBTORCH_CXX11_ABI)
    : r.abi ?? (existsSync(libc10) && readFileSync(libc10).includes('St7__cxx11') ? 1 : 0);
  const std = env.LIBTORCH_CXX_STD || (v.major >= 2 ? 'c++20' : 'c++17');
  const files = readdirSync(r.libdir);
  const has = (n) => files.includes(`lib${n}.so`);
  const cuda = has('torch_cuda');
  const libs = ['torch', 'torch_cpu', 'c10', ...(cuda ? ['torch_cuda', 'c10_cuda'] : []), 'gloo'].filter(has).map((n) => `-l${n}`);
  const nvidia = nvidiaLibDirs(r.root);
  const ldflags = [`-L${r.libdir}`, '-Wl,--no-as-needed', ...libs, '-Wl,--as-needed', ...nvidia.map((d) => `-Wl,-rpath-link,${d}`)];
  if (!r.system) ldflags.push(`-Wl,-rpath,${r.libdir}`);
  const cflags = [`-std=${std}`, `-D_GLIBCXX_USE_CXX11_ABI=${abi}`, ...(cuda ? ['-DWL_TORCH_CUDA=1'] : [])];
  let includes = r.includes;
  if (needs === 'nccl') {
    if (!cuda) return { error: `${r.source}: a CPU-only libtorch (no libtorch_cuda.so in ${r.libdir}); NCCL needs a CUDA build` };
    const c = cudaIncludes(r.root, env);
    if (c.error) return { error: `${r.source}: ${c.error}` };
    includes = [...includes, ...c.dirs];
  }
  return { ...r, includes, version: `${v.major}.${v.minor}.${v.patch}`, abi, std, cuda, nvidia, cflags, ldflags };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const needs = ['c10d', 'nccl'].includes(process.argv[2]) ? process.argv[2] : 'aten';
  const what = process.argv[3] ?? 'summary';
  const r = findLibtorch(process.env, needs);
  if (r.error) { console.error(`libtorch not found: ${r.error}`); process.exit(1); }
  const out = { include: r.includes, cflags: r.cflags, ldflags: r.ldflags }[what];
  console.log(out ? out.join(' ') : JSON.stringify({ source: r.source, version: r.version, libdir: r.libdir, abi: r.abi, std: r.std, cuda: r.cuda, nvidia: r.nvidia }));
}
