import { readFile } from 'node:fs/promises';
import { tf } from '@weatherlearn/engine';
import { readStateDict, toFloat32, writeFileAtomic, writePt, type Tensor } from '@weatherlearn/tensor-io';
import type { ParamEntry } from './module.js';
import type { Pangu } from './pangu.js';
import { getEarthPositionIndex } from './earthPositionIndex.js';

function transpose2d(src: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(src.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = src[r * cols + c]!;
  return out;
}

/** Converts values from the PyTorch layout of `entry` to ours (C order). */
export function fromTorchLayout(entry: ParamEntry, data: Float32Array): Float32Array {
  switch (entry.layout) {
    case 'linear': // torch [out, in] → ours [in, out]
    case 'patch-embed': // torch [E, C·k] → ours [C·k, E]
      return transpose2d(data, entry.shape[1]!, entry.shape[0]!);
    default:
      return data;
  }
}

/** Converts values from our layout of `entry` to PyTorch's (C order). */
export function toTorchLayout(entry: ParamEntry, data: Float32Array): Float32Array {
  switch (entry.layout) {
    case 'linear':
    case 'patch-embed':
      return transpose2d(data, entry.shape[0]!, entry.shape[1]!);
    default:
      return data;
  }
}

/** Options of {@link loadTorchStateDict}. */
export interface LoadStateDictOptions {
  /** Fail on keys the model does not have (default true). Derived buffers are always accepted. */
  strict: boolean;
}

/** Default options of {@link loadTorchStateDict}. */
export const DEFAULT_LOAD_STATE_DICT_OPTIONS: LoadStateDictOptions = { strict: true };

/** What {@link loadTorchStateDict} did. */
export interface LoadReport {
  loaded: string[];
  /** Derived buffers found in the file and ignored (`earth_position_index`, `attn_mask`). */
  buffers: string[];
  /** Keys not used (only when not strict). */
  unexpected: string[];
}

const BUFFER = /\.(attn\.earth_position_index|attn_mask)$/;

/**
 * Loads a PyTorch state dict (`weights.pt` path, its bytes, or an already-read dict) into a
 * model built with the matching configuration, converting the layouts (Linear `[out,in]` →
 * `[in,out]`, Conv/ConvTranspose flattening, LayerNorm as is). Every parameter must be present with
 * the right shape; errors name the key and both shapes.
 */
export async function loadTorchStateDict(
  model: { entries: ParamEntry[] },
  source: string | Uint8Array | Record<string, Tensor>,
  options: Partial<LoadStateDictOptions> = {},
): Promise<LoadReport> {
  const { strict } = { ...DEFAULT_LOAD_STATE_DICT_OPTIONS, ...options };
  const name = typeof source === 'string' ? source : '<state dict>';
  const dict = typeof source === 'string' ? readStateDict(await readFile(source), source)
    : source instanceof Uint8Array ? readStateDict(source, name) : source;
  const report: LoadReport = { loaded: [], buffers: [], unexpected: [] };
  const known = new Set(model.entries.map((e) => e.key));
  for (const key of Object.keys(dict)) {
    if (known.has(key)) continue;
    if (BUFFER.test(key)) report.buffers.push(key);
    else if (strict) throw new Error(`${name}: unexpected key "${key}" (the model has no such parameter; pass strict: false to ignore)`);
    else report.unexpected.push(key);
  }
  const values: [ParamEntry, Float32Array][] = [];
  for (const e of model.entries) {
    const t = dict[e.key];
    if (!t) throw new Error(`${name}: missing key "${e.key}" (shape [${e.torchShape}])`);
    if (t.shape.length !== e.torchShape.length || t.shape.some((d, i) => d !== e.torchShape[i])) {
      throw new Error(`${name}: "${e.key}" has shape [${t.shape}], the model expects [${e.torchShape}]`);
    }
    if (!e.variable) throw new Error('loadTorchStateDict: the model was built in meta mode');
    values.push([e, fromTorchLayout(e, toFloat32(t))]);
  }
  for (const [e, v] of values) {
    tf.tidy(() => e.variable!.assign(tf.tensor(v, e.shape, 'float32')));
    report.loaded.push(e.key);
  }
  return report;
}

/** Options of {@link toTorchStateDict}. */
export interface SaveStateDictOptions {
  /** Add the persistent buffers of the original (`earth_position_index`, `attn_mask`) so PyTorch loads it with strict=True. Default true. */
  buffers: boolean;
}

/** The model's parameters as a PyTorch-layout state dict (float32; buffers as the original stores them). */
export async function toTorchStateDict(model: Pangu, options: Partial<SaveStateDictOptions> = {}): Promise<Record<string, Tensor>> {
  const withBuffers = options.buffers ?? true;
  const out: Record<string, Tensor> = {};
  for (const e of model.entries) {
    if (!e.variable) throw new Error('toTorchStateDict: the model was built in meta mode');
    const data = toTorchLayout(e, (await e.variable.data()) as Float32Array);
    out[e.key] = { dtype: 'float32', shape: [...e.torchShape], data };
  }
  if (withBuffers) {
    const layers = [model.layer1, model.layer2, model.layer3, model.layer4];
    for (let l = 0; l < 4; l++) {
      for (const [i, b] of layers[l]!.blocks.entries()) {
        const idx = getEarthPositionIndex(b.o.windowSize);
        const N = Math.sqrt(idx.length);
        out[`layer${l + 1}.blocks.${i}.attn.earth_position_index`] = { dtype: 'int64', shape: [N, N], data: BigInt64Array.from(idx, (v) => BigInt(v)) };
        if (b.attnMask) out[`layer${l + 1}.blocks.${i}.attn_mask`] = { dtype: 'float32', shape: [...b.attnMask.shape], data: (await b.attnMask.data()) as Float32Array };
      }
    }
  }
  return out;
}

/**
 * Writes the model as a PyTorch `.pt` state dict (zip, pickle protocol 2) that `torch.load` and the
 * original `Pangu.load_state_dict` accept. Returns the bytes; with `path`, also writes them atomically.
 */
export async function saveTorchStateDict(model: Pangu, path?: string, options: Partial<SaveStateDictOptions> = {}): Promise<Uint8Array> {
  const bytes = writePt(await toTorchStateDict(model, options), { archiveName: 'weights' });
  if (path) await writeFileAtomic(path, bytes);
  return bytes;
}
