import { redactSecrets } from '../config/resolve.js';
import { resolveAppConfig } from '../config/presets.js';
import type { TrainConfig } from '../runs/train-config.js';
import { runTraining, TRAIN_MODELS, type TrainModel } from '../runs/run-training.js';
import { collectiveFromEnv } from '../runs/distributed.js';
import { intArg } from '../cli-args.js';
import type { RegisterCommand } from './types.js';

const collect = (v: string, prev: string[]) => [...prev, v];

/** Installs SIGTERM (checkpoint + stop, e.g. SLURM pre-emption), SIGUSR1 (checkpoint, continue) and SIGINT (stop) handlers. */
export function installTrainSignals(h: { checkpoint: () => void; stop: () => void }, err: (l: string) => void): () => void {
  const onTerm = () => { err('SIGTERM: saving a checkpoint and stopping after this step'); h.stop(); };
  const onUsr1 = () => { err('SIGUSR1: saving a checkpoint after this step'); h.checkpoint(); };
  let interrupts = 0;
  const onInt = () => {
    if (++interrupts > 1) { err('second interrupt: exiting without a checkpoint'); process.exit(130); }
    err('interrupt: saving a checkpoint and stopping after this step (press Ctrl-C again to quit now)');
    h.stop();
  };
  process.on('SIGTERM', onTerm);
  process.on('SIGUSR1', onUsr1);
  process.on('SIGINT', onInt);
  return () => { process.off('SIGTERM', onTerm); process.off('SIGUSR1', onUsr1); process.off('SIGINT', onInt); };
}

/** `weatherlearn train pangu|dino|dino2k --config FILE --out RUN_DIR [--resume]`. */
export const registerTrain: RegisterCommand = (program, ctx) => {
  program.command('train')
    .description('train a model from a train config; checkpoints, exact resume and final.pt in RUN_DIR')
    .argument('<model>', `model to train: ${TRAIN_MODELS.join(', ')}`)
    .option('--config <file>', 'run config (JSON or YAML; see examples/*.json), layered over the global --config; the same keys')
    .requiredOption('--out <dir>', 'run folder: resolved-config.json, metrics, checkpoints/, final.pt')
    .option('--resume', 'require a checkpoint in RUN_DIR to continue from (without it, resuming is automatic when one exists)')
    .option('--set <key=value>', 'override one config key, e.g. --set trainer.maxSteps=20 (repeatable)', collect, [])
    .option('--fast-dev-run [n]', 'run n (default 1) training and validation batches, no checkpoints or logging', intArg('--fast-dev-run', { min: 1 }))
    .option('--print-config', 'print the resolved config (per-model defaults and the Pangu preset applied; secrets redacted) and exit')
    .addHelpText('after', `
The run is seeded: the same config gives the same weights, and a run stopped by SIGTERM (checkpoint,
then exit), SIGUSR1 (checkpoint, continue), Ctrl-C or even kill -9 continues from the last checkpoint
when the same command is run again, reaching the same final weights.

Data (data.source, data.dir):
  pangu   synthetic | superdarn: a folder from \`weatherlearn superdarn grid\` (train/val splits, saved stats)
  dino    synthetic | gridrad: the per-tensor .pt folder from \`weatherlearn gridrad split\`
  dino2k  synthetic | embeddings: per-crop [g·g, D] token files from \`weatherlearn embed vit256\`
          (HIPT level 2: dino2k.arch vit2k_xs, or custom = dino.embedDim/depth/numHeads)

Examples:
  weatherlearn train pangu --config examples/pangu-tiny.json --out runs/pangu-tiny
  weatherlearn train pangu --config examples/pangu-tiny.json --out runs/p --set trainer.maxSteps=50
  weatherlearn train pangu --config examples/pangu-superdarn.json --out runs/sd --set data.dir=data/superdarn-grid48
  weatherlearn train dino --config examples/dino-tiny.json --out runs/dino-tiny --fast-dev-run 2
  weatherlearn train dino2k --config examples/dino2k-tiny.json --out runs/2k --set data.source=embeddings --set data.dir=features/input_2k
  weatherlearn launch --nproc 2 -- train pangu --config examples/pangu-tiny.json --out runs/p2   (data-parallel)

With RANK/WORLD_SIZE/MASTER_ADDR/MASTER_PORT set (weatherlearn launch, srun, the hpc scripts) the ranks
train data-parallel over torch.distributed (Gloo): data.batchSize is per rank; see packages/distributed.`)
    .action(async (model: string, opts: { config?: string; out: string; resume?: boolean; set: string[]; fastDevRun?: number | true; printConfig?: boolean }) => {
      if (!(TRAIN_MODELS as readonly string[]).includes(model)) {
        throw new Error(`unknown model "${model}"; choose one of: ${TRAIN_MODELS.join(', ')}`);
      }
      const g = ctx.configSources();
      const config: TrainConfig = resolveAppConfig({ ...g, files: opts.config ? [opts.config] : [], sets: [...(g.sets ?? []), ...opts.set] }, model);
      if (opts.fastDevRun !== undefined) config.trainer.fastDevRun = opts.fastDevRun === true ? 1 : opts.fastDevRun;
      if (opts.printConfig) { ctx.out(JSON.stringify(redactSecrets(config), null, 2)); return; }
      // Data-parallel when launched with RANK/WORLD_SIZE (weatherlearn launch, srun, the hpc scripts).
      const collective = await collectiveFromEnv(ctx.env, config.distributed, ctx.err);
      try {
        await runTraining({
          model: model as TrainModel, config, app: config, runDir: opts.out, requireResume: opts.resume,
          out: ctx.out, err: ctx.err, isTTY: ctx.isTTY, onSignals: (h) => installTrainSignals(h, ctx.err),
          ...(collective ? { collective } : {}),
        });
      } finally {
        collective?.destroy();
      }
    });
};
