import { existsSync, readFileSync } from 'node:fs';
import { writeFileAtomicSync } from '@weatherlearn/fs-atomic';
import { toJsonSafe } from './validate.js';

/** Reads a JSON object file, or `{}` when missing; a corrupt file throws naming the path. */
export function readJsonObject(path: string): Record<string, unknown> {
  if (!existsSync(path)) return {};
  const text = readFileSync(path, 'utf8');
  try {
    const v: unknown = JSON.parse(text);
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch (err) {
    throw new Error(`${path}: not valid JSON (${(err as Error).message})`);
  }
  throw new Error(`${path}: expected a JSON object`);
}

/** Merges `patch` into the JSON object file at `path`, written atomically. Returns the merged object. */
export function mergeJsonFile(path: string, patch: Record<string, unknown>): Record<string, unknown> {
  const merged = { ...readJsonObject(path), ...patch };
  writeFileAtomicSync(path, `${toJsonSafe(merged)}\n`);
  return merged;
}

/**
 * Reads a JSON-lines file; every line must parse. A torn last line (crash while appending) is
 * ignored; any other bad line throws naming the file and line number.
 */
export function readJsonLines(path: string): unknown[] {
  if (!existsSync(path)) return [];
  const lines = readFileSync(path, 'utf8').split('\n');
  const out: unknown[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    try { out.push(JSON.parse(line)); } catch (err) {
      if (i === lines.length - 1) break; // torn tail without newline
      throw new Error(`${path}:${i + 1}: invalid JSON line (${(err as Error).message})`);
    }
  }
  return out;
}
