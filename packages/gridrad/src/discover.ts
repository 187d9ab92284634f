/** Input discovery: a directory tree (recursive) or a glob pattern, always in sorted order. */
import { readdir, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';

/** A discovered input file. */
export interface InputFile {
  /** Absolute path. */
  path: string;
  /** Path relative to the input root, with `/` separators: the file's stable key (seed, output name). */
  key: string;
}

/** True when the string contains glob syntax (`*`, `?`, `[`, `{`). */
export function isGlob(pattern: string): boolean {
  return /[*?[{]/.test(pattern);
}

/**
 * Converts a glob (`*`, `**`, `?`, `[abc]`, `{a,b}`) matched against `/`-separated relative paths
 * into a RegExp. `*` and `?` never cross `/`; `**` spans any number of folders.
 */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const slash = glob[i + 2] === '/';
        re += slash ? '(?:.*/)?' : '.*';
        i += slash ? 2 : 1;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 1);
      if (end < 0) { re += '\\['; continue; }
      const body = glob.slice(i + 1, end).replace(/\\/g, '\\\\');
      re += body.startsWith('!') ? `[^/${body.slice(1)}]` : `[${body}]`;
      i = end;
    } else if (c === '{') { braces++; re += '(?:'; }
    else if (c === '}' && braces > 0) { braces--; re += ')'; }
    else if (c === ',' && braces > 0) re += '|';
    else re += c.replace(/[.+^$()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** Splits a glob into its literal base folder and the pattern below it. */
export function splitGlob(pattern: string): { base: string; rest: string } {
  const parts = pattern.split(/[\\/]/);
  const i = parts.findIndex((p) => isGlob(p));
  if (i < 0) return { base: parts.slice(0, -1).join('/') || '.', rest: parts[parts.length - 1]! };
  const base = parts.slice(0, i).join('/');
  return { base: base === '' ? (pattern.startsWith('/') ? '/' : '.') : base, rest: parts.slice(i).join('/') };
}

async function walk(dir: string, out: string[], skipDir?: (abs: string) => boolean): Promise<void> {
  let entries;
  try { entries = await readdir(dir, { withFileTypes: true }); } catch (e) {
    throw new Error(`cannot list input folder ${dir}: ${(e as Error).message}`);
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) { if (!skipDir?.(p)) await walk(p, out, skipDir); }
    else if (e.isFile() || (e.isSymbolicLink() && (await stat(p).catch(() => undefined))?.isFile())) out.push(p);
  }
}

/**
 * Lists input files, sorted by key: every file under `input` (recursive) whose name ends with one of
 * `extensions` when `input` is a folder, or every file matching `input` when it is a glob
 * (`data/**\/*.nc`). Hidden temp files (`.name.tmp`) are never listed.
 * @throws Error when the folder (or the glob's base folder) cannot be read
 */
export async function discoverInputs(input: string, extensions: readonly string[] = ['.nc'], skipDir?: (abs: string) => boolean): Promise<InputFile[]> {
  let root: string;
  let accept: (key: string) => boolean;
  if (isGlob(input)) {
    const { base, rest } = splitGlob(input);
    root = resolve(base);
    const re = globToRegExp(rest);
    accept = (key) => re.test(key);
  } else {
    root = resolve(input);
    const st = await stat(root).catch(() => undefined);
    if (!st) throw new Error(`input ${input} does not exist`);
    if (st.isFile()) return [{ path: root, key: root.split(sep).pop()! }];
    accept = (key) => extensions.some((ext) => key.endsWith(ext));
  }
  const files: string[] = [];
  await walk(root, files, skipDir);
  return files
    .map((p) => ({ path: p, key: relative(root, p).split(sep).join('/') }))
    .filter((f) => !/(^|\/)\.[^/]*\.tmp$/.test(f.key) && accept(f.key))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
