import { HttpError, requestJson } from '../core/http.js';
import { withRetry } from '../core/retry.js';
import type { RetryOptions } from '../core/types.js';
import { parseNeptuneToken } from './token.js';

/** One Neptune attribute operation, in the REST API's shape (`{path, assignFloat: {value}}`, …). */
export type NeptuneOperation = { path: string } & Record<string, unknown>;

/**
 * A minimal REST client for a self-hosted Neptune server (the hosted neptune.ai service has shut
 * down): API-token → OAuth access-token exchange, project lookup, run creation by custom id (so a
 * resume reaches the same run) and attribute operations. Tokens never appear in errors.
 */
export class NeptuneApi {
  readonly base: string;
  private access: string | null = null;

  constructor(private readonly apiToken: string, private readonly retry: RetryOptions) {
    this.base = parseNeptuneToken(apiToken).apiAddress;
  }

  private async authorize(): Promise<string> {
    if (this.access) return this.access;
    const res = await withRetry(() => requestJson(`${this.base}/api/backend/v1/authorization/oauth-token`, {
      method: 'GET', headers: { 'x-neptune-api-token': this.apiToken }, timeoutMs: this.retry.timeoutMs,
    }), this.retry) as { accessToken?: unknown } | null;
    if (typeof res?.accessToken !== 'string') throw new Error('neptune: oauth-token response has no accessToken');
    this.access = res.accessToken;
    return this.access;
  }

  /** One authorised request (single attempt); a 401 drops the cached access token. */
  private async call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
    const token = await this.authorize();
    try {
      return await requestJson(`${this.base}${path}`, { method, body, headers: { authorization: `Bearer ${token}` }, timeoutMs: this.retry.timeoutMs });
    } catch (err) {
      if (err instanceof HttpError && err.status === 401) { this.access = null; throw new HttpError(err.message, 401, true); }
      throw err;
    }
  }

  /** Creates the run `customId` in `project` (`workspace/project`), or reaches it if it exists. */
  async createRun(project: string, customId: string, cliVersion = 'weatherlearn-loggers/0.1'): Promise<{ id: string; shortId: string }> {
    const proj = await withRetry(() => this.call('GET', `/api/backend/v1/projects/get?projectIdentifier=${encodeURIComponent(project)}`), this.retry) as { id?: string } | null;
    if (!proj?.id) throw new Error(`neptune: project "${project}" not found`);
    const exp = await withRetry(() => this.call('POST', '/api/leaderboard/v1/experiments', {
      projectIdentifier: project, parentId: proj.id, type: 'run', customId, cliVersion, gitInfo: null,
    }), this.retry) as { id?: string; shortId?: string } | null;
    if (!exp?.id) throw new Error('neptune: create-run response has no id');
    return { id: exp.id, shortId: exp.shortId ?? exp.id };
  }

  /** Executes `ops` on the run (single attempt; the caller retries the same batch). */
  async executeOperations(runUuid: string, ops: NeptuneOperation[]): Promise<void> {
    await this.call('POST', `/api/leaderboard/v1/attributes/operations?experimentId=${encodeURIComponent(runUuid)}`, ops);
  }
}
