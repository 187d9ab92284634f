import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readJsonLines, readJsonObject } from './core/local.js';
import { parseCsvLine } from './plugins/csv.js';
import { runContractSuite, type Arrived } from './testing/contract.js';
import { parseMarkdownTable, readEvents } from './testing/tfevents-reader.js';
import { startWandbServer } from './testing/wandb-server.js';
import { after } from 'node:test';

const KEY = 'contract-key-0123456789abcdef0123456789abcdef';
const wandbServer = await startWandbServer({ apiKey: KEY, failRate: 0.3, hangMs: 300 });
after(() => wandbServer.close());

const num = (v: unknown) => (typeof v === 'string' ? Number(v) : (v as number));

function fromJsonl(path: string): Arrived['metrics'] {
  return readJsonLines(path).map((raw) => {
    const { step, _step, time: _t, _runtime: _r, _timestamp: _ts, ...rest } = raw as Record<string, unknown>;
    const values = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, num(v)]));
    return { step: (step ?? _step) as number, values };
  });
}

runContractSuite({
  name: 'jsonl',
  options: (b) => b,
  readBack: async ({ runDir }) => ({
    metrics: fromJsonl(join(runDir, 'metrics.jsonl')),
    hparams: readJsonObject(join(runDir, 'hparams.json')),
    summary: readJsonObject(join(runDir, 'summary.json')),
  }),
});

runContractSuite({
  name: 'csv',
  options: (b) => b,
  keepsHparams: false,
  keepsSummary: false,
  readBack: async ({ runDir }) => {
    const path = join(runDir, 'metrics.csv');
    if (!existsSync(path)) return { metrics: [] };
    const [head, ...rows] = readFileSync(path, 'utf8').split('\n').filter(Boolean);
    const cols = parseCsvLine(head!);
    return {
      metrics: rows.map((r) => {
        const cells = parseCsvLine(r);
        const values: Record<string, number> = {};
        cols.forEach((c, i) => { if (i > 1 && cells[i] !== '') values[c] = Number(cells[i]); });
        return { step: Number(cells[0]), values };
      }),
    };
  },
});

runContractSuite({
  name: 'console',
  options: (b) => b,
  relTol: 1e-4,
  readBack: async ({ out }) => {
    const metrics: Arrived['metrics'] = [];
    let hparams: Record<string, unknown> | undefined;
    let summary: Record<string, unknown> | undefined;
    for (const line of out) {
      const m = /^\[\w+\] step (\d+) (.*)$/.exec(line);
      if (m) metrics.push({ step: Number(m[1]), values: Object.fromEntries(m[2]!.split(' ').map((kv) => kv.split('=')).map(([k, v]) => [k!, Number(v)])) });
      const h = /^\[\w+\] hparams (.*)$/.exec(line);
      if (h) hparams = JSON.parse(h[1]!) as Record<string, unknown>;
      const s = /^\[\w+\] summary (.*)$/.exec(line);
      if (s) summary = JSON.parse(s[1]!) as Record<string, unknown>;
    }
    return { metrics, hparams, summary };
  },
});

runContractSuite({
  name: 'tensorboard',
  options: (b) => b,
  relTol: 1e-6, // simple_value is float32
  readBack: async ({ runDir }) => {
    const dir = join(runDir, 'tensorboard');
    const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.startsWith('events.out.tfevents.')) : [];
    const metrics: Arrived['metrics'] = [];
    let hparams: Record<string, unknown> | undefined;
    let summary: Record<string, unknown> | undefined;
    for (const f of files) {
      for (const e of readEvents(join(dir, f))) {
        const scalars = e.values.filter((v) => v.simpleValue !== undefined);
        if (scalars.length) metrics.push({ step: e.step, values: Object.fromEntries(scalars.map((v) => [v.tag, v.simpleValue!])) });
        for (const v of e.values) {
          if (v.tag === 'hparams' && v.text) hparams = parseMarkdownTable(v.text);
          if (v.tag === 'summary' && v.text) summary = parseMarkdownTable(v.text);
        }
      }
    }
    return { metrics, hparams, summary };
  },
});

runContractSuite({
  name: 'wandb',
  label: 'wandb (offline)',
  options: (b) => ({ ...b, wandb: { mode: 'offline', project: 'contract' } }),
  readBack: async ({ runDir }) => ({
    metrics: fromJsonl(join(runDir, 'wandb', 'history.jsonl')),
    hparams: readJsonObject(join(runDir, 'wandb', 'config.json')),
    summary: readJsonObject(join(runDir, 'wandb', 'summary.json')),
  }),
});

runContractSuite({
  name: 'wandb',
  label: 'wandb (online, loopback server failing 30 % of requests)',
  options: (b) => ({
    ...b, retry: { maxAttempts: 50, baseDelayMs: 1, maxDelayMs: 5, timeoutMs: 150 },
    wandb: { mode: 'online', baseUrl: wandbServer.url, apiKey: KEY, project: 'contract-online' },
  }),
  readBack: async ({ runId }) => {
    const run = wandbServer.runs.get(`test-entity/contract-online/${runId}`);
    if (!run) return { metrics: [] };
    const config = run.config ? JSON.parse(run.config) as Record<string, { value: unknown }> : {};
    return {
      metrics: run.history.map((l) => {
        const { _step, _runtime: _r, _timestamp: _t, ...rest } = JSON.parse(l) as Record<string, unknown>;
        return { step: _step as number, values: Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, num(v)])) };
      }),
      hparams: Object.fromEntries(Object.entries(config).map(([k, v]) => [k, v.value])),
      summary: run.summary ?? undefined,
    };
  },
});

runContractSuite({
  name: 'neptune',
  label: 'neptune (offline default)',
  options: (b) => ({ ...b, neptune: { project: 'ws/contract' } }),
  readBack: async ({ runDir }) => {
    const ops = readJsonLines(join(runDir, 'neptune', 'operations.jsonl')) as Record<string, any>[];
    const byStep = new Map<number, Record<string, number>>();
    const hparams: Record<string, unknown> = {};
    const summary: Record<string, unknown> = {};
    for (const op of ops) {
      const path = op.path as string;
      if (op.logFloats) for (const e of op.logFloats.entries) {
        const m = byStep.get(e.step) ?? {};
        m[path.replace(/^metrics\//, '')] = e.value;
        byStep.set(e.step, m);
      }
      const assign = op.assignFloat ?? op.assignInt ?? op.assignString ?? op.assignBool;
      if (assign && path.startsWith('parameters/')) hparams[path.slice(11)] = assign.value;
      if (assign && path.startsWith('summary/')) summary[path.slice(8)] = assign.value;
    }
    return { metrics: [...byStep].map(([step, values]) => ({ step, values })), hparams, summary };
  },
});
