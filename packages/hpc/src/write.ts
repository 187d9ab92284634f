import { writeFileAtomic } from '@weatherlearn/fs-atomic';

/**
 * Writes a job script atomically (a temp file in the same folder, fsynced, renamed over `path`) and
 * executable: mode 0755 exactly, whatever the umask (`@weatherlearn/fs-atomic`'s `mode` option).
 */
export async function writeJobScript(path: string, script: string): Promise<void> {
  await writeFileAtomic(path, script, { mode: 0o755 });
}
