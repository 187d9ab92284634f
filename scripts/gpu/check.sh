#!/usr/bin/env bash
# The GPU check (issue 20), one command on a machine with PyTorch but no Node.js:
#   bash .gpu/check.sh [--cpu] [--device cuda:N] [--reuse-addons REPO]      (from the kit: npm run gpu:kit)
#   scripts/gpu/check.sh --cpu                                               (from the repo: builds the kit first)
# Steps: unpack node; build both addons against the PyTorch that python3 imports (scripts/native);
# `weatherlearn env` on the device; `reference check` of every family; speed of our torch backend
# vs a PyTorch twin on the same device (transformer block, Pangu superdarn step, DINO step, Gloo/NCCL
# round trip, our NCCL probe on a GPU); `weatherlearn train pangu` on a real config; TensorBoard reading that run's events.
# Writes $OUT/gpu-report.json and $OUT/gpu-report.md (OUT defaults to <kit>/out) and exits 1 when a
# step failed. --cpu: device cpu, reduced sizes (≈3 minutes on 2 cores), NCCL skipped.
# --reuse-addons REPO: copy REPO/packages/*/build instead of compiling (CI, where `npm run
# build:native` just built them with the same scripts/native/build-addon.mjs).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; }
case " $* " in *" -h "*|*" --help "*) usage; exit 0 ;; esac

if [ ! -f "$here/MANIFEST.json" ]; then
  # Called from the repository: build the kit, then run the kit's own copy of this script.
  repo=$(cd "$here/../.." && pwd)
  node "$repo/scripts/gpu/kit.mjs" || { echo "check.sh: npm run gpu:kit failed" >&2; exit 1; }
  exec bash "$repo/.gpu/check.sh" "$@"
fi

mode=gpu device=cuda:0 reuse=""
while [ $# -gt 0 ]; do
  case "$1" in
    --cpu) mode=cpu; device=cpu ;;
    --device) device=$2; shift ;;
    --reuse-addons) reuse=$(cd "$2" && pwd); shift ;;
    *) echo "check.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done
OUT=${OUT:-$here/out}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
cd "$here"
: > "$OUT/steps.jsonl"
threads=0
[ "$mode" = cpu ] && threads=1
t_start=$(date +%s)

# step NAME CMD...: runs CMD, its stdout (JSON) to $OUT/NAME.json, stderr to $OUT/NAME.log, and
# records {name, rc, seconds} in steps.jsonl. rc 3 from CMD means "skipped" (the reason is on stdout).
# Programs (not shell functions) are stopped after $STEP_TIMEOUT seconds (rc 124, a failure), so
# one slow part cannot eat the GPU machine's time.
STEP_TIMEOUT=${STEP_TIMEOUT:-150}
step() {
  local name=$1; shift
  local t0; t0=$(date +%s)
  printf '=== %-28s' "$name"
  if [ "$(type -t "$1")" = function ]; then "$@" > "$OUT/$name.json" 2> "$OUT/$name.log"
  else timeout "$STEP_TIMEOUT" "$@" > "$OUT/$name.json" 2> "$OUT/$name.log"; fi
  local rc=$?
  [ $rc -eq 124 ] && echo "check.sh: $name timed out after $STEP_TIMEOUT s" >> "$OUT/$name.log"
  local dt=$(( $(date +%s) - t0 ))
  printf '{"name":"%s","rc":%d,"seconds":%d}\n' "$name" "$rc" "$dt" >> "$OUT/steps.jsonl"
  case $rc in 0) echo "ok (${dt} s)" ;; 3) echo "skipped (${dt} s)" ;; *) echo "FAILED rc=$rc (${dt} s): see $OUT/$name.log"; tail -n 5 "$OUT/$name.log" | sed 's/^/      /' ;; esac
  return 0
}
skip() { printf '{"skipped":"%s"}\n' "$1"; return 3; }

# Python with torch (the PyTorch install the addons build against and the twins run on).
PY=""
for p in ${PYTHON:-} python3 /usr/bin/python3; do
  if "$p" -c 'import torch' 2>/dev/null; then PY=$p; break; fi
done
if [ -z "$PY" ]; then echo "check.sh: no python3 that imports torch (set PYTHON)" >&2; exit 1; fi
TORCH_DIR=$("$PY" -c 'import torch, os; print(os.path.dirname(torch.__file__))')
echo "kit $here, device $device ($mode sizes), PyTorch $TORCH_DIR, out $OUT"

unpack_node() {
  mkdir -p node/bin
  if [ ! -x node/bin/node ]; then
    if command -v xz >/dev/null; then xz -dc node/node.xz > node/bin/node.tmp
    else "$PY" -c 'import lzma, shutil, sys; shutil.copyfileobj(lzma.open(sys.argv[1]), open(sys.argv[2], "wb"))' node/node.xz node/bin/node.tmp; fi || return 1
    chmod +x node/bin/node.tmp && mv node/bin/node.tmp node/bin/node
  fi
  node/bin/node -e 'console.log(JSON.stringify({ node: process.version }))'
}
step node unpack_node
NODE=$here/node/bin/node
# The kit as it arrived (before out/, build/ and node/bin appear): within the limit its builder set.
kit_size() {
  "$NODE" -e '
    const fs = require("fs"), path = require("path");
    const m = JSON.parse(fs.readFileSync("MANIFEST.json", "utf8"));
    const skip = new Set(["out", "build", path.join("node", "bin")]);
    const du = (d) => fs.readdirSync(d, { withFileTypes: true }).reduce((n, e) => {
      const p = path.join(d, e.name);
      return skip.has(p) ? n : n + (e.isDirectory() ? du(p) : fs.statSync(p).size);
    }, 0);
    const bytes = du(".") - fs.statSync("MANIFEST.json").size;
    console.log(JSON.stringify({ bytes, manifestBytes: m.bytes, limitBytes: m.limitBytes }));
    if (bytes > m.limitBytes) { console.error(`the kit is ${bytes} bytes, over its ${m.limitBytes}-byte limit`); process.exit(1); }'
}
wl() { timeout "$STEP_TIMEOUT" "$NODE" "$here/lib/weatherlearn.mjs" --set engine.backend=torch --set "engine.device=$device" "$@"; }

