// A loopback stand-in for the W&B API used by the tests: checks request shapes, keeps each run's
// history by file_stream offset (like the real service, a resent offset overwrites, never appends)
// and injects failures (HTTP 500, hangs past the client timeout, dropped connections before or
// after the request was applied).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Failure kinds the server can inject. */
export type Failure = '500' | 'timeout' | 'drop-before' | 'drop-after';

/** One recorded request. */
export interface Recorded { method: string; url: string; auth: string | undefined; body: any }

/** Server-side view of one run. */
export interface ServerRun {
  entity: string; project: string; config: string | null; tags: string[] | null; displayName: string | null; groupName: string | null;
  history: string[]; summary: Record<string, unknown> | null; exitcode: number | null; complete: boolean; upserts: number;
  notes: string | null; files: Map<string, Buffer>;
}

/** Options of {@link startWandbServer}. */
export interface WandbServerOptions {
  /** Probability that a request fails. */
  failRate?: number;
  /** Failure kinds to draw from. */
  failures?: Failure[];
  /** How long a "timeout" hangs (ms). */
  hangMs?: number;
  /** Seed of the deterministic failure sequence. */
  seed?: number;
  /** Expected API key; other keys get 401. */
  apiKey: string;
}

const UPSERT_VARS = ['id', 'name', 'project', 'entity', 'groupName', 'description', 'displayName', 'notes', 'commit', 'config',
  'host', 'debug', 'program', 'repo', 'jobType', 'state', 'sweep', 'tags', 'summaryMetrics'];

