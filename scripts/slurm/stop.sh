#!/usr/bin/env bash
# Stops a cluster started by start.sh: cancels its jobs first (they outlive slurmd), then stops
# slurmd, slurmctld and munged by the PIDs recorded in the cluster folder, and removes the folder.
#
#   scripts/slurm/stop.sh [DIR]        (DIR defaults to $WL_SLURM_DIR)
#   scripts/slurm/stop.sh --keep DIR   (keep the folder, e.g. to read the logs)
set -uo pipefail

keep=0
if [ "${1:-}" = "--keep" ]; then keep=1; shift; fi
dir="${1:-${WL_SLURM_DIR:-}}"
if [ -z "$dir" ] || [ ! -f "$dir/slurm.conf" ]; then
  echo "stop.sh: no cluster folder given (or no slurm.conf in '$dir')" >&2
  exit 2
fi
export SLURM_CONF="$dir/slurm.conf"

if [ -f "$dir/slurmctld.pid" ] && kill -0 "$(cat "$dir/slurmctld.pid")" 2>/dev/null; then
  timeout 10 scancel --full --signal=KILL --user="$(id -un)" 2>/dev/null || true
  timeout 10 scancel --user="$(id -un)" 2>/dev/null || true
fi

stop_pid() { # name pidfile
  local f="$dir/$2" pid
  [ -f "$f" ] || return 0
  pid="$(cat "$f")"
  case "$pid" in ''|*[!0-9]*) return 0 ;; esac
  kill -0 "$pid" 2>/dev/null || return 0
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  echo "stop.sh: $1 ($pid) did not stop on TERM; sending KILL" >&2
  kill -9 "$pid" 2>/dev/null || true
}

# Job steps left behind by slurmd (slurmstepd) belong to this cluster's spool folder.
for p in $(pgrep -f "slurmstepd" 2>/dev/null); do
  if tr '\0' ' ' < "/proc/$p/environ" 2>/dev/null | grep -q "SLURM_CONF=$dir/slurm.conf"; then
    kill -9 "$p" 2>/dev/null || true
  fi
done
stop_pid slurmd slurmd.pid
stop_pid slurmctld slurmctld.pid
stop_pid munged munged.pid

if [ "$keep" = 0 ]; then rm -rf "$dir"; fi
