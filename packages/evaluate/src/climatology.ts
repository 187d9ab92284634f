import { observedMask, type MaskRule } from './mask.js';

/** Options of {@link ClimatologyAccumulator}. */
export interface ClimatologyOptions {
  /** One mean per cell and UTC hour of day (24 maps) instead of one map. */
  hourOfDay: boolean;
}

/** Defaults: one map (no hour-of-day dependence). */
export const DEFAULT_CLIMATOLOGY_OPTIONS: ClimatologyOptions = { hourOfDay: false };

/**
 * The climatology of a training split, built one frame at a time (float64 sums; memory: C·H·W·2
 * numbers per map, never the frames): the mean of each channel at each cell over the frames where
 * that cell was OBSERVED. Cells never observed (in that hour, with `hourOfDay`) fall back to the
 * hourly map, then to the channel's mean over all observed cells, then 0.
 */
export class ClimatologyAccumulator {
  private readonly maps: number;
  private readonly sum: Float64Array;
  private readonly count: Float64Array;
  private readonly mask: Uint8Array;
  private frames = 0;

  constructor(readonly C: number, readonly cells: number, readonly rule: MaskRule, readonly options: ClimatologyOptions = DEFAULT_CLIMATOLOGY_OPTIONS) {
    this.maps = options.hourOfDay ? 24 : 1;
    this.sum = new Float64Array(this.maps * C * cells);
    this.count = new Float64Array(this.maps * cells);
    this.mask = new Uint8Array(cells);
  }

  /** Adds one raw frame `(C, cells)` valid at `time` (ms since the epoch). */
  add(frame: ArrayLike<number>, time: number): void {
    if (frame.length !== this.C * this.cells) throw new Error(`climatology: frame of ${frame.length} values, expected ${this.C}×${this.cells}`);
    const m = observedMask(frame, this.C, this.rule, this.mask);
    const h = this.options.hourOfDay ? new Date(time).getUTCHours() : 0;
    const so = h * this.C * this.cells, co = h * this.cells;
    for (let i = 0; i < this.cells; i++) {
      if (!m[i]) continue;
      this.count[co + i]! += 1;
      for (let c = 0; c < this.C; c++) this.sum[so + c * this.cells + i]! += frame[c * this.cells + i]!;
    }
    this.frames++;
  }

  /** The finished climatology. */
  result(): Climatology {
    const { C, cells, maps } = this;
    const chanMean = new Float64Array(C);
    let all = 0;
    for (let k = 0; k < maps * cells; k++) all += this.count[k]!;
    for (let c = 0; c < C; c++) {
      let s = 0;
      for (let h = 0; h < maps; h++) for (let i = 0; i < cells; i++) s += this.sum[(h * C + c) * cells + i]!;
      chanMean[c] = all > 0 ? s / all : 0;
    }
    // pooled over hours, per cell (fallback for an hour in which a cell was never observed)
    const pooled = new Float32Array(C * cells);
    for (let i = 0; i < cells; i++) {
      let n = 0;
      for (let h = 0; h < maps; h++) n += this.count[h * cells + i]!;
      for (let c = 0; c < C; c++) {
        let s = 0;
        for (let h = 0; h < maps; h++) s += this.sum[(h * C + c) * cells + i]!;
        pooled[c * cells + i] = n > 0 ? s / n : chanMean[c]!;
      }
    }
    const out: Float32Array[] = [];
    for (let h = 0; h < maps; h++) {
      const m = new Float32Array(C * cells);
      for (let i = 0; i < cells; i++) {
        const n = this.count[h * cells + i]!;
        for (let c = 0; c < C; c++) m[c * cells + i] = n > 0 ? this.sum[(h * C + c) * cells + i]! / n : pooled[c * cells + i]!;
      }
      out.push(m);
    }
    return new Climatology(out, this.frames);
  }
}

/** A climatology: one `(C, cells)` map, or 24 (one per UTC hour). */
export class Climatology {
  constructor(readonly maps: Float32Array[], readonly frames: number) {
    if (maps.length !== 1 && maps.length !== 24) throw new Error(`climatology: expected 1 or 24 maps, got ${maps.length}`);
  }

  /** The climatological frame for a time (ms since the epoch). */
  at(time: number): Float32Array {
    return this.maps.length === 1 ? this.maps[0]! : this.maps[new Date(time).getUTCHours()]!;
  }
}
