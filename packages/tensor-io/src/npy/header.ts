/**
 * A tiny parser for the Python literal that forms a .npy header, e.g.
 * `{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }`. It accepts only strings, ints,
 * True/False/None, tuples, lists and dicts — never evaluates anything.
 */

/** A parsed Python literal. */
export type PyLiteral = string | number | boolean | null | PyLiteral[] | { [k: string]: PyLiteral };

/** Parses a Python literal; throws `Error` with the character position on anything else. */
export function parsePyLiteral(src: string): PyLiteral {
  let i = 0;
  const ws = (): void => { while (i < src.length && /\s/.test(src[i]!)) i++; };
  const fail = (what: string): never => { throw new Error(`${what} at character ${i} of header ${JSON.stringify(src.slice(0, 200))}`); };

  const value = (depth: number): PyLiteral => {
    if (depth > 16) fail('nesting too deep');
    ws();
    const c = src[i];
    if (c === '{') {
      i++;
      const out: { [k: string]: PyLiteral } = {};
      for (;;) {
        ws();
        if (src[i] === '}') { i++; return out; }
        const k = value(depth + 1);
        if (typeof k !== 'string') fail('dict key must be a string');
        ws();
        if (src[i] !== ':') fail("expected ':'");
        i++;
        out[k as string] = value(depth + 1);
        ws();
        if (src[i] === ',') i++;
        else if (src[i] !== '}') fail("expected ',' or '}'");
      }
    }
    if (c === '(' || c === '[') {
      const close = c === '(' ? ')' : ']';
      i++;
      const out: PyLiteral[] = [];
      for (;;) {
        ws();
        if (src[i] === close) { i++; return out; }
        out.push(value(depth + 1));
        ws();
        if (src[i] === ',') i++;
        else if (src[i] !== close) fail(`expected ',' or '${close}'`);
      }
    }
    if (c === "'" || c === '"') {
      const end = src.indexOf(c, i + 1);
      if (end < 0) fail('unterminated string');
      const s = src.slice(i + 1, end);
      if (s.includes('\\')) fail('escapes in strings are not supported');
      i = end + 1;
      return s;
    }
    const m = /^(-?\d+)L?|^(True|False|None)/.exec(src.slice(i, i + 32));
    if (!m) return fail('unexpected token');
    i += m[0].length;
    if (m[2] === 'True') return true;
    if (m[2] === 'False') return false;
    if (m[2] === 'None') return null;
    const n = Number(m[1]);
    if (!Number.isSafeInteger(n)) fail('integer out of range');
    return n;
  };

  const v = value(0);
  ws();
  if (i !== src.length) fail('trailing characters');
  return v;
}
