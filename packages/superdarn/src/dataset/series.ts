// Port of st7ma784/WeatherLearn/PTL/DataModule.py:SuperDARNDataset
import { dmapRecordKind, NoUsableInputError, readDmapFile, type DmapRecord, type SkippedInput } from '@weatherlearn/tensor-io';
import { unsuitableReason } from '../kinds.js';
import { resolveGridConfig, sampleShape, type GridConfig } from '../grid/config.js';
import { radarHardware, type Hemisphere } from '../geometry/hardware.js';
import { chooseHemisphere, recordsHemisphere, SOUTH_EXTENT } from './hemisphere.js';
import { gridRecords, isFitacfConfig, recordsInWindow, windowStart } from '../grid/window.js';
import { convmapScalars } from '../grid/polar.js';
import { recordSpan } from '../records.js';
import { normalizeSample, StatsAccumulator, type ChannelStats } from '../normalize.js';
import { DEFAULT_TIME_SPLIT, splitByTime, type SplitName, type TimeSplitConfig } from '../split.js';
import type { RadarHardware } from '../geometry/hardware.js';
import type { AacgmGeolocator } from '../geometry/aacgm-geolocator.js';
import { iterateBatches, type Batch, type LoaderOptions, type Sample, type SampleSource } from './loader.js';
import type { FileStore } from './store.js';
import { SuperdarnDataError } from '../errors.js';

/** Options shared by DatasetFromDirectory and DatasetFromBucket. */
export interface SeriesDatasetOptions {
  /** Gridding (one config for the whole dataset). */
  grid: Partial<GridConfig>;
  /** Target = the window `timeStep` windows after the input (the original's T; default 1). */
  timeStep: number;
  split: TimeSplitConfig;
  /** Normalise x and y with statistics of the training split (default true). */
  normalize: boolean;
  /** At most this many training frames feed the statistics (evenly spaced; default 512). */
  statsMaxFrames: number;
  /** Parsed files kept in memory (LRU; default 8). */
  cacheFiles: number;
  /** FITACF: hardware table override; skip ground scatter (default true). */
  hardware?: readonly RadarHardware[];
  excludeGroundScatter: boolean;
  /** FITACF in AACGM-v2 (`grid.fitacfCoords`): the converter, its cache and warnings (default: shared). */
  aacgm?: AacgmGeolocator;
  /** Called after each file is indexed. */
  onIndex?: (key: string, done: number, total: number) => void;
  /** Throw at the first unreadable or unsuitable file instead of skipping it (default false). */
  strict: boolean;
  /**
   * 'auto' (default): south when every file is southern (or the extent is), else north. Files of
   * the other hemisphere are skipped (one dataset = one polar cap); a southern dataset without an
   * explicit extent uses −90…−50°.
   */
  hemisphere: Hemisphere | 'auto';
}

/** Defaults: 1-window horizon, 80/10/10 split by day, normalised, 8 cached files. */
export const DEFAULT_SERIES_OPTIONS: SeriesDatasetOptions = {
  grid: {}, timeStep: 1, split: DEFAULT_TIME_SPLIT, normalize: true, statsMaxFrames: 512, cacheFiles: 8, excludeGroundScatter: true,
  strict: false, hemisphere: 'auto',
};

/** One gridded window: its start time and the files holding its records. */
export interface Frame {
  time: number;
  files: number[];
}

/**
 * A time series of gridded windows built from SuperDARN files in a {@link FileStore}: every file
 * is indexed once (record spans), records are grouped into aligned windows of W minutes (start ≥
 * window start, end ≤ window end; records from several files/radars in the same window are
 * merged), and a sample pairs the window at t with the one at t + timeStep·W. Splits are by
 * time with no leakage ({@link splitByTime}); normalisation uses training-split statistics.
 */
export class SeriesDataset implements SampleSource {
  /** The grid config (its extent follows the dataset's hemisphere once indexed). */
  config: GridConfig;
  /** Hemisphere of the dataset (decided by {@link index}). */
  hemisphere: Hemisphere = 'north';
  readonly options: SeriesDatasetOptions;
  readonly sampleShape: number[];
  /** Files in the store, in key order. */
  keys: string[] = [];
  /** Non-empty windows, by time. */
  frames: Frame[] = [];
  /** Sample i = (frames[pairs[i][0]], frames[pairs[i][1]]). */
  pairs: [number, number][] = [];
  splits: Record<SplitName, number[]> = { train: [], val: [], test: [] };
  /** Samples dropped because they straddle a split boundary. */
  droppedAtSplit = 0;
  /** Files not used (unreadable, truncated, wrong kind by content, no records), with reasons. */
  skipped: SkippedInput[] = [];
  private stats: ChannelStats | undefined;
  private readonly cache = new Map<number, DmapRecord[]>();

