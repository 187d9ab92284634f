#!/usr/bin/env node
// Finds the libtorch to build against and prints one field for binding.gyp:
//   node scripts/libtorch-config.mjs include|libdir|libs|cflags|ldflags|summary
// Order: $LIBTORCH_DIR (an unpacked libtorch zip or a PyTorch wheel's `torch/` folder), then Debian's
// libtorch-dev (/usr/include/torch + the multiarch lib dir), then the libtorch inside the PyTorch
// that `python3` (or $PYTHON) imports. Overrides: $LIBTORCH_CXX11_ABI (0|1), $LIBTORCH_CXX_STD (c++17…).
// This is a build script: it may read the environment (library code never does).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const MULTIARCH = ['/usr/lib/x86_64-linux-gnu', '/usr/lib/aarch64-linux-gnu', '/usr/lib64', '/usr/lib'];

function fromRoot(root, source) {
  const inc = join(root, 'include');
  const lib = join(root, 'lib');
  if (!existsSync(join(inc, 'ATen', 'ATen.h'))) return { error: `${source}: ${inc}/ATen/ATen.h not found` };
  if (!existsSync(join(lib, 'libtorch.so')) && !existsSync(join(lib, 'libtorch_cpu.so'))) return { error: `${source}: no libtorch.so in ${lib}` };
  return { source, includes: [inc, join(inc, 'torch', 'csrc', 'api', 'include')], libdir: lib, system: false };
}

function debian() {
  if (!existsSync('/usr/include/ATen/ATen.h')) return { error: 'Debian libtorch-dev: /usr/include/ATen/ATen.h not found (apt-get install libtorch-dev)' };
  const libdir = MULTIARCH.find((d) => existsSync(join(d, 'libtorch_cpu.so')) || existsSync(join(d, 'libtorch.so')));
  if (!libdir) return { error: 'Debian libtorch-dev: headers present but libtorch.so not found' };
  return { source: 'debian libtorch-dev', includes: ['/usr/include/torch/csrc/api/include'], libdir, system: true };
}

function python(env) {
  for (const py of [env.PYTHON, 'python3', '/usr/bin/python3'].filter(Boolean)) {
    const r = spawnSync(py, ['-c', 'import os, torch; print(os.path.dirname(torch.__file__)); print(int(torch._C._GLIBCXX_USE_CXX11_ABI))'], { encoding: 'utf8' });
    if (r.status !== 0) continue;
    const [dir, abi] = r.stdout.trim().split('\n');
    const found = fromRoot(dir, `PyTorch (${py})`);
    if (!found.error) return { ...found, abi: Number(abi) };
  }
  return { error: 'no python3 with torch found' };
}

/** Returns the libtorch to use, or { error } listing why each place failed. */
export function findLibtorch(env = process.env) {
  const errors = [];
  const tries = env.LIBTORCH_DIR ? [() => fromRoot(env.LIBTORCH_DIR, `LIBTORCH_DIR=${env.LIBTORCH_DIR}`)] : [];
  tries.push(debian, () => python(env));
  for (const t of tries) {
    const r = t();
    if (!r.error) return finish(r, env);
    errors.push(r.error);
    if (env.LIBTORCH_DIR && errors.length === 1) break; // an explicit LIBTORCH_DIR must work
  }
  return { error: errors.join('; ') };
}

function version(includes) {
  for (const inc of includes) {
    const f = join(inc, 'torch', 'version.h');
    if (!existsSync(f) && existsSync(join(inc, 'version.h'))) return version([join(inc, '..')]);
    if (existsSync(f)) {
      const t = readFileSync(f, 'utf8');
      const num = (k) => Number(new RegExp(`define ${k} (\\d+)`).exec(t)?.[1] ?? NaN);
      return { major: num('TORCH_VERSION_MAJOR'), minor: num('TORCH_VERSION_MINOR'), patch: num('TORCH_VERSION_PATCH') };
    }
  }
  return { major: NaN, minor: NaN, patch: NaN };
}

function detectAbi(libdir) {
  // A libc10 built with the C++11 ABI exports std::__cxx11::basic_string symbols.
  const f = ['libc10.so'].map((n) => join(libdir, n)).find(existsSync);
  if (!f) return 1;
  return readFileSync(f).includes('St7__cxx11') ? 1 : 0;
}

function finish(r, env) {
  const v = version(r.includes);
  const abi = env.LIBTORCH_CXX11_ABI !== undefined ? Number(env.LIBTORCH_CXX11_ABI) : r.abi ?? detectAbi(r.libdir);
  const std = env.LIBTORCH_CXX_STD || (v.major >= 2 ? 'c++20' : 'c++17');
  const files = readdirSync(r.libdir);
  const has = (n) => files.includes(`lib${n}.so`);
  const cuda = has('torch_cuda');
  const libs = ['torch', 'torch_cpu', 'c10', ...(cuda ? ['torch_cuda', 'c10_cuda'] : [])].filter(has).map((n) => `-l${n}`);
  const ldflags = [`-L${r.libdir}`, '-Wl,--no-as-needed', ...libs, '-Wl,--as-needed'];
  if (!r.system) ldflags.push(`-Wl,-rpath,${r.libdir}`);
  const cflags = [`-std=${std}`, `-D_GLIBCXX_USE_CXX11_ABI=${abi}`, ...(cuda ? ['-DWL_TORCH_CUDA=1'] : [])];
  return { ...r, version: `${v.major}.${v.minor}.${v.patch}`, abi, std, cuda, cflags, ldflags };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const what = process.argv[2] ?? 'summary';
  const r = findLibtorch();
  if (r.error) { console.error(`libtorch not found: ${r.error}`); process.exit(1); }
  const out = { include: r.includes, libdir: [r.libdir], cflags: r.cflags, ldflags: r.ldflags }[what];
  if (out) console.log(out.join(' '));
  else console.log(JSON.stringify({ source: r.source, version: r.version, libdir: r.libdir, abi: r.abi, std: r.std, cuda: r.cuda }));
}
