// An INDEPENDENT TFRecord + protobuf reader for tests: bit-by-bit CRC32C, its own varint and field
// parsing, nothing shared with the writer in ../tensorboard.
import { readFileSync } from 'node:fs';

function crc32cBitwise(bytes: Uint8Array): number {
  let crc = ~0 >>> 0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = (crc >>> 1) ^ (0x82f63b78 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function masked(bytes: Uint8Array): number {
  const crc = crc32cBitwise(bytes);
  const rotated = ((crc >>> 15) | (crc << 17)) >>> 0;
  return (rotated + 0xa282ead8) % 0x100000000;
}

/** Splits a TFRecord file into record payloads, checking both CRCs of every record. */
export function readRecords(path: string): Uint8Array[] {
  const buf = new Uint8Array(readFileSync(path));
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const out: Uint8Array[] = [];
  let pos = 0;
  while (pos < buf.length) {
    if (pos + 12 > buf.length) throw new Error(`${path}@${pos}: truncated header`);
    const lenLo = dv.getUint32(pos, true);
    const lenHi = dv.getUint32(pos + 4, true);
    if (lenHi !== 0) throw new Error(`${path}@${pos}: record too large`);
    if (dv.getUint32(pos + 8, true) !== masked(buf.subarray(pos, pos + 8))) throw new Error(`${path}@${pos}: length CRC mismatch`);
    const start = pos + 12;
    const end = start + lenLo;
    if (end + 4 > buf.length) throw new Error(`${path}@${pos}: truncated data`);
    const data = buf.subarray(start, end);
    if (dv.getUint32(end, true) !== masked(data)) throw new Error(`${path}@${pos}: data CRC mismatch`);
    out.push(data);
    pos = end + 4;
  }
  return out;
}

type Field = { no: number; wire: number; int?: number; bytes?: Uint8Array; f64?: number; f32?: number };

/** Parses one message into its raw fields. */
export function fields(msg: Uint8Array): Field[] {
  const res: Field[] = [];
  let i = 0;
  const varint = (): number => {
    let v = 0; let mul = 1;
    for (;;) {
      const b = msg[i++];
      if (b === undefined) throw new Error('varint runs past the end');
      v += (b & 0x7f) * mul; mul *= 128;
      if (b < 128) return v;
    }
  };
  while (i < msg.length) {
    const key = varint();
    const no = Math.floor(key / 8); const wire = key % 8;
    const dv = new DataView(msg.buffer, msg.byteOffset + i);
    if (wire === 0) res.push({ no, wire, int: varint() });
    else if (wire === 1) { res.push({ no, wire, f64: dv.getFloat64(0, true) }); i += 8; }
    else if (wire === 5) { res.push({ no, wire, f32: dv.getFloat32(0, true) }); i += 4; }
    else if (wire === 2) { const n = varint(); res.push({ no, wire, bytes: msg.subarray(i, i + n) }); i += n; }
    else throw new Error(`unsupported wire type ${wire}`);
  }
  return res;
}

/** A decoded `Summary.Value`. */
export interface DecodedValue {
  tag: string; simpleValue?: number; text?: string; pluginName?: string; pluginContent?: Uint8Array;
  histo?: { min: number; max: number; num: number; sum: number; sumSquares: number; limits: number[]; counts: number[] };
}

/** A decoded `Event`. */
export interface DecodedEvent { wallTime: number; step: number; fileVersion?: string; values: DecodedValue[] }

const str = (b?: Uint8Array) => new TextDecoder().decode(b);
const doubles = (b?: Uint8Array) => {
  const out: number[] = [];
  if (!b) return out;
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  for (let o = 0; o < b.length; o += 8) out.push(dv.getFloat64(o, true));
  return out;
};

function decodeValue(b: Uint8Array): DecodedValue {
  const v: DecodedValue = { tag: '' };
  for (const f of fields(b)) {
    if (f.no === 1) v.tag = str(f.bytes);
    else if (f.no === 2) v.simpleValue = f.f32;
    else if (f.no === 5) {
      const h = { min: 0, max: 0, num: 0, sum: 0, sumSquares: 0, limits: [] as number[], counts: [] as number[] };
      for (const g of fields(f.bytes!)) {
        if (g.no === 1) h.min = g.f64!; else if (g.no === 2) h.max = g.f64!; else if (g.no === 3) h.num = g.f64!;
        else if (g.no === 4) h.sum = g.f64!; else if (g.no === 5) h.sumSquares = g.f64!;
        else if (g.no === 6) h.limits = doubles(g.bytes); else if (g.no === 7) h.counts = doubles(g.bytes);
      }
      v.histo = h;
    } else if (f.no === 8) {
      for (const g of fields(f.bytes!)) if (g.no === 8) v.text = str(g.bytes);
    } else if (f.no === 9) {
      for (const g of fields(f.bytes!)) {
        if (g.no === 1) for (const p of fields(g.bytes!)) { if (p.no === 1) v.pluginName = str(p.bytes); else if (p.no === 2) v.pluginContent = p.bytes; }
      }
    }
  }
  return v;
}

/** Decodes every `Event` of an event file (CRC checked). */
export function readEvents(path: string): DecodedEvent[] {
  return readRecords(path).map((rec) => {
    const e: DecodedEvent = { wallTime: 0, step: 0, values: [] };
    for (const f of fields(rec)) {
      if (f.no === 1) e.wallTime = f.f64!;
      else if (f.no === 2) e.step = f.int!;
      else if (f.no === 3) e.fileVersion = str(f.bytes);
      else if (f.no === 5) for (const g of fields(f.bytes!)) if (g.no === 1) e.values.push(decodeValue(g.bytes!));
    }
    return e;
  });
}

/** Parses the `|key|value|` Markdown table the plugin writes for hparams/summary. */
export function parseMarkdownTable(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n').slice(2)) {
    const m = /^\|((?:[^|\\]|\\.)*)\|((?:[^|\\]|\\.)*)\|$/.exec(line);
    if (m) out[m[1]!.replace(/\\\|/g, '|')] = m[2]!.replace(/\\\|/g, '|');
  }
  return out;
}

/** A decoded `tensorboard.hparams.HParamsPluginData` (the fields the plugin writes). */
export interface DecodedHparams {
  kind: 'experiment' | 'session_start' | 'session_end';
  /** session_start: name → value. */
  hparams?: Record<string, number | string | boolean>;
  /** experiment: hyper-parameter name → DataType (1 string, 2 bool, 3 float64), and metric tags. */
  hparamTypes?: Record<string, number>;
  metricTags?: string[];
  /** session_end: Status (1 success, 2 failure). */
  status?: number;
}

/** Decodes the `content` of an hparams plugin summary (independently of the writer). */
export function decodeHparamsPluginData(content: Uint8Array): DecodedHparams {
  for (const f of fields(content)) {
    if (f.no === 3) {
      const hparams: Record<string, number | string | boolean> = {};
      for (const e of fields(f.bytes!)) {
        if (e.no !== 1) continue;
        let key = ''; let val: number | string | boolean = '';
        for (const kv of fields(e.bytes!)) {
          if (kv.no === 1) key = str(kv.bytes);
          else if (kv.no === 2) for (const pv of fields(kv.bytes!)) { if (pv.no === 2) val = pv.f64!; else if (pv.no === 3) val = str(pv.bytes); else if (pv.no === 4) val = pv.int === 1; }
        }
        hparams[key] = val;
      }
      return { kind: 'session_start', hparams };
    }
    if (f.no === 4) return { kind: 'session_end', status: fields(f.bytes!).find((g) => g.no === 1)?.int ?? 0 };
    if (f.no === 2) {
      const hparamTypes: Record<string, number> = {}; const metricTags: string[] = [];
      for (const g of fields(f.bytes!)) {
        if (g.no === 4) { const h = fields(g.bytes!); hparamTypes[str(h.find((x) => x.no === 1)?.bytes)] = h.find((x) => x.no === 4)?.int ?? 0; }
        if (g.no === 5) for (const m of fields(g.bytes!)) if (m.no === 1) for (const n of fields(m.bytes!)) if (n.no === 2) metricTags.push(str(n.bytes));
      }
      return { kind: 'experiment', hparamTypes, metricTags };
    }
  }
  throw new Error('not an HParamsPluginData (no experiment/session field)');
}
