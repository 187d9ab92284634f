#!/usr/bin/env bash
# Debian packages the test suite uses for real parts (each test skips with a message when its part
# is missing). One list, used by .ci/run and documented in the README.
echo "bzip2"
# hpc: a real single-node SLURM (and the qsub wrapper for a PBS smoke test)
echo "slurmctld slurmd slurm-client munge slurm-wlm-torque"
