/**
 * Test-run hook (never imported by the package): `node --import tsx --import <this file>` makes the
 * test suites of other packages run on the torch backend without editing them. When
 * `WLTEST_BACKEND=torch`, the engine candidates named in `WLTEST_REPLACES`
 * (default `wasm`) load torch instead, so `initEngine({ backend: 'wasm' })` and `auto` activate torch.
 * `WLTEST_FALLBACK_LOG=<file>` appends, per test process, the kernels that ran on the cpu
 * fallback. `scripts/test-backend.mjs` at the repository root sets all of this. (Not WEATHERLEARN_*: the
 * CLI rejects unknown WEATHERLEARN_* variables, and CLI tests spawn it with this environment.)
 */
import { appendFileSync } from 'node:fs';
import { registerBackendCandidate } from '@weatherlearn/engine';
import { createTorchCandidate } from '../src/register.js';
import { getFallbackCalls } from '../src/fallback.js';

const backend = process.env.WLTEST_BACKEND;
if (backend === 'torch') {
  const threads = Number(process.env.WLTEST_THREADS ?? 1);
  const torch = createTorchCandidate({ threads });
  registerBackendCandidate(torch);
  for (const name of (process.env.WLTEST_REPLACES ?? 'wasm').split(',').filter(Boolean)) {
    registerBackendCandidate({ ...torch, name, id: name, priority: name === 'cpu' ? 100 : 200 });
  }
  const log = process.env.WLTEST_FALLBACK_LOG;
  if (log) {
    process.on('exit', () => {
      const calls = Object.fromEntries(getFallbackCalls());
      if (Object.keys(calls).length) appendFileSync(log, `${JSON.stringify({ file: process.argv.at(-1), calls })}\n`);
    });
  }
} else if (backend && backend !== 'wasm') {
  throw new Error(`WLTEST_BACKEND=${backend}: this hook only knows 'torch' (and 'wasm', the default)`);
}
