/**
 * Pairs two of OUR configurations with bench/paired.ts (interleaved bursts, median of per-round
 * ratios), for speed work on a machine whose speed drifts:
 *   node --conditions=source --import tsx bench/ab.ts JOB_A [JOB_B] [ENV_B]
 * JOB_*: step-worker.ts jobs (JSON; JOB_B defaults to JOB_A), ENV_B: extra environment of B (JSON).
 * WEATHERLEARN_BENCH_ROUNDS (default 15), _STEPS (steps per burst, default 5), _THREADS (default 1).
 * Prints one JSON object: A as `ours`, B as `pytorch` (the other side's slot), `ratio` = A / B.
 * Example: bench/ab.ts '{"model":"block","cpuCacheMiB":1024}' '{"model":"block","cpuCacheMiB":0}'
 */
import { oursServer, paired } from './paired.js';

const env = process.env;
const jobA = JSON.parse(process.argv[2] ?? '{"model":"block"}') as Record<string, unknown>;
const jobB = JSON.parse(process.argv[3] ?? 'null') as Record<string, unknown> | null ?? jobA;
const envB = JSON.parse(process.argv[4] ?? '{}') as Record<string, string>;
const threads = Number(env.WEATHERLEARN_BENCH_THREADS ?? 1);
const r = await paired(oursServer(jobA, threads), oursServer(jobB, threads, envB), {
  warmup: 2, rounds: Number(env.WEATHERLEARN_BENCH_ROUNDS ?? 15), steps: Number(env.WEATHERLEARN_BENCH_STEPS ?? 5), threads,
});
process.stdout.write(`${JSON.stringify(r)}\n`);
