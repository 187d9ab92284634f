import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initEngine, registerBackendCandidate } from '@weatherlearn/engine';
import { blasWarning, classifyBlasPath, loadedBlas, type BlasInfo } from './blas.js';
import { loadBinding } from './native.js';
import { createTorchCandidate } from './register.js';
import { TORCH_SKIP } from './testing.js';

const line = (path: string) => `7f0c1a000000-7f0c1a200000 r-xp 00000000 08:01 4242 ${path}`;
const LIBS = '/usr/lib/x86_64-linux-gnu';
const torch = line(`${LIBS}/libtorch_cpu.so.1.13`);

test('the BLAS is recognised from the memory map as Debian installs it', () => {
  const openblas = loadedBlas([torch, line(`${LIBS}/openblas-pthread/libblas.so.3`), line(`${LIBS}/openblas-pthread/libopenblasp-r0.3.21.so`)].join('\n'));
  assert.deepEqual(openblas, { kind: 'openblas', name: 'OpenBLAS (pthread)', path: `${LIBS}/openblas-pthread/libblas.so.3`, optimized: true });
  const ref = loadedBlas([torch, line(`${LIBS}/blas/libblas.so.3.11.0`), line(`${LIBS}/lapack/liblapack.so.3.11.0`)].join('\n'));
  assert.equal(ref.kind, 'reference');
  assert.equal(ref.optimized, false);
  assert.equal(loadedBlas([torch, line(`${LIBS}/blis-pthread/libblas.so.3`), line(`${LIBS}/libblis.so.4`)].join('\n')).kind, 'blis');
  assert.equal(loadedBlas(torch).kind, 'bundled', 'no shared BLAS next to libtorch: linked in (PyTorch wheels)');
  assert.equal(classifyBlasPath(`${LIBS}/libmkl_rt.so.2`), 'mkl');
  assert.equal(classifyBlasPath(`${LIBS}/libc.so.6`), undefined);
});

test('the reference BLAS gives a warning with the apt line; an optimized one none', () => {
  const ref: BlasInfo = { kind: 'reference', name: 'reference BLAS (netlib)', path: `${LIBS}/blas/libblas.so.3.11.0`, optimized: false };
  assert.match(blasWarning(ref) ?? '', /reference BLAS \(netlib\) \(\/usr\/lib\/x86_64-linux-gnu\/blas\/libblas\.so\.3\.11\.0\).*apt-get install --no-install-recommends libopenblas0-pthread/);
  assert.equal(blasWarning({ ...ref, kind: 'openblas', optimized: true }), undefined);
});

test('with the addon loaded, this process maps an optimized BLAS (CI installs libopenblas0-pthread)', { skip: TORCH_SKIP }, () => {
  loadBinding();
  const b = loadedBlas();
  assert.notEqual(b.kind, 'unknown', 'a BLAS was found in /proc/self/maps');
  assert.ok(b.optimized, `libtorch runs on the ${b.name} (${b.path}): ${blasWarning(b)}`);
});

test('auto skips torch on the reference BLAS (slower than wasm), saying why and how to fix it', { skip: TORCH_SKIP }, async () => {
  const reference: BlasInfo = { kind: 'reference', name: 'reference BLAS (netlib)', path: `${LIBS}/blas/libblas.so.3.11.0`, optimized: false };
  registerBackendCandidate({ ...createTorchCandidate({ detectBlas: () => reference }), id: 'torch-refblas', priority: 900 });
  const info = await initEngine({ backend: 'auto' });
  assert.notEqual(info.backend, 'torch');
  const s = info.skipped.find((k) => k.backend === 'torch-refblas');
  assert.match(s?.reason ?? '', /^slower than wasm on this machine: libtorch loaded the reference BLAS \(netlib\) .*libopenblas0-pthread/);
});
