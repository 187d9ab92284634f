import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readJsonLines, readJsonObject } from './local.js';
import { createLogger } from './registry.js';
import { newRunId } from './runid.js';
import type { LoggerOptions } from './types.js';

/** Per-plugin outcome of {@link runLoggerCheck}. */
export interface CheckResult { plugin: string; ok: boolean; detail: string; warnings: string[] }

/** Options of {@link runLoggerCheck}. */
export interface LoggerCheckOptions extends Omit<LoggerOptions, 'runDir' | 'warn'> {
  /** Plugins to try. */
  loggers: string[];
  /** Output folder; each plugin's synthetic run goes to `outDir/<plugin>`. */
  outDir: string;
  /** Synthetic steps (default 20). */
  steps?: number;
}

function verify(plugin: string, runDir: string, steps: number): { ok: boolean; detail: string } {
  const count = (p: string) => (existsSync(p) ? readFileSync(p, 'utf8').split('\n').filter(Boolean).length : 0);
  switch (plugin) {
    case 'jsonl': { const n = count(join(runDir, 'metrics.jsonl')); return { ok: n === steps, detail: `${n}/${steps} steps in metrics.jsonl` }; }
    case 'csv': { const n = Math.max(0, count(join(runDir, 'metrics.csv')) - 1); return { ok: n === steps, detail: `${n}/${steps} rows in metrics.csv` }; }
    case 'tensorboard': {
      const dir = join(runDir, 'tensorboard');
      const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.startsWith('events.out.tfevents.')) : [];
      return { ok: files.length > 0, detail: files.length ? `event file ${join(dir, files.at(-1)!)} (CRC-checked)` : 'no event file' };
    }
    case 'wandb': {
      const st = readJsonObject(join(runDir, 'wandb', 'state.json'));
      const local = readJsonLines(join(runDir, 'wandb', 'history.jsonl')).length;
      if (st.completed === true) return { ok: st.historyAcked === local, detail: `${String(st.historyAcked)}/${local} history lines acknowledged by the server, run finished` };
      return { ok: false, detail: `not delivered: ${local} history lines kept in ${join(runDir, 'wandb')} (offline or failing)` };
    }
    case 'neptune': {
      const st = readJsonObject(join(runDir, 'neptune', 'state.json'));
      const local = readJsonLines(join(runDir, 'neptune', 'operations.jsonl')).length;
      if (st.runUuid && st.acked === local) return { ok: true, detail: `${local}/${local} operations acknowledged by the server` };
      return { ok: false, detail: `not delivered: ${String(st.acked ?? 0)}/${local} operations acknowledged (offline or failing)` };
    }
    default: return { ok: true, detail: 'ran without error' };
  }
}

/**
 * Sends a short synthetic run (hyper-parameters, `steps` steps of a few scalars, a summary) through
 * each plugin on its own and reports whether it arrived — to test credentials and connectivity
 * before a long cluster job. TensorBoard files are re-read with CRC checks.
 */
export async function runLoggerCheck(options: LoggerCheckOptions): Promise<CheckResult[]> {
  const steps = options.steps ?? 20;
  if (!Number.isInteger(steps) || steps < 1) throw new Error(`loggers check: steps must be a positive integer, got ${steps}`);
  const results: CheckResult[] = [];
  for (const plugin of options.loggers) {
    const warnings: string[] = [];
    const runDir = join(options.outDir, plugin);
    try {
      const { loggers: _l, outDir: _o, steps: _s, ...base } = options;
      const logger = await createLogger(plugin, { ...base, runDir, runId: options.runId ?? newRunId(), warn: (l) => warnings.push(l) });
      logger.logHyperparams({ lr: 0.001, batch: 8, check: true });
      for (let s = 0; s < steps; s++) logger.logMetrics({ loss: 1 / (s + 1), acc: s / steps, lr: 0.001 }, s);
      logger.logSummary({ best_loss: 1 / steps });
      await logger.finalize('success');
      if (plugin === 'tensorboard') {
        const { readTfRecords } = await import('../tensorboard/tfrecord.js');
        const dir = join(runDir, 'tensorboard');
        for (const f of readdirSync(dir)) readTfRecords(new Uint8Array(readFileSync(join(dir, f))), join(dir, f));
      }
      const v = verify(plugin, runDir, steps);
      results.push({ plugin, ok: v.ok && warnings.length === 0, detail: v.detail, warnings });
    } catch (err) {
      results.push({ plugin, ok: false, detail: (err as Error).message, warnings });
    }
  }
  return results;
}
