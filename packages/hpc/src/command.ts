import { shellQuote } from './quote.js';

/** Run-time placeholders a command word may hold, and the variable each expands to. */
export const PLACEHOLDERS: Readonly<Record<string, string>> = {
  '{shard}': 'WL_SHARD',
  '{arrayIndex}': 'WL_ARRAY_INDEX',
  '{jobId}': 'WL_JOB_ID',
};

/** Preprocessing commands that accept `--shard i/n` (`weatherlearn <group> <sub>`). */
export const SHARDABLE_COMMANDS: ReadonlyArray<readonly [string, string]> = [
  ['gridrad', 'preprocess'],
  ['superdarn', 'grid'],
  ['superdarn', 'presave'],
];

/** A command string that cannot be split safely; `offset` is the character index. */
export class CommandSyntaxError extends Error {
  constructor(message: string, readonly offset: number) {
    super(message);
    this.name = 'CommandSyntaxError';
  }
}

const META = new Set(['$', ';', '|', '&', '<', '>', '(', ')', '`', '\n', '\r']);

/**
 * Splits a command line into words the way a POSIX shell would for the safe subset: blanks
 * separate words, `'…'` is literal, `"…"` may escape `"` and `\`, a backslash escapes one
 * character. Anything that would make the shell do more (`$`, `;`, `|`, `&`, redirections,
 * backquotes, sub-shells, newlines) throws a {@link CommandSyntaxError} — use the array form.
 */
export function splitCommand(text: string): string[] {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === ' ' || c === '\t') {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
    } else if (c === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) throw new CommandSyntaxError(`unterminated ' at offset ${i}`, i);
      cur += text.slice(i + 1, end);
      inWord = true;
      i = end;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < text.length && text[j] !== '"'; j++) {
        const d = text[j]!;
        if (d === '$' || d === '`') throw new CommandSyntaxError(`"${d}" at offset ${j} would expand`, j);
        if (d === '\\' && (text[j + 1] === '"' || text[j + 1] === '\\')) j++;
        cur += text[j];
      }
      if (j >= text.length) throw new CommandSyntaxError(`unterminated " at offset ${i}`, i);
      inWord = true;
      i = j;
    } else if (c === '\\') {
      if (i + 1 >= text.length) throw new CommandSyntaxError(`trailing backslash at offset ${i}`, i);
      cur += text[++i];
      inWord = true;
    } else if (META.has(c) || (c === '#' && !inWord)) {
      throw new CommandSyntaxError(`shell syntax "${c === '\n' ? '\\n' : c}" at offset ${i}; give the command as an array of words`, i);
    } else {
      cur += c;
      inWord = true;
    }
  }
  if (inWord) words.push(cur);
  return words;
}

/** The command as an argument vector (a string is split with {@link splitCommand}). */
export function commandArgv(command: string | string[]): string[] {
  return typeof command === 'string' ? splitCommand(command) : [...command];
}

/** True when `argv` runs one of the {@link SHARDABLE_COMMANDS}. */
export function isShardable(argv: readonly string[]): boolean {
  for (let i = 0; i + 1 < argv.length; i++) {
    if (SHARDABLE_COMMANDS.some(([g, s]) => argv[i] === g && argv[i + 1] === s)) return true;
  }
  return false;
}

/**
 * For job arrays: appends `--shard {shard}` to a shardable preprocessing command that does not
 * already pass `--shard` or use `{shard}`; other commands are returned unchanged.
 */
export function withShard(argv: readonly string[]): string[] {
  const has = argv.some((w) => w === '--shard' || w.startsWith('--shard=') || w.includes('{shard}'));
  return isShardable(argv) && !has ? [...argv, '--shard', '{shard}'] : [...argv];
}

/** Placeholders used anywhere in `argv`. */
export function placeholdersIn(argv: readonly string[]): string[] {
  return Object.keys(PLACEHOLDERS).filter((p) => argv.some((w) => w.includes(p)));
}

/**
 * Renders one word for the script: literal text is single-quoted, placeholders become
 * double-quoted variable references (`'--shard='"$WL_SHARD"`). Nothing else can expand.
 */
export function renderWord(word: string): string {
  const parts = word.split(/(\{shard\}|\{arrayIndex\}|\{jobId\})/);
  if (parts.length === 1) return shellQuote(word);
  return parts
    .filter((p) => p !== '')
    .map((p) => (PLACEHOLDERS[p] ? `"$${PLACEHOLDERS[p]}"` : shellQuote(p)))
    .join('');
}

/** Renders an argument vector with {@link renderWord}. */
export function renderArgv(argv: readonly string[]): string {
  return argv.map(renderWord).join(' ');
}
