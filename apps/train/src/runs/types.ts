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
  /** Problems with the data that do not stop the run (an empty validation split, …); printed as warnings. */
  warnings?: string[];
  /**
   * Validation losses of trivial forecasts (persistence, the training mean), printed next to
   * `val_loss` so a run that only learned the mean is visible; logged as `baseline_<name>`.
   */
  baselines?(): Promise<Record<string, number>>;
  /** Frees model and optimizer tensors (and closes data files). */
  dispose(): void;
}
