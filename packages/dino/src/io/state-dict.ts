// Port of dariodematties/gridrad/Hierarchical_Pretraining/utils.py:load_pretrained_weights
import { readPt, writePt, isTensor, type PtValue, type Tensor } from '@weatherlearn/tensor-io';
import type { Module, LoadStateDictResult } from '@weatherlearn/engine/nn';
import { DinoDataError } from '../errors.js';

/** Options of {@link loadPretrainedWeights}. */
export interface LoadTorchOptions {
  /** Checkpoint entry to use when the file is a dict of dicts (DINO: `teacher` or `student`). */
  checkpointKey: string;
  /** Prefixes removed from every key, in order (`module.` from DDP, `backbone.` from MultiCropWrapper). */
  stripPrefixes: string[];
  /** Keys starting with one of these are ignored (e.g. `head.` when loading a backbone). */
  ignorePrefixes: string[];
  /** Throw on missing parameters (unexpected keys are always reported, never fatal when false). */
  strict: boolean;
}

/** As `From_ViT16_to_ViT256.py` loads a backbone: `teacher`, strip `module.`/`backbone.`, non-strict. */
export const DEFAULT_LOAD_TORCH_OPTIONS: LoadTorchOptions = {
  checkpointKey: 'teacher', stripPrefixes: ['module.', 'backbone.'], ignorePrefixes: [], strict: false,
};

function isDict(v: unknown): v is Record<string, PtValue> {
  return !!v && typeof v === 'object' && !Array.isArray(v) && !isTensor(v);
}

/**
 * Extracts a flat `{key: Tensor}` from a parsed `.pt` value: a state dict itself, or a checkpoint
 * whose `checkpointKey` (then `state_dict`/`model`) holds it; then strips and filters key prefixes.
 */
export function extractStateDict(v: PtValue, options: Partial<LoadTorchOptions> = {}, file = '<pt>'): Record<string, Tensor> {
  const o = { ...DEFAULT_LOAD_TORCH_OPTIONS, ...options };
  if (!isDict(v)) throw new DinoDataError(`${file}: top level is not a dict`, { file });
  let d: Record<string, PtValue> = v;
  const allTensors = (x: Record<string, PtValue>) => Object.values(x).some(isTensor) && Object.values(x).every(isTensor);
  if (!allTensors(d)) {
    const key = [o.checkpointKey, 'state_dict', 'model'].find((k) => isDict(d[k]) && allTensors(d[k] as Record<string, PtValue>));
    if (!key) throw new DinoDataError(`${file}: no state dict found (keys: ${Object.keys(d).slice(0, 10).join(', ')}); expected tensors or a '${o.checkpointKey}' entry`, { file, field: o.checkpointKey });
    d = d[key] as Record<string, PtValue>;
  }
  const out: Record<string, Tensor> = {};
  for (const [k0, t] of Object.entries(d)) {
    let k = k0;
    for (const p of o.stripPrefixes) if (k.startsWith(p)) k = k.slice(p.length);
    if (o.ignorePrefixes.some((p) => k.startsWith(p))) continue;
    out[k] = t as Tensor;
  }
  return out;
}

/**
 * Loads PyTorch weights (`torch.save` bytes: a state dict or a DINO checkpoint) into `module`.
 * Every parameter of the module must be present (missing keys throw); keys the module does not
 * have throw only with `strict: true`; shape mismatches always throw. Errors name file and key.
 */
export function loadPretrainedWeights(module: Module, bytes: Uint8Array, options: Partial<LoadTorchOptions> = {}, file = '<pt>'): LoadStateDictResult {
  const o = { ...DEFAULT_LOAD_TORCH_OPTIONS, ...options };
  const sd = extractStateDict(readPt(bytes, file), o, file);
  const missing = module.parameterInfo().map((p) => p.name).filter((k) => !(k in sd));
  if (missing.length) throw new Error(`${file}: missing keys ${missing.slice(0, 8).join(', ')}${missing.length > 8 ? ', …' : ''}`);
  return module.loadStateDict(sd, { strict: o.strict, source: file });
}

/** `torch.save(module.state_dict())` bytes (loadable by PyTorch). */
export function savePretrainedWeights(module: Module): Uint8Array {
  return writePt(module.stateDict());
}
