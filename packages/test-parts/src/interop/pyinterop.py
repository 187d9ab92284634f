"""Interop checks for WeatherLearn.ts tests: load files our writers produced with the tools users
load them with (torch.load(weights_only=True), numpy.load, a numpy safetensors parser,
netCDF4.Dataset, h5py) and print their contents as JSON; or write files with those tools for our
readers. A test dependency only: the toolkit itself never needs Python.

  python3 pyinterop.py read  <kind> <file>        kind: pt | npy | npz | safetensors | netcdf | h5py
  python3 pyinterop.py write <kind> <file>        kind: pt | npy | npy-fortran | npz | safetensors | netcdf4 | netcdf3
"""
import json
import struct
import sys

import numpy as np


def arr(a):
    """A numpy array (or torch tensor) as {dtype, shape, values}; integers as strings (exact int64)."""
    torch = sys.modules.get('torch')  # only when the caller already imported it (slow to import)
    if torch is not None and isinstance(a, torch.Tensor):
        dt = str(a.dtype).replace('torch.', '')
        vals = a.detach().float().numpy() if a.dtype in (torch.bfloat16, torch.float16) else a.detach().numpy()
        return {'dtype': dt, 'shape': list(a.shape), 'values': enc(vals)}
    a = np.asarray(a)
    return {'dtype': str(a.dtype), 'shape': list(a.shape), 'values': enc(a)}


def enc(a):
    flat = np.ascontiguousarray(a).reshape(-1)
    if flat.dtype.kind in 'iu':
        return [str(int(v)) for v in flat]
    if flat.dtype.kind == 'b':
        return [bool(v) for v in flat]
    return [float(v) for v in flat]


