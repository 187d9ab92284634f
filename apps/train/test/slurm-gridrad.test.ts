// Real-SLURM integration proof of issue 9: a job array of a sharded `weatherlearn gridrad
// preprocess` run, rendered by @weatherlearn/hpc and submitted with sbatch to a throwaway
// single-node cluster (scripts/slurm/start.sh), completes and its outputs equal a single-process
// run byte for byte. Skipped with a message when SLURM is not installed or we are not root.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArray, renderSlurm, writeJobScript, type JobSpec } from '@weatherlearn/hpc';
import { writeGoesLikeFile } from '@weatherlearn/testkit';
import { slurmSkipReason, startLocalCluster, type LocalCluster } from './slurm-local.js';

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..');
const cli = join(repoRoot, 'apps', 'train', 'src', 'cli.ts');
const tsx = join(repoRoot, 'node_modules', 'tsx', 'dist', 'esm', 'index.mjs');
const FILES = 6;
const TASKS = 3;
const DONE = ['COMPLETED', 'FAILED', 'CANCELLED', 'TIMEOUT', 'NODE_FAIL', 'OUT_OF_MEMORY', 'BOOT_FAIL', 'DEADLINE'];

function skipReason(): string | false {
  const slurm = slurmSkipReason();
  if (slurm) return slurm;
  if (!existsSync(tsx)) return `needs tsx at ${tsx} (npm install at the repository root)`;
  return false;
}

/** The CLI run from source (no build needed): node --conditions=source --import tsx cli.ts … */
const weatherlearn = (...args: string[]): string[] => [process.execPath, '--conditions=source', '--import', pathToFileURL(tsx).href, cli, ...args];

/** `relative path → sha256` of every file under `dir`. */
/** Hashes of every output file; the skip reports (`skipped.json`, one `skipped.<i>-of-<n>.json` per shard) are checked on their own. */
function hashTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (d === dir && /^skipped(\.\d+-of-\d+)?\.json$/.test(name)) continue;
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = createHash('sha256').update(readFileSync(p)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

/** Last JSON line printed by `preprocess --json` in a log (the summary). */
function lastSummary(text: string): { found: number; done: number; failed: number } | undefined {
  const line = text.split('\n').reverse().find((l) => l.startsWith('{'));
  return line ? JSON.parse(line) : undefined;
}

describe('real SLURM: sharded gridrad preprocess as a job array', { skip: skipReason(), timeout: 300_000 }, () => {
  let cluster: LocalCluster | undefined;
  let work = '';
  before(() => {
    work = mkdtempSync(join(tmpdir(), 'wl-slurm-gridrad-'));
    cluster = startLocalCluster(repoRoot, 4);
  });
  after(() => {
    cluster?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  test(`a ${TASKS}-task array of shards equals one single-process run, byte for byte`, async () => {
    const input = join(work, 'in');
    for (let i = 0; i < FILES; i++) {
      const path = join(input, `day${i % 2}`, `g${String(i).padStart(2, '0')}.nc`);
      await writeGoesLikeFile(path, { height: 40, width: 48, seed: i, fillFraction: 0, offDiskCorner: false, cells: 3 });
    }
    const common = ['--input', input, '--workers', '1', '--seed', '7', '--crop-size', '16', '--patch-size', '8', '--strict', '--json'];

    // Reference: one process, no shard.
    const single = join(work, 'single');
    const [bin, ...args] = weatherlearn('gridrad', 'preprocess', ...common, '--output', single, '--checkpoint', join(work, 'single.ck'));
    const r = spawnSync(bin!, args, { cwd: work, encoding: 'utf8', timeout: 120_000 });
    assert.equal(r.status, 0, `single-process preprocess failed (${r.status ?? r.signal}):\n${r.stderr}`);
    assert.equal(lastSummary(r.stdout)?.done, FILES, r.stdout);
    const want = hashTree(single);
    assert.equal(Object.keys(want).length, FILES, `single run wrote ${Object.keys(want).join(', ')}`);
    assert.deepEqual(JSON.parse(readFileSync(join(single, 'skipped.json'), 'utf8')).skipped, [], 'nothing skipped');

    // The same run as a SLURM job array: every task writes into one folder, with its own checkpoint.
    const sharded = join(work, 'sharded');
    const jobDir = join(work, 'job');
    const spec: JobSpec = {
      name: 'wl-gridrad-array', walltime: '00:05:00', array: `0-${TASKS - 1}`, cpusPerTask: 1,
      output: join(jobDir, 'task-%a.log'),
      command: weatherlearn('gridrad', 'preprocess', ...common, '--output', sharded,
        '--checkpoint', join(work, 'shard-{arrayIndex}.ck'), '--shard', '{shard}'),
    };
    mkdirSync(jobDir, { recursive: true });
    const script = join(jobDir, 'array.sbatch');
    await writeJobScript(script, renderSlurm(spec));
    const id = cluster!.sbatch(script, jobDir);
    const infos = await cluster!.waitFor(parseArray(spec.array!).indices.map((i) => `${id}_${i}`), DONE, 180_000);
    const logs = Array.from({ length: TASKS }, (_, i) => {
      const p = join(jobDir, `task-${i}.log`);
      return existsSync(p) ? readFileSync(p, 'utf8') : '(no log)';
    });
    const logText = logs.map((l, i) => `--- task ${i} ---\n${l}`).join('\n');
    assert.deepEqual(infos.map((i) => i.JobState), Array(TASKS).fill('COMPLETED'), logText);
    assert.deepEqual(infos.map((i) => i.ExitCode), Array(TASKS).fill('0:0'), logText);

    // Each task did its own share (6 files over 3 shards) and nothing failed.
    const summaries = logs.map(lastSummary);
    assert.deepEqual(summaries.map((s) => [s?.done, s?.failed]), Array(TASKS).fill([FILES / TASKS, 0]), logText);
    const checkpointed = Array.from({ length: TASKS }, (_, i) =>
      readFileSync(join(work, `shard-${i}.ck`), 'utf8').split('\n').filter(Boolean)).flat();
    assert.equal(new Set(checkpointed).size, FILES, `checkpoints: ${checkpointed.join(', ')}`);

    // Same files, same bytes (no leftovers such as temp files either).
    assert.deepEqual(hashTree(sharded), want);
  });
});
