import { writeRunReport } from '@weatherlearn/viz';
import { intArg } from '../cli-args.js';
import type { RegisterCommand } from './types.js';

/** `weatherlearn report RUN_DIR [-o FILE]`: one self-contained HTML page for a training run. */
export const registerReport: RegisterCommand = (program, ctx) => {
  program
    .command('report')
    .description('write a self-contained HTML report of a training run (config, curves, samples, checkpoints)')
    .argument('<run_dir>', 'run folder (metrics.jsonl, hparams.json or config.json, samples/, checkpoints)')
    .option('-o, --out <file>', 'output HTML (default: RUN_DIR/report.html)')
    .option('--max-samples <n>', 'draw at most this many sample files', intArg('--max-samples', { min: 0 }), 8)
    .addHelpText('after', `
The page inlines every image (SVG and data URIs) and loads nothing else: it opens offline from disk.
Sample files: samples/*.safetensors|npz|npy|pt holding prediction+truth (or pred/target) tensors, or
(C,H,W) tensors; samples/*.png|svg are embedded as they are.
Example:
  weatherlearn report runs/pangu-lite-001 && xdg-open runs/pangu-lite-001/report.html`)
    .action(async (runDir: string, o: { out?: string; maxSamples: number }) => {
      const { path, warnings } = await writeRunReport(runDir, o.out, { maxSamples: o.maxSamples });
      for (const w of warnings) ctx.err(`warning: ${w}`);
      ctx.out(`wrote ${path}`);
    });
};
