#!/usr/bin/env bash
# Starts a throwaway single-node SLURM cluster (munged + slurmctld + slurmd) on 127.0.0.1.
#
#   eval "$(scripts/slurm/start.sh [--cpus N] [--gpus N] [--dir DIR])"
#   sbatch job.sh; squeue; ...
#   scripts/slurm/stop.sh "$WL_SLURM_DIR"
#
# Everything (config, munge key and socket, state, logs, pid files) lives in one short temp
# folder: SLURM's unix socket paths must stay under 108 bytes or jobs hang in "launch failed
# requeued held". On success it prints shell `export` lines (SLURM_CONF, WL_SLURM_DIR) on stdout.
# Needs root and Debian's packages:
#   apt-get install -y --no-install-recommends slurmctld slurmd slurm-client munge slurm-wlm-torque
set -euo pipefail

cpus=4
gpus=2
dir=""
while [ $# -gt 0 ]; do
  case "$1" in
    --cpus) cpus="$2"; shift 2 ;;
    --gpus) gpus="$2"; shift 2 ;;
    --dir) dir="$2"; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "start.sh: unknown option '$1' (try --help)" >&2; exit 2 ;;
  esac
done
case "$cpus$gpus" in *[!0-9]*) echo "start.sh: --cpus/--gpus take whole numbers" >&2; exit 2 ;; esac

for bin in munged mungekey slurmctld slurmd sbatch scontrol; do
  command -v "$bin" >/dev/null 2>&1 || PATH="$PATH:/usr/sbin:/sbin"
  command -v "$bin" >/dev/null 2>&1 || { echo "start.sh: '$bin' not found; install slurmctld slurmd slurm-client munge" >&2; exit 3; }
done
[ "$(id -u)" = 0 ] || { echo "start.sh: must run as root (slurmd starts jobs as their user)" >&2; exit 3; }

if [ -z "$dir" ]; then dir="$(mktemp -d /tmp/wls.XXXXXX)"; else mkdir -p "$dir"; fi
chmod 700 "$dir"
mkdir -p "$dir/ctld" "$dir/d" "$dir/dev"
if [ "${#dir}" -gt 60 ]; then echo "start.sh: '$dir' is too long for unix sockets; use a short path" >&2; exit 2; fi

# Two free TCP ports (not in /proc/net/tcp{,6}) for slurmctld and slurmd.
used="$(cat /proc/net/tcp /proc/net/tcp6 2>/dev/null | awk 'NR>1 {split($2,a,":"); print a[2]}' | sort -u)"
pick_port() {
  local p hex
  for _ in $(seq 1 200); do
    p=$(( 20000 + RANDOM % 20000 ))
    hex="$(printf '%04X' "$p")"
    if ! grep -qx "$hex" <<<"$used"; then used="$used"$'\n'"$hex"; echo "$p"; return 0; fi
  done
  echo "start.sh: no free port found" >&2; return 1
}
ctld_port="$(pick_port)"
d_port="$(pick_port)"

# Fake GPUs: gres.conf File= must list one character device per GPU.
gres_node=""
if [ "$gpus" -gt 0 ]; then
  for i in $(seq 0 $((gpus - 1))); do
    [ -e "$dir/dev/gpu$i" ] || mknod "$dir/dev/gpu$i" c 1 3
  done
  echo "Name=gpu File=$dir/dev/gpu[0-$((gpus - 1))]" > "$dir/gres.conf"
  gres_node="Gres=gpu:$gpus"
else
  : > "$dir/gres.conf"
fi

cat > "$dir/slurm.conf" <<CONF
ClusterName=weatherlearn
SlurmctldHost=localhost
SlurmctldPort=$ctld_port
SlurmdPort=$d_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$dir/munge.sock
CredType=cred/munge
StateSaveLocation=$dir/ctld
SlurmdSpoolDir=$dir/d
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SlurmdParameters=config_overrides
ReturnToService=2
KillWait=5
MinJobAge=600
InactiveLimit=0
GresTypes=gpu
NodeName=wl0 NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=4000 $gres_node State=UNKNOWN
PartitionName=debug Nodes=wl0 Default=YES MaxTime=INFINITE State=UP
CONF

# From here on a failure stops whatever already started (by PID) before exiting.
trap 'echo "start.sh: failed; logs in $dir" >&2; "$(dirname "$0")/stop.sh" --keep "$dir" >&2 || true' ERR
mungekey -c -f -k "$dir/munge.key" >/dev/null
chmod 600 "$dir/munge.key"
munged -f --socket="$dir/munge.sock" --key-file="$dir/munge.key" --pid-file="$dir/munged.pid" \
  --log-file="$dir/munged.log" --seed-file="$dir/munged.seed"

export SLURM_CONF="$dir/slurm.conf"
slurmctld -f "$SLURM_CONF"
slurmd -f "$SLURM_CONF" -N wl0

# Wait (bounded) until the node is idle.
for _ in $(seq 1 100); do
  state="$(sinfo -h -N -o '%T' 2>/dev/null | head -n 1 || true)"
  case "$state" in idle*|mixed*|allocated*) break ;; esac
  sleep 0.1
done
case "$state" in
  idle*|mixed*|allocated*) ;;
  *) trap - ERR
     echo "start.sh: node did not come up (state '$state'); logs in $dir" >&2
     "$(dirname "$0")/stop.sh" --keep "$dir" >&2 || true
     exit 4 ;;
esac

trap - ERR
echo "export SLURM_CONF='$dir/slurm.conf'"
echo "export WL_SLURM_DIR='$dir'"
