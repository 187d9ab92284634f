/**
 * The ONE configuration of the app: every key a user may set in a config file (global `--config`
 * or `train --config`), the environment or `--set`. The defaults object doubles as the schema — a key
 * that is not here is rejected, and {@link CONFIG_ENUMS} lists the allowed values of enum keys.
 * Training keys (`data`, `pangu`, `dino`, `dino2k`, `optim`, `trainer`, …) live here too; per-model
 * defaults and presets are applied by `config/presets.ts` to the keys a user did not set.
 */
export interface AppConfig {
  /** Seed of initialisation, shuffling, augmentation and the trainer's generator. */
  seed: number;
  engine: {
    /** `auto` (torch where built and fast > tfjs-node-gpu > tfjs-node > wasm > cpu), or one backend by name. */
    backend: 'auto' | 'tensorflow' | 'torch' | 'wasm' | 'cpu';
    threads: number;
    /** Device of the native libtorch backend: `cpu` or `cuda:N`. */
    device: string;
    /**
     * The torch backend's cache of freed CPU tensor blocks, in MiB (0: off — plain malloc, as PyTorch
     * on the CPU). Steps re-allocate the same sizes; reuse spares page faults and heap fragmentation.
     */
    cpuCacheMiB: number;
  };
  data: {
    /**
     * `synthetic`: seeded in-memory samples (no files). Files under `dir`: `superdarn` (pangu) a
     * dataset folder from `weatherlearn superdarn grid`; `gridrad` (dino) the per-tensor `.pt` folder
     * from `weatherlearn gridrad split`; `embeddings` (dino2k) token files from `weatherlearn embed vit256`.
     */
    source: 'synthetic' | 'superdarn' | 'gridrad' | 'embeddings';
    dir: string;
    cacheDir: string;
    /** Synthetic data: training and validation samples, grid size G (G×G), channels. File sources take the shapes from the files. */
    samples: number;
    valSamples: number;
    grid: number;
    channels: number;
    /** Batch size per rank (DINO's `--batch_size_per_gpu`). */
    batchSize: number;
    shuffle: boolean;
    /**
     * SuperDARN datasets: `dataset` (per-channel mean/std of the training split, saved with the
     * dataset) or `frobenius` (the seed: every raw frame divided by its own Frobenius norm).
     */
    normalisation: 'dataset' | 'frobenius';
  };
  s3: { endpoint: string; region: string; bucket: string; accessKeyId: string; secretAccessKey: string; forcePathStyle: boolean };
  pangu: PanguKeys;
  dino: DinoKeys;
  /** HIPT level 2 (`train dino2k`): a ViT over grids of ViT-256 CLS tokens. */
  dino2k: {
    /** `vit2k_xs` (GRIDRAD's: 384 → 192, 6 blocks, 6 heads; needs 384-d tokens) or `custom` (`dino.embedDim/depth/numHeads`, any token size). */
    arch: 'vit2k_xs' | 'custom';
    /** Synthetic tokens: token size D and grid side g (`[g·g, D]` per crop). Token files give their own. */
    tokenDim: number;
    grid: number;
    /** Side of the 2 global and the `dino.localCropsNumber` local crops of the token grid (GRIDRAD: 8 and 4). */
    globalCropSize: number;
    localCropSize: number;
  };
  optim: {
    /**
     * The learning rate as the original's `--lr`. With `lrScaling` `linear-256` (DINO's rule, the
     * default of dino/dino2k under `auto`) the peak lr is `lr × batchSize × worldSize / 256`;
     * with `none` (Pangu under `auto`) it is the peak lr itself.
     */
    lr: number;
    lrScaling: 'auto' | 'none' | 'linear-256';
    minLr: number;
    /** Learning-rate schedule over optimizer steps (`cosine`: DINO's `cosine_scheduler` with warm-up). */
    schedule: 'constant' | 'cosine' | 'step';
    /** Linear warm-up steps of `cosine` (Pangu); DINO counts warm-up in epochs (`dino.warmupEpochs`). */
    warmupSteps: number;
    stepSize: number; gamma: number;
    /** Weight decay (cosine from `weightDecay` to `weightDecayEnd` over the run, as DINO's wd schedule). */
    weightDecay: number; weightDecayEnd: number;
  };
  trainer: {
    maxEpochs: number; maxSteps: number; accumulateGradBatches: number;
    /** Clipping threshold (≤ 0: off). DINO's `--clip_grad` is per-parameter 3.0; the SuperDARN seed clips the global norm at 0.25. */
    gradientClipVal: number; gradientClipAlgorithm: 'norm' | 'per-parameter' | 'value';
    valCheckInterval: number; limitValBatches: number; fastDevRun: number; deterministic: boolean; logEveryNSteps: number;
    earlyStopping: { enabled: boolean; monitor: string; mode: 'min' | 'max'; patience: number; minDelta: number };
    checkpoint: { everyNSteps: number; everyEpoch: boolean; keepLastK: number; monitor: string; mode: 'min' | 'max' };
    /** Decay of an EMA of the weights (e.g. 0.999; 0 off): validation, checkpoints' `ema` entry and `final.pt` use it. */
    ema: number;
  };
  loggers: {
    names: string[];
    /**
     * W&B, with the official client's variables: WANDB_MODE (online, offline, disabled; dryrun = offline,
     * run = online), WANDB_DIR, WANDB_RUN_ID, WANDB_RESUME, WANDB_TAGS (comma-separated), WANDB_NOTES;
     * without an apiKey the key comes from ~/.netrc (`machine <baseUrl host>`), as `wandb login` wrote it.
     */
    wandb: {
      apiKey: string; baseUrl: string; entity: string; project: string; mode: 'online' | 'offline' | 'disabled' | 'dryrun' | 'run';
      dir: string; runId: string; resume: 'allow' | 'auto' | 'must' | 'never'; tags: string; notes: string;
    };
    neptune: { apiToken: string; project: string; mode: 'online' | 'offline' };
  };
  run: { dir: string };
  /** Non-TTY progress: one line every N steps. */
  progress: { every: number };
  /** Forecast models: prediction/truth files written to `RUN_DIR/samples/` after training (0: none); `weatherlearn report` draws them. */
  samples: number;
  /** Also write `samples` forecast samples and PNG maps to `RUN_DIR/samples/step-N/` after every N-th validation (0: never). */
  samplesEveryNValidations: number;
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

/** `pangu.*`: the architecture (set by `preset`, overridable key by key) and the training recipe. */
export interface PanguKeys {
  /** `tiny` (quick runs), `superdarn` (the seed's model), `pangu-weather`, `pangu-lite`: sets every architecture key you do not set. */
  preset: string;
  embedDim: number; numHeads: number[]; depths: number[]; windowSize: number[]; shiftSize: number[]; patchSize2d: number[];
  /** MLP hidden width = embedDim × mlpRatio (upstream 4; the seed's launch.py default 2). */
  mlpRatio: number;
  timeStep: number; noiseFactor: number; dropPathRate: number;
  /**
   * `mse-mean`, `mse-sum` (the SuperDARN seed), `l1-weighted` (upstream and the paper: L1(upper) +
   * surfaceWeight·L1(surface)), `smooth-l1` (the 2026 SuperDARN original: β `smoothL1Beta`, per-channel
   * `channelWeights`, the `lossMask` channel weighting the others per pixel).
   */
  loss: 'mse-mean' | 'mse-sum' | 'l1-weighted' | 'smooth-l1';
  /** β of `smooth-l1` (the 2026 original: 0.1). */
  smoothL1Beta: number;
  /** Per-channel weights of `smooth-l1` ([]: all 1; the 2026 original: [1.5, 1.5, 1, 1, 0.3, 1.2]). */
  channelWeights: number[];
  /** `smooth-l1`: the target channel (0–1) weighting the error of every other channel per pixel: `none`, `occupancy` (polar CONVMAP), `coverage`. */
  lossMask: 'none' | 'occupancy' | 'coverage';
  /**
   * The channels (names or indices) the `lossMask` weights; [] (default, ours) every channel but the
   * mask channel. The 2026 original masks only `["obs_vn", "obs_ve"]` and trains the others on every pixel.
   */
  lossMaskChannels: (string | number)[];
  /** `soft` (default, ours): the mask channel (0–1) is the per-pixel weight; `hard` (the 2026 original): 1 where it is > 0, else 0. */
  lossMaskMode: 'soft' | 'hard';
  /**
   * Cells the validation skill (`val_skill_persistence`, `val_skill_climatology`) scores: `loss` (ours)
   * weights them by the `lossMask` channel as the loss does; `none` scores every cell (the 2026 original).
   */
  skillMask: 'loss' | 'none';
  /** FiLM conditioning on the dataset's per-frame scalars (`superdarn grid --method polar`) after each encoder/decoder stage; zero-initialised. */
  film: boolean;
  /** Predict the change y − x_last (zero-initialised head: an untrained model forecasts persistence). */
  residual: boolean;
  /** Input frames per sample (SuperDARN datasets): the k − 1 earlier windows enter as extra input channels; 1 = the input window only. */
  inputFrames: number;
  surfaceWeight: number;
  /** `adam-l2` (both originals: torch.optim.Adam, coupled L2 on every parameter) or `adamw` (decoupled, no decay on biases/norms/bias tables). */
  optimizer: 'adam-l2' | 'adamw';
  /** `torch-default` (the originals: nn.Linear's U(±1/√fan_in)) or `trunc-normal` (Swin/timm std 0.02). */
  init: 'torch-default' | 'trunc-normal';
  /** `half` (ours: DownSample to ⌈G/2⌉) or `seed` (the SuperDARN seed's `grid // 6` token grid). */
  downsample: 'half' | 'seed';
  /** `pangu` (linspace over the blocks of layers 1–2, as upstream) or `seed` (the SuperDARN seed's `drop_path[2:]` slices). */
  dropPathSchedule: 'pangu' | 'seed';
  /** Activation checkpointing of the transformer blocks (less memory, more time). */
  checkpoint: boolean;
}

/** `dino.*`: the ViT and DINO's recipe, named after `main_dino.py`'s flags. */
export interface DinoKeys {
  /** ViT-256 (`dino`) / ViT-2k (`dino2k`) size. */
  embedDim: number; depth: number; numHeads: number; patchSize: number;
  /** Global crop size G (DINO: 224). */
  imageSize: number;
  outDim: number; headHiddenDim: number; headBottleneckDim: number;
  /** `--norm_last_layer` (GRIDRAD trains with false). */
  normLastLayer: boolean;
  /** `--local_crops_number`, and the local crop side (0: DINO's 96/224 of `imageSize`, rounded to the patch size; 96 at 224). */
  localCropsNumber: number; localCropSize: number;
  /** `--global_crops_scale` / `--local_crops_scale` (RandomResizedCrop area ranges). */
  globalCropsScale: number[]; localCropsScale: number[];
  momentumTeacher: number;
  /** `--freeze_last_layer`: epochs during which the head's last layer gets no gradient (and so no update, no decay). */
  freezeLastLayer: number;
  /** `--warmup_epochs` of the lr schedule (DINO: 10; our default 1 suits the short default runs). */
  warmupEpochs: number;
  teacherTemp: number; warmupTeacherTemp: number; warmupTeacherTempEpochs: number;
  /** Student stochastic depth (`--drop_path_rate`; DINO: 0.1, ours 0 for the tiny default model). */
  dropPathRate: number;
  /** Per-channel normalisation; empty: the training data's own per-channel statistics. */
  mean: number[]; std: number[];
  /** Solarization probability of the second global crop (DINO: 0.2; radar/IR data: usually 0). */
  solarizeProb: number;
  /** Antialiased downscaling in the multi-crop resize (torchvision ≥ 0.17 and PIL do it). */
  antialias: boolean;
}

/** Default configuration (lowest precedence; per-model defaults and presets come next, see presets.ts). */
export const DEFAULT_APP_CONFIG: AppConfig = {
  seed: 0,
  engine: { backend: 'auto', threads: 0, device: 'cpu', cpuCacheMiB: 1024 },
  data: { source: 'synthetic', dir: '', cacheDir: '', samples: 32, valSamples: 8, grid: 16, channels: 5, batchSize: 4, shuffle: true, normalisation: 'dataset' },
  s3: { endpoint: '', region: 'us-east-1', bucket: '', accessKeyId: '', secretAccessKey: '', forcePathStyle: true },
  pangu: {
    preset: 'tiny', embedDim: 8, numHeads: [2, 2, 2, 2], depths: [2, 2, 2, 2], windowSize: [2, 4, 4], shiftSize: [1, 2, 2],
    patchSize2d: [4, 4], mlpRatio: 4, timeStep: 1, noiseFactor: 0.1, dropPathRate: 0.1, loss: 'mse-mean', surfaceWeight: 0.25,
    optimizer: 'adam-l2', init: 'torch-default', downsample: 'half', dropPathSchedule: 'pangu', checkpoint: false,
    smoothL1Beta: 1, channelWeights: [], lossMask: 'none', lossMaskChannels: [], lossMaskMode: 'soft', skillMask: 'loss', film: false, residual: false, inputFrames: 1,
  },
  dino: {
    embedDim: 32, depth: 2, numHeads: 2, patchSize: 4, imageSize: 16, outDim: 64, headHiddenDim: 32, headBottleneckDim: 16,
    normLastLayer: true, localCropsNumber: 2, localCropSize: 0, globalCropsScale: [0.4, 1], localCropsScale: [0.05, 0.4],
    momentumTeacher: 0.996, freezeLastLayer: 1, warmupEpochs: 1, teacherTemp: 0.04, warmupTeacherTemp: 0.04,
    warmupTeacherTempEpochs: 0, dropPathRate: 0, mean: [], std: [], solarizeProb: 0.2, antialias: true,
  },
  dino2k: { arch: 'vit2k_xs', tokenDim: 384, grid: 8, globalCropSize: 8, localCropSize: 4 },
  optim: { lr: 1e-3, lrScaling: 'auto', minLr: 1e-5, schedule: 'cosine', warmupSteps: 0, stepSize: 100, gamma: 0.5, weightDecay: 0.05, weightDecayEnd: 0.05 },
  trainer: {
    maxEpochs: 2, maxSteps: -1, accumulateGradBatches: 1, gradientClipVal: 0, gradientClipAlgorithm: 'norm',
    valCheckInterval: 0, limitValBatches: 0, fastDevRun: 0, deterministic: true, logEveryNSteps: 1,
    earlyStopping: { enabled: false, monitor: 'val_loss', mode: 'min', patience: 3, minDelta: 0 },
    checkpoint: { everyNSteps: 0, everyEpoch: true, keepLastK: 3, monitor: 'val_loss', mode: 'min' },
    ema: 0,
  },
  loggers: {
    names: ['console', 'jsonl'],
    wandb: {
      apiKey: '', baseUrl: 'https://api.wandb.ai', entity: '', project: 'weatherlearn', mode: 'offline',
      dir: '', runId: '', resume: 'allow', tags: '', notes: '',
    },
    neptune: { apiToken: '', project: '', mode: 'offline' },
  },
  run: { dir: 'runs' },
  progress: { every: 10 },
  samples: 4,
  samplesEveryNValidations: 0,
  distributed: { timeout: 300, rendezvousTimeout: 0, store: 'tcp', interface: '', address: '' },
};

/** Allowed values of every enum key (checked wherever a value comes from: file, environment, `--set`). */
export const CONFIG_ENUMS: Readonly<Record<string, readonly string[]>> = {
  'engine.backend': ['auto', 'tensorflow', 'torch', 'wasm', 'cpu'],
  'data.source': ['synthetic', 'superdarn', 'gridrad', 'embeddings'],
  'data.normalisation': ['dataset', 'frobenius'],
  'pangu.loss': ['mse-mean', 'mse-sum', 'l1-weighted', 'smooth-l1'],
  'pangu.lossMask': ['none', 'occupancy', 'coverage'],
  'pangu.lossMaskMode': ['soft', 'hard'],
  'pangu.skillMask': ['loss', 'none'],
  'pangu.optimizer': ['adam-l2', 'adamw'],
  'pangu.init': ['torch-default', 'trunc-normal'],
  'pangu.downsample': ['half', 'seed'],
  'pangu.dropPathSchedule': ['pangu', 'seed'],
  'dino2k.arch': ['vit2k_xs', 'custom'],
  'optim.lrScaling': ['auto', 'none', 'linear-256'],
  'optim.schedule': ['constant', 'cosine', 'step'],
  'trainer.gradientClipAlgorithm': ['norm', 'per-parameter', 'value'],
  'trainer.earlyStopping.mode': ['min', 'max'],
  'trainer.checkpoint.mode': ['min', 'max'],
  'loggers.wandb.mode': ['online', 'offline', 'disabled', 'dryrun', 'run'],
  'loggers.wandb.resume': ['allow', 'auto', 'must', 'never'],
  'loggers.neptune.mode': ['online', 'offline'],
};

/** Key paths whose values are secrets: never printed, logged or written to a run folder. */
export const SECRET_KEY_PATTERN = /(apikey|apitoken|token|secret|password|secretaccesskey|accesskeyid)$/i;

/** Well-known environment variables of other tools, mapped onto config keys. */
export const ENV_ALIASES: Record<string, string> = {
  WANDB_API_KEY: 'loggers.wandb.apiKey',
  WANDB_BASE_URL: 'loggers.wandb.baseUrl',
  WANDB_ENTITY: 'loggers.wandb.entity',
  WANDB_PROJECT: 'loggers.wandb.project',
  WANDB_MODE: 'loggers.wandb.mode',
  WANDB_DIR: 'loggers.wandb.dir',
  WANDB_RUN_ID: 'loggers.wandb.runId',
  WANDB_RESUME: 'loggers.wandb.resume',
  WANDB_TAGS: 'loggers.wandb.tags',
  WANDB_NOTES: 'loggers.wandb.notes',
  NEPTUNE_API_TOKEN: 'loggers.neptune.apiToken',
  NEPTUNE_PROJECT: 'loggers.neptune.project',
  AWS_ACCESS_KEY_ID: 's3.accessKeyId',
  AWS_SECRET_ACCESS_KEY: 's3.secretAccessKey',
  AWS_ENDPOINT_URL_S3: 's3.endpoint',
};
