#!/usr/bin/python3
"""Checks that a file written by writeNetcdf4 opens in netCDF4-python (python3-netcdf4 from apt).

Usage: /usr/bin/python3 verify_written.py FILE.nc   — prints the header and each variable's
auto-masked/scaled min/max; exits non-zero if netCDF4-python cannot read it as NETCDF4.
"""
import sys
import netCDF4

with netCDF4.Dataset(sys.argv[1]) as ds:
    assert ds.data_model == 'NETCDF4', ds.data_model
    print(ds)
    for name, v in ds.variables.items():
        data = v[...]
        print(name, v.dtype, v.dimensions, v.shape, {a: v.getncattr(a) for a in v.ncattrs()},
              'min', data.min() if data.size else None, 'max', data.max() if data.size else None)
