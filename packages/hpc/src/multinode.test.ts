import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getProfile, parseJobSpec, renderSlurm, validate } from './index.js';

const example = join(resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..'), 'examples', 'hpc', 'pangu-train-2nodes.json');

test('the multi-node example (docs/workflows/hpc.md §4) renders 2 nodes × 2 ranks with the rendezvous and the interface setting', () => {
  const profile = getProfile('slurm');
  const spec = parseJobSpec(readFileSync(example, 'utf8'), example);
  assert.deepEqual(validate(spec, profile).filter((p) => p.severity === 'error'), []);
  const s = renderSlurm(spec, profile);
  for (const line of ['#SBATCH --nodes=2', '#SBATCH --ntasks-per-node=2', 'export WEATHERLEARN_DISTRIBUTED_INTERFACE=ib0',
    'export MASTER_ADDR="${MASTER_ADDR:-$(scontrol show hostnames "$SLURM_JOB_NODELIST" | sed -n 1p)}"', 'export WORLD_SIZE="${SLURM_NTASKS:-4}"',
    'srun --kill-on-bad-exit=1 --nodes=2 --ntasks-per-node=2', 'RANK="$SLURM_PROCID" LOCAL_RANK="$SLURM_LOCALID"']) {
    assert.ok(s.includes(line), `script lacks ${line}:\n${s}`);
  }
});
