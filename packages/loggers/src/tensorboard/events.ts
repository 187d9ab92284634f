import { ProtoWriter } from './protobuf.js';

// Field numbers from tensorflow/core/util/event.proto and framework/summary.proto.
const EVENT = { wallTime: 1, step: 2, fileVersion: 3, summary: 5 } as const;
const VALUE = { tag: 1, simpleValue: 2, histo: 5, tensor: 8, metadata: 9 } as const;
const HISTO = { min: 1, max: 2, num: 3, sum: 4, sumSquares: 5, bucketLimit: 6, bucket: 7 } as const;
const DT_STRING = 7;

/** One `Summary.Value` encoder: a tag plus its payload. */
export type SummaryValue = (w: ProtoWriter) => ProtoWriter;

/** The first record of every event file: `Event{wall_time, file_version: "brain.Event:2"}`. */
export function fileVersionEvent(wallTime: number): Uint8Array {
  return new ProtoWriter().double(EVENT.wallTime, wallTime).string(EVENT.fileVersion, 'brain.Event:2').finish();
}

/** `Event{wall_time, step, summary{value…}}`. */
export function summaryEvent(wallTime: number, step: number, values: SummaryValue[]): Uint8Array {
  const summary = new ProtoWriter();
  for (const v of values) summary.message(1, v(new ProtoWriter()));
  return new ProtoWriter().double(EVENT.wallTime, wallTime).uint(EVENT.step, step).message(EVENT.summary, summary).finish();
}

/** A scalar `Summary.Value{tag, simple_value}` (float32, as TensorBoard stores it). */
export function scalarValue(tag: string, value: number): SummaryValue {
  return (w) => w.string(VALUE.tag, tag).float(VALUE.simpleValue, value);
}

/** Histogram statistics in `HistogramProto` form. */
export interface Histogram {
  min: number; max: number; num: number; sum: number; sumSquares: number;
  bucketLimit: number[]; bucket: number[];
}

/**
 * Buckets finite `values` into `bins` equal-width buckets (`bucket_limit` = right edges).
 * Non-finite values are skipped. An empty input gives an empty histogram.
 */
export function makeHistogram(values: ArrayLike<number>, bins = 30): Histogram {
  let min = Infinity; let max = -Infinity; let num = 0; let sum = 0; let sumSquares = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
    num++; sum += v; sumSquares += v * v;
  }
  if (num === 0) return { min: 0, max: 0, num: 0, sum: 0, sumSquares: 0, bucketLimit: [], bucket: [] };
  const n = min === max ? 1 : bins;
  const width = (max - min) / n;
  const bucket = new Array<number>(n).fill(0);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    bucket[n === 1 ? 0 : Math.min(n - 1, Math.floor((v - min) / width))]!++;
  }
  const bucketLimit = bucket.map((_, i) => (i === n - 1 ? max : min + width * (i + 1)));
  return { min, max, num, sum, sumSquares, bucketLimit, bucket };
}

/** A histogram `Summary.Value{tag, histo}`. */
export function histogramValue(tag: string, h: Histogram): SummaryValue {
  const histo = new ProtoWriter().double(HISTO.min, h.min).double(HISTO.max, h.max).double(HISTO.num, h.num)
    .double(HISTO.sum, h.sum).double(HISTO.sumSquares, h.sumSquares)
    .packedDoubles(HISTO.bucketLimit, h.bucketLimit).packedDoubles(HISTO.bucket, h.bucket);
  return (w) => w.string(VALUE.tag, tag).message(VALUE.histo, histo);
}

/**
 * A text `Summary.Value`: a DT_STRING scalar tensor with `metadata.plugin_data.plugin_name = "text"`,
 * which TensorBoard's Text tab renders as Markdown.
 */
export function textValue(tag: string, text: string): SummaryValue {
  const pluginData = new ProtoWriter().string(1, 'text');
  const metadata = new ProtoWriter().message(1, pluginData);
  const tensor = new ProtoWriter().uint(1, DT_STRING).message(2, new ProtoWriter())
    .bytes(8, new TextEncoder().encode(text));
  return (w) => w.string(VALUE.tag, tag).message(VALUE.tensor, tensor).message(VALUE.metadata, metadata);
}