/** Starts the server on 127.0.0.1 with a random port. */
export async function startWandbServer(opts: WandbServerOptions) {
  let seed = opts.seed ?? 12345;
  const rand = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
  const runs = new Map<string, ServerRun>();
  const requests: Recorded[] = [];
  const shapeErrors: string[] = [];
  const stats = { failuresInjected: 0, duplicateLines: 0, applied: 0 };
  const failRate = { value: opts.failRate ?? 0 };
  const kinds = opts.failures ?? ['500', 'timeout', 'drop-before', 'drop-after'];
  const bad = (msg: string) => { shapeErrors.push(msg); };

  let baseUrl = '';
  function apply(req: Recorded, raw: Buffer): { status: number; body: unknown } {
    // Signed upload URLs (from CreateRunFiles) take no API key, like the real storage.
    const upload = /^\/upload\/([^/]+)\/([^/]+)\/([^/]+)\/(.+)$/.exec(req.url);
    if (upload && req.method === 'PUT') {
      const run = runs.get(upload.slice(1, 4).map(decodeURIComponent).join('/'));
      if (!run) return { status: 404, body: {} };
      if (req.auth) bad('upload PUT carries an Authorization header');
      run.files.set(decodeURIComponent(upload[4]!), raw);
      return { status: 200, body: {} };
    }
    if (req.auth !== `Basic ${Buffer.from(`api:${opts.apiKey}`).toString('base64')}`) return { status: 401, body: { error: 'unauthorized' } };
    if (req.url === '/graphql' && req.body?.operationName === 'RunResumeStatus') {
      const v = req.body.variables ?? {};
      const run = runs.get(`${v.entity ?? 'test-entity'}/${v.project}/${v.name}`);
      return { status: 200, body: { data: { model: { id: 'p', name: v.project, entity: { id: 'e', name: 'e' }, bucket: run ? { id: v.name, name: v.name, historyLineCount: run.history.length } : null } } } };
    }
    if (req.url === '/graphql' && req.body?.operationName === 'CreateRunFiles') {
      const v = req.body.variables ?? {};
      if (!/mutation CreateRunFiles\b/.test(req.body.query ?? '') || !Array.isArray(v.files)) bad('CreateRunFiles shape');
      const key = `${v.entity}/${v.project}/${v.run}`;
      if (!runs.has(key)) return { status: 200, body: { errors: [{ message: `run ${key} not found` }] } };
      const files = (v.files as string[]).map((name) => ({ name, uploadUrl: `${baseUrl}/upload/${[v.entity, v.project, v.run].map(encodeURIComponent).join('/')}/${encodeURIComponent(name)}` }));
      return { status: 200, body: { data: { createRunFiles: { runID: v.run, uploadHeaders: ['Content-Type:application/octet-stream'], files } } } };
    }
    if (req.url === '/graphql') {
      const b = req.body;
      if (b?.operationName !== 'UpsertBucket' || !/mutation UpsertBucket\b/.test(b.query ?? '')) { bad(`graphql: unexpected operation ${b?.operationName}`); return { status: 400, body: {} }; }
      const v = b.variables ?? {};
      const keys = Object.keys(v).sort().join(',');
      if (keys !== [...UPSERT_VARS].sort().join(',')) bad(`UpsertBucket variables ${keys}`);
      if (v.config !== null && typeof v.config !== 'string') bad('UpsertBucket config must be a JSON string');
      if (typeof v.config === 'string') {
        for (const [k, w] of Object.entries(JSON.parse(v.config) as Record<string, any>)) if (!w || typeof w !== 'object' || !('value' in w)) bad(`config.${k} is not {value}`);
      }
      if (typeof v.name !== 'string' || typeof v.project !== 'string') bad('UpsertBucket needs name and project');
      const entity = v.entity ?? 'test-entity';
      const key = `${entity}/${v.project}/${v.name}`;
      const run = runs.get(key) ?? { entity, project: v.project, config: null, tags: null, displayName: null, groupName: null, history: [], summary: null, exitcode: null, complete: false, upserts: 0, notes: null, files: new Map() };
      const inserted = !runs.has(key);
      runs.set(key, run);
      run.upserts++;
      if (v.config) run.config = v.config;
      if (v.tags) run.tags = v.tags;
      if (v.displayName) run.displayName = v.displayName;
      if (v.groupName) run.groupName = v.groupName;
      if (v.notes) run.notes = v.notes;
      return { status: 200, body: { data: { upsertBucket: { inserted, bucket: { id: key, name: v.name, displayName: run.displayName, project: { id: v.project, name: v.project, entity: { id: entity, name: entity } }, historyLineCount: run.history.length } } } } };
    }
    const m = /^\/files\/([^/]+)\/([^/]+)\/([^/]+)\/file_stream$/.exec(req.url);
    if (!m) { bad(`unexpected ${req.method} ${req.url}`); return { status: 404, body: {} }; }
    const run = runs.get(m.slice(1, 4).map(decodeURIComponent).join('/'));
    if (!run) { bad(`file_stream before UpsertBucket: ${req.url}`); return { status: 404, body: {} }; }
    const b = req.body ?? {};
    for (const k of Object.keys(b)) if (!['files', 'complete', 'exitcode'].includes(k)) bad(`file_stream key ${k}`);
    for (const [name, f] of Object.entries((b.files ?? {}) as Record<string, any>)) {
      if (!Number.isInteger(f.offset) || !Array.isArray(f.content) || f.content.some((c: unknown) => typeof c !== 'string')) bad(`file ${name}: needs integer offset and string[] content`);
      for (const c of f.content) JSON.parse(c);
      if (name === 'wandb-history.jsonl') {
        if (f.offset > run.history.length) return { status: 400, body: { error: `gap: offset ${f.offset} > ${run.history.length}` } };
        f.content.forEach((line: string, i: number) => {
          if (f.offset + i < run.history.length) stats.duplicateLines++;
          run.history[f.offset + i] = line;
        });
      } else if (name === 'wandb-summary.json') run.summary = JSON.parse(f.content.at(-1));
      else bad(`unexpected file ${name}`);
    }
    if (b.complete === true) {
      if (!Number.isInteger(b.exitcode)) bad('complete without integer exitcode');
      run.complete = true; run.exitcode = b.exitcode;
    }
    stats.applied++;
    return { status: 200, body: { exitcode: null, limits: {} } };
  }

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body: any = null;
      const raw = Buffer.concat(chunks);
      if (req.method !== 'PUT') { try { body = JSON.parse(raw.toString('utf8') || 'null'); } catch { bad(`${req.url}: body is not JSON`); } }
      const rec: Recorded = { method: req.method ?? '', url: req.url ?? '', auth: req.headers.authorization, body };
      requests.push(rec);
      const fail = rand() < failRate.value ? kinds[Math.floor(rand() * kinds.length)]! : null;
      if (fail) stats.failuresInjected++;
      if (fail === '500') { res.writeHead(500).end('injected'); return; }
      if (fail === 'drop-before') { req.socket.destroy(); return; }
      if (fail === 'timeout') { setTimeout(() => { if (!res.destroyed) res.destroy(); }, opts.hangMs ?? 500); return; }
      const out = apply(rec, raw);
      if (fail === 'drop-after') { req.socket.destroy(); return; }
      res.writeHead(out.status, { 'content-type': 'application/json' }).end(JSON.stringify(out.body));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}`;
  return {
    url: `http://127.0.0.1:${port}`, runs, requests, shapeErrors, stats, failRate,
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}
