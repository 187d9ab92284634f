#!/usr/bin/python3
"""Writes the small netCDF golden files and golden.json (what netCDF4-python reads from them).

Run once with Debian's python3-netcdf4 (`apt-get install -y python3-netcdf4`):
    /usr/bin/python3 make_golden.py
Tests never need Python; they compare our reader with golden.json.
"""
import json, os
import numpy as np
import netCDF4

HERE = os.path.dirname(os.path.abspath(__file__))


def common(ds, big_endian_ok):
    ds.title = 'WeatherLearn golden file'
    ds.history = 'made by make_golden.py'
    ds.int_att = np.array([1, -2, 3], dtype='i4')
    ds.short_att = np.array([-7], dtype='i2')
    ds.byte_att = np.array([-1, 2], dtype='i1')
    ds.float_att = np.array([0.5, 1.25], dtype='f4')
    ds.double_att = np.array([3.141592653589793], dtype='f8')
    ds.createDimension('time', None)
    ds.createDimension('y', 2)
    ds.createDimension('x', 3)
    ds.createDimension('nchar', 5)
    t = ds.createVariable('time', 'f8', ('time',))
    t.units = 'hours since 2000-01-01'
    t[:] = [0.0, 1.5, 3.0]
    lat = ds.createVariable('lat', 'f4', ('y',))
    lat[:] = [10.5, -20.25]
    temp = ds.createVariable('temp', 'f4', ('time', 'y', 'x'), fill_value=np.float32(-999.0))
    temp.units = 'K'
    temp.set_auto_mask(False)
    temp[:] = np.array([[[1, 2, 3], [4, -999, 6]], [[7, 8, 9], [10, 11, -1000]], [[13, 14, 15], [16, 17, 18]]], 'f4')
    rh = ds.createVariable('rh', 'i2', ('time', 'y', 'x'), fill_value=np.int16(-32767))
    rh.scale_factor = np.float32(0.01)
    rh.add_offset = np.float32(50.0)
    rh.missing_value = np.int16(-1)
    rh.valid_range = np.array([-5000, 5000], 'i2')
    rh.set_auto_maskandscale(False)
    rh[:] = np.array([[[0, 100, -100], [-32767, -1, 5000]], [[5001, -5001, 1], [2, 3, 4]], [[10, 20, 30], [40, 50, 60]]], 'i2')
    flag = ds.createVariable('flag', 'i1', ('y', 'x'), fill_value=np.int8(-1))
    flag._Unsigned = 'true'
    flag.set_auto_maskandscale(False)
    flag[:] = np.array([[0, 1, -2], [-1, 127, -128]], 'i1')
    count = ds.createVariable('count', 'i4', ('time',))
    count[:] = [7, -8, 9]
    name = ds.createVariable('name', 'S1', ('y', 'nchar'))
    name[:] = netCDF4.stringtochar(np.array(['alpha', 'beta'], 'S5'))
    scalar = ds.createVariable('scalar', 'f8', ())
    scalar.scale_factor = 2.0
    scalar[...] = 21.0


def single_record(path):
    with netCDF4.Dataset(path, 'w', format='NETCDF3_CLASSIC') as ds:
        ds.createDimension('rec', None)
        ds.createDimension('n', 3)
        v = ds.createVariable('odd', 'i2', ('rec', 'n'))
        v[:] = np.arange(12, dtype='i2').reshape(4, 3) - 5
        f = ds.createVariable('fixed', 'i1', ('n',))
        f[:] = [1, 2, 3]


def cdf5(path):
    with netCDF4.Dataset(path, 'w', format='NETCDF3_64BIT_DATA') as ds:
        ds.createDimension('t', None)
        ds.createDimension('n', 3)
        ds.u64_att = np.array([2**63 + 5], 'u8')
        for name, dt in [('ub', 'u1'), ('us', 'u2'), ('ui', 'u4'), ('i64', 'i8'), ('u64', 'u8')]:
            v = ds.createVariable(name, dt, ('t', 'n'))
            info = np.iinfo(dt)
            v[:] = np.array([[info.min, 1, info.max], [2, 3, info.max - 1]], dtype=dt)