  protected constructor(readonly store: FileStore, options: Partial<SeriesDatasetOptions>) {
    this.options = { ...DEFAULT_SERIES_OPTIONS, ...options };
    this.config = resolveGridConfig(this.options.grid);
    this.sampleShape = sampleShape(this.config);
    if (!Number.isInteger(this.options.timeStep) || this.options.timeStep < 1) throw new Error(`timeStep must be a positive integer, got ${this.options.timeStep}`);
  }

  /** Number of samples (all splits). */
  get length(): number {
    return this.pairs.length;
  }

  /**
   * Reads and indexes every file of the store; called by the static constructors. Unreadable files
   * and files whose content does not fit the channels (RAWACF, FITACF for vector channels, GRID/MAP
   * for FITACF channels) are skipped into {@link skipped} (with `strict`, the first one throws).
   * @throws NoUsableInputError when no file is usable
   */
  protected async index(): Promise<void> {
    const listed = await this.store.list();
    if (listed.length === 0) throw new Error(`no SuperDARN files in ${this.store.label}`);
    // 'polar' evaluates the MAP fit: GRID files (no fit) are skipped like any unsuitable file.
    const need = isFitacfConfig(this.config) ? 'fitacf' : this.config.method === 'polar' ? 'map' : 'vectors';
    const W = this.config.windowMinutes;
    const byTime = new Map<number, Set<number>>();
    this.keys = listed.map((l) => l.key);
    this.skipped = [];
    const found: { f: number; times: number[]; hemisphere?: Hemisphere }[] = [];
    const skip = (f: number, why: string) => {
      if (this.options.strict) throw new SuperdarnDataError(`${this.keys[f]}: ${why} (strict: stopping at the first unusable file)`, { file: this.keys[f] });
      this.skipped.push({ file: this.keys[f], reason: why });
    };
    for (let f = 0; f < this.keys.length; f++) {
      const r = await this.indexFile(f, need, W);
      if (typeof r === 'string') skip(f, r); else found.push({ f, ...r });
      this.options.onIndex?.(this.keys[f], f + 1, this.keys.length);
    }
    this.hemisphere = chooseHemisphere(this.options.hemisphere, this.options.grid.extent, found.map((x) => x.hemisphere));
    if (this.hemisphere === 'south' && !(this.options.grid.extent?.latMax !== undefined && this.options.grid.extent.latMax <= 0)) {
      this.config = resolveGridConfig({ ...this.options.grid, extent: { ...SOUTH_EXTENT, ...this.options.grid.extent } });
    }
    let used = 0;
    for (const x of found) {
      if (x.hemisphere !== undefined && x.hemisphere !== this.hemisphere) {
        skip(x.f, `${x.hemisphere}ern-hemisphere data in a ${this.hemisphere}ern dataset (grid each hemisphere separately: --hemisphere ${x.hemisphere})`);
        continue;
      }
      used++;
      for (const t of x.times) {
        let set = byTime.get(t);
        if (!set) byTime.set(t, (set = new Set()));
        set.add(x.f);
      }
    }
    this.skipped.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    if (used === 0) throw new NoUsableInputError(`no usable SuperDARN files in ${this.store.label} for channels ${this.config.channels.join(',')}`, this.skipped, this.keys.length);
    this.frames = [...byTime.keys()].sort((a, b) => a - b).map((time) => ({ time, files: [...byTime.get(time)!] }));
    const at = new Map(this.frames.map((fr, i) => [fr.time, i]));
    const step = this.options.timeStep * W * 60_000;
    this.pairs = [];
    for (let i = 0; i < this.frames.length; i++) {
      const j = at.get(this.frames[i].time + step);
      if (j !== undefined) this.pairs.push([i, j]);
    }
    const spans = this.pairs.map(([i, j]) => ({ start: this.frames[i].time, end: this.frames[j].time + W * 60_000 }));
    const sp = splitByTime(spans, this.options.split);
    this.splits = { train: sp.train, val: sp.val, test: sp.test };
    this.droppedAtSplit = sp.dropped;
  }

