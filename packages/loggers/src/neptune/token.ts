/** What a Neptune API token carries. */
export interface NeptuneToken {
  /** Server base URL, e.g. `https://neptune.example.org`. */
  apiAddress: string;
}

/**
 * Parses a Neptune API token: base64 (or base64url) of a JSON object with `api_address`.
 * Errors describe what is wrong but never echo the token.
 */
export function parseNeptuneToken(token: string): NeptuneToken {
  const where = 'neptune: the API token (NEPTUNE_API_TOKEN)';
  if (typeof token !== 'string' || token.trim() === '') throw new Error(`${where} is empty`);
  const b64 = token.trim().replace(/-/g, '+').replace(/_/g, '/');
  if (!/^[A-Za-z0-9+/]+=*$/.test(b64)) throw new Error(`${where} is not base64`);
  let obj: unknown;
  try { obj = JSON.parse(Buffer.from(b64, 'base64').toString('utf8')); } catch {
    throw new Error(`${where} does not decode to JSON`);
  }
  const addr = (obj as { api_address?: unknown } | null)?.api_address;
  if (typeof addr !== 'string') throw new Error(`${where} has no "api_address" field`);
  let url: URL;
  try { url = new URL(addr); } catch { throw new Error(`${where}: "api_address" is not a URL`); }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`${where}: "api_address" must be http(s)`);
  return { apiAddress: addr.replace(/\/+$/, '') };
}