build_addons() {
  if [ -n "$reuse" ]; then
    mkdir -p build/Release
    cp "$reuse"/packages/tfjs-backend-torch/build/Release/tfjs_torch.node "$reuse"/packages/distributed/build/Release/weatherlearn_c10d.node build/Release/ &&
      cp "$reuse"/packages/tfjs-backend-torch/build/torch-build.json "$reuse"/packages/distributed/build/c10d-build.json build/ || return 1
    echo "{\"reused\":\"$reuse\"}"; return 0
  fi
  # Both at once: the c10d addon is one long compile, the backend five shorter ones.
  LIBTORCH_DIR=$TORCH_DIR JOBS=${JOBS:-$(nproc)} "$NODE" src/scripts/native/build-addon.mjs src/packages/distributed --out build >&2 &
  local c10d=$!
  LIBTORCH_DIR=$TORCH_DIR JOBS=${JOBS:-$(nproc)} "$NODE" src/scripts/native/build-addon.mjs src/packages/tfjs-backend-torch --out build >&2 || { wait $c10d; return 1; }
  wait $c10d || return 1
  cat build/torch-build.json
}
step kit kit_size
step addons build_addons
build_nccl() {
  [ "$mode" = cpu ] && { skip "CPU run: NCCL needs CUDA"; return 3; }
  LIBTORCH_DIR=$TORCH_DIR JOBS=${JOBS:-$(nproc)} "$NODE" src/scripts/native/build-addon.mjs src/nccl --out build >&2 || return 1
  cat build/nccl-build.json
}
step nccl-probe build_nccl
step env wl env --json --check

# Every reference family (folder:family) at the CPU tolerances; the *-train families run once the CLI
# knows them. On a GPU with TF32 off (NVIDIA_TF32_OVERRIDE=0: cuBLAS and cuDNN in full fp32), then once
# more with libtorch's defaults (cuDNN convolutions in TF32), reported apart and never failing.
reference() {
  (
    [ "$mode" = gpu ] && [ "$3" != tf32 ] && export NVIDIA_TF32_OVERRIDE=0
    wl reference check "data/reference/$1" --family "$2" --backend torch --json
  )
  local rc=$?
  # A family this CLI does not know yet is skipped (and says so), not failed.
  if [ $rc -ne 0 ] && grep -q "unknown family \"$2\"" "$OUT/reference-$1${3:+-$3}.log"; then skip "this CLI has no '$2' family yet"; return 3; fi
  [ "$3" = tf32 ] && return 0
  return $rc
}
for pair in pangu:pangu dino:dino hipt:vit2k dino-train:dino-train pangu-train:pangu-train; do
  dir=${pair%%:*} fam=${pair#*:}
  [ -d "data/reference/$dir" ] || continue
  step "reference-$dir" reference "$dir" "$fam" ""
  [ "$mode" = gpu ] && step "reference-$dir-tf32" reference "$dir" "$fam" tf32
done

parts="block pangu dino gloo"
[ -f build/Release/weatherlearn_nccl.node ] && parts="$parts nccl"
for part in $parts; do
  step "speed-ours-$part" "$NODE" lib/gpu-bench.mjs --device "$device" --size "$mode" --threads "$threads" --only "$part"
done
step speed-pytorch-block "$PY" twins/twin_block.py "$device" "$mode" "$threads" twins/sizes.json
grid=$("$NODE" -p "require('./twins/sizes.json').$mode.pangu.grid")
for b in $("$NODE" -p "require('./twins/sizes.json').$mode.pangu.batches.join(' ')"); do
  step "speed-pytorch-pangu-b$b" env OMP_NUM_THREADS=$threads "$PY" twins/pangu_torch_reference.py "$threads" 1 "$grid" "$b" "$device"
done
step speed-pytorch-dino "$PY" twins/twin_dino.py "$device" "$mode" "$threads" twins/sizes.json
step collectives-pytorch "$PY" twins/nccl.py "$device" "$mode" twins/sizes.json

train_pangu() {
  rm -rf "$OUT/run-pangu"
  local steps=6; [ "$mode" = gpu ] && steps=40
  wl train pangu --config examples/pangu-superdarn.json --out "$OUT/run-pangu" --set data.dir=data/superdarn-grid48 \
    --set "trainer.maxSteps=$steps" --set engine.backend=auto >&2 || return 1
  # Steps per second from the run's own metrics, after the first (warm-up) step.
  "$NODE" -e '
    const m = require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n").map((l) => JSON.parse(l)).filter((r) => r.step >= 2 && r.time);
    if (m.length < 2) { console.error("metrics.jsonl: fewer than 2 steps after warm-up"); process.exit(1); }
    const a = m[0], b = m[m.length - 1];
    console.log(JSON.stringify({ steps: b.step, stepsPerSecond: (b.step - a.step) / (b.time - a.time) }));' "$OUT/run-pangu/metrics.jsonl"
}
step train-pangu train_pangu
if [ -d "$OUT/run-pangu" ]; then step tensorboard "$PY" twins/tensorboard_read.py "$OUT/run-pangu"
else step tensorboard skip "no training run to read"; fi

echo "total $(( $(date +%s) - t_start )) s"
"$NODE" report.mjs "$OUT" "$mode" "$device"
