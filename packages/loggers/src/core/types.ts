/** Scalar metrics of one optimizer step: name → value. Non-finite values are kept (NaN/Infinity). */
export type StepMetrics = Record<string, number>;

/** Hyper-parameters / config; any JSON-serialisable value. */
export type Hyperparams = Record<string, unknown>;

/** How a run ended; mapped to each service's own notion (W&B exit code, Neptune `sys/failed`). */
export type RunStatus = 'success' | 'failed' | 'aborted';

/**
 * The logger contract, modelled on PyTorch Lightning's `Logger`. Logging calls are synchronous and
 * never throw because a service is down (they write locally and queue); only bad arguments throw.
 * `flush` and `finalize` wait for the background delivery of network plugins.
 */
export interface Logger {
  /** Plugin name (`jsonl`, `wandb`, …) or `fanout`. */
  readonly name: string;
  /** The run id, shared by every plugin of a run; store it in checkpoints so a resume continues it. */
  readonly runId: string;
  /** Records the run's hyper-parameters (config). May be called again; later keys win. */
  logHyperparams(config: Hyperparams): void;
  /** Records scalar metrics at an explicit optimizer `step` (non-negative integer). */
  logMetrics(metrics: StepMetrics, step: number): void;
  /** Records end-of-run summary values (best loss, …); merged with earlier summaries. */
  logSummary(summary: Hyperparams): void;
  /** Optional: a histogram of `values` at `step` (TensorBoard). */
  logHistogram?(tag: string, values: ArrayLike<number>, step: number): void;
  /** Optional: uploads / copies a file where the service supports it. */
  logArtifact?(path: string): Promise<void>;
  /** Waits until everything logged so far is written locally and delivered (or spooled). */
  flush(): Promise<void>;
  /** Flushes, marks the run finished with `status` and releases resources. Idempotent. */
  finalize(status: RunStatus): Promise<void>;
}

/** Retry policy for network plugins. */
export interface RetryOptions {
  /** Attempts per request before the service is declared down (≥ 1). */
  maxAttempts: number;
  /** First back-off delay in ms; doubles each attempt. */
  baseDelayMs: number;
  /** Upper bound of one back-off delay in ms. */
  maxDelayMs: number;
  /** Per-request timeout in ms. */
  timeoutMs: number;
  /** Largest number of undelivered items held in memory; beyond it the plugin spools to disk only. */
  maxQueue: number;
  /** Items per request. */
  batchSize: number;
}

/** Default retry policy: 8 attempts, 0.5 s → 30 s back-off, 30 s timeout, 100k queued items. */
export const DEFAULT_RETRY_OPTIONS: RetryOptions = {
  maxAttempts: 8,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  timeoutMs: 30_000,
  maxQueue: 100_000,
  batchSize: 500,
};

/** Options of the `wandb` plugin (the app maps `WANDB_*` variables and `~/.netrc` onto them). */
export interface WandbOptions {
  /**
   * `online` streams to the server; `offline` keeps everything locally for `sync`; `disabled` makes
   * every call a no-op and writes nothing (the official client's `WANDB_MODE=disabled`).
   */
  mode: 'online' | 'offline' | 'disabled';
  /** API base URL (the app reads `WANDB_BASE_URL`). */
  baseUrl: string;
  /** API key (the app reads `WANDB_API_KEY`, else `~/.netrc`); never printed or written to disk. */
  apiKey?: string;
  entity?: string;
  project: string;
  /**
   * Folder for the local copy, like `WANDB_DIR`: the run is kept in `<dir>/wandb/run-<id>`
   * (default: `RUN_DIR/wandb`). `weatherlearn loggers sync` takes either folder.
   */
  dir?: string;
  /** More tags for W&B only (`WANDB_TAGS`), added to the run's tags. */
  tags?: string[];
  /** Run notes for W&B (`WANDB_NOTES`); replaces the run's notes. */
  notes?: string;
  /**
   * `WANDB_RESUME`: `allow`/`auto` (default) continue the run with the same id or create it;
   * `must` requires that it exists on the server, `never` that it does not — otherwise live upload
   * stops with one warning and the run stays local.
   */
  resume: 'allow' | 'auto' | 'must' | 'never';
}

/** Default W&B options: online against `https://api.wandb.ai`, project `weatherlearn`, resume allowed. */
export const DEFAULT_WANDB_OPTIONS: WandbOptions = {
  mode: 'online',
  baseUrl: 'https://api.wandb.ai',
  project: 'weatherlearn',
  resume: 'allow',
};

/** Options of the `neptune` plugin (self-hosted servers only). */
export interface NeptuneOptions {
  /** `offline` (default) writes operations under `RUN_DIR/neptune`; `online` sends them live. */
  mode: 'online' | 'offline';
  /** API token (the app reads `NEPTUNE_API_TOKEN`): base64 JSON with `api_address`. Never printed. */
  apiToken?: string;
  /** `workspace/project`. */
  project?: string;
}

/** Default Neptune options: offline. */
export const DEFAULT_NEPTUNE_OPTIONS: NeptuneOptions = { mode: 'offline' };

/** Options every plugin factory receives. */
export interface LoggerOptions {
  /** Local run folder; every plugin writes (or spools) under it. */
  runDir: string;
  /** Run id to continue (from a checkpoint); a fresh one is generated when absent. */
  runId?: string;
  /** Process rank; only rank 0 logs unless `allRanks`. */
  rank?: number;
  /** Log from every rank (each rank needs its own `runDir`). */
  allRanks?: boolean;
  /** Human-readable run name. */
  name?: string;
  tags?: string[];
  group?: string;
  notes?: string;
  /** Result lines of the console plugin (default: stdout). */
  out?: (line: string) => void;
  /** Warnings (one per failing service; default: stderr). Never receives secrets. */
  warn?: (line: string) => void;
  retry?: Partial<RetryOptions>;
  wandb?: Partial<WandbOptions>;
  neptune?: Partial<NeptuneOptions>;
}

/** Builds one plugin's logger. */
export type LoggerFactory = (options: LoggerOptions & { runId: string }) => Logger | Promise<Logger>;
