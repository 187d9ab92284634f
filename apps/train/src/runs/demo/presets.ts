/** Sizes of `weatherlearn demo`: how much data is generated and how long each model trains. */
export interface DemoPreset {
  /** SuperDARN: hours of 2-minute GRID records generated (one day file). */
  superdarnHours: number;
  /** Gridding: image side (px), window (min), split time blocks (min). */
  grid: number;
  windowMinutes: number;
  splitBlockMinutes: number;
  /** Pangu: embedding width, batch size, epochs, step cap (-1: none). */
  panguEmbedDim: number;
  panguBatch: number;
  panguEpochs: number;
  panguMaxSteps: number;
  /** GOES-like files generated, their size, and the gridrad crop/patch sides (px). */
  goesFiles: number;
  goesHeight: number;
  goesWidth: number;
  crop: number;
  patch: number;
  /** DINO: global crop (px), ViT patch (px), width, depth, batch, epochs, step cap. */
  dinoImage: number;
  dinoPatch: number;
  dinoEmbedDim: number;
  dinoDepth: number;
  dinoBatch: number;
  dinoEpochs: number;
  dinoMaxSteps: number;
}

/** Names of {@link DEMO_PRESETS}. */
export const DEMO_SIZES = ['tiny', 'small'] as const;
/** One of {@link DEMO_SIZES}. */
export type DemoSize = (typeof DEMO_SIZES)[number];

/**
 * `tiny` (tests, well under 2 minutes on 2 cores) and `small` (the default, a few minutes):
 * Pangu's SuperDARN preset on 32/48-px grids, a ViT-tiny-like DINO on 32/64-px GOES patches.
 */
export const DEMO_PRESETS: Record<DemoSize, DemoPreset> = {
  tiny: {
    superdarnHours: 6, grid: 32, windowMinutes: 10, splitBlockMinutes: 20,
    panguEmbedDim: 8, panguBatch: 4, panguEpochs: 3, panguMaxSteps: 9,
    goesFiles: 2, goesHeight: 128, goesWidth: 160, crop: 128, patch: 32,
    dinoImage: 32, dinoPatch: 8, dinoEmbedDim: 32, dinoDepth: 2, dinoBatch: 8, dinoEpochs: 1, dinoMaxSteps: 8,
  },
  small: {
    superdarnHours: 24, grid: 48, windowMinutes: 10, splitBlockMinutes: 60,
    panguEmbedDim: 16, panguBatch: 8, panguEpochs: 6, panguMaxSteps: 72,
    goesFiles: 6, goesHeight: 288, goesWidth: 320, crop: 256, patch: 64,
    dinoImage: 64, dinoPatch: 8, dinoEmbedDim: 48, dinoDepth: 3, dinoBatch: 8, dinoEpochs: 3, dinoMaxSteps: 69,
  },
};
