import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** A checkpoint file of a run. */
export interface CheckpointInfo { path: string; bytes: number; modified: Date }

/** What {@link scanRunDir} finds in a run folder. */
export interface RunDirContents {
  /** `run.json` (run id, status, times), when present. */
  run?: Record<string, unknown>;
  /** The configuration: `config.json`, else `hparams.json`; raw text of `config.yaml`/`.yml` otherwise. */
  config?: Record<string, unknown> | string;
  configFile?: string;
  summary?: Record<string, unknown>;
  metricsFile?: string;
  checkpoints: CheckpointInfo[];
  /** Sample files: tensors (`samples/*.safetensors|npz|npy|pt`) and images (`samples/*.png|svg`). */
  samples: string[];
}

const CKPT = /\.(pt|pth|ckpt|safetensors)$/i;
const SAMPLE = /\.(safetensors|npz|npy|pt|png|svg)$/i;

function readJson(path: string): Record<string, unknown> {
  let obj: unknown;
  try { obj = JSON.parse(readFileSync(path, 'utf8')); } catch (e) { throw new Error(`${path}: not valid JSON (${(e as Error).message})`); }
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) throw new Error(`${path}: expected a JSON object`);
  return obj as Record<string, unknown>;
}

function walk(dir: string, depth: number, out: string[]): void {
  if (depth < 0) return;
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) { if (name !== 'samples' && name !== 'node_modules') walk(p, depth - 1, out); } else out.push(p);
  }
}

/**
 * Lists what a run folder holds, in the layout of the jsonl logger (`run.json`, `hparams.json`,
 * `summary.json`, `metrics.jsonl`) plus checkpoints (`*.pt|pth|ckpt|safetensors` up to 3 levels
 * deep, outside `samples/`) and `samples/`. Errors name the file.
 */
export function scanRunDir(runDir: string): RunDirContents {
  if (!existsSync(runDir) || !statSync(runDir).isDirectory()) throw new Error(`run folder not found: ${runDir}`);
  const out: RunDirContents = { checkpoints: [], samples: [] };
  const f = (n: string): string => join(runDir, n);
  if (existsSync(f('run.json'))) out.run = readJson(f('run.json'));
  if (existsSync(f('summary.json'))) out.summary = readJson(f('summary.json'));
  for (const name of ['config.json', 'hparams.json', 'config.yaml', 'config.yml']) {
    if (!existsSync(f(name))) continue;
    out.config = name.endsWith('.json') ? readJson(f(name)) : readFileSync(f(name), 'utf8');
    out.configFile = name;
    break;
  }
  if (existsSync(f('metrics.jsonl'))) out.metricsFile = f('metrics.jsonl');
  const files: string[] = [];
  walk(runDir, 3, files);
  for (const p of files) {
    if (!CKPT.test(p)) continue;
    const st = statSync(p);
    out.checkpoints.push({ path: relative(runDir, p), bytes: st.size, modified: st.mtime });
  }
  if (existsSync(f('samples'))) out.samples = readdirSync(f('samples')).sort().filter((n) => SAMPLE.test(n)).map((n) => join('samples', n));
  return out;
}
