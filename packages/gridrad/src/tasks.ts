// Port of dariodematties/gridrad/dataset/utils.py:process_file
/** The jobs a pool worker (or the main thread, with 0 workers) can run. */
import { readFile } from 'node:fs/promises';
import { processSingleFile, type FileResult, type PreprocessFileOptions } from './process-file.js';
import { loadTensorFile, type LoadCheck } from './load-check.js';
import type { InputFile } from './discover.js';

/** A job message. */
export type Task =
  | { type: 'preprocess'; input: InputFile; options: PreprocessFileOptions }
  | { type: 'check'; path: string; requireFinite: boolean }
  | { type: 'sleep'; ms: number; fail?: string; crash?: boolean };

/** Result type of each job. */
export type TaskResult<T extends Task> = T extends { type: 'preprocess' } ? FileResult : T extends { type: 'check' } ? LoadCheck : { slept: number };

/** Runs one job in the current thread. */
export async function runTask(task: Task): Promise<unknown> {
  switch (task.type) {
    case 'preprocess': return processSingleFile(task.input, task.options);
    case 'check': return loadTensorFile(task.path, await readFile(task.path).catch((e: Error) => e), task.requireFinite);
    case 'sleep':
      await new Promise((r) => setTimeout(r, task.ms));
      if (task.crash) process.exit(3);
      if (task.fail) throw new Error(task.fail);
      return { slept: task.ms };
    default: throw new Error(`unknown task ${JSON.stringify(task)}`);
  }
}
