#!/usr/bin/env python3
"""Independent DMAP reader (struct + bz2 from the Python stdlib) used once to obtain the values
asserted in fixtures.test.ts. Not run by the tests. Usage: python3 independent_check.py DIR"""
import bz2, struct, sys, os

SIZES = {1: 'b', 2: 'h', 3: 'i', 4: 'f', 8: 'd', 10: 'q', 16: 'B', 17: 'H', 18: 'I', 19: 'Q'}

def cstr(b, p):
    q = b.index(b'\0', p)
    return b[p:q].decode('latin1'), q + 1

def records(b):
    p = 0
    while p < len(b):
        code, size, ns, na = struct.unpack_from('<iiii', b, p)
        assert code == 65537
        q = p + 16
        rec = {}
        for _ in range(ns):
            name, q = cstr(b, q)
            t = b[q]; q += 1
            if t == 9:
                v, q = cstr(b, q)
            else:
                v = struct.unpack_from('<' + SIZES[t], b, q)[0]; q += struct.calcsize(SIZES[t])
            rec[name] = v
        for _ in range(na):
            name, q = cstr(b, q)
            t = b[q]; nd = struct.unpack_from('<i', b, q + 1)[0]; q += 5
            dims = struct.unpack_from('<%di' % nd, b, q); q += 4 * nd
            n = 1
            for d in dims: n *= d
            vals = struct.unpack_from('<%d%s' % (n, SIZES[t]), b, q); q += n * struct.calcsize(SIZES[t])
            rec[name] = (list(reversed(dims)), vals)
        assert q == p + size
        yield rec
        p += size

for f in sorted(os.listdir(sys.argv[1])):
    raw = open(os.path.join(sys.argv[1], f), 'rb').read()
    b = bz2.decompress(raw) if raw[:3] == b'BZh' else raw
    recs = list(records(b))
    r0, rl = recs[0], recs[-1]
    print(f, 'records', len(recs), 'bytes', len(b))
    for k in ['stid', 'time.yr', 'time.mo', 'time.dy', 'time.hr', 'time.mt', 'time.sc', 'time.us', 'bmnum', 'nrang',
              'start.year', 'start.month', 'start.day', 'start.hour', 'start.minute', 'start.second', 'end.second',
              'fit.order', 'latmin', 'pot.drop', 'origin.time']:
        if k in r0: print('  first', k, repr(r0[k]), 'last', repr(rl[k]))
    for k in ['v', 'vector.mlat', 'vector.vel.median', 'N+2', 'acfd', 'ltab', 'slist', 'stid']:
        for tag, r in (('first', r0), ('last', rl)):
            if k in r and isinstance(r[k], tuple):
                dims, vals = r[k]
                print('  %s %s dims %s [0]=%r [-1]=%r sum=%r' % (tag, k, dims, vals[0] if vals else None, vals[-1] if vals else None, sum(vals)))