def pyval(v):
    import torch
    if isinstance(v, torch.Tensor):
        return arr(v)
    if isinstance(v, dict):
        return {str(k): pyval(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [pyval(x) for x in v]
    if isinstance(v, int) and not isinstance(v, bool):
        return {'int': str(v)}
    return v


ST_DTYPES = {'F64': '<f8', 'F32': '<f4', 'F16': '<f2', 'I64': '<i8', 'I32': '<i4', 'I16': '<i2', 'I8': 'i1',
             'U8': 'u1', 'BOOL': '?', 'U16': '<u2', 'U32': '<u4', 'U64': '<u8'}


def read_safetensors(path):
    """The safetensors format parsed with numpy only: u64 header length, JSON header, raw data."""
    raw = open(path, 'rb').read()
    (n,) = struct.unpack('<Q', raw[:8])
    header = json.loads(raw[8:8 + n].decode('utf-8'))
    data = raw[8 + n:]
    out = {}
    for name, info in header.items():
        if name == '__metadata__':
            out[name] = info
            continue
        b, e = info['data_offsets']
        if info['dtype'] == 'BF16':
            bits = np.frombuffer(data[b:e], dtype='<u2').astype(np.uint32) << 16
            a = bits.view(np.float32).reshape(info['shape'])
            out[name] = {'dtype': 'bfloat16', 'shape': info['shape'], 'values': enc(a)}
            continue
        a = np.frombuffer(data[b:e], dtype=ST_DTYPES[info['dtype']]).reshape(info['shape'])
        out[name] = arr(a)
    return out


def read_netcdf(path):
    import netCDF4
    ds = netCDF4.Dataset(path)
    ds.set_auto_mask(False)
    out = {'format': ds.data_model, 'attributes': {k: attr(ds.getncattr(k)) for k in ds.ncattrs()},
           'dimensions': {k: [len(d), d.isunlimited()] for k, d in ds.dimensions.items()}, 'variables': {}}
    for name, v in ds.variables.items():
        v.set_auto_scale(False)
        out['variables'][name] = {'dims': list(v.dimensions), **arr(v[...]),
                                  'attributes': {k: attr(v.getncattr(k)) for k in v.ncattrs()}}
    ds.close()
    return out


def attr(a):
    if isinstance(a, str):
        return a
    a = np.asarray(a)
    return {'dtype': str(a.dtype), 'values': enc(a)}


def read_h5py(path):
    import h5py
    out = {}
    with h5py.File(path, 'r') as f:
        def visit(name, obj):
            if isinstance(obj, h5py.Dataset) and obj.dtype.kind in 'iufb':
                out[name] = arr(obj[...])
        f.visititems(visit)
    return out


def read(kind, path):
    if kind == 'pt':
        import torch
        obj = torch.load(path, weights_only=True)
        res = {'value': pyval(obj)}
        if isinstance(obj, dict):
            tensors = [(k, v) for k, v in obj.items() if isinstance(v, torch.Tensor)]
            res['sharing'] = [[a, b] for i, (a, x) in enumerate(tensors) for (b, y) in tensors[i + 1:]
                              if x.storage().data_ptr() == y.storage().data_ptr()]
        return res
    if kind == 'npy':
        return arr(np.load(path, allow_pickle=False))
    if kind == 'npz':
        with np.load(path, allow_pickle=False) as z:
            return {k: arr(z[k]) for k in z.files}
    if kind == 'safetensors':
        return read_safetensors(path)
    if kind == 'netcdf':
        return read_netcdf(path)
    if kind == 'h5py':
        return read_h5py(path)
    raise SystemExit('unknown kind ' + kind)


def write(kind, path):
    """Writes a file with the Python tool and prints what it holds (for our reader to compare)."""
    base = np.arange(24, dtype=np.float32).reshape(4, 6) / 8 - 1
    if kind == 'pt':
        import torch
        t = torch.from_numpy(base.copy())
        obj = {
            'weight': t, 'row_view': t[1:3], 'col_view': t[:, 2], 'transposed': t.t(), 'same': t,
            'half': t.half(), 'bf16': t.bfloat16(), 'long': torch.tensor([-(2 ** 40), 0, 2 ** 53 + 1]),
            'mask': t > 0, 'scalar': torch.tensor(3.5), 'nested': {'list': [torch.ones(2, dtype=torch.int32), 7], 'name': 'x'},
        }
        torch.save(obj, path)
        return {'value': pyval(obj)}
    if kind in ('npy', 'npy-fortran'):
        a = np.asfortranarray(base) if kind == 'npy-fortran' else base
        np.save(path, a)
        return arr(a)
    if kind == 'npz':
        d = {'f32': base, 'i64': np.array([-(2 ** 40), 5, 2 ** 53 + 1], dtype=np.int64), 'f16': base.astype(np.float16),
             'u8': np.arange(5, dtype=np.uint8), 'b': base > 0, 'f64': base.astype(np.float64) / 3}
        np.savez_compressed(path, **d)
        return {k: arr(v) for k, v in d.items()}
    if kind == 'safetensors':
        d = {'a.weight': base, 'b.i64': np.array([[1, -2], [3, 2 ** 40]], dtype=np.int64), 'c.f16': base.astype(np.float16)}
        header, off, blobs = {'__metadata__': {'format': 'np'}}, 0, []
        for k, v in d.items():
            b = np.ascontiguousarray(v).tobytes()
            dt = {'float32': 'F32', 'int64': 'I64', 'float16': 'F16'}[str(v.dtype)]
            header[k] = {'dtype': dt, 'shape': list(v.shape), 'data_offsets': [off, off + len(b)]}
            off += len(b)
            blobs.append(b)
        h = json.dumps(header).encode('utf-8')
        h += b' ' * ((8 - len(h) % 8) % 8)
        with open(path, 'wb') as f:
            f.write(struct.pack('<Q', len(h)) + h + b''.join(blobs))
        return {k: arr(v) for k, v in d.items()}
    if kind in ('netcdf4', 'netcdf3'):
        import netCDF4
        fmt = 'NETCDF4' if kind == 'netcdf4' else 'NETCDF3_CLASSIC'
        ds = netCDF4.Dataset(path, 'w', format=fmt)
        ds.title = 'written by netCDF4-python'
        ds.createDimension('time', None)
        ds.createDimension('y', 4)
        ds.createDimension('x', 6)
        kw = {'zlib': True, 'complevel': 4, 'chunksizes': (1, 2, 6)} if kind == 'netcdf4' else {}
        v = ds.createVariable('temp', 'f4', ('time', 'y', 'x'), fill_value=-999.0, **kw)
        v.units = 'K'
        v[0:3] = np.stack([base, base * 2, base * 3])
        c = ds.createVariable('count', 'i2', ('y', 'x'))
        c[:] = (base * 8).astype(np.int16)
        ds.close()
        ds = netCDF4.Dataset(path)
        out = read_netcdf(path)
        ds.close()
        return out
    raise SystemExit('unknown kind ' + kind)


if __name__ == '__main__':
    mode, kind, path = sys.argv[1:4]
    print(json.dumps(read(kind, path) if mode == 'read' else write(kind, path)))
