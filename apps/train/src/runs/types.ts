import type { DataLoader, TrainingModule } from '@weatherlearn/trainer';

/** What a run factory hands the train command: the injected module and data, plus a description. */
export interface RunParts<B = unknown> {
  module: TrainingModule<B>;
  train: DataLoader<B>;
  val?: DataLoader<B>;
  /** Shown at start and logged as hyper-parameters (model size, data source…). */
  summary: Record<string, string | number>;
  /**
   * Writes up to `n` prediction/truth sample files into `dir` after training (forecast models);
   * returns their paths.
   */
  writeSamples?(dir: string, n: number): Promise<string[]>;
  /**
   * Files that belong next to `final.pt` (DINO: the per-channel statistics `channel-stats.json`
   * that `weatherlearn embed` reads); returns their paths.
   */
  writeArtifacts?(runDir: string): Promise<string[]>;
  /** Frees model and optimizer tensors (and closes data files). */
  dispose(): void;
}
