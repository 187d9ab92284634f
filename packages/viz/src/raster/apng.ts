import { deflateSync } from 'node:zlib';
import { PNG_SIGNATURE, pngChunk, type RgbaImage } from './png.js';

/** Options of {@link encodeApng}. */
export interface ApngOptions {
  /** Time each frame is shown, milliseconds. */
  delayMs: number;
  /** Times the animation plays (0: forever). */
  loops: number;
}

/** Half a second per frame, looping forever. */
export const DEFAULT_APNG_OPTIONS: ApngOptions = { delayMs: 500, loops: 0 };

function u32(v: number[]): Uint8Array {
  const out = new Uint8Array(v.length * 4);
  const dv = new DataView(out.buffer);
  v.forEach((x, i) => dv.setUint32(i * 4, x));
  return out;
}

function scanlines(img: RgbaImage): Uint8Array {
  const { width, height, data } = img;
  const raw = new Uint8Array((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) raw.set(data.subarray(y * width * 4, (y + 1) * width * 4), y * (width * 4 + 1) + 1);
  return deflateSync(raw);
}

/**
 * Encodes RGBA frames of one size as an animated PNG (APNG: `acTL`, one `fcTL` per frame, the first
 * frame as `IDAT` so viewers without APNG support show it, later frames as `fdAT`). Browsers and
 * most image viewers play it; it is a plain PNG of frame 0 to anything else.
 */
export function encodeApng(frames: RgbaImage[], options: Partial<ApngOptions> = {}): Uint8Array {
  const o = { ...DEFAULT_APNG_OPTIONS, ...options };
  if (frames.length === 0) throw new Error('encodeApng: no frames');
  const { width, height } = frames[0]!;
  frames.forEach((f, i) => {
    if (f.width !== width || f.height !== height) throw new Error(`encodeApng: frame ${i} is ${f.width}×${f.height}, frame 0 is ${width}×${height}`);
    if (f.data.length !== width * height * 4) throw new Error(`encodeApng: frame ${i} has ${f.data.length} bytes, expected ${width * height * 4}`);
  });
  if (!(o.delayMs >= 0 && o.delayMs < 65536)) throw new Error(`encodeApng: delayMs must be in 0..65535, got ${o.delayMs}`);
  const ihdr = new Uint8Array(13);
  ihdr.set(u32([width, height]));
  ihdr.set([8, 6, 0, 0, 0], 8);
  const parts: Uint8Array[] = [PNG_SIGNATURE, pngChunk('IHDR', ihdr), pngChunk('acTL', u32([frames.length, o.loops]))];
  let seq = 0;
  frames.forEach((f, i) => {
    const fc = new Uint8Array(26);
    fc.set(u32([seq++, width, height, 0, 0]));
    const dv = new DataView(fc.buffer);
    dv.setUint16(20, Math.round(o.delayMs));
    dv.setUint16(22, 1000);
    fc[24] = 0; // dispose: none
    fc[25] = 0; // blend: source
    parts.push(pngChunk('fcTL', fc));
    const z = scanlines(f);
    if (i === 0) parts.push(pngChunk('IDAT', z));
    else {
      const body = new Uint8Array(4 + z.length);
      body.set(u32([seq++]));
      body.set(z, 4);
      parts.push(pngChunk('fdAT', body));
    }
  });
  parts.push(pngChunk('IEND', new Uint8Array(0)));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let off = 0;
  for (const p of parts) { out.set(p, off); off += p.length; }
  return out;
}
