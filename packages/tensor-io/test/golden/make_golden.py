#!/usr/bin/env python3
"""Golden files for @weatherlearn/tensor-io part A (npy, npz, pt, safetensors).

Run once with Debian's python3-numpy and python3-torch (`/usr/bin/python3 make_golden.py`); the
small files it writes next to it are committed and read by the TypeScript tests (no Python at test
time). `expected.json` holds, per file and tensor, dtype, shape and the C-order little-endian bytes
as hex, so the tests compare exact bits.

`--check-ours` additionally runs `write_ours.ts` (through tsx) to write files with OUR writers
into a temporary folder and checks that numpy.load / torch.load(weights_only=True) read them with
the expected values, and that our .npy bytes equal numpy.save's.
"""
import io, json, os, struct, subprocess, sys, tempfile, zipfile
from collections import OrderedDict

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
EXPECTED = {}


def hexbytes(a):
    a = a.copy(order='C')
    if a.dtype.byteorder == '>':
        a = a.astype(a.dtype.newbyteorder('<'))
    return a.tobytes().hex()


def tensor_entry(t):
    if isinstance(t, torch.Tensor):
        t = t.detach().contiguous()
        dtype = str(t.dtype).replace('torch.', '')
        if t.dtype == torch.bfloat16:
            raw = t.view(torch.int16).numpy().astype('<i2').tobytes().hex()
        else:
            raw = hexbytes(t.numpy())
        return {'dtype': dtype, 'shape': list(t.shape), 'hex': raw}
    dtype = 'bool' if t.dtype == np.bool_ else np.dtype(t.dtype.newbyteorder('=')).name
    return {'dtype': dtype, 'shape': list(t.shape), 'hex': hexbytes(t)}


def pattern(dtype, n):
    """Deterministic values shared with write_ours.ts."""
    i = np.arange(n)
    if dtype == 'bool':
        return (i % 3 == 0)
    if dtype.startswith('float') or dtype == 'bfloat16':
        return (i - 5) * 0.375
    base = (i * 7 + 3) % 23
    return base - 11 if dtype.startswith('int') else base


NP_DTYPES = ['bool', 'uint8', 'int8', 'uint16', 'int16', 'uint32', 'int32', 'uint64', 'int64',
             'float16', 'float32', 'float64']


def make_npy():
    out = {}
    for dt in NP_DTYPES:
        a = pattern(dt, 6).astype(dt).reshape(2, 3)
        np.save(os.path.join(HERE, f'npy_{dt}.npy'), a)
        out[f'npy_{dt}.npy'] = tensor_entry(a)
    specials = {
        'npy_scalar.npy': np.array(3.5, dtype='<f8'),
        'npy_empty.npy': np.zeros((0, 3), dtype='<f4'),
        'npy_fortran.npy': np.asfortranarray(np.arange(12, dtype='<f4').reshape(3, 4)),
        'npy_fortran3d.npy': np.asfortranarray(np.arange(24, dtype='<i2').reshape(2, 3, 4)),
        'npy_be_f4.npy': np.array([1.5, -2.25, np.inf, np.nan], dtype='>f4'),
        'npy_be_i8.npy': np.array([[1, -2], [2**62, -2**63]], dtype='>i8'),
        'npy_be_u2.npy': np.array([1, 513, 65535], dtype='>u2'),
        'npy_be_f2.npy': np.array([0.5, -1.0, 65504.0], dtype='>f2'),
        'npy_extremes_u8.npy': np.array([0, 2**64 - 1, 2**63], dtype='<u8'),
        'npy_f4_nan.npy': np.array([[np.nan, 1.0], [-np.inf, -0.0]], dtype='<f4'),
    }
    for name, a in specials.items():
        np.save(os.path.join(HERE, name), a)
        out[name] = tensor_entry(a.copy(order="C"))
    for name in specials:
        assert np.load(os.path.join(HERE, name)).dtype == specials[name].dtype
    return out


def make_npz():
    arrays = {
        'a': np.arange(10, dtype='<f4').reshape(2, 5),
        'b': np.array([True, False, True]),
        'c': np.array([-1, 2, 3], dtype='<i8'),
        'nested_name': np.array([[1.25]], dtype='<f8'),
    }
    np.savez(os.path.join(HERE, 'npz_stored.npz'), **arrays)
    np.savez_compressed(os.path.join(HERE, 'npz_deflated.npz'), **arrays)
    entry = {k: tensor_entry(v) for k, v in arrays.items()}
    return {'npz_stored.npz': entry, 'npz_deflated.npz': entry}


