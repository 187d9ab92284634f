import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getBackendCandidates, initEngine, registerBackendCandidate, unregisterBackendCandidate } from './index.js';

test('auto skips a candidate that loads but reports autoSkip (slower here), naming it picks it anyway', async () => {
  let loads = 0;
  registerBackendCandidate({
    name: 'slow-here', priority: 10_000,
    async load() {
      loads++;
      await getBackendCandidates().find((c) => c.name === 'cpu')!.load({ threads: 0 }); // a real backend underneath
      return { backend: 'cpu', package: 'fake', packageVersion: '0', simd: false, threads: 1, notes: ['WARNING: slow'], autoSkip: 'slower than wasm on this machine: reference BLAS' };
    },
  });
  try {
    const auto = await initEngine({ backend: 'auto' });
    assert.notEqual(auto.candidate, 'slow-here');
    assert.deepEqual(auto.skipped.find((s) => s.backend === 'slow-here'), { backend: 'slow-here', reason: 'slower than wasm on this machine: reference BLAS' });
    const named = await initEngine({ backend: 'slow-here' });
    assert.equal(named.candidate, 'slow-here');
    assert.deepEqual(named.notes, ['WARNING: slow']);
    assert.equal(loads, 1, 'loaded once, reused when named');
  } finally {
    unregisterBackendCandidate('slow-here');
  }
});
