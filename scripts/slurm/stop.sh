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

read_pid() { # pidfile -> pid of a live process, or nothing
  local f="$dir/$1" pid
  [ -f "$f" ] || return 0
  pid="$(cat "$f")"
  case "$pid" in ''|*[!0-9]*) return 0 ;; esac
  kill -0 "$pid" 2>/dev/null && echo "$pid"
  return 0
}
stop_pids() { # TERM the given pids together, wait up to 10 s, then KILL what is left
  local pid left
  [ $# -gt 0 ] || return 0
  kill "$@" 2>/dev/null || true
  for _ in $(seq 1 100); do
    left=""
    for pid in "$@"; do kill -0 "$pid" 2>/dev/null && left="$left $pid"; done
    [ -z "$left" ] && return 0
    sleep 0.1
  done
  echo "stop.sh: $left did not stop on TERM; sending KILL" >&2
  for pid in $left; do kill -9 "$pid" 2>/dev/null || true; done
}

# Step daemons (slurmstepd) of this cluster that survived the cancel: found by name *and* by the
# SLURM_CONF of this folder in their environment, so other clusters' processes are never touched.
for p in /proc/[0-9]*; do
  [ "$(cat "$p/comm" 2>/dev/null)" = slurmstepd ] || continue
  if { tr '\0' '\n' < "$p/environ"; } 2>/dev/null | grep -qx "SLURM_CONF=$dir/slurm.conf"; then
    kill -9 "${p#/proc/}" 2>/dev/null || true
  fi
done
# shellcheck disable=SC2046 # word splitting of the pid list is intended
stop_pids $(read_pid slurmd.pid) $(read_pid slurmctld.pid)
# shellcheck disable=SC2046
stop_pids $(read_pid munged.pid)

if [ "$keep" = 0 ]; then rm -rf "$dir"; fi
