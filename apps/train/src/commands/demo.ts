import { Option } from 'commander';
import { DEFAULT_DEMO_OPTIONS, runDemo, type DemoOptions } from '../runs/demo/run-demo.js';
import { DEMO_SIZES } from '../runs/demo/presets.js';
import { intArg } from '../cli-args.js';
import type { RegisterCommand } from './types.js';

/** `weatherlearn demo [--out DIR] [--size tiny|small] [--data DIR] [--seed N]`: the embedded default behind `npm start`. */
export const registerDemo: RegisterCommand = (program, ctx) => {
  program.command('demo')
    .description('end-to-end demo: generate SuperDARN + GOES-like files, grid/preprocess them, train Pangu and DINO, plot, report')
    .option('--out <dir>', 'output folder (created; a previous demo output there is replaced)', DEFAULT_DEMO_OPTIONS.out)
    .addOption(new Option('--size <size>', 'tiny (< 2 min, used by the tests) or small (a few minutes on 2 CPU cores)').choices([...DEMO_SIZES]).default(DEFAULT_DEMO_OPTIONS.size))
    .option('--data <dir>', 'use your files instead: SuperDARN GRID/MAP files (Pangu) and netCDF GOES/GridRad files (DINO), searched recursively')
    .option('--variables <a,b>', 'with --data: netCDF variables to use as channels (default ir_brightness_temperature,visible_reflectance)', (v: string) => v.split(',').map((x) => x.trim()).filter(Boolean))
    .option('--seed <n>', 'seed of the generated data, the crops and the training runs', intArg('--seed', { min: 0, max: 2 ** 31 }), DEFAULT_DEMO_OPTIONS.seed)
    .addOption(new Option('--backend <name>', 'TensorFlow.js backend').choices(['wasm', 'cpu', 'tensorflow', 'auto']).default(DEFAULT_DEMO_OPTIONS.backend))
    .addHelpText('after', `
Every step is a weatherlearn command, printed before it runs, so you can repeat any of them on
your own data:
  superdarn grid         GRID records → gridded frames (C, H, W) + time splits + statistics
  train pangu            Pangu-Weather, SuperDARN preset: forecast the next window
  gridrad preprocess|to-pt|split   netCDF → crops/patches → per-tensor .pt files
  train dino             DINO self-supervised ViT on the patches
  plot curves|grid, report         PNG plots and a self-contained HTML report per run
Output: OUT/raw (generated files), OUT/data (datasets), OUT/configs (train configs),
OUT/runs/{pangu,dino} (checkpoints/, metrics.jsonl, tensorboard/, final.pt, samples/, report.html),
OUT/plots (PNG).

Examples:
  npm start                                     # = weatherlearn demo
  weatherlearn demo --size tiny --out /tmp/demo
  weatherlearn demo --data ~/superdarn-and-goes --out runs/my-demo`)
    .action(async (o: DemoOptions) => {
      const r = await runDemo({ ...DEFAULT_DEMO_OPTIONS, ...o }, ctx);
      ctx.out(`demo finished in ${r.seconds.toFixed(0)} s; everything is under ${r.out}`);
      for (const [name, part] of [['pangu', r.pangu], ['dino', r.dino]] as const) {
        if (!part) continue;
        ctx.out(`${name}:`);
        ctx.out(`  dataset     ${part.dataset}`);
        ctx.out(`  run folder  ${part.run}  (checkpoints/, metrics.jsonl, tensorboard/)`);
        ctx.out(`  weights     ${part.weights}  (PyTorch state dict)`);
        ctx.out(`  report      ${part.report}`);
        for (const p of part.plots) ctx.out(`  plot        ${p}`);
      }
      ctx.out(`TensorBoard: tensorboard --logdir ${r.out}/runs`);
    });
};
