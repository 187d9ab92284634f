import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CommanderError } from 'commander';
import { initEngine, tf, type BackendName } from '@weatherlearn/engine';
import { readNpy, toFloat32 } from '@weatherlearn/tensor-io';
import { Pangu, isPanguReferenceConfig, loadTorchStateDict, panguConfigFromReference } from '@weatherlearn/pangu';
import { numberArg } from '../cli-args.js';
import type { RegisterCommand } from './types.js';
import { dinoReferenceFamily, vit2kReferenceFamily } from './reference-dino.js';
import { dinoTrainReferenceFamily, panguTrainReferenceFamily } from './reference-train.js';

/** A reference config.json, as parsed JSON. */
export type ReferenceConfig = Record<string, unknown>;

/** One output of a family's run: what we computed and what PyTorch computed. */
export interface ReferenceOutput {
  name: string;
  shape: number[];
  actual: Float32Array;
  expected: Float32Array;
  /** An absolute tolerance of the reference's own (training references: per tensor and iteration); overrides `--tolerance`. */
  limit?: number;
}

/** The verdict on one output. */
export interface ReferenceComparison {
  name: string;
  maxAbsErr: number;
  /** max(1, max |expected|): the tolerance is relative to it. */
  scale: number;
  /** tolerance × scale. */
  limit: number;
  ok: boolean;
}

/**
 * A model family `reference check` can verify. Another family (dino, vit2k, …) is one object of
 * this shape plus one line in {@link referenceFamilies}.
 */
export interface ReferenceFamily<M = unknown> {
  /** One line for `--help` and the report. */
  description: string;
  /** True when `config.json` describes this family (used when `--family` is not given). */
  detect(config: ReferenceConfig): boolean;
  /** Builds the model `config.json` describes. */
  build(config: ReferenceConfig): M | Promise<M>;
  /** Loads `DIR/weights.pt`. */
  loadWeights(model: M, weightsPath: string): Promise<void>;
  /** Runs the reference inputs of `dir` and returns every output next to its expected values. */
  run(model: M, dir: string, config: ReferenceConfig): Promise<ReferenceOutput[]>;
  /** Optional custom comparison (default {@link compareOutput}). */
  compare?(out: ReferenceOutput, tolerance: number): ReferenceComparison;
  /** Frees the model. */
  dispose?(model: M): void;
}

/** Reads `dir/<file>` as float32 values with its shape. */
export async function readReferenceArray(dir: string, file: string): Promise<{ shape: number[]; data: Float32Array }> {
  const path = join(dir, file);
  const t = readNpy(new Uint8Array(await readFile(path)), path);
  return { shape: t.shape, data: toFloat32(t) };
}

/** The Pangu family: `forward(surface, surface_mask, upper)` → `output_surface`, `output_upper`. */
export const panguReferenceFamily: ReferenceFamily<Pangu> = {
  description: 'Pangu-Weather (lizhuoq/WeatherLearn) — @weatherlearn/pangu',
  detect: isPanguReferenceConfig,
  build: (config) => new Pangu(panguConfigFromReference(config)),
  loadWeights: async (model, path) => { await loadTorchStateDict(model, path); },
  async run(model, dir, config) {
    const inputs = config.inputs as Record<string, { file?: string }> | undefined;
    const file = (name: string) => inputs?.[name]?.file ?? `${name}.npy`;
    const [s, m, u] = await Promise.all(['input_surface', 'input_surface_mask', 'input_upper'].map((n) => readReferenceArray(dir, file(n))));
    const outputs = Object.entries((config.outputs ?? {}) as Record<string, unknown>)
      .filter((e): e is [string, { file: string }] => typeof e[1] === 'object' && e[1] !== null && typeof (e[1] as { file?: unknown }).file === 'string');
    if (outputs.length === 0) throw new Error(`${join(dir, 'config.json')}: "outputs" lists no files`);
    const actual = tf.tidy(() => {
      const out = model.apply({
        surface: tf.tensor4d(s!.data, s!.shape as [number, number, number, number]),
        surfaceMask: tf.tensor3d(m!.data, m!.shape as [number, number, number]),
        upper: tf.tensor5d(u!.data, u!.shape as [number, number, number, number, number]),
      });
      return { output_surface: out.surface, output_upper: out.upper! } as Record<string, tf.Tensor>;
    });
    const result: ReferenceOutput[] = [];
    for (const [name, o] of outputs) {
      const t = actual[name];
      if (!t) throw new Error(`pangu: no output named "${name}" (have ${Object.keys(actual).join(', ')})`);
      const exp = await readReferenceArray(dir, o.file);
      result.push({ name, shape: t.shape, actual: (await t.data()) as Float32Array, expected: exp.data });
    }
    tf.dispose(Object.values(actual));
    return result;
  },
  dispose: (model) => model.dispose(),
};

