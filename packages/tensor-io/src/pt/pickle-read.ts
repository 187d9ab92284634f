import { TensorIOError } from '../formats/errors.js';

/** A reference to a Python global (`module.name`) that the allow-list let through. */
export class PyGlobal {
  constructor(readonly module: string, readonly name: string) {}
  /** `module.name`. */
  get fullName(): string { return `${this.module}.${this.name}`; }
}

/** A Python tuple (kept apart from lists only while unpickling). */
export class PyTuple extends Array<unknown> {}

/** Hooks the safe unpickler calls; anything they do not accept is an error. */
export interface UnpickleHooks {
  /** Is `module.name` allowed as a GLOBAL? */
  allowGlobal(module: string, name: string): boolean;
  /** Calls an allowed global (REDUCE / NEWOBJ). */
  call(fn: PyGlobal, args: unknown[]): unknown;
  /** Resolves a persistent id (BINPERSID / PERSID). */
  persistentLoad(pid: unknown): unknown;
}

const MARK = Symbol('mark');
const latin1 = new TextDecoder('latin1');
const utf8 = new TextDecoder('utf-8');

/**
 * A minimal, safe pickle virtual machine (protocols 0–5, the opcodes data pickles use). It never
 * imports or calls anything by itself: GLOBALs go through `hooks.allowGlobal`, calls through
 * `hooks.call`. Dicts become `Map`s, tuples `PyTuple`s, bytes `Uint8Array`s, ints `number` or
 * `bigint` beyond 2^53.
 * @throws TensorIOError with the opcode offset for unknown opcodes, truncation or forbidden globals
 */
