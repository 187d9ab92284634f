import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ChannelStatsAccumulator } from '@weatherlearn/tensor-io';
import { writeFileAtomic } from '@weatherlearn/fs-atomic';
import { DinoDataError } from '../errors.js';

/** Mean/std of one named channel (population, float64 sums). */
export interface NamedChannelStats {
  mean: number;
  std: number;
  /** Values the statistics came from. */
  count: number;
}

/**
 * Per-channel normalisation statistics of a DINO run, by channel name (e.g.
 * `ir_brightness_temperature`, `visible_reflectance`): computed from the training data, saved
 * beside the weights as {@link CHANNEL_STATS_FILE}, and read by `embed`.
 */
export interface ChannelStatsFile {
  format: 'weatherlearn-channel-stats';
  version: 1;
  channels: Record<string, NamedChannelStats>;
  /** Where the statistics came from (for people). */
  source?: string;
}

/** The sidecar's file name (in the run folder, next to `final.pt`). */
export const CHANNEL_STATS_FILE = 'channel-stats.json';

/** Accumulates per-channel statistics of named single-channel images (one channel's values at a time; tensor-io's `ChannelStatsAccumulator`). */
export class NamedStatsAccumulator {
  private readonly acc = new Map<string, ChannelStatsAccumulator>();

  /** Adds the finite values of `data` to channel `name`. */
  add(name: string, data: ArrayLike<number>): void {
    let a = this.acc.get(name);
    if (!a) this.acc.set(name, (a = new ChannelStatsAccumulator(1)));
    a.addChannel(0, data);
  }

  /** The statistics (std 1 for a constant or empty channel: never a division by 0). */
  result(source?: string): ChannelStatsFile {
    const channels: Record<string, NamedChannelStats> = {};
    for (const [name, a] of [...this.acc].sort((x, y) => (x[0] < y[0] ? -1 : 1))) {
      const s = a.summary(), count = s.count[0]!, mean = s.mean[0]!, sd = s.std[0]!;
      channels[name] = { mean: count ? mean : 0, std: count && sd > 1e-12 ? sd : 1, count };
    }
    return { format: 'weatherlearn-channel-stats', version: 1, channels, ...(source ? { source } : {}) };
  }
}

/** Writes the statistics atomically (JSON). */
export async function writeChannelStats(file: string, stats: ChannelStatsFile): Promise<void> {
  await writeFileAtomic(file, JSON.stringify(stats, null, 2) + '\n');
}

/**
 * Reads and checks a statistics file.
 * @throws Error naming the file and the bad field
 */
export function readChannelStats(file: string): ChannelStatsFile {
  let s: ChannelStatsFile;
  try { s = JSON.parse(readFileSync(file, 'utf8')) as ChannelStatsFile; } catch (e) { throw new DinoDataError(`${file}: cannot read channel statistics: ${(e as Error).message}`, { file }, { cause: e }); }
  if (s?.format !== 'weatherlearn-channel-stats' || typeof s.channels !== 'object') throw new DinoDataError(`${file}: not a channel statistics file (format "${String(s?.format)}")`, { file, field: 'format' });
  for (const [name, c] of Object.entries(s.channels)) {
    if (!Number.isFinite(c?.mean) || !(c?.std > 0)) throw new DinoDataError(`${file}: channel ${name} needs a finite mean and a std > 0`, { file, field: `channels.${name}` });
  }
  return s;
}

/**
 * The statistics stored with a weights file: {@link CHANNEL_STATS_FILE} in the weights' folder or
 * up to two folders above (a run folder holds `final.pt` and `checkpoints/step-N/`). Undefined when none.
 */
export function findChannelStats(weightsFile: string): string | undefined {
  let dir = path.dirname(path.resolve(weightsFile));
  for (let k = 0; k < 3; k++) {
    const f = path.join(dir, CHANNEL_STATS_FILE);
    if (existsSync(f)) return f;
    dir = path.dirname(dir);
  }
  return undefined;
}
