/** An HTTP failure; `retryable` is true for network errors, timeouts, 408, 429 and 5xx. */
export class HttpError extends Error {
  constructor(message: string, readonly status: number | null, readonly retryable: boolean) {
    super(message);
    this.name = 'HttpError';
  }
}

/** Options of {@link requestJson}. */
export interface RequestOptions {
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: unknown;
  timeoutMs: number;
}

/**
 * Sends one JSON request and returns the parsed JSON response (or `null` for an empty body).
 * Errors name the method and URL path — never headers, which carry credentials.
 */
export async function requestJson(url: string, opts: RequestOptions): Promise<unknown> {
  const method = opts.method ?? 'POST';
  const where = `${method} ${new URL(url).pathname}`;
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: { ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}), ...opts.headers },
      body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
      signal: AbortSignal.timeout(opts.timeoutMs),
    });
  } catch (err) {
    const e = err as Error & { cause?: { code?: string; message?: string } };
    const why = e.name === 'TimeoutError' ? `timed out after ${opts.timeoutMs} ms` : (e.cause?.code ?? e.cause?.message ?? e.message);
    throw new HttpError(`${where}: ${why}`, null, true);
  }
  let text: string;
  try { text = await res.text(); } catch (err) {
    throw new HttpError(`${where}: connection dropped while reading the response (${(err as Error).message})`, res.status, true);
  }
  if (!res.ok) {
    const retryable = res.status === 408 || res.status === 429 || res.status >= 500;
    throw new HttpError(`${where}: HTTP ${res.status} ${text.slice(0, 200)}`, res.status, retryable);
  }
  if (!text) return null;
  try { return JSON.parse(text); } catch {
    throw new HttpError(`${where}: response is not JSON: ${text.slice(0, 100)}`, res.status, true);
  }
}
