#!/usr/bin/env bash
# Debian packages the test suite uses for real parts. One list, used by .ci/run and documented in
# the README. Locally a test whose part is missing skips with a message; under CI=true it FAILS
# unless .ci/known-missing.json lists the part with a reason.
echo "bzip2"
# hpc: a real single-node SLURM (and the qsub wrapper for a PBS smoke test)
echo "slurmctld slurmd slurm-client munge slurm-wlm-torque"
# viz: headless browser for the HTML report test; DejaVu fonts for PNG text
echo "chromium fonts-dejavu-core"
# superdarn: a real S3 server (Ceph radosgw on a throwaway single-node memstore cluster)
echo "radosgw ceph-mon ceph-osd"
# tfjs-backend-torch: Debian's libtorch (CPU) to build the native TensorFlow.js backend, and an
# optimized BLAS: libtorch-dev alone brings the reference BLAS (libblas3), with which the torch backend
# is ~2x slower than wasm (633 vs 338 ms per transformer-block step; 42.5 ms with OpenBLAS). BLIS
# (libblis4-pthread) measured 1.2-1.7x faster at 1 thread, but the addon pins only OpenBLAS's thread
# pool (see packages/tfjs-backend-torch/README.md, "The BLAS decides")
echo "libtorch-dev libopenblas0-pthread"
# distributed: Gloo headers for the c10d (torch.distributed) addon
echo "libgloo-dev"
# interop tests: the tools users load our files with (torch.load, numpy.load, netCDF4.Dataset, h5py);
# a test dependency only, the toolkit itself never needs Python
echo "python3-torch python3-numpy python3-netcdf4 python3-h5py"
# distributed: network namespaces (ip netns, veth links, a bridge) as separate hosts in the multi-node tests
echo "iproute2"
# gpu kit (scripts/gpu): xz compresses node into the kit (python3-torch above is the PyTorch the --cpu check builds against and times)
echo "xz-utils"
