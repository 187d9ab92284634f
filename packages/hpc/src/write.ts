import { chmod, mkdir, open, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * Writes a job script atomically (a temp file in the same folder, fsynced, renamed over `path`) and
 * makes it executable (0755). The same contract as tensor-io's `writeFileAtomic`, kept local so this
 * package depends on nothing (no tensor-io, no h5wasm) for three lines of file handling.
 */
export async function writeJobScript(path: string, script: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, script, { mode: 0o755 });
    const fh = await open(tmp, 'r');
    try { await fh.sync(); } finally { await fh.close(); }
    await chmod(tmp, 0o755);
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}
