#!/usr/bin/env bash
# Soak: one server, LONG_CLIENTS (default 4) long-lived clients keeping 8 calls each in flight, and
# short-lived clients coming and going (every third one SIGKILLed mid-run) for SECONDS (default
# 600). Samples the resident set (VmRSS) of the server and of the long-lived clients every
# SAMPLE_SECONDS (default SECONDS/30, at least 2), with the count of short-lived clients so far, and
# fails if any grows by more than GROWTH_KIB (default 6144 KiB) between the end of the warm-up (the
# first fifth of the run) and the end, or if any call was answered wrong or lost.
#
#   tests/soak/soak.sh [SECONDS]          binaries from $RCLITE_BIN_DIR (default build/bin)
#
# The server's growth per client that comes and goes, over an hour (docs/RELIABILITY.md, "Scale on
# one host"):  LONG_CLIENTS=0 SAMPLE_SECONDS=60 nice -n 19 tests/soak/soak.sh 3600
#
# DDS traffic stays on loopback (rclite's default LOCALHOST discovery) in a domain id no test holds.
set -euo pipefail

seconds=${1:-600}
bin=${RCLITE_BIN_DIR:-$(cd "$(dirname "$0")/../.." && pwd)/build/bin}
growth_limit_kib=${GROWTH_KIB:-6144}
long_clients=${LONG_CLIENTS:-4}
interval=${SAMPLE_SECONDS:-$(( seconds / 30 ))}; (( interval < 2 )) && interval=2
warmup=$(( seconds / 5 ))
work=$(mktemp -d /tmp/rclite-soak.XXXXXX)
pids=()

cleanup() {
  for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

source "$(dirname "${BASH_SOURCE[0]}")/../support/lock_free_domain.sh"
lock_free_domain || { echo "soak: no free domain id" >&2; exit 1; }
unset ROS_AUTOMATIC_DISCOVERY_RANGE CYCLONEDDS_URI ROS_STATIC_PEERS

rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }

service=/soak/add_two_ints
"$bin/rclite_test_server" "$service" >"$work/server.log" 2>&1 &
server=$!; pids+=("$server")
# Up to 60 s (tests/support/patience.hpp's kPatience): only a server that never starts takes that.
for _ in $(seq 600); do grep -q READY "$work/server.log" && break; sleep 0.1; done
grep -q READY "$work/server.log" || { echo "soak: the server did not start" >&2; cat "$work/server.log"; exit 1; }

clients=()
for (( i = 1; i <= long_clients; i++ )); do
  "$bin/rclite_test_client" "$service" run "$seconds" 8 >"$work/client$i.log" 2>&1 &
  clients+=($!); pids+=($!)
done

# Clients coming and going until the end.
(
  n=0
  end=$(( $(date +%s) + seconds - 5 ))
  while (( $(date +%s) < end )); do
    n=$(( n + 1 ))
    if (( n % 3 == 0 )); then
      "$bin/rclite_test_client" "$service" run 60 16 >/dev/null 2>&1 &
      victim=$!
      sleep 0.5
      kill -KILL "$victim" 2>/dev/null || true
      wait "$victim" 2>/dev/null || true
    else
      "$bin/rclite_test_client" "$service" load 500 8 >"$work/churn.log" 2>&1 \
        || { echo "soak: a short-lived client failed" >&2; cat "$work/churn.log" >&2; exit 1; }
    fi
    echo "$n" >"$work/churn.count"
  done
) &
churn=$!; pids+=("$churn")

printf '%6s %10s' time server
for (( i = 1; i <= long_clients; i++ )); do printf ' %10s' "client$i"; done
printf ' %10s   (VmRSS, KiB; short-lived clients so far)\n' churned
watched=("$server" "${clients[@]}")
declare -A baseline peak
start=$(date +%s)
while :; do
  now=$(( $(date +%s) - start ))
  (( now > seconds )) && break
  printf '%6d' "$now"
  for pid in "${watched[@]}"; do
    rss=$(rss_kib "$pid")
    printf ' %10d' "$rss"
    if (( now >= warmup )) && [[ -z ${baseline[$pid]:-} ]]; then baseline[$pid]=$rss; fi
    if [[ -n ${baseline[$pid]:-} ]] && (( rss > ${peak[$pid]:-0} )); then peak[$pid]=$rss; fi
  done
  printf ' %10s\n' "$(cat "$work/churn.count" 2>/dev/null || echo 0)"
  kill -0 "$server" 2>/dev/null || { echo "soak: the server died" >&2; cat "$work/server.log" >&2; exit 1; }
  sleep "$interval"
done

status=0
wait "$churn" || { echo "soak: the coming-and-going clients failed" >&2; status=1; }
for (( i = 1; i <= long_clients; i++ )); do
  if ! wait "${clients[$((i - 1))]}"; then echo "soak: client$i failed" >&2; status=1; fi
  if grep -q 'wrong=0 failed=0' "$work/client$i.log"; then
    echo "client$i: $(grep DONE "$work/client$i.log")"
  else
    status=1
    echo "client$i:"; sed 's/^/  /' "$work/client$i.log"
  fi
done
echo "short-lived clients: $(cat "$work/churn.count" 2>/dev/null || echo ?) (every third SIGKILLed mid-run)"
names=(server)
for (( i = 1; i <= long_clients; i++ )); do names+=("client$i"); done
for k in "${!watched[@]}"; do
  pid=${watched[$k]}
  growth=$(( ${peak[$pid]:-0} - ${baseline[$pid]:-0} ))
  echo "${names[$k]}: VmRSS ${baseline[$pid]:-?} KiB after the warm-up (${warmup} s), at most ${peak[$pid]:-?} KiB after (+${growth} KiB; limit ${growth_limit_kib})"
  (( growth <= growth_limit_kib )) || { echo "soak: ${names[$k]} grew by ${growth} KiB" >&2; status=1; }
done
kill -TERM "$server"
wait "$server" || { echo "soak: the server did not exit cleanly" >&2; status=1; }
if (( status != 0 )); then echo "server log (last 40 lines):"; tail -n 40 "$work/server.log" | sed 's/^/  /'; fi
(( status == 0 )) && echo "soak: PASS (${seconds} s)" || echo "soak: FAIL" >&2
exit "$status"
