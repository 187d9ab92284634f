/**
 * Append-only checkpoint files: one finished item per line, each append fsynced. A line torn by a
 * kill (no trailing newline) is ignored when reading, so that item is simply done again.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/** Reads the complete lines of a checkpoint (empty when the file does not exist). */
export function readCheckpoint(path: string): string[] {
  let text: string;
  try { text = readFileSync(path, 'utf8'); } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new Error(`cannot read checkpoint ${path}: ${(e as Error).message}`);
  }
  const end = text.lastIndexOf('\n');
  if (end < 0) return [];
  return text.slice(0, end).split('\n').map((l) => l.trimEnd()).filter((l) => l.length > 0);
}

/**
 * An open checkpoint for appending. If the file ends with a torn line, a newline is written first
 * so the next entry starts on its own line.
 */
export class CheckpointWriter {
  private fd: number;

  /** Opens (creating) the checkpoint at `path`. */
  constructor(readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
    let torn = false;
    try { const t = readFileSync(path, 'utf8'); torn = t.length > 0 && !t.endsWith('\n'); } catch { /* new file */ }
    this.fd = openSync(path, 'a');
    if (torn) this.append([]);
  }

  /** Appends lines (one write, then fsync). With no lines, only terminates a torn line. */
  append(lines: readonly string[]): void {
    for (const l of lines) if (l.includes('\n')) throw new Error(`checkpoint entry contains a newline: ${JSON.stringify(l)}`);
    const text = lines.length ? lines.join('\n') + '\n' : '\n';
    const buf = Buffer.from(text, 'utf8');
    let off = 0;
    while (off < buf.length) off += writeSync(this.fd, buf, off);
    fsyncSync(this.fd);
  }

  /** Closes the file. */
  close(): void { closeSync(this.fd); }
}
