import type { Tensor } from '../tensor.js';
import { TensorIOError } from '../formats/errors.js';
import { isTensor, type PtValue } from './value.js';

/** Result of {@link flattenPtValue}: tensors under dotted names, and every other leaf. */
export interface FlatPtValue {
  /** `teacher.backbone.blocks.0.attn.qkv.weight` → tensor (list items as `.0`, `.1`, …). */
  tensors: Record<string, Tensor>;
  /** Non-tensor leaves (numbers, strings, booleans, None, bigints) under their dotted names. */
  leaves: Record<string, Exclude<PtValue, Tensor | PtValue[] | { [k: string]: PtValue }>>;
}

/**
 * Flattens a nested .pt value (a checkpoint such as DINO's `{student, teacher, optimizer, epoch}`)
 * into dotted names, the way `weatherlearn inspect` lists them: dict keys joined by `.`, list and
 * tuple items as `.0`, `.1`. A flat state dict keeps its keys. A tensor at the root is named `<root>`.
 * @throws TensorIOError when two paths give the same dotted name
 */
export function flattenPtValue(v: PtValue, name = '<pt>'): FlatPtValue {
  const out: FlatPtValue = { tensors: {}, leaves: {} };
  const seen = new Set<string>();
  const walk = (x: PtValue, path: string): void => {
    if (isTensor(x) || x === null || typeof x !== 'object') {
      const key = path || '<root>';
      if (seen.has(key)) throw new TensorIOError(`two values flatten to the same name '${key}'`, { file: name, field: key });
      seen.add(key);
      if (isTensor(x)) out.tensors[key] = x; else out.leaves[key] = x;
      return;
    }
    const items: [string, PtValue][] = Array.isArray(x) ? x.map((y, i) => [String(i), y]) : Object.entries(x);
    for (const [k, y] of items) walk(y, path ? `${path}.${k}` : k);
  };
  walk(v, '');
  return out;
}

/**
 * The sub-value at a dotted path (`teacher`, `teacher.backbone`, `blocks.0`) of a .pt value.
 * @throws TensorIOError naming the path and the keys available where it stops
 */
export function selectPtValue(v: PtValue, path: string, name = '<pt>'): PtValue {
  let cur: PtValue = v;
  const done: string[] = [];
  for (const part of path.split('.')) {
    const isList = Array.isArray(cur);
    const keys = cur && typeof cur === 'object' && !isTensor(cur) ? (isList ? (cur as PtValue[]).map((_, i) => String(i)) : Object.keys(cur)) : [];
    if (!keys.includes(part)) {
      const at = done.length ? `'${done.join('.')}'` : 'the top level';
      throw new TensorIOError(`no '${part}' in ${at} (${keys.length ? `has: ${keys.slice(0, 20).join(', ')}${keys.length > 20 ? ', …' : ''}` : 'not a dict or list'})`, { file: name, field: path });
    }
    cur = isList ? (cur as PtValue[])[Number(part)]! : (cur as { [k: string]: PtValue })[part]!;
    done.push(part);
  }
  return cur;
}
