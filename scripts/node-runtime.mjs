// Fetches a pinned Node.js binary from the npm registry (the `node-linux-<arch>` packages carry the
// official builds) into an ignored cache folder, so CI can run the library suites under a second Node
// major without anything but the npm registry (scripts/test-runtimes.mjs, runtime `node22`).
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

/** The Node 22 release the `node22` runtime runs (issue 19 item 11); bump it together with the docs. */
export const NODE22_VERSION = '22.23.5';

/** The version a `node` binary reports (`v22.23.5` → `22.23.5`), or null when it does not run. */
export function nodeVersion(bin) {
  if (!existsSync(bin)) return null;
  const r = spawnSync(bin, ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim().replace(/^v/, '') : null;
}

/**
 * Makes sure `<dir>/bin/node` is Node `version`: reuses the cached binary when it reports that version,
 * otherwise packs `node-linux-<arch>@<version>` from the npm registry into `dir` and unpacks its
 * `bin/node`. Returns the binary's path; throws with the step that failed.
 */
export function ensureNode(dir, version = NODE22_VERSION) {
  const bin = join(dir, 'bin', 'node');
  if (nodeVersion(bin) === version) return bin;
  if (process.platform !== 'linux') throw new Error(`node runtime: the npm registry's node-linux-* packages need Linux (this is ${process.platform})`);
  const pkg = `node-linux-${process.arch}@${version}`;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const pack = spawnSync(npm, ['pack', pkg, '--pack-destination', dir, '--silent'], { encoding: 'utf8', cwd: dir });
  if (pack.status !== 0) throw new Error(`node runtime: npm pack ${pkg} failed: ${(pack.stderr || pack.stdout).trim()}`);
  const tgz = readdirSync(dir).find((f) => f.endsWith('.tgz'));
  if (!tgz) throw new Error(`node runtime: npm pack ${pkg} left no .tgz in ${dir}`);
  const tar = spawnSync('tar', ['-xzf', tgz, '--strip-components=1', 'package/bin/node'], { cwd: dir, encoding: 'utf8' });
  if (tar.status !== 0) throw new Error(`node runtime: unpacking bin/node from ${tgz} failed: ${tar.stderr.trim()}`);
  rmSync(join(dir, tgz), { force: true });
  const got = nodeVersion(bin);
  if (got !== version) throw new Error(`node runtime: ${bin} reports ${got ?? 'nothing (does not run)'}, expected ${version}`);
  return bin;
}
