import { HttpError, requestJson } from '../core/http.js';
import { withRetry } from '../core/retry.js';
import type { RetryOptions } from '../core/types.js';

// Run files, the way the official client uploads them: GraphQL `CreateRunFiles` returns an upload
// URL (and headers) per file name, then the bytes go there with a plain PUT (no API key: the URL is
// signed, and may be another host).
const CREATE_RUN_FILES = `mutation CreateRunFiles($entity: String!, $project: String!, $run: String!, $files: [String!]!) {
  createRunFiles(input: {entityName: $entity, projectName: $project, runName: $run, files: $files}) {
    runID
    uploadHeaders
    files { name uploadUrl }
  }
}`;

const RUN_RESUME_STATUS = `query RunResumeStatus($project: String, $entity: String, $name: String!) {
  model(name: $project, entityName: $entity) { id name entity { id name } bucket(name: $name, missingOk: true) { id name historyLineCount } }
}`;

/** Upload URL and headers of one run file. */
export interface RunFileUpload { name: string; uploadUrl: string; headers: Record<string, string> }

/** `CreateRunFiles` for `names`; returns where to PUT each. */
export async function createRunFiles(
  baseUrl: string, headers: Record<string, string>, retry: RetryOptions, run: { entity: string; project: string; runId: string }, names: string[],
): Promise<RunFileUpload[]> {
  const res = await withRetry(() => requestJson(`${baseUrl.replace(/\/+$/, '')}/graphql`, {
    headers, timeoutMs: retry.timeoutMs,
    body: { query: CREATE_RUN_FILES, operationName: 'CreateRunFiles', variables: { entity: run.entity, project: run.project, run: run.runId, files: names } },
  }), retry) as { data?: { createRunFiles?: { uploadHeaders?: string[] | null; files?: { name?: string; uploadUrl?: string }[] } }; errors?: { message?: string }[] } | null;
  if (res?.errors?.length) throw new Error(`wandb CreateRunFiles: ${res.errors.map((e) => e.message).join('; ')}`);
  const out = res?.data?.createRunFiles;
  const extra: Record<string, string> = {};
  for (const h of out?.uploadHeaders ?? []) { const i = h.indexOf(':'); if (i > 0) extra[h.slice(0, i).trim()] = h.slice(i + 1).trim(); }
  return names.map((name) => {
    const url = out?.files?.find((f) => f.name === name)?.uploadUrl;
    if (!url) throw new Error(`wandb CreateRunFiles: no upload URL for ${name}`);
    return { name, uploadUrl: url, headers: extra };
  });
}

/** PUTs `bytes` to a signed upload URL (retried on network errors and 5xx). */
export async function putFile(upload: RunFileUpload, bytes: Uint8Array, retry: RetryOptions): Promise<void> {
  const where = `PUT ${new URL(upload.uploadUrl).pathname}`;
  await withRetry(async () => {
    let res: Response;
    try {
      res = await fetch(upload.uploadUrl, { method: 'PUT', headers: upload.headers, body: new Blob([bytes as Uint8Array<ArrayBuffer>]), signal: AbortSignal.timeout(retry.timeoutMs) });
    } catch (e) { throw new HttpError(`${where}: ${(e as Error).message}`, null, true); }
    if (!res.ok) throw new HttpError(`${where}: HTTP ${res.status}`, res.status, res.status === 408 || res.status === 429 || res.status >= 500);
    await res.arrayBuffer();
  }, retry);
}

/** Whether the run exists on the server (`RunResumeStatus`), for `resume: must | never`. */
export async function runExists(baseUrl: string, headers: Record<string, string>, retry: RetryOptions, run: { entity: string | null; project: string; runId: string }): Promise<boolean> {
  const res = await withRetry(() => requestJson(`${baseUrl.replace(/\/+$/, '')}/graphql`, {
    headers, timeoutMs: retry.timeoutMs,
    body: { query: RUN_RESUME_STATUS, operationName: 'RunResumeStatus', variables: { project: run.project, entity: run.entity, name: run.runId } },
  }), retry) as { data?: { model?: { bucket?: unknown } | null } } | null;
  return Boolean(res?.data?.model?.bucket);
}