PT_DTYPES = [torch.float16, torch.bfloat16, torch.float32, torch.float64, torch.int8, torch.int16,
             torch.int32, torch.int64, torch.uint8, torch.bool]


def make_pt():
    out = {}
    torch.manual_seed(0)
    # 1. nn.Module state dict (OrderedDict with _metadata, int64 num_batches_tracked)
    model = torch.nn.Sequential(torch.nn.Linear(3, 2), torch.nn.BatchNorm1d(2))
    sd = model.state_dict()
    torch.save(sd, os.path.join(HERE, 'pt_state_dict.pt'))
    out['pt_state_dict.pt'] = {k: tensor_entry(v) for k, v in sd.items()}
    # 2. every dtype torch writes
    d = {}
    for dt in PT_DTYPES:
        name = str(dt).replace('torch.', '')
        d[name] = torch.tensor(pattern(name, 6)).to(dt).reshape(3, 2)
    torch.save(d, os.path.join(HERE, 'pt_dtypes.pt'))
    out['pt_dtypes.pt'] = {k: tensor_entry(v) for k, v in d.items()}
    # 3. views sharing one storage: offsets, strides, transposes, steps
    base = torch.arange(24, dtype=torch.float32).reshape(4, 6)
    views = {'base': base, 'rows': base[1:3], 'col': base[:, 2], 't': base.t(), 'step': base[::2, 1::3],
             'scalar': base[3, 5]}
    torch.save(views, os.path.join(HERE, 'pt_views.pt'))
    out['pt_views.pt'] = {k: tensor_entry(v) for k, v in views.items()}
    # 4. nested containers and Python scalars
    nested = {'a': [torch.ones(2), (torch.zeros(1, dtype=torch.int32), 3)],
              'b': {'c': torch.tensor([[1.5, 2.5]]), 'n': 5, 's': 'hi', 'f': 1.5, 'none': None, 'flag': True},
              'big': 2**60, 'neg': -7, 'p': torch.nn.Parameter(torch.tensor([0.25, 0.5]))}
    torch.save(nested, os.path.join(HERE, 'pt_nested.pt'))
    out['pt_nested.pt'] = {'a.0': tensor_entry(nested['a'][0]), 'a.1.0': tensor_entry(nested['a'][1][0]),
                           'b.c': tensor_entry(nested['b']['c']), 'p': tensor_entry(nested['p'])}
    # 5. a checkpoint wrapping a state dict
    torch.save({'epoch': 3, 'state_dict': sd}, os.path.join(HERE, 'pt_checkpoint.pt'))
    # 6. hostile: a global outside the allow-list (os.system via __reduce__)
    class Evil:
        def __reduce__(self):
            return (os.system, ('echo pwned',))
    torch.save({'x': Evil()}, os.path.join(HERE, 'pt_evil.pt'))
    # 7. legacy non-zip format
    torch.save({'w': torch.ones(2)}, os.path.join(HERE, 'pt_legacy.pt'), _use_new_zipfile_serialization=False)
    return out


ST_NAMES = {torch.float16: 'F16', torch.bfloat16: 'BF16', torch.float32: 'F32', torch.float64: 'F64',
            torch.int8: 'I8', torch.int16: 'I16', torch.int32: 'I32', torch.int64: 'I64',
            torch.uint8: 'U8', torch.bool: 'BOOL'}


def make_safetensors():
    """Written by hand per the spec (the safetensors package is not in Debian)."""
    tensors = {'w': torch.arange(6, dtype=torch.float32).reshape(2, 3), 'h': torch.tensor([0.5, -2.0], dtype=torch.float16),
               'bf': torch.tensor([1.0, -3.5], dtype=torch.bfloat16), 'i': torch.tensor([-1, 2**40], dtype=torch.int64),
               'm': torch.tensor([True, False]), 'e': torch.zeros(0, 2, dtype=torch.uint8)}
    order = sorted(tensors, key=lambda k: (-tensors[k].element_size(), k))
    header, blobs, off = {'__metadata__': {'format': 'pt', 'source': 'make_golden.py'}}, [], 0
    for k in order:
        t = tensors[k].contiguous()
        raw = (t.view(torch.int16) if t.dtype == torch.bfloat16 else t).numpy().tobytes()
        header[k] = {'dtype': ST_NAMES[t.dtype], 'shape': list(t.shape), 'data_offsets': [off, off + len(raw)]}
        blobs.append(raw)
        off += len(raw)
    h = json.dumps(header, separators=(',', ':')).encode()
    h += b' ' * (-len(h) % 8)
    with open(os.path.join(HERE, 'st_basic.safetensors'), 'wb') as f:
        f.write(struct.pack('<Q', len(h)) + h + b''.join(blobs))
    return {'st_basic.safetensors': {k: tensor_entry(v) for k, v in tensors.items()}}


