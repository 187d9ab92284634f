/**
 * Child-process helper of the kill -9 tests: runs one pipeline step and SIGKILLs its own process
 * once `killAfter` items have finished (other workers may be mid-write at that moment).
 * Usage: node --conditions=source --import tsx kill-run.ts <preprocess|to-pt|split> '<options json>' <killAfter>
 */
import { processDirectoryTree } from '../../src/process-directory-tree.js';
import { processNpzFilesProgressive } from '../../src/npz-to-pt.js';
import { processAllChunksToIndividualFiles } from '../../src/split.js';
import type { Progress } from '../../src/progress.js';

const [step, json, after] = process.argv.slice(2);
const options = JSON.parse(json!) as Record<string, unknown>;
const killAfter = Number(after);
const onProgress = (p: Progress): void => {
  if (p.step !== 'split:stats' && p.finished >= killAfter && !p.final) process.kill(process.pid, 'SIGKILL');
};
const common = { ...options, onProgress, progressIntervalMs: 0 };
if (step === 'preprocess') await processDirectoryTree(common as never);
else if (step === 'to-pt') await processNpzFilesProgressive(common as never);
else if (step === 'split') await processAllChunksToIndividualFiles(common as never);
else throw new Error(`unknown step ${step}`);
console.log('finished without being killed');
