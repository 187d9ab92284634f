import { HttpError } from './http.js';
import type { RetryOptions } from './types.js';

/** Sleeps `ms` milliseconds. */
export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Back-off before attempt `attempt` (1-based retry count): base·2^(n-1), capped, ±25 % jitter. */
export function backoffMs(attempt: number, retry: Pick<RetryOptions, 'baseDelayMs' | 'maxDelayMs'>): number {
  const d = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1));
  // Math.random on purpose: the jitter must differ between processes (every rank retrying one server
  // with a seeded generator would wait the same time) and it decides a delay only, never a result.
  return Math.round(d * (0.75 + Math.random() * 0.5)); // lint-allow: Math.random (retry jitter)
}

/**
 * Runs `fn` up to `retry.maxAttempts` times with exponential back-off. Non-retryable HTTP errors
 * (401, 403, 404, other 4xx) are rethrown at once.
 */
export async function withRetry<T>(fn: () => Promise<T>, retry: RetryOptions): Promise<T> {
  let last: unknown;
  for (let attempt = 1; attempt <= retry.maxAttempts; attempt++) {
    try { return await fn(); } catch (err) {
      last = err;
      if (err instanceof HttpError && !err.retryable) throw err;
      if (attempt < retry.maxAttempts) await sleep(backoffMs(attempt, retry));
    }
  }
  throw last;
}