/**
 * Every family `weatherlearn reference check` knows, by name. To add one, write its
 * {@link ReferenceFamily} in its own module and add one line here.
 */
export const referenceFamilies: Record<string, ReferenceFamily<any>> = {
  // The training-loop families first: their config.json names the model family too.
  'dino-train': dinoTrainReferenceFamily, 'pangu-train': panguTrainReferenceFamily,
  pangu: panguReferenceFamily,
  dino: dinoReferenceFamily, vit2k: vit2kReferenceFamily,
};

/** Max |actual − expected| against the output's own `limit`, else tolerance·max(1, max |expected|). Shape or length mismatches fail. */
export function compareOutput(o: ReferenceOutput, tolerance: number): ReferenceComparison {
  let scale = 1, maxAbsErr = 0;
  if (o.actual.length !== o.expected.length) maxAbsErr = Infinity;
  else {
    for (let i = 0; i < o.expected.length; i++) {
      scale = Math.max(scale, Math.abs(o.expected[i]!));
      const d = Math.abs(o.actual[i]! - o.expected[i]!);
      maxAbsErr = d > maxAbsErr || Number.isNaN(d) ? (Number.isNaN(d) ? Infinity : d) : maxAbsErr;
    }
  }
  const limit = o.limit ?? tolerance * scale;
  return { name: o.name, maxAbsErr, scale, limit, ok: maxAbsErr <= limit };
}

/** Result of {@link referenceCheck}. */
export interface ReferenceCheckResult {
  family: string;
  comparisons: ReferenceComparison[];
  ok: boolean;
}

/** Options of {@link referenceCheck}. */
export interface ReferenceCheckOptions {
  tolerance: number;
  /** Family name; detected from config.json when absent. */
  family?: string;
}

/** Default options of {@link referenceCheck}. */
export const DEFAULT_REFERENCE_CHECK_OPTIONS: ReferenceCheckOptions = { tolerance: 1e-4 };

/** Builds the family's model for `dir`, loads `dir/weights.pt`, runs and compares every output. */
export async function referenceCheck(dir: string, options: Partial<ReferenceCheckOptions> = {}): Promise<ReferenceCheckResult> {
  const opts = { ...DEFAULT_REFERENCE_CHECK_OPTIONS, ...options };
  const cfgPath = join(dir, 'config.json');
  if (!existsSync(cfgPath)) throw new Error(`${cfgPath} not found (DIR must hold config.json, weights.pt and the .npy files)`);
  let config: ReferenceConfig;
  try { config = JSON.parse(await readFile(cfgPath, 'utf8')) as ReferenceConfig; } catch (e) { throw new Error(`${cfgPath}: invalid JSON (${(e as Error).message})`); }
  const name = opts.family ?? Object.keys(referenceFamilies).find((k) => referenceFamilies[k]!.detect(config));
  if (!name) throw new Error(`${cfgPath}: no known model family matches "model": ${JSON.stringify(config.model)}; known families: ${Object.keys(referenceFamilies).join(', ')} (use --family)`);
  const family = referenceFamilies[name];
  if (!family) throw new Error(`unknown family "${name}"; known families: ${Object.keys(referenceFamilies).join(', ')}`);
  const model = await family.build(config);
  try {
    await family.loadWeights(model, join(dir, 'weights.pt'));
    const outputs = await family.run(model, dir, config);
    const comparisons = outputs.map((o) => (family.compare ?? compareOutput)(o, opts.tolerance));
    return { family: name, comparisons, ok: comparisons.every((c) => c.ok) };
  } finally {
    family.dispose?.(model);
  }
}

