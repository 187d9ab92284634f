#!/usr/bin/env bash
# Stops a cluster started by scripts/s3/start.sh and removes its folder.
# Usage: scripts/s3/stop.sh DIR            stop radosgw, OSD and mon; delete DIR
#        scripts/s3/stop.sh --keep DIR     stop radosgw only (simulated S3 outage); start.sh DIR restarts it
# Only the processes whose pid files are in DIR/run are signalled.
set -uo pipefail

KEEP=0
if [[ "${1:-}" == "--keep" ]]; then KEEP=1; shift; fi
DIR=${1:?usage: stop.sh [--keep] DIR}
[[ -f "$DIR/ceph.conf" ]] || { echo "stop.sh: $DIR is not a folder made by start.sh" >&2; exit 2; }

stop_pid_file() { # stop_pid_file FILE: TERM, wait up to 5 s, then KILL
  local f=$1 pid
  [[ -f "$f" ]] || return 0
  pid=$(cat "$f" 2>/dev/null) || return 0
  [[ -n "$pid" ]] || return 0
  kill -TERM "$pid" 2>/dev/null || { rm -f "$f"; return 0; }
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$f"
}

stop_pid_file "$DIR/run/rgw.pid"
if (( KEEP )); then exit 0; fi
for f in "$DIR"/run/osd.*.pid; do [[ -e "$f" ]] && stop_pid_file "$f"; done
stop_pid_file "$DIR/run/mon.a.pid"
rm -rf "$DIR"
