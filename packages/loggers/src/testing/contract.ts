// The ONE shared contract suite: every plugin is run through it (see contract.test.ts).
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { createLogger } from '../core/registry.js';
import type { Hyperparams, LoggerOptions, StepMetrics } from '../core/types.js';

/** What a plugin's run looks like from the outside (its files, its server). */
export interface Arrived {
  metrics: { step: number; values: StepMetrics }[];
  /** Hyper-parameters as the service shows them (undefined: the plugin does not keep them). */
  hparams?: Hyperparams;
  summary?: Hyperparams;
}

/** One plugin under contract test. */
export interface ContractTarget {
  /** Registry name. */
  name: string;
  /** Suite title when one plugin runs in several setups (default: the name). */
  label?: string;
  /** Adds the plugin's own options (loopback URL, keys, …) to the base options. */
  options(base: LoggerOptions): LoggerOptions;
  /** Reads back what arrived for the run. `out` holds the console lines. */
  readBack(ctx: { runDir: string; runId: string; out: string[] }): Promise<Arrived>;
  /** Relative tolerance of values read back (float32 storage, printed precision). */
  relTol?: number;
  /** Whether `readBack` can see hparams / summary. */
  keepsHparams?: boolean;
  keepsSummary?: boolean;
}

function close(a: number, b: number, tol: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  return a === b || Math.abs(a - b) <= tol * Math.max(Math.abs(a), Math.abs(b));
}

/** Registers the shared contract tests for `target`. */
export function runContractSuite(target: ContractTarget): void {
  describe(`logger contract: ${target.label ?? target.name}`, () => {
    const root = mkdtempSync(join(tmpdir(), `wl-contract-${target.name}-`));
    after(() => rmSync(root, { recursive: true, force: true }));
    let n = 0;
    const fresh = () => {
      const runDir = join(root, `run${n++}`);
      const out: string[] = [];
      const warnings: string[] = [];
      const base: LoggerOptions = { runDir, out: (l) => out.push(l), warn: (l) => warnings.push(l) };
      return { runDir, out, warnings, opts: target.options(base) };
    };
    const tol = target.relTol ?? 0;

    test('a full run arrives: every step exactly once, hparams, summary, no warnings', async () => {
      const { runDir, out, warnings, opts } = fresh();
      const logger = await createLogger(target.name, { ...opts, runId: 'contract1' });
      assert.equal(logger.runId, 'contract1');
      assert.equal(logger.name, target.name);
      logger.logHyperparams({ lr: 0.001, batch: 32, arch: 'pangu' });
      const sent: StepMetrics[] = [];
      for (let s = 0; s < 25; s++) {
        const m = { loss: 1 / (s + 1), acc: s / 25 + 0.123456 };
        sent.push(m);
        logger.logMetrics(m, s * 10);
      }
      logger.logSummary({ best_loss: 0.04 });
      await logger.flush();
      await logger.finalize('success');
      const got = await target.readBack({ runDir, runId: 'contract1', out });
      assert.deepEqual(got.metrics.map((m) => m.step), sent.map((_, s) => s * 10), 'steps, in order, once each');
      got.metrics.forEach((m, i) => {
        for (const [k, v] of Object.entries(sent[i]!)) {
          assert.ok(close(m.values[k]!, v, tol), `step ${m.step} ${k}: got ${m.values[k]} want ${v}`);
        }
      });
      if (target.keepsHparams !== false) {
        assert.ok(got.hparams, 'hparams arrived');
        assert.equal(Number(got.hparams.lr), 0.001);
        assert.equal(String(got.hparams.arch).replace(/"/g, ''), 'pangu');
      }
      if (target.keepsSummary !== false) assert.equal(Number(got.summary?.best_loss), 0.04);
      assert.deepEqual(warnings, []);
    });

    test('bad arguments throw a clear TypeError; non-finite values are accepted', async () => {
      const { opts } = fresh();
      const logger = await createLogger(target.name, { ...opts, runId: 'contract2' });
      for (const bad of [-1, 1.5, Number.NaN]) {
        assert.throws(() => logger.logMetrics({ loss: 1 }, bad), (e: Error) => e instanceof TypeError && /step/.test(e.message));
      }
      assert.throws(() => logger.logMetrics({ loss: 'x' as unknown as number }, 1), /metric "loss"/);
      logger.logMetrics({ loss: Number.NaN, grad: Number.POSITIVE_INFINITY }, 2);
      await logger.finalize('failed');
    });

    test('finalize is idempotent and later calls are ignored', async () => {
      const { runDir, out, opts } = fresh();
      const logger = await createLogger(target.name, { ...opts, runId: 'contract3' });
      logger.logMetrics({ loss: 1 }, 0);
      await logger.finalize('success');
      await logger.finalize('success');
      const before = (await target.readBack({ runDir, runId: 'contract3', out })).metrics.length;
      logger.logMetrics({ loss: 2 }, 1);
      await logger.flush();
      const afterCount = (await target.readBack({ runDir, runId: 'contract3', out })).metrics.length;
      assert.equal(before, 1);
      assert.equal(afterCount, 1);
    });

    test('only rank 0 logs unless allRanks', async () => {
      const { runDir, out, opts } = fresh();
      const quiet = await createLogger(target.name, { ...opts, runId: 'contract4', rank: 1 });
      quiet.logMetrics({ loss: 1 }, 0);
      await quiet.finalize('success');
      assert.equal(quiet.runId, 'contract4');
      assert.deepEqual(out, []);
      let files: string[] = [];
      try { files = readdirSync(runDir); } catch { /* never created */ }
      assert.deepEqual(files, []);
      const loud = await createLogger(target.name, { ...opts, runId: 'contract4', rank: 1, allRanks: true });
      loud.logMetrics({ loss: 1 }, 0);
      await loud.finalize('success');
      assert.equal((await target.readBack({ runDir, runId: 'contract4', out })).metrics.length, 1);
    });
  });
}
