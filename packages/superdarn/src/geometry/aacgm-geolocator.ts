import { DEFAULT_AACGM_OPTIONS, dipoleFrame, geoToAacgm, type AacgmOptions, type AacgmPoint } from './aacgm.js';
import { decimalYear, igrfModel, type IgrfModel } from './igrf.js';
import { IGRF_MODEL, IGRF_VALID_TO } from './igrf-coeffs.js';

/** Options of {@link AacgmGeolocator}. */
export interface AacgmGeolocatorOptions {
  trace: AacgmOptions;
  /** Points remembered before the cache is emptied (one entry ≈ 100 bytes). */
  maxEntries: number;
  /** Called once per model year used after the IGRF validity end (default: `console.warn`). */
  onWarning?: (message: string) => void;
}

/** Defaults: {@link DEFAULT_AACGM_OPTIONS}, 200 000 cached points. */
export const DEFAULT_AACGM_GEOLOCATOR: AacgmGeolocatorOptions = { trace: DEFAULT_AACGM_OPTIONS, maxEntries: 200_000 };

const DAY_MS = 86_400_000;

/**
 * Converts geodetic points to AACGM-v2 with a cache: the field model is evaluated once per UTC day
 * (the IGRF changes by ~0.0003° a day), and each (point, height, day) is traced once, so the range
 * gates of one radar, beam and day — repeated in every scan — cost one trace each.
 */
export class AacgmGeolocator {
  private readonly models = new Map<number, { model: IgrfModel; frame: number[][] }>();
  private readonly points = new Map<string, AacgmPoint>();
  private readonly warned = new Set<number>();
  readonly options: AacgmGeolocatorOptions;
  /** Traces computed (cache misses), for tests and reports. */
  traces = 0;

  constructor(options: Partial<AacgmGeolocatorOptions> = {}) {
    this.options = { ...DEFAULT_AACGM_GEOLOCATOR, ...options };
  }

  /** The day's field model and dipole frame (warns once per year beyond the model's validity). */
  modelFor(timeMs: number): { model: IgrfModel; frame: number[][] } {
    const day = Math.floor(timeMs / DAY_MS);
    let m = this.models.get(day);
    if (!m) {
      const model = igrfModel(decimalYear(day * DAY_MS));
      m = { model, frame: dipoleFrame(model) };
      this.models.set(day, m);
      const y = Math.floor(model.year);
      if (model.extrapolated && !this.warned.has(y)) {
        this.warned.add(y);
        const msg = `AACGM-v2: ${IGRF_MODEL} is valid to ${IGRF_VALID_TO}; ${y} uses its secular variation extrapolated (accuracy degrades with every year past the end)`;
        (this.options.onWarning ?? ((s: string) => console.warn(`warning: ${s}`)))(msg);
      }
    }
    return m;
  }

  /** AACGM-v2 MLAT/MLON (degrees) of a geodetic point at `heightKm` at UTC time `timeMs` (NaN where undefined). */
  convert(lat: number, lon: number, heightKm: number, timeMs: number): AacgmPoint {
    const day = Math.floor(timeMs / DAY_MS);
    const key = `${day}:${lat.toFixed(6)}:${lon.toFixed(6)}:${heightKm}`;
    let p = this.points.get(key);
    if (!p) {
      const { model, frame } = this.modelFor(timeMs);
      p = geoToAacgm(lat, lon, heightKm, model, frame, this.options.trace);
      this.traces++;
      if (this.points.size >= this.options.maxEntries) this.points.clear();
      this.points.set(key, p);
    }
    return p;
  }
}
