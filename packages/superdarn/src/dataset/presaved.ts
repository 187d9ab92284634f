// Port of st7ma784/WeatherLearn/PTL/DataModule.py:load_dataset_from_disk, DatasetFromPresaved
import { open, readFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { normalizeSample } from '../normalize.js';
import type { SplitName } from '../split.js';
import { iterateBatches, type Batch, type LoaderOptions, type Sample, type SampleSource } from './loader.js';
import { normalizeScalars, PRESAVED_FORMAT, type PresavedIndex } from './presave.js';
import { SuperdarnDataError } from '../errors.js';

interface ShardHeader { fh: FileHandle; dataStart: number; tensors: Record<string, { dtype: string; shape: number[]; data_offsets: [number, number] }> }

/** Options of {@link DatasetFromPresaved.open}. */
export interface PresavedOptions {
  /** Normalise with the saved training statistics (default true). */
  normalize: boolean;
}

/**
 * Reads a dataset folder written by `writeGridDataset` / `weatherlearn superdarn grid`:
 * `index.json` plus safetensors shards. Frames are read with positioned reads of just their bytes
 * (shards are never loaded whole), so memory stays at one batch.
 */
export class DatasetFromPresaved implements SampleSource {
  readonly sampleShape: number[];
  readonly splits: Record<SplitName, number[]> = { train: [], val: [], test: [] };
  private readonly shards = new Map<number, Promise<ShardHeader>>();
  private byTime: Map<number, number> | undefined;

  private constructor(readonly dir: string, readonly index: PresavedIndex, readonly options: PresavedOptions) {
    this.sampleShape = index.sampleShape;
    index.samples.forEach((s, i) => this.splits[s.split].push(i));
  }

  /**
   * Opens a dataset folder.
   * @throws Error naming the folder/file/field when index.json is missing or inconsistent
   */
  static async open(dir: string, options: Partial<PresavedOptions> = {}): Promise<DatasetFromPresaved> {
    const path = join(dir, 'index.json');
    let index: PresavedIndex;
    try { index = JSON.parse(await readFile(path, 'utf8')) as PresavedIndex; } catch (e) {
      throw new SuperdarnDataError(`${path}: not a readable dataset index (${(e as Error).message})`, { file: path }, { cause: e });
    }
    const bad = (field: string, why: string): never => { throw new SuperdarnDataError(`${path}: field '${field}' ${why}`, { file: path, field }); };
    if (index.format !== PRESAVED_FORMAT) bad('format', `is '${String(index.format)}', expected '${PRESAVED_FORMAT}'`);
    if (index.version !== 1) bad('version', `${String(index.version)} is not supported (1)`);
    if (!Array.isArray(index.sampleShape) || index.sampleShape.some((d) => !Number.isInteger(d) || d < 1)) bad('sampleShape', 'must be positive integers');
    if (!Array.isArray(index.frames) || !Array.isArray(index.samples) || !Array.isArray(index.shards)) bad('frames/samples/shards', 'must be arrays');
    index.frames.forEach((f, k) => { if (!(f.shard >= 0 && f.shard < index.shards.length)) bad(`frames[${k}].shard`, `${f.shard} is not a shard index`); });
    index.samples.forEach((s, k) => {
      if (!(s.x >= 0 && s.x < index.frames.length && s.y >= 0 && s.y < index.frames.length)) bad(`samples[${k}]`, 'refers to a missing frame');
      if (!['train', 'val', 'test'].includes(s.split)) bad(`samples[${k}].split`, `'${s.split}' is not train/val/test`);
    });
    if (!index.stats || index.stats.mean?.length !== index.sampleShape[0]) bad('stats', 'must hold one mean/std per channel');
    return new DatasetFromPresaved(dir, index, { normalize: true, ...options });
  }

  /** Number of samples (all splits). */
  get length(): number {
    return this.index.samples.length;
  }

  private shard(k: number): Promise<ShardHeader> {
    let p = this.shards.get(k);
    if (!p) {
      const file = join(this.dir, this.index.shards[k].file);
      p = (async () => {
        const fh = await open(file, 'r');
        const head = Buffer.alloc(8);
        await fh.read(head, 0, 8, 0);
        const n = Number(head.readBigUInt64LE(0));
        const { size } = await fh.stat();
        if (!(n > 1 && 8 + n <= size && n < 100 * 1024 * 1024)) { await fh.close(); throw new SuperdarnDataError(`${file}@0 (header length): ${n} does not fit a ${size}-byte safetensors file`, { file, offset: 0, field: 'header length' }); }
        const json = Buffer.alloc(n);
        await fh.read(json, 0, n, 8);
        try {
          return { fh, dataStart: 8 + n, tensors: JSON.parse(json.toString('utf8')) as ShardHeader['tensors'] };
        } catch (e) { await fh.close(); throw new SuperdarnDataError(`${file}@8 (header): invalid JSON: ${(e as Error).message}`, { file, offset: 8, field: 'header' }, { cause: e }); }
      })();
      this.shards.set(k, p);
    }
    return p;
  }

  /** The raw frame k as float32. */
  async frame(k: number): Promise<Float32Array> {
    const f = this.index.frames[k];
    if (!f) throw new Error(`frame ${k} out of range (0..${this.index.frames.length - 1})`);
    const h = await this.shard(f.shard);
    const t = h.tensors[f.name];
    const file = join(this.dir, this.index.shards[f.shard].file);
    const per = this.sampleShape.reduce((a, b) => a * b, 1);
    if (!t || t.dtype !== 'F32' || t.data_offsets[1] - t.data_offsets[0] !== per * 4) throw new SuperdarnDataError(`${file} (${f.name}): missing or not an F32 tensor of shape [${this.sampleShape.join(', ')}]`, { file, field: f.name });
    const buf = new Float32Array(per);
    const { bytesRead } = await h.fh.read(new Uint8Array(buf.buffer), 0, per * 4, h.dataStart + t.data_offsets[0]);
    if (bytesRead !== per * 4) throw new SuperdarnDataError(`${file}@${h.dataStart + t.data_offsets[0]} (${f.name}): truncated (${bytesRead} of ${per * 4} bytes)`, { file, offset: h.dataStart + t.data_offsets[0], field: f.name });
    return buf;
  }

  /** Sample i (normalised with the saved statistics unless disabled). */
  async get(i: number): Promise<Sample> {
    const s = this.index.samples[i];
    if (!s) throw new Error(`sample ${i} out of range (0..${this.length - 1})`);
    const [x, y] = await Promise.all([this.frame(s.x), this.frame(s.y)]);
    if (this.options.normalize) { normalizeSample(x, this.index.stats); normalizeSample(y, this.index.stats); }
    const raw = this.index.frames[s.x].scalars, st = this.index.scalars;
    const cond = raw && st ? (this.options.normalize ? normalizeScalars(raw, st) : Float32Array.from(raw)) : undefined;
    return { x, y, time: Date.parse(this.index.frames[s.x].time), ...(cond ? { cond } : {}) };
  }

  /**
   * The `k − 1` frames before sample i's input, oldest first, one window apart (`windowMinutes`),
   * normalised like {@link get}: several input frames (`pangu.inputFrames`). A window the folder
   * does not hold is filled with the oldest frame found so far (persistence padding).
   */
  async history(i: number, k: number): Promise<Float32Array[]> {
    const s = this.index.samples[i];
    if (!s) throw new Error(`sample ${i} out of range (0..${this.length - 1})`);
    return this.framesBefore(s.x, k);
  }

  /**
   * The `k − 1` frames before frame `f`, oldest first, one window apart, normalised like
   * {@link get}; a missing window repeats the oldest frame found so far (see {@link history}).
   */
  async framesBefore(f: number, k: number): Promise<Float32Array[]> {
    if (!this.index.frames[f]) throw new Error(`frame ${f} out of range (0..${this.index.frames.length - 1})`);
    if (!this.byTime) this.byTime = new Map(this.index.frames.map((fr, j) => [Date.parse(fr.time), j]));
    const W = this.index.config.windowMinutes * 60_000, t0 = Date.parse(this.index.frames[f].time);
    const out: Float32Array[] = [];
    let prev = f;
    for (let j = 1; j < k; j++) {
      const e = this.byTime.get(t0 - j * W);
      if (e !== undefined) prev = e;
      const data = await this.frame(prev);
      if (this.options.normalize) normalizeSample(data, this.index.stats);
      out.unshift(data);
    }
    return out;
  }

  /** Batches of one split. */
  batches(split: SplitName, options: Partial<LoaderOptions> = {}): AsyncGenerator<Batch> {
    return iterateBatches(this, this.splits[split], options);
  }

  /** Closes the shard files. */
  async close(): Promise<void> {
    const hs = [...this.shards.values()];
    this.shards.clear();
    await Promise.all(hs.map(async (p) => { try { await (await p).fh.close(); } catch { /* already failed */ } }));
  }
}
