#!/usr/bin/env bash
# Debian packages the test suite uses for real parts (each test skips with a message when its part
# is missing). One list, used by .ci/run and documented in the README.
echo "bzip2"
# hpc: a real single-node SLURM (and the qsub wrapper for a PBS smoke test)
echo "slurmctld slurmd slurm-client munge slurm-wlm-torque"
# viz: headless browser for the HTML report test; DejaVu fonts for PNG text
echo "chromium fonts-dejavu-core"
# superdarn: a real S3 server (Ceph radosgw on a throwaway single-node memstore cluster)
echo "radosgw ceph-mon ceph-osd"
# tfjs-backend-torch: Debian's libtorch (CPU) to build the native TensorFlow.js backend
echo "libtorch-dev"
# distributed: Gloo headers for the c10d (torch.distributed) addon
echo "libgloo-dev"
# gpu kit (scripts/gpu): xz compresses node into the kit; python3-torch is the PyTorch the --cpu check builds against and times
echo "xz-utils python3-torch"
