import { extname } from 'node:path';

/** Tensor container formats handled by {@link readTensorFile} / {@link writeTensorFile}. */
export type TensorFormat = 'npy' | 'npz' | 'pt' | 'safetensors';

const EXT: Record<string, TensorFormat> = {
  '.npy': 'npy', '.npz': 'npz', '.pt': 'pt', '.pth': 'pt', '.ckpt': 'pt', '.safetensors': 'safetensors',
};

/** The format named by a path's extension (`.npy`, `.npz`, `.pt`/`.pth`/`.ckpt`, `.safetensors`). */
export function formatFromPath(path: string): TensorFormat | undefined {
  return EXT[extname(path).toLowerCase()];
}

/**
 * Guesses the format from the first bytes: `\x93NUMPY` → npy, a zip with a `data.pkl` → pt, another
 * zip → npz, an 8-byte length followed by `{` → safetensors.
 */
export function formatFromBytes(bytes: Uint8Array): TensorFormat | undefined {
  if (bytes[0] === 0x93 && bytes[1] === 0x4e && bytes[2] === 0x55) return 'npy';
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    const tail = new TextDecoder('latin1').decode(bytes.subarray(0, Math.min(bytes.byteLength, 4096)));
    return /data\.pkl/.test(tail) ? 'pt' : 'npz';
  }
  if (bytes.byteLength >= 9 && bytes[8] === 0x7b) return 'safetensors';
  return undefined;
}
