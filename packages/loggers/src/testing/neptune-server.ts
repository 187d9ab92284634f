// A loopback stand-in for a self-hosted Neptune server used by the tests: token exchange, project
// lookup, run creation by custom id, attribute operations (float series drop steps already
// logged, as Neptune does) and injected failures.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Server-side view of one run. */
export interface NeptuneServerRun { customId: string; attrs: Map<string, unknown>; series: Map<string, { step: number; value: number }[]>; tags: string[] }

/**
 * Starts the server. It accepts the token `makeNeptuneToken(url, apiKey)` pointing at itself,
 * available as `token` once started.
 */
export async function startNeptuneServer(opts: { apiKey: string; project: string; failRate?: number; seed?: number }) {
  const expected = { token: '' };
  let seed = opts.seed ?? 99;
  const rand = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
  const runs = new Map<string, NeptuneServerRun>();
  const requests: { method: string; url: string; headers: Record<string, unknown>; body: any }[] = [];
  const shapeErrors: string[] = [];
  const stats = { duplicates: 0, failuresInjected: 0 };
  const ACCESS = 'access-token-1';

  function handle(method: string, url: URL, headers: Record<string, unknown>, body: any): [number, unknown] {
    if (url.pathname === '/api/backend/v1/authorization/oauth-token') {
      if (method !== 'GET') shapeErrors.push('oauth-token must be GET');
      return headers['x-neptune-api-token'] === expected.token ? [200, { accessToken: ACCESS, refreshToken: 'r', username: 'u' }] : [401, {}];
    }
    if (headers.authorization !== `Bearer ${ACCESS}`) return [401, {}];
    if (url.pathname === '/api/backend/v1/projects/get') {
      return url.searchParams.get('projectIdentifier') === opts.project ? [200, { id: 'proj-uuid', name: opts.project }] : [404, {}];
    }
    if (url.pathname === '/api/leaderboard/v1/experiments' && method === 'POST') {
      for (const k of ['projectIdentifier', 'parentId', 'type', 'customId']) if (!(k in (body ?? {}))) shapeErrors.push(`create run: missing ${k}`);
      const id = `uuid-${body.customId}`;
      if (!runs.has(id)) runs.set(id, { customId: body.customId, attrs: new Map(), series: new Map(), tags: [] });
      return [200, { id, shortId: `WL-${runs.size}` }];
    }
    if (url.pathname === '/api/leaderboard/v1/attributes/operations' && method === 'POST') {
      const run = runs.get(url.searchParams.get('experimentId') ?? '');
      if (!run) return [404, {}];
      if (!Array.isArray(body)) { shapeErrors.push('operations body must be an array'); return [400, {}]; }
      for (const op of body) {
        const kinds = Object.keys(op).filter((k) => k !== 'path');
        if (typeof op.path !== 'string' || kinds.length !== 1) { shapeErrors.push(`bad op ${JSON.stringify(op)}`); continue; }
        const [kind] = kinds; const arg = op[kind!];
        if (/^assign(Float|Int|Bool|String)$/.test(kind!)) run.attrs.set(op.path, arg.value);
        else if (kind === 'addStrings') run.tags.push(...arg.values);
        else if (kind === 'logFloats') {
          const s = run.series.get(op.path) ?? [];
          run.series.set(op.path, s);
          for (const e of arg.entries) {
            if (typeof e.value !== 'number' || !Number.isInteger(e.step) || typeof e.timestampMilliseconds !== 'number') shapeErrors.push(`bad entry ${JSON.stringify(e)}`);
            if (s.length && e.step <= s.at(-1)!.step) { stats.duplicates++; continue; }
            s.push({ step: e.step, value: e.value });
          }
        } else shapeErrors.push(`unknown op ${kind}`);
      }
      return [200, []];
    }
    shapeErrors.push(`unexpected ${method} ${url.pathname}`);
    return [404, {}];
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const body = text ? JSON.parse(text) : null;
      const url = new URL(req.url ?? '/', 'http://x');
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      const fail = rand() < (opts.failRate ?? 0) ? Math.floor(rand() * 3) : -1;
      if (fail >= 0) stats.failuresInjected++;
      if (fail === 0) { res.writeHead(503).end(); return; }
      if (fail === 1) { req.socket.destroy(); return; }
      const [status, out] = handle(req.method ?? '', url, req.headers, body);
      if (fail === 2) { req.socket.destroy(); return; } // applied, answer lost
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(out));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  expected.token = makeNeptuneToken(url, opts.apiKey);
  return { url, token: expected.token, runs, requests, shapeErrors, stats, close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }) };
}

/** A Neptune-style token for `apiAddress`: base64 JSON with `api_address`, `api_url`, `api_key`. */
export function makeNeptuneToken(apiAddress: string, apiKey: string): string {
  return Buffer.from(JSON.stringify({ api_address: apiAddress, api_url: apiAddress, api_key: apiKey })).toString('base64');
}
