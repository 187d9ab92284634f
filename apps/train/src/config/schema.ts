/**
 * The app-level configuration: every key a user may set in a config file, the environment or
 * `--set`. The defaults object doubles as the schema — a key that is not here is rejected.
 * Commands that need more sections add them here (one place to look for every setting).
 */
export interface AppConfig {
  engine: {
    /** `auto` (tfjs-node-gpu > tfjs-node > wasm > torch > cpu), or one backend by name. */
    backend: 'auto' | 'tensorflow' | 'torch' | 'wasm' | 'cpu';
    threads: number;
    /** Device of the native libtorch backend: `cpu` or `cuda:N`. */
    device: string;
  };
  data: { dir: string; cacheDir: string };
  s3: { endpoint: string; region: string; bucket: string; accessKeyId: string; secretAccessKey: string; forcePathStyle: boolean };
  loggers: {
    names: string[];
    wandb: { apiKey: string; baseUrl: string; entity: string; project: string; mode: 'online' | 'offline' };
    neptune: { apiToken: string; project: string; mode: 'online' | 'offline' };
  };
  run: { dir: string; seed: number; progressEvery: number };
  /** Data-parallel training (ranks come from RANK/WORLD_SIZE/MASTER_* or srun's SLURM_* variables). */
  distributed: {
    /** Seconds a collective may wait before a silent rank becomes an error. */
    timeout: number;
    /** Seconds the start-up rendezvous may take; 0 = the same as `timeout`. */
    rendezvousTimeout: number;
    /** `tcp` (a TCPStore served by rank 0) or `file:/path/on/a/shared/filesystem` (a FileStore). */
    store: string;
    /** Network interface whose address Gloo binds (e.g. `ib0`); '' = GLOO_SOCKET_IFNAME, else the one routing to MASTER_ADDR. */
    interface: string;
    /** Local IP Gloo binds; wins over `interface`. */
    address: string;
  };
}

/** Default configuration (lowest precedence). */
export const DEFAULT_APP_CONFIG: AppConfig = {
  engine: { backend: 'auto', threads: 0, device: 'cpu' },
  data: { dir: '', cacheDir: '' },
  s3: { endpoint: '', region: 'us-east-1', bucket: '', accessKeyId: '', secretAccessKey: '', forcePathStyle: true },
  loggers: {
    names: ['console', 'jsonl'],
    wandb: { apiKey: '', baseUrl: 'https://api.wandb.ai', entity: '', project: 'weatherlearn', mode: 'offline' },
    neptune: { apiToken: '', project: '', mode: 'offline' },
  },
  run: { dir: 'runs', seed: 0, progressEvery: 10 },
  distributed: { timeout: 300, rendezvousTimeout: 0, store: 'tcp', interface: '', address: '' },
};

/** Key paths whose values are secrets: never printed, logged or written to a run folder. */
export const SECRET_KEY_PATTERN = /(apikey|apitoken|token|secret|password|secretaccesskey|accesskeyid)$/i;

/** Well-known environment variables of other tools, mapped onto config keys. */
export const ENV_ALIASES: Record<string, string> = {
  WANDB_API_KEY: 'loggers.wandb.apiKey',
  WANDB_BASE_URL: 'loggers.wandb.baseUrl',
  WANDB_ENTITY: 'loggers.wandb.entity',
  WANDB_PROJECT: 'loggers.wandb.project',
  NEPTUNE_API_TOKEN: 'loggers.neptune.apiToken',
  NEPTUNE_PROJECT: 'loggers.neptune.project',
  AWS_ACCESS_KEY_ID: 's3.accessKeyId',
  AWS_SECRET_ACCESS_KEY: 's3.secretAccessKey',
  AWS_ENDPOINT_URL_S3: 's3.endpoint',
};