export function unpickle(bytes: Uint8Array, hooks: UnpickleHooks, name = '<pickle>'): unknown {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = bytes.byteLength;
  let pos = 0;
  let op = 0;
  let at = 0;
  const fail = (msg: string, field?: string): never => { throw new TensorIOError(msg, { file: name, offset: at, field }); };
  const need = (k: number): number => { if (k < 0 || pos + k > n) fail(`truncated pickle: opcode 0x${op.toString(16)} needs ${k} bytes`); const p = pos; pos += k; return p; };
  const line = (): string => {
    const end = bytes.indexOf(0x0a, pos);
    if (end < 0) fail('truncated pickle: unterminated text line');
    const s = latin1.decode(bytes.subarray(pos, end));
    pos = end + 1;
    return s;
  };
  let stack: unknown[] = [];
  const marks: unknown[][] = [];
  const memo = new Map<number, unknown>();
  const pop = (): unknown => { if (stack.length === 0) fail('pickle stack underflow'); const v = stack.pop(); if (v === MARK) fail('unexpected MARK'); return v; };
  const top = (): unknown => { if (stack.length === 0) fail('pickle stack underflow'); return stack[stack.length - 1]; };
  const popMark = (): unknown[] => { const items = stack; const prev = marks.pop(); if (!prev) fail('missing MARK'); stack = prev!; return items; };
  const long = (b: Uint8Array): number | bigint => {
    if (b.length === 0) return 0;
    let v = 0n;
    for (let k = b.length - 1; k >= 0; k--) v = (v << 8n) | BigInt(b[k]!);
    if (b[b.length - 1]! & 0x80) v -= 1n << BigInt(8 * b.length);
    return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
  };
  const global = (module: string, gname: string): PyGlobal => {
    if (!hooks.allowGlobal(module, gname)) fail(`forbidden global '${module}.${gname}' (not in the weights-only allow-list)`, `${module}.${gname}`);
    return new PyGlobal(module, gname);
  };
  const setItems = (d: unknown, items: unknown[]): void => {
    if (!(d instanceof Map)) fail('SETITEM(S) on a non-dict');
    for (let k = 0; k + 1 < items.length; k += 2) (d as Map<unknown, unknown>).set(key(items[k]), items[k + 1]);
  };
  const key = (k: unknown): unknown => (k instanceof PyTuple ? JSON.stringify(k) : k);
  const call = (fn: unknown, args: unknown): unknown => {
    if (!(fn instanceof PyGlobal)) fail('REDUCE of a non-global callable');
    if (!Array.isArray(args)) fail(`REDUCE arguments for ${(fn as PyGlobal).fullName} are not a tuple`);
    try { return hooks.call(fn as PyGlobal, args as unknown[]); } catch (e) {
      if (e instanceof TensorIOError) throw e;
      return fail(`${(fn as PyGlobal).fullName}: ${(e as Error).message}`, (fn as PyGlobal).fullName);
    }
  };

  for (;;) {
    at = pos;
    op = bytes[need(1)]!;
    switch (op) {
      case 0x80: need(1); break; // PROTO
      case 0x95: need(8); break; // FRAME
      case 0x2e: { const v = pop(); if (marks.length) fail('STOP inside a MARK'); return v; } // STOP
      case 0x28: marks.push(stack); stack = []; break; // MARK
      case 0x30: pop(); break; // POP
      case 0x31: popMark(); break; // POP_MARK
      case 0x32: stack.push(top()); break; // DUP
      case 0x4e: stack.push(null); break; // NONE
      case 0x88: stack.push(true); break;
      case 0x89: stack.push(false); break;
      case 0x4a: stack.push(dv.getInt32(need(4), true)); break; // BININT
      case 0x4b: stack.push(bytes[need(1)]); break; // BININT1
      case 0x4d: stack.push(dv.getUint16(need(2), true)); break; // BININT2
      case 0x8a: { const k = bytes[need(1)]!; const p = need(k); stack.push(long(bytes.subarray(p, p + k))); break; } // LONG1
      case 0x8b: { const k = dv.getInt32(need(4), true); const p = need(k); stack.push(long(bytes.subarray(p, p + k))); break; } // LONG4
      case 0x49: { // INT (text)
        const s = line();
        if (s === '00' || s === '01') { stack.push(s === '01'); break; }
        const v = BigInt(/^-?\d+$/.test(s) ? s : fail(`bad INT '${s}'`) as never);
        stack.push(v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v);
        break;
      }
      case 0x4c: { const s = line().replace(/L$/, ''); if (!/^-?\d+$/.test(s)) fail(`bad LONG '${s}'`); const v = BigInt(s); stack.push(v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v); break; }
      case 0x47: stack.push(dv.getFloat64(need(8), false)); break; // BINFLOAT (big-endian)
      case 0x46: { const s = line(); const v = Number(s); if (Number.isNaN(v) && !/nan/i.test(s)) fail(`bad FLOAT '${s}'`); stack.push(v); break; }
      case 0x58: { const k = dv.getUint32(need(4), true); const p = need(k); stack.push(utf8.decode(bytes.subarray(p, p + k))); break; } // BINUNICODE
      case 0x8c: { const k = bytes[need(1)]!; const p = need(k); stack.push(utf8.decode(bytes.subarray(p, p + k))); break; } // SHORT_BINUNICODE
      case 0x8d: { const k = Number(dv.getBigUint64(need(8), true)); const p = need(k); stack.push(utf8.decode(bytes.subarray(p, p + k))); break; } // BINUNICODE8
      case 0x55: { const k = bytes[need(1)]!; const p = need(k); stack.push(latin1.decode(bytes.subarray(p, p + k))); break; } // SHORT_BINSTRING
      case 0x54: { const k = dv.getInt32(need(4), true); const p = need(k); stack.push(latin1.decode(bytes.subarray(p, p + k))); break; } // BINSTRING
      case 0x43: { const k = bytes[need(1)]!; const p = need(k); stack.push(bytes.slice(p, p + k)); break; } // SHORT_BINBYTES
      case 0x42: { const k = dv.getUint32(need(4), true); const p = need(k); stack.push(bytes.slice(p, p + k)); break; } // BINBYTES
      case 0x8e: { const k = Number(dv.getBigUint64(need(8), true)); const p = need(k); stack.push(bytes.slice(p, p + k)); break; } // BINBYTES8
      case 0x29: stack.push(new PyTuple()); break; // EMPTY_TUPLE
      case 0x74: { const t = PyTuple.from(popMark()) as PyTuple; stack.push(t); break; } // TUPLE (popMark reassigns `stack`: evaluate it first)
      case 0x85: { const a = pop(); stack.push(PyTuple.of(a)); break; }
      case 0x86: { const b = pop(); const a = pop(); stack.push(PyTuple.of(a, b)); break; }
      case 0x87: { const c = pop(); const b = pop(); const a = pop(); stack.push(PyTuple.of(a, b, c)); break; }
      case 0x5d: stack.push([]); break; // EMPTY_LIST
      case 0x6c: { const l = [...popMark()]; stack.push(l); break; } // LIST
      case 0x61: { const v = pop(); const l = top(); if (!Array.isArray(l)) fail('APPEND to a non-list'); (l as unknown[]).push(v); break; }
      case 0x65: { const items = popMark(); const l = top(); if (!Array.isArray(l)) fail('APPENDS to a non-list'); for (const v of items) (l as unknown[]).push(v); break; }
      case 0x7d: stack.push(new Map()); break; // EMPTY_DICT
      case 0x64: { const items = popMark(); const d = new Map(); setItems(d, items); stack.push(d); break; } // DICT
      case 0x73: { const v = pop(); const k = pop(); setItems(top(), [k, v]); break; } // SETITEM
      case 0x75: { const items = popMark(); setItems(top(), items); break; } // SETITEMS
      case 0x8f: stack.push([]); break; // EMPTY_SET (as a list)
      case 0x90: { const items = popMark(); const s = top(); if (!Array.isArray(s)) fail('ADDITEMS to a non-set'); (s as unknown[]).push(...items); break; }
      case 0x91: { const f = [...popMark()]; stack.push(f); break; } // FROZENSET
      case 0x71: memo.set(bytes[need(1)]!, top()); break; // BINPUT
      case 0x72: memo.set(dv.getUint32(need(4), true), top()); break; // LONG_BINPUT
      case 0x70: memo.set(Number(line()), top()); break; // PUT
      case 0x94: memo.set(memo.size, top()); break; // MEMOIZE
      case 0x68: case 0x6a: case 0x67: { // BINGET, LONG_BINGET, GET
        const idx = op === 0x68 ? bytes[need(1)]! : op === 0x6a ? dv.getUint32(need(4), true) : Number(line());
        if (!memo.has(idx)) fail(`memo key ${idx} not found`);
        stack.push(memo.get(idx));
        break;
      }
      case 0x63: { const m = line(); const g = line(); stack.push(global(m, g)); break; } // GLOBAL
      case 0x93: { const g = pop(); const m = pop(); if (typeof m !== 'string' || typeof g !== 'string') fail('STACK_GLOBAL needs two strings'); stack.push(global(m as string, g as string)); break; }
      case 0x52: { const args = pop(); const fn = pop(); stack.push(call(fn, args)); break; } // REDUCE
      case 0x81: { const args = pop(); const cls = pop(); stack.push(call(cls, args)); break; } // NEWOBJ
      case 0x62: { // BUILD: only attribute state on dicts/tensors, which we drop
        pop();
        const obj = top();
        if (!(obj instanceof Map) && !(obj && typeof obj === 'object' && 'dtype' in obj)) fail('BUILD on an object that is not a dict or tensor');
        break;
      }
      case 0x51: stack.push(hooks.persistentLoad(pop())); break; // BINPERSID
      case 0x50: stack.push(hooks.persistentLoad(line())); break; // PERSID
      default: fail(`unsupported or unsafe pickle opcode 0x${op.toString(16)}`);
    }
  }
}
