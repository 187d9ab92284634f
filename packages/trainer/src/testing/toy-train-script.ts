/**
 * Child process for the kill -9 resume test: trains the toy module with checkpoints in
 * `<dir>/ckpt` (resuming when one exists), sleeping `<delayMs>` after each step so a test can kill
 * it mid-run, and exports `<dir>/final.pt`. Usage: toy-train-script.ts <dir> <delayMs>
 */
import { join } from 'node:path';
import { initEngine } from '@weatherlearn/engine';
import { Trainer } from '../trainer.js';
import { exportPt } from '../export.js';
import { ToyModule, toyLoader } from './toy.js';

const [dir, delay = '0'] = process.argv.slice(2);
if (!dir) { console.error('usage: toy-train-script.ts <dir> [delayMs]'); process.exit(2); }
await initEngine({ backend: 'cpu' });
class SlowToy extends ToyModule {
  override async onAfterOptimizerStep(step: number): Promise<void> {
    super.onAfterOptimizerStep(step);
    if (Number(delay) > 0) await new Promise((r) => setTimeout(r, Number(delay)));
  }
}
const m = new SlowToy({ freezeSteps: 12 });
const trainer = new Trainer({
  maxEpochs: 6, seed: 11, valCheckInterval: 5, gradientClipVal: 0.3,
  checkpoint: { dir: join(dir, 'ckpt'), everyNSteps: 3, keepLastK: 2, monitor: 'val_loss' },
});
const r = await trainer.fit(m, toyLoader(40, 4), toyLoader(8, 4, 2, false), { resume: true });
await exportPt(m, join(dir, 'final.pt'));
console.log(JSON.stringify({ status: r.status, step: r.step, resumedFrom: r.resumedFrom }));
