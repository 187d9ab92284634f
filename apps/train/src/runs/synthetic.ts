import { streamFor } from '@weatherlearn/engine/rng';

/** One synthetic SuperDARN-like sample: channels × G × G now, and after `timeStep` advection steps. */
export interface SyntheticSample { input: Float32Array; target: Float32Array }

/**
 * A seeded SuperDARN-like convection field: a few Gaussian cells (line-of-sight velocity, power,
 * spectral width and two velocity components with per-channel amplitudes) that drift with a
 * sample-specific velocity; the target is the field `timeStep` steps later. Sample `i` is a pure
 * function of `(seed, i)`, so datasets need no files and resume exactly.
 */
export function syntheticSample(seed: number, i: number, grid: number, channels: number, timeStep: number): SyntheticSample {
  const r = streamFor(seed, 'synthetic-sample', i);
  const cells = Array.from({ length: 3 }, () => ({
    x: r.next() * grid, y: r.next() * grid, s: 1.5 + r.next() * grid * 0.2,
    amp: Array.from({ length: channels }, (_, c) => (r.next() * 2 - 1) * (1 + 0.3 * c)),
  }));
  const vx = (r.next() * 2 - 1) * 1.5, vy = (r.next() * 2 - 1) * 1.5;
  const field = (t: number) => {
    const out = new Float32Array(channels * grid * grid);
    for (const cell of cells) {
      const cx = cell.x + vx * t, cy = cell.y + vy * t;
      for (let y = 0; y < grid; y++) {
        for (let x = 0; x < grid; x++) {
          const g = Math.exp(-((x - cx) ** 2 + (y - cy) ** 2) / (2 * cell.s * cell.s));
          for (let c = 0; c < channels; c++) out[(c * grid + y) * grid + x]! += cell.amp[c]! * g;
        }
      }
    }
    return out;
  };
  return { input: field(0), target: field(timeStep) };
}
