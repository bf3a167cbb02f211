#!/usr/bin/env bash
# Times whole `rclite` CLI processes against a running add_two_ints_server, on loopback:
#   bench/cli_timing.sh [BUILD_DIR] [RUNS]      (defaults: build, 30)
# Reports the median wall time of `rclite service call` (target <= 100 ms) and
# `rclite service list` (target <= 300 ms). Uses hyperfine when installed, else a bash loop.
set -euo pipefail

build_dir=${1:-build}
runs=${2:-30}
bin="$build_dir/bin"
for exe in rclite add_two_ints_server; do
  [ -x "$bin/$exe" ] || { echo "cli_timing: $bin/$exe not built" >&2; exit 1; }
done

export ROS_DOMAIN_ID=${ROS_DOMAIN_ID:-$((200 + RANDOM % 30))}
unset ROS_AUTOMATIC_DISCOVERY_RANGE CYCLONEDDS_URI  # rclite's default: LOCALHOST on 127.0.0.1

"$bin/add_two_ints_server" >/dev/null 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true' EXIT
# Ready when a call succeeds.
"$bin/rclite" service call /add_two_ints example_interfaces/srv/AddTwoInts "{a: 1, b: 2}" --timeout 10 >/dev/null

call=("$bin/rclite" service call /add_two_ints example_interfaces/srv/AddTwoInts "{a: 2, b: 3}")
list=("$bin/rclite" service list -t)

median_ms() {  # runs "$@" $runs times, prints the median in ms
  local times=() start end i
  for ((i = 0; i < runs; i++)); do
    start=$(date +%s%N)
    "$@" >/dev/null
    end=$(date +%s%N)
    times+=($(((end - start) / 1000)))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {m = (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2; printf "%.1f", m / 1000}'
}

if command -v hyperfine >/dev/null; then
  hyperfine --warmup 3 --runs "$runs" -N --export-json /tmp/rclite_cli_timing.json \
    -n "service call" "$(printf '%q ' "${call[@]}")" \
    -n "service list" "$(printf '%q ' "${list[@]}")"
  python3 - <<'PY'
import json
for r in json.load(open('/tmp/rclite_cli_timing.json'))['results']:
    print(f"{r['command']}: median {r['median'] * 1000:.1f} ms")
PY
else
  echo "cli_timing: hyperfine not installed; bash loop, $runs runs each (domain $ROS_DOMAIN_ID)"
  echo "service call: median $(median_ms "${call[@]}") ms (target <= 100 ms)"
  echo "service list: median $(median_ms "${list[@]}") ms (target <= 300 ms)"
fi
