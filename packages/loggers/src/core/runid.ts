import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/** A new 8-character run id (`[0-9a-z]`), the same form W&B uses. */
export function newRunId(): string {
  const bytes = randomBytes(8);
  let id = '';
  for (const b of bytes) id += ALPHABET[b % 36];
  return id;
}

/** Throws unless `id` is a usable run id (1–64 chars of `[A-Za-z0-9_-]`). */
export function checkRunId(id: string): string {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) {
    throw new Error(`loggers: invalid runId ${JSON.stringify(id)} (expected 1-64 characters of A-Z a-z 0-9 _ -)`);
  }
  return id;
}
