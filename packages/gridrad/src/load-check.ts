/** Does a tensor file load? (the original's `torch.load` try/except, plus an optional finiteness check). */
import { extname } from 'node:path';
import { formatFromBytes, formatFromPath, isTensor, readNpy, readNpz, readPt, readSafetensors, toFloat32, type PtValue, type Tensor } from '@weatherlearn/tensor-io';

/** Outcome of loading one file. */
export interface LoadCheck {
  path: string;
  ok: boolean;
  /** Why it failed to load (or holds non-finite values). */
  reason?: string;
  /** Tensors found. */
  tensors: number;
}

function collect(v: PtValue, out: Tensor[]): void {
  if (isTensor(v)) out.push(v);
  else if (Array.isArray(v)) for (const x of v) collect(x, out);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) collect(x as PtValue, out);
}

/**
 * Parses the bytes of a tensor file (.pt/.pth, .npy, .npz, .safetensors; by extension, else by
 * magic bytes) and reports whether it loads. With `requireFinite`, NaN/±Inf in a float tensor
 * counts as a failure. Never throws.
 */
export function loadTensorFile(path: string, bytes: Uint8Array | Error, requireFinite = false): LoadCheck {
  if (bytes instanceof Error) return { path, ok: false, reason: `cannot read: ${bytes.message}`, tensors: 0 };
  try {
    const fmt = formatFromPath(path) ?? formatFromBytes(bytes);
    const tensors: Tensor[] = [];
    if (fmt === 'pt') collect(readPt(bytes, path), tensors);
    else if (fmt === 'npy') tensors.push(readNpy(bytes, path));
    else if (fmt === 'npz') tensors.push(...Object.values(readNpz(bytes, path)));
    else if (fmt === 'safetensors') tensors.push(...Object.values(readSafetensors(bytes, path)));
    else return { path, ok: false, reason: `unknown tensor format (${extname(path) || 'no extension'})`, tensors: 0 };
    if (tensors.length === 0) return { path, ok: false, reason: 'holds no tensor', tensors: 0 };
    if (requireFinite) {
      for (const t of tensors) {
        if (!t.dtype.startsWith('float') && t.dtype !== 'bfloat16') continue;
        const d = toFloat32(t);
        for (let i = 0; i < d.length; i++) {
          if (!Number.isFinite(d[i]!)) return { path, ok: false, reason: `non-finite value ${d[i]} at element ${i}`, tensors: tensors.length };
        }
      }
    }
    return { path, ok: true, tensors: tensors.length };
  } catch (e) {
    return { path, ok: false, reason: (e as Error).message, tensors: 0 };
  }
}