  /** The windows file f's records fall in and its hemisphere, or why the file is unusable. */
  private async indexFile(f: number, need: 'fitacf' | 'vectors' | 'map', W: number): Promise<string | { times: number[]; hemisphere?: Hemisphere }> {
    let records: DmapRecord[];
    try { records = await this.records(f); } catch (e) { return `unreadable: ${(e as Error).message}`; }
    if (records.length === 0) return 'no records';
    const why = unsuitableReason(dmapRecordKind(records[0]), need);
    if (why) return why;
    const times: number[] = [];
    try {
      for (const rec of records) {
        const s = recordSpan(rec);
        const t = windowStart(s.start, W);
        if (s.end <= t + W * 60_000) times.push(t);
      }
    } catch (e) { return `bad record times: ${(e as Error).message}`; }
    if (need === 'fitacf') {
      const stid = records.find((r) => r.num('stid') !== undefined)?.num('stid');
      try { radarHardware(stid ?? NaN, this.options.hardware); } catch (e) { return (e as Error).message; }
    }
    return { times, hemisphere: recordsHemisphere(records, this.options.hardware) };
  }

  /** Parsed records of file f (LRU cache). */
  private async records(f: number): Promise<DmapRecord[]> {
    const hit = this.cache.get(f);
    if (hit) { this.cache.delete(f); this.cache.set(f, hit); return hit; }
    const key = this.keys[f];
    const { records } = await readDmapFile(await this.store.read(key), { name: key });
    this.cache.set(f, records);
    while (this.cache.size > Math.max(1, this.options.cacheFiles)) this.cache.delete(this.cache.keys().next().value!);
    return records;
  }

  /** The raw (unnormalised) gridded frame `i`. */
  async frame(i: number): Promise<Float32Array> {
    const fr = this.frames[i];
    if (!fr) throw new Error(`frame ${i} out of range (0..${this.frames.length - 1})`);
    const recs: DmapRecord[] = [];
    for (const f of fr.files) recs.push(...recordsInWindow(await this.records(f), fr.time, this.config.windowMinutes));
    return gridRecords(recs, this.config, { file: fr.files.map((f) => this.keys[f]).join(', '), hardware: this.options.hardware, excludeGroundScatter: this.options.excludeGroundScatter, ...(this.options.aacgm ? { aacgm: this.options.aacgm } : {}) });
  }

  /**
   * The conditioning scalars of frame `i` ('polar' only: the window's mean `CONVMAP_SCALARS`,
   * raw); undefined for other methods.
   */
  async frameScalars(i: number): Promise<number[] | undefined> {
    if (this.config.method !== 'polar') return undefined;
    const fr = this.frames[i];
    if (!fr) throw new Error(`frame ${i} out of range (0..${this.frames.length - 1})`);
    const recs: DmapRecord[] = [];
    for (const f of fr.files) recs.push(...recordsInWindow(await this.records(f), fr.time, this.config.windowMinutes));
    const sums = recs.map(convmapScalars).reduce((a, s) => a.map((v, k) => v + s[k]! / recs.length), convmapScalars(recs[0]!).map(() => 0));
    return sums;
  }

  /** Per-channel statistics over the training split's input frames (computed once). */
  async computeStats(): Promise<ChannelStats> {
    if (this.stats) return this.stats;
    const acc = new StatsAccumulator(this.config.channels);
    for (const f of this.statsFrameIds()) acc.add(await this.frame(f));
    this.stats = acc.result();
    return this.stats;
  }

  /**
   * The frames the statistics are computed from, in the order they are added: the training
   * split's input frames, at most `statsMaxFrames` of them evenly spaced, ascending.
   */
  statsFrameIds(): number[] {
    const frames = [...new Set(this.splits.train.map((s) => this.pairs[s][0]))].sort((a, b) => a - b);
    const n = Math.min(frames.length, this.options.statsMaxFrames);
    const out: number[] = [];
    for (let k = 0; k < n; k++) out.push(frames[Math.floor((k * frames.length) / n)]);
    return out;
  }

  /** Uses given statistics (e.g. from a saved dataset) instead of computing them. */
  setStats(stats: ChannelStats): void {
    if (stats.mean.length !== this.config.channels.length) throw new Error(`stats have ${stats.mean.length} channels, the dataset ${this.config.channels.length}`);
    this.stats = stats;
  }

  /** Sample i: input/target frames (normalised when options.normalize). */
  async get(i: number): Promise<Sample> {
    const p = this.pairs[i];
    if (!p) throw new Error(`sample ${i} out of range (0..${this.pairs.length - 1})`);
    const [x, y] = [await this.frame(p[0]), await this.frame(p[1])];
    if (this.options.normalize) {
      const st = await this.computeStats();
      normalizeSample(x, st);
      normalizeSample(y, st);
    }
    return { x, y, time: this.frames[p[0]].time };
  }

  /** Batches of one split (see {@link iterateBatches}). */
  batches(split: SplitName, options: Partial<LoaderOptions> = {}): AsyncGenerator<Batch> {
    return iterateBatches(this, this.splits[split], options);
  }
}
