import { deflateSync, inflateSync } from 'node:zlib';

/** An 8-bit RGBA image, rows top to bottom. */
export interface RgbaImage {
  width: number;
  height: number;
  /** width × height × 4 bytes. */
  data: Uint8Array;
}

/** The 8-byte PNG signature. */
export const PNG_SIGNATURE = Uint8Array.from([137, 80, 78, 71, 13, 10, 26, 10]);
const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc(bytes: Uint8Array, start: number, end: number): number {
  let c = 0xffffffff;
  for (let i = start; i < end; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** One PNG chunk: length, type, body and CRC (for writers of PNG variants such as APNG). */
export function pngChunk(type: string, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + body.length);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, body.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(body, 8);
  dv.setUint32(8 + body.length, crc(out, 4, 8 + body.length));
  return out;
}

/** Encodes an RGBA image as PNG (colour type 6, 8 bits, filter 0 on every row, zlib level 6). */
export function encodePng(img: RgbaImage): Uint8Array {
  const { width, height, data } = img;
  if (!(Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0)) {
    throw new Error(`encodePng: bad size ${width}×${height}`);
  }
  if (data.length !== width * height * 4) throw new Error(`encodePng: expected ${width * height * 4} bytes, got ${data.length}`);
  const raw = new Uint8Array((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) raw.set(data.subarray(y * width * 4, (y + 1) * width * 4), y * (width * 4 + 1) + 1);
  const ihdr = new Uint8Array(13);
  const dv = new DataView(ihdr.buffer);
  dv.setUint32(0, width);
  dv.setUint32(4, height);
  ihdr.set([8, 6, 0, 0, 0], 8);
  const parts = [PNG_SIGNATURE, pngChunk('IHDR', ihdr), pngChunk('IDAT', deflateSync(raw)), pngChunk('IEND', new Uint8Array(0))];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/**
 * Decodes a non-interlaced 8-bit PNG of colour type 0 (grey), 2 (RGB), 4 (grey+alpha) or 6 (RGBA)
 * into RGBA. Errors name the byte offset; the declared size is bounded by `maxPixels`.
 */
export function decodePng(bytes: Uint8Array, name = '<png>', maxPixels = 1 << 26): RgbaImage {
  for (let i = 0; i < 8; i++) if (bytes[i] !== PNG_SIGNATURE[i]) throw new Error(`${name}@0: not a PNG (bad signature)`);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let off = 8, width = 0, height = 0, ctype = -1, ended = false;
  const idat: Uint8Array[] = [];
  while (off + 12 <= bytes.length) {
    const len = dv.getUint32(off);
    const type = String.fromCharCode(...bytes.subarray(off + 4, off + 8));
    if (off + 12 + len > bytes.length) throw new Error(`${name}@${off}: chunk ${type} runs past the end`);
    const body = bytes.subarray(off + 8, off + 8 + len);
    if (crc(bytes, off + 4, off + 8 + len) !== dv.getUint32(off + 8 + len)) throw new Error(`${name}@${off}: bad CRC in chunk ${type}`);
    if (type === 'IHDR') {
      width = dv.getUint32(off + 8); height = dv.getUint32(off + 12); ctype = body[9]!;
      if (body[8] !== 8 || body[12] !== 0 || ![0, 2, 4, 6].includes(ctype)) {
        throw new Error(`${name}@${off}: only 8-bit non-interlaced grey/RGB/RGBA PNGs are supported (depth ${body[8]}, type ${ctype}, interlace ${body[12]})`);
      }
      if (width * height > maxPixels || width === 0 || height === 0) throw new Error(`${name}@${off}: bad or too large size ${width}×${height}`);
    } else if (type === 'IDAT') idat.push(body);
    else if (type === 'IEND') { ended = true; break; }
    off += 12 + len;
  }
  if (ctype < 0) throw new Error(`${name}: no IHDR chunk`);
  if (!ended) throw new Error(`${name}@${off}: truncated (no IEND chunk)`);
  const ch = [1, 0, 3, 0, 2, 0, 4][ctype]!;
  const stride = width * ch;
  let raw: Buffer;
  try { raw = inflateSync(Buffer.concat(idat), { maxOutputLength: (stride + 1) * height + 1 }); } catch (e) { throw new Error(`${name}: bad image data (${(e as Error).message})`); }
  if (raw.length !== (stride + 1) * height) throw new Error(`${name}: image data has ${raw.length} bytes, expected ${(stride + 1) * height}`);
  const px = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const f = raw[y * (stride + 1)]!;
    const src = y * (stride + 1) + 1;
    for (let x = 0; x < stride; x++) {
      const a = x >= ch ? px[y * stride + x - ch]! : 0;
      const b = y > 0 ? px[(y - 1) * stride + x]! : 0;
      const c = x >= ch && y > 0 ? px[(y - 1) * stride + x - ch]! : 0;
      const v = raw[src + x]!;
      px[y * stride + x] = (f === 0 ? v : f === 1 ? v + a : f === 2 ? v + b : f === 3 ? v + ((a + b) >> 1) : f === 4 ? v + paeth(a, b, c) : NaN) & 0xff;
      if (f > 4) throw new Error(`${name}: row ${y} has unknown filter ${f}`);
    }
  }
  const out = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const s = i * ch;
    if (ch <= 2) { out.fill(px[s]!, i * 4, i * 4 + 3); out[i * 4 + 3] = ch === 2 ? px[s + 1]! : 255; }
    else { out[i * 4] = px[s]!; out[i * 4 + 1] = px[s + 1]!; out[i * 4 + 2] = px[s + 2]!; out[i * 4 + 3] = ch === 4 ? px[s + 3]! : 255; }
  }
  return { width, height, data: out };
}

/** The [r, g, b, a] of pixel (x, y). */
export function pixelAt(img: RgbaImage, x: number, y: number): [number, number, number, number] {
  const i = (Math.round(y) * img.width + Math.round(x)) * 4;
  return [img.data[i]!, img.data[i + 1]!, img.data[i + 2]!, img.data[i + 3]!];
}

/** A PNG as a `data:` URI (for SVG `<image>` and HTML `<img>`). */
export function pngDataUri(png: Uint8Array): string {
  return `data:image/png;base64,${Buffer.from(png).toString('base64')}`;
}