/** `weatherlearn reference check DIR [--tolerance 1e-4] [--family NAME] [--backend NAME] [--json]`. */
export const registerReference: RegisterCommand = (program, ctx) => {
  const ref = program.command('reference').description('check our models against PyTorch reference vectors');
  ref
    .command('check')
    .description('build the model DIR/config.json describes, load DIR/weights.pt, run the inputs and compare every output')
    .argument('<dir>', 'folder with config.json, weights.pt, input_*.npy and output_*.npy')
    .option('--tolerance <x>', 'max abs error allowed, relative to max(1, max |expected|)', numberArg('--tolerance', { above: 0 }), 1e-4)
    .option('--family <name>', `model family (default: detected from config.json): ${Object.keys(referenceFamilies).join(', ')}`)
    .option('--backend <name>', 'TensorFlow.js backend: auto, wasm, cpu or torch (default: the config file\'s engine.backend)')
    .option('--json', 'print the result as JSON')
    .addHelpText('after', `
Exits with status 1 when any output is off by more than the tolerance. The training-loop families
(dino-train, pangu-train) replay the originals' recorded iterations through the same config keys,
training module, optimizer, clipping and trainer as \`weatherlearn train\`, and use the per-tensor,
per-iteration tolerances of their config.json (--tolerance does not apply to them).
Examples:
  weatherlearn reference check ../shared/reference/pangu --tolerance 1e-4
  weatherlearn reference check ../shared/reference/dino-train
  weatherlearn reference check ../shared/reference/pangu-train`)
    .action(async (dir: string, opts: { tolerance: number; family?: string; backend?: string; json?: boolean }) => {
      let backend = opts.backend;
      if (!backend) { try { backend = ctx.config().engine.backend; } catch { backend = 'auto'; } }
      if (!['auto', 'wasm', 'cpu', 'tensorflow', 'torch'].includes(backend)) throw new Error(`--backend must be auto, wasm, cpu or torch, got "${backend}"`);
      const info = await initEngine({ backend: backend as BackendName });
      const r = await referenceCheck(dir, { tolerance: opts.tolerance, family: opts.family });
      if (opts.json) ctx.out(JSON.stringify({ ...r, backend: info.backend, tolerance: opts.tolerance }, null, 2));
      else {
        ctx.out(`family ${r.family} (${referenceFamilies[r.family]!.description}), backend ${info.backend}, tolerance ${opts.tolerance} × max(1, max|expected|)`);
        const w = Math.max(6, ...r.comparisons.map((c) => c.name.length));
        ctx.out(`${'output'.padEnd(w)}  max abs err  limit       result`);
        const failed = r.comparisons.filter((c) => !c.ok);
        const shown = r.comparisons.length > 60 ? [...failed.slice(0, 40), ...summarise(r.comparisons)] : r.comparisons;
        for (const c of shown) ctx.out(`${c.name.padEnd(w)}  ${c.maxAbsErr.toExponential(3).padEnd(11)}  ${c.limit.toExponential(3).padEnd(10)}  ${c.ok ? 'ok' : 'FAIL'}`);
      }
      if (!r.ok) throw new CommanderError(1, 'weatherlearn.reference.mismatch', 'reference check failed');
    });
};

/** Long reports (training references compare hundreds of tensors): the worst tensor of each group (`iter 3 student.…`). */
function summarise(cs: ReferenceComparison[]): ReferenceComparison[] {
  const groups = new Map<string, ReferenceComparison>();
  for (const c of cs) {
    const key = c.name.split('.')[0]!;
    const prev = groups.get(key);
    if (!prev || c.maxAbsErr / c.limit > prev.maxAbsErr / prev.limit) groups.set(key, c);
  }
  return [...groups.values()].map((c) => ({ ...c, name: `${c.name} (worst of ${c.name.split('.')[0]})` }));
}
