import { chmod } from 'node:fs/promises';
import { writeFileAtomic } from '@weatherlearn/tensor-io';

/** Writes a job script atomically (temp file + rename) and makes it executable (0755). */
export async function writeJobScript(path: string, script: string): Promise<void> {
  await writeFileAtomic(path, script);
  await chmod(path, 0o755);
}