def nc4(path):
    with netCDF4.Dataset(path, 'w', format='NETCDF4') as ds:
        common(ds, True)
        ds.string_att = ['one', 'two']  # NC_STRING array
        big = ds.createVariable('big', '>f4', ('y', 'x'), endian='big')
        big[:] = np.array([[1.5, 2.5, 3.5], [4.5, 5.5, 6.5]], 'f4')
        z = ds.createVariable('zipped', 'u2', ('time', 'y', 'x'), zlib=True, shuffle=True, complevel=4, chunksizes=(1, 2, 3), fill_value=np.uint16(65535))
        z.scale_factor = 0.01  # double: decoded as float64
        z.set_auto_maskandscale(False)
        z[:] = np.array([[[15000, 65535, 35000], [1, 2, 3]], [[4, 5, 6], [7, 8, 9]], [[10, 11, 12], [13, 14, 65534]]], 'u2')
        i64 = ds.createVariable('i64', 'i8', ('x',))
        i64[:] = [-(2**40), 0, 2**40 + 1]
        vmin = ds.createVariable('vmin', 'f8', ('x',))
        vmin.valid_min = 0.0
        vmin.valid_max = 10.0
        vmin[:] = [-1.0, 5.0, 11.0]
        s = ds.createVariable('labels', str, ('y',))
        s[0] = 'hello'
        s[1] = 'world'
        g = ds.createGroup('sub')
        g.createVariable('inner', 'i4', ('x',))[:] = [1, 2, 3]


def jsonable(a):
    mask = np.ma.getmaskarray(a).ravel().tolist() if np.ma.isMaskedArray(a) else None
    a = np.ma.getdata(a)
    if a.dtype.kind == 'S':
        return a.tolist() if a.ndim == 0 else [x.decode() if isinstance(x, bytes) else x for x in a.ravel().tolist()]
    out = []
    for i, x in enumerate(a.ravel().tolist()):
        if mask is not None and mask[i]:
            out.append(None)
        elif isinstance(x, bytes):
            out.append(x.decode())
        elif isinstance(x, float) and x != x:
            out.append('NaN')
        elif isinstance(x, int) and abs(x) > 2**53:
            out.append(str(x))
        else:
            out.append(x)
    return out


def describe(path):
    res = {'dims': {}, 'attrs': {}, 'vars': {}}
    with netCDF4.Dataset(path) as ds:
        res['format'] = ds.data_model
        for n, d in ds.dimensions.items():
            res['dims'][n] = [len(d), d.isunlimited()]
        for n in ds.ncattrs():
            v = ds.getncattr(n)
            res['attrs'][n] = v if isinstance(v, str) else jsonable(v)
        for n, v in ds.variables.items():
            if v.dtype == str:
                continue
            raw_v = v
            raw_v.set_auto_maskandscale(False)
            raw = raw_v[...]
            raw_v.set_auto_maskandscale(True)
            dec = v[...]
            res['vars'][n] = {
                'dtype': str(v.dtype), 'dims': list(v.dimensions), 'shape': list(v.shape),
                'raw': jsonable(raw), 'decoded': jsonable(dec), 'decoded_dtype': str(np.asarray(dec).dtype),
                'attrs': {a: (v.getncattr(a) if isinstance(v.getncattr(a), str) else jsonable(v.getncattr(a))) for a in v.ncattrs()},
            }
    return res


def main():
    out = {}
    for name, fmt in [('classic.nc', 'NETCDF3_CLASSIC'), ('offset64.nc', 'NETCDF3_64BIT_OFFSET')]:
        p = os.path.join(HERE, name)
        with netCDF4.Dataset(p, 'w', format=fmt) as ds:
            common(ds, False)
        out[name] = describe(p)
    single_record(os.path.join(HERE, 'single_record.nc'))
    out['single_record.nc'] = describe(os.path.join(HERE, 'single_record.nc'))
    cdf5(os.path.join(HERE, 'cdf5.nc'))
    out['cdf5.nc'] = describe(os.path.join(HERE, 'cdf5.nc'))
    nc4(os.path.join(HERE, 'netcdf4.nc'))
    out['netcdf4.nc'] = describe(os.path.join(HERE, 'netcdf4.nc'))
    with open(os.path.join(HERE, 'golden.json'), 'w') as f:
        json.dump(out, f, indent=1, sort_keys=True)


if __name__ == '__main__':
    main()
