import { readFile } from 'node:fs/promises';
import { readStateDict, writePt, type Tensor } from '@weatherlearn/tensor-io';
import { writeFileAtomic } from '@weatherlearn/fs-atomic';
import type { Module } from '@weatherlearn/engine/nn';
import type { Pangu } from './pangu.js';
import { getEarthPositionIndex } from './earth-position-index.js';

/** Options of {@link loadTorchStateDict}. */
export interface LoadTorchStateDictOptions {
  /** Fail on keys the model does not have (default true). Derived buffers are always accepted. */
  strict: boolean;
}

/** Default options of {@link loadTorchStateDict}. */
export const DEFAULT_LOAD_STATE_DICT_OPTIONS: LoadTorchStateDictOptions = { strict: true };

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
 * Loads a PyTorch state dict (`weights.pt` path, its bytes, or an already-read dict) into a model
 * built with the matching configuration. Every parameter is stored in PyTorch layout (Linear
 * `[out, in]`, Conv `[E, C, …k]`, ConvTranspose `[Cin, Cout, …k]`), so values load as they are.
 * Every parameter must be present with the right shape; errors name the key and both shapes; nothing
 * is assigned unless all checks pass.
 */
export async function loadTorchStateDict(
  model: Module,
  source: string | Uint8Array | Record<string, Tensor>,
  options: Partial<LoadTorchStateDictOptions> = {},
): Promise<LoadReport> {
  const { strict } = { ...DEFAULT_LOAD_STATE_DICT_OPTIONS, ...options };
  const name = typeof source === 'string' ? source : '<state dict>';
  const dict = typeof source === 'string' ? readStateDict(await readFile(source), source)
    : source instanceof Uint8Array ? readStateDict(source, name) : source;
  const shapes = new Map(model.parameterInfo().map((p) => [p.name, p.shape]));
  for (const key of Object.keys(dict)) {
    if (!shapes.has(key) && !BUFFER.test(key) && strict) {
      throw new Error(`${name}: unexpected key "${key}" (the model has no such parameter; pass strict: false to ignore)`);
    }
  }
  for (const [key, shape] of shapes) {
    if (!dict[key]) throw new Error(`${name}: missing key "${key}" (shape [${shape}])`);
  }
  const r = model.loadStateDict(dict, { strict: false, ignore: BUFFER, source: name });
  return { loaded: r.loadedKeys, buffers: r.ignoredKeys, unexpected: r.unexpectedKeys };
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
  for (const { name, variable } of model.namedParameters()) {
    out[name] = { dtype: 'float32', shape: [...variable.shape], data: new Float32Array((await variable.data()) as Float32Array) };
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
