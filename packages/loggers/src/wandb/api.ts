import { hostname } from 'node:os';
import { requestJson } from '../core/http.js';
import { withRetry } from '../core/retry.js';
import type { RetryOptions } from '../core/types.js';
import type { WandbMeta } from './store.js';

const UPSERT_BUCKET = `mutation UpsertBucket($id: String, $name: String, $project: String, $entity: String, $groupName: String, $description: String, $displayName: String, $notes: String, $commit: String, $config: JSONString, $host: String, $debug: Boolean, $program: String, $repo: String, $jobType: String, $state: String, $sweep: String, $tags: [String!], $summaryMetrics: JSONString) {
  upsertBucket(input: {id: $id, name: $name, groupName: $groupName, modelName: $project, entityName: $entity, description: $description, displayName: $displayName, notes: $notes, config: $config, commit: $commit, host: $host, debug: $debug, jobProgram: $program, jobRepo: $repo, jobType: $jobType, state: $state, sweep: $sweep, tags: $tags, summaryMetrics: $summaryMetrics}) {
    bucket { id name displayName project { id name entity { id name } } historyLineCount }
    inserted
  }
}`;

/**
 * The config in the official client's wire shape: a JSON *string* of `{key: {value, desc?}}`.
 * Non-finite numbers become strings ("NaN"), which JSON cannot carry.
 */
export function wandbConfigString(config: Record<string, unknown>, descriptions: Record<string, string> = {}): string {
  const wrapped: Record<string, { value: unknown; desc?: string }> = {};
  for (const [k, v] of Object.entries(config)) wrapped[k] = descriptions[k] ? { value: v, desc: descriptions[k] } : { value: v };
  return JSON.stringify(wrapped, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v));
}

/** What `UpsertBucket` tells us about the run. */
export interface UpsertResult { entity: string; project: string; historyLineCount: number }

/**
 * A minimal client of the W&B HTTP protocol: GraphQL `UpsertBucket` at `{base}/graphql` and the
 * run's `file_stream`. Authentication is HTTP Basic `api:<key>`; the key never appears in errors.
 */
export class WandbApi {
  private readonly auth: string;
  constructor(private readonly baseUrl: string, apiKey: string, private readonly retry: RetryOptions) {
    this.auth = `Basic ${Buffer.from(`api:${apiKey}`).toString('base64')}`;
  }

  /** The base URL requests go to. */
  get base(): string { return this.baseUrl; }

  /** Request headers (with the credentials: never log them). */
  headers(): Record<string, string> {
    return { authorization: this.auth, 'user-agent': 'weatherlearn-loggers/0.1' };
  }

  private url(path: string): string { return `${this.baseUrl.replace(/\/+$/, '')}${path}`; }

  /** Creates or updates the run (`name` = run id), with its config and/or summary when given. */
  async upsertBucket(meta: WandbMeta, extra: { config?: string; summaryMetrics?: string; entity?: string | null } = {}): Promise<UpsertResult> {
    const variables = {
      id: null, name: meta.runId, project: meta.project, entity: extra.entity ?? meta.entity,
      groupName: meta.group, description: null, displayName: meta.name, notes: meta.notes, commit: null,
      config: extra.config ?? null, host: hostname(), debug: null, program: null, repo: null, jobType: null,
      state: null, sweep: null, tags: meta.tags, summaryMetrics: extra.summaryMetrics ?? null,
    };
    const res = await withRetry(() => requestJson(this.url('/graphql'), {
      headers: this.headers(), timeoutMs: this.retry.timeoutMs,
      body: { query: UPSERT_BUCKET, variables, operationName: 'UpsertBucket' },
    }), this.retry) as { data?: { upsertBucket?: { bucket?: { historyLineCount?: number; project?: { name?: string; entity?: { name?: string } } } } }; errors?: { message?: string }[] } | null;
    if (res?.errors?.length) throw new Error(`wandb UpsertBucket: ${res.errors.map((e) => e.message).join('; ')}`);
    const bucket = res?.data?.upsertBucket?.bucket;
    const entity = bucket?.project?.entity?.name ?? extra.entity ?? meta.entity;
    if (!bucket || !entity) throw new Error('wandb UpsertBucket: response has no bucket/entity');
    return { entity, project: bucket.project?.name ?? meta.project, historyLineCount: bucket.historyLineCount ?? 0 };
  }

  /** One `POST {base}/files/{entity}/{project}/{run}/file_stream` (a single attempt). */
  async fileStream(entity: string, project: string, runId: string, body: unknown): Promise<void> {
    const path = `/files/${encodeURIComponent(entity)}/${encodeURIComponent(project)}/${encodeURIComponent(runId)}/file_stream`;
    await requestJson(this.url(path), { headers: this.headers(), timeoutMs: this.retry.timeoutMs, body });
  }

  /** Streams history lines starting at remote `offset` (single attempt; retry at the same offset). */
  sendHistory(entity: string, project: string, runId: string, offset: number, lines: string[]): Promise<void> {
    return this.fileStream(entity, project, runId, { files: { 'wandb-history.jsonl': { offset, content: lines } } });
  }

  /** Sends the whole summary (`wandb-summary.json`, offset 0), retried. */
  sendSummary(entity: string, project: string, runId: string, summary: Record<string, unknown>): Promise<void> {
    const content = [JSON.stringify(summary, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v))];
    return withRetry(() => this.fileStream(entity, project, runId, { files: { 'wandb-summary.json': { offset: 0, content } } }), this.retry);
  }

  /** Marks the run finished with `exitcode`, retried. */
  complete(entity: string, project: string, runId: string, exitcode: number): Promise<void> {
    return withRetry(() => this.fileStream(entity, project, runId, { complete: true, exitcode }), this.retry);
  }
}