def check_ours():
    """Runs write_ours.ts and loads what it wrote with numpy and torch."""
    tmp = tempfile.mkdtemp(prefix='tio-ours-')
    repo = os.path.abspath(os.path.join(HERE, '..', '..', '..', '..'))
    subprocess.run(['node', '--conditions=source', '--import', 'tsx', os.path.join(HERE, 'write_ours.ts'), tmp],
                   check=True, cwd=repo)
    checks = 0
    for dt in NP_DTYPES:
        want = pattern(dt, 6).astype(dt).reshape(2, 3)
        path = os.path.join(tmp, f'ours_{dt}.npy')
        got = np.load(path)
        assert got.dtype == want.dtype and np.array_equal(got, want), dt
        buf = io.BytesIO(); np.save(buf, want)
        assert open(path, 'rb').read() == buf.getvalue(), f'npy bytes differ from numpy.save for {dt}'
        checks += 2
    for kind in ('stored', 'deflated'):
        with np.load(os.path.join(tmp, f'ours_{kind}.npz')) as z:
            for dt in NP_DTYPES:
                assert np.array_equal(z[dt], pattern(dt, 6).astype(dt).reshape(2, 3)), (kind, dt)
                checks += 1
    obj = torch.load(os.path.join(tmp, 'ours.pt'), weights_only=True)
    for dt in PT_DTYPES:
        name = str(dt).replace('torch.', '')
        want = torch.tensor(pattern(name, 6)).to(dt).reshape(3, 2)
        got = obj['dtypes'][name]
        assert got.dtype == dt and torch.equal(got, want), name
        assert got.untyped_storage().nbytes() if hasattr(got, 'untyped_storage') else True
        assert got.storage().size() == 6, f'{name}: storage holds more than the tensor'
        checks += 1
    assert obj['nested']['list'][1] == 'two' and obj['nested']['list'][2] == 3 and obj['nested']['big'] == 2**60
    assert obj['nested']['none'] is None and obj['nested']['flag'] is True and obj['nested']['neg'] == -70000
    assert obj['shared_a'].data_ptr() == obj['shared_b'].data_ptr(), 'same tensor object should share storage'
    assert obj['slice'].storage().size() == 3 and obj['slice'].tolist() == [7.0, 6.0, 5.0], 'a slice must store only its own bytes'
    checks += 4
    sd = torch.load(os.path.join(tmp, 'ours_state_dict.pt'), weights_only=True)
    assert set(sd) == {'weight', 'bias'} and sd['weight'].shape == (2, 3)
    checks += 1
    with open(os.path.join(tmp, 'ours.safetensors'), 'rb') as f:
        raw = f.read()
    n = struct.unpack('<Q', raw[:8])[0]
    hdr = json.loads(raw[8:8 + n])
    assert n % 8 == 0 and hdr['__metadata__'] == {'by': 'weatherlearn'}
    w = np.frombuffer(raw[8 + n + hdr['w']['data_offsets'][0]: 8 + n + hdr['w']['data_offsets'][1]], '<f4')
    assert np.array_equal(w, pattern('float32', 6).astype('<f4')) and hdr['w']['dtype'] == 'F32'
    checks += 1
    print(f'check-ours: {checks} checks passed (numpy {np.__version__}, torch {torch.__version__}) in {tmp}')


if __name__ == '__main__':
    if '--check-ours' not in sys.argv or '--regen' in sys.argv:
        EXPECTED.update(make_npy())
        EXPECTED.update(make_npz())
        EXPECTED.update(make_pt())
        EXPECTED.update(make_safetensors())
        with open(os.path.join(HERE, 'expected.json'), 'w') as f:
            json.dump({'generator': f'numpy {np.__version__}, torch {torch.__version__}', 'files': EXPECTED}, f, indent=1)
        print('golden files written:', len(EXPECTED))
    if '--check-ours' in sys.argv:
        check_ours()
