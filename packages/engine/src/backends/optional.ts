import { createRequire } from 'node:module';
import { BackendUnavailableError } from '../registry.js';

const require = createRequire(import.meta.url);

/** Version of an installed package, or 'unknown' when its package.json cannot be read. */
export function packageVersion(pkg: string): string {
  try {
    return (require(`${pkg}/package.json`) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * Imports an optional package by name (a variable specifier, so bundlers and tsc leave it alone).
 * A missing package becomes a {@link BackendUnavailableError} with an install hint; a package that
 * is installed but fails to load (e.g. libtensorflow could not be downloaded) says so.
 */
export async function importOptional(pkg: string, hint = `npm install ${pkg}`): Promise<unknown> {
  try {
    return await import(pkg);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const missing = (e.code === 'ERR_MODULE_NOT_FOUND' || e.code === 'MODULE_NOT_FOUND')
      && String(e.message).includes(`'${pkg}'`);
    if (missing) throw new BackendUnavailableError(`${pkg} is not installed`, hint);
    const first = String(e.message ?? e).split('\n')[0];
    throw new BackendUnavailableError(`${pkg} is installed but failed to load: ${first}`, `reinstall with ${hint}`);
  }
}
