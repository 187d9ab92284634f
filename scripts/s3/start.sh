#!/usr/bin/env bash
# Starts a throwaway single-node Ceph cluster (1 mon + 1 memstore OSD + radosgw) on 127.0.0.1 with
# auth none, in a fresh temp folder, and creates an S3 user. Needs Debian's radosgw, ceph-mon and
# ceph-osd (`apt-get install -y --no-install-recommends radosgw ceph-mon ceph-osd`).
#
# Usage: scripts/s3/start.sh [DIR]         (DIR: empty folder to use; default: mktemp -d)
# Prints shell assignments on stdout (everything else goes to stderr):
#   S3_DIR=… S3_ENDPOINT=http://127.0.0.1:PORT S3_ACCESS_KEY=… S3_SECRET_KEY=…
# Stop with: scripts/s3/stop.sh "$S3_DIR"   (kills the daemons started here, removes DIR)
# Re-running start.sh with the same DIR after `stop.sh --keep DIR` restarts only radosgw (used to
# test clients surviving an S3 outage); memstore data lives in the OSD process, so the OSD and mon
# are kept running by `--keep`.
set -euo pipefail

for bin in ceph-mon ceph-osd radosgw radosgw-admin monmaptool ceph; do
  command -v "$bin" >/dev/null 2>&1 || { echo "start.sh: $bin not found (apt-get install -y --no-install-recommends radosgw ceph-mon ceph-osd)" >&2; exit 3; }
done

DIR=${1:-$(mktemp -d "${TMPDIR:-/tmp}/wl-ceph.XXXXXX")}
mkdir -p "$DIR"
DIR=$(cd "$DIR" && pwd)
CONF="$DIR/ceph.conf"
ACCESS_KEY=weatherlearn-test-access
SECRET_KEY=weatherlearn-test-secret-0123456789

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_for() { # wait_for SECONDS DESCRIPTION COMMAND...
  local limit=$1 what=$2; shift 2
  local t0=$SECONDS
  until "$@" >/dev/null 2>&1; do
    if (( SECONDS - t0 >= limit )); then echo "start.sh: timed out after ${limit}s waiting for $what (logs in $DIR/log)" >&2; return 1; fi
    sleep 0.3
  done
}
C() { timeout 20 ceph -c "$CONF" "$@"; }

start_rgw() {
  radosgw -c "$CONF" -n client.rgw.a --pid-file "$DIR/run/rgw.pid" >>"$DIR/log/rgw.stdout" 2>&1
  wait_for 40 "radosgw on port $RGW_PORT" curl -fsS "http://127.0.0.1:$RGW_PORT/"
}

if [[ -f "$DIR/ports" ]]; then
  # Restart after `stop.sh --keep`: mon and OSD still run, only radosgw was stopped.
  # shellcheck disable=SC1091
  source "$DIR/ports"
  start_rgw
  echo "S3_DIR=$DIR"; echo "S3_ENDPOINT=http://127.0.0.1:$RGW_PORT"; echo "S3_ACCESS_KEY=$ACCESS_KEY"; echo "S3_SECRET_KEY=$SECRET_KEY"
  exit 0
fi

MON_PORT=$(free_port)
RGW_PORT=$(free_port)
echo "MON_PORT=$MON_PORT RGW_PORT=$RGW_PORT" >"$DIR/ports"
FSID=$(python3 -c 'import uuid; print(uuid.uuid4())')
mkdir -p "$DIR/run" "$DIR/log" "$DIR/mon/ceph-a" "$DIR/osd/ceph-0" "$DIR/rgw"

cat >"$CONF" <<EOF
[global]
fsid = $FSID
mon host = v2:127.0.0.1:$MON_PORT
mon initial members = a
public network = 127.0.0.0/8
auth cluster required = none
auth service required = none
auth client required = none
auth allow insecure global id reclaim = true
ms bind ipv4 = true
ms bind ipv6 = false
ms mon client mode = crc
ms client mode = crc
ms mon service mode = crc
ms service mode = crc
ms mon cluster mode = crc
ms cluster mode = crc
run dir = $DIR/run
admin socket = $DIR/run/\$name.asok
pid file = $DIR/run/\$name.pid
log file = $DIR/log/\$name.log
crash dir = $DIR/crash
mon data = $DIR/mon/\$cluster-\$id
osd data = $DIR/osd/\$cluster-\$id
osd objectstore = memstore
memstore device bytes = 1073741824
osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 8
osd pool default pgp num = 8
osd pool default pg autoscale mode = off
osd crush chooseleaf type = 0
mon allow pool size one = true
mon allow pool delete = true
mon warn on pool no redundancy = false
mon max pg per osd = 1000
mon data avail warn = 1
mon data avail crit = 0
osd max object name len = 460
osd max object namespace len = 64
osd op num shards = 1
osd op num threads per shard = 2
osd memory target = 268435456
mgr initial modules =
[client.rgw.a]
rgw frontends = beast endpoint=127.0.0.1:$RGW_PORT
rgw data = $DIR/rgw
rgw dns name = localhost
rgw thread pool size = 64
rgw enable usage log = false
log file = $DIR/log/rgw.log
EOF

t0=$SECONDS
monmaptool --create --clobber --fsid "$FSID" --addv a "[v2:127.0.0.1:$MON_PORT]" "$DIR/monmap" >/dev/null
ceph-mon -c "$CONF" --mkfs -i a --monmap "$DIR/monmap" >"$DIR/log/mon-mkfs.out" 2>&1
ceph-mon -c "$CONF" -i a
wait_for 20 "ceph-mon" C mon stat

OSD_UUID=$(python3 -c 'import uuid; print(uuid.uuid4())')
OSD_ID=$(C osd new "$OSD_UUID")
ceph-osd -c "$CONF" -i "$OSD_ID" --mkfs --osd-uuid "$OSD_UUID" >"$DIR/log/osd-mkfs.out" 2>&1
ceph-osd -c "$CONF" -i "$OSD_ID" >>"$DIR/log/osd.stdout" 2>&1
wait_for 30 "ceph-osd up" bash -c "timeout 10 ceph -c '$CONF' osd dump 2>/dev/null | grep -q '^osd.$OSD_ID up'"

start_rgw
timeout 30 radosgw-admin -c "$CONF" user create --uid=weatherlearn --display-name="WeatherLearn tests" \
  --access-key="$ACCESS_KEY" --secret-key="$SECRET_KEY" >"$DIR/log/user.json" 2>>"$DIR/log/user.err"
echo "start.sh: ceph mon+osd(memstore)+radosgw up in $((SECONDS - t0))s, folder $DIR" >&2

echo "S3_DIR=$DIR"
echo "S3_ENDPOINT=http://127.0.0.1:$RGW_PORT"
echo "S3_ACCESS_KEY=$ACCESS_KEY"
echo "S3_SECRET_KEY=$SECRET_KEY"
