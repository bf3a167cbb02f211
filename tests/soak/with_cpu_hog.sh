#!/usr/bin/env bash
# Runs a command beside N busy-looping processes, to show that the suite does not depend on the
# machine's speed (issue #16): on 2 cores, N=18 gives a load average of about 20.
#
#   tests/soak/with_cpu_hog.sh N [--max-seconds S] -- COMMAND [ARGS...]
#
# The hogs are plain shell loops, local CPU work only (no disk, no network). They stop when the
# command ends, however it ends (exit, failure, Ctrl-C, SIGTERM), and in any case after S seconds
# (default 1800): each hog checks the time itself, so none outlives a killed script. Exits with the
# command's status and prints its wall time and the load average.
set -euo pipefail

usage() { echo "usage: $0 N [--max-seconds S] -- COMMAND [ARGS...]" >&2; exit 2; }
(( $# >= 1 )) || usage
hogs=$1; shift
[[ $hogs =~ ^[0-9]+$ ]] || usage
max_seconds=1800
if [[ ${1:-} == --max-seconds ]]; then
  [[ ${2:-} =~ ^[0-9]+$ ]] || usage
  max_seconds=$2; shift 2
fi
[[ ${1:-} == -- ]] || usage
shift
(( $# >= 1 )) || usage

pids=()
command_pid=
stop_hogs() {
  for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  pids=()
}
# Interrupted: the command is ended too (it runs in the background, so that `wait` returns at once
# on a signal; a background command ignores SIGINT, hence SIGTERM).
interrupted() {
  [[ -n $command_pid ]] && kill -TERM "$command_pid" 2>/dev/null
  exit "$1"
}
trap stop_hogs EXIT
trap 'interrupted 130' INT
trap 'interrupted 143' TERM HUP

end=$(( $(date +%s) + max_seconds ))
for _ in $(seq "$hogs"); do
  # Busy for at most max_seconds, even if nobody kills it (SECONDS is bash's own clock: no fork).
  bash -c 'limit=$1; while (( SECONDS < limit )); do :; done' hog "$max_seconds" </dev/null >/dev/null 2>&1 &
  pids+=($!)
done
echo "with_cpu_hog: $hogs busy loops (stopping by $(date -d "@$end" +%T) at the latest); load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2

start=$(date +%s.%N)
status=0
"$@" &
command_pid=$!
wait "$command_pid" || status=$?
command_pid=
wall=$(printf "%.1f" "$(echo "$(date +%s.%N) - $start" | bc)")
echo "with_cpu_hog: '$*' exited with $status after ${wall} s; load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
exit "$status"
