/**
 * Seeded crop offsets. Each input file gets its own generator derived from the run seed and the
 * file's key (its path relative to the input root), so an offset never depends on which worker
 * handled the file, on the worker count or on the processing order. The generator is the shared
 * `Rng.fromKey` from `@weatherlearn/engine/rng` (the subpath: workers must not load TensorFlow.js).
 */
import { Rng } from '@weatherlearn/engine/rng';

/** Top-left corner of a crop. */
export interface CropOffset { y: number; x: number }

/**
 * The crop offset of one file: `y ∈ [0, H − crop]`, `x ∈ [0, W − crop]`, drawn from a generator
 * `Rng.fromKey(seed, key)` (as the original's `np.random.randint(0, H − 2048 + 1)`, but seeded).
 * @throws RangeError when the crop does not fit the image
 */
export function cropOffsetFor(seed: number, key: string, height: number, width: number, cropSize: number): CropOffset {
  if (cropSize > height || cropSize > width) {
    throw new RangeError(`crop size ${cropSize} does not fit an image of ${height}×${width}`);
  }
  const rng = Rng.fromKey(seed, key);
  const y = rng.int(0, height - cropSize);
  const x = rng.int(0, width - cropSize);
  return { y, x };
}
