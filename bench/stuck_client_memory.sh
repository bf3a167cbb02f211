#!/usr/bin/env bash
# What a client that is alive but stopped costs a server (docs/RELIABILITY.md, "Floods and stuck
# peers"): a server, a client answered once and then stopped (SIGSTOP; it announces a one-hour
# lease, so nothing declares it dead), and another client making CALLS calls (default 50,000,
# 8 in flight). The stopped client acknowledges nothing, so the server's reply writer keeps the
# newest kReplyHistory replies for it; prints the server's VmRSS before and after the calls.
#   bench/stuck_client_memory.sh [BUILD_DIR] [CALLS]      (defaults: build, 50000)
# DDS traffic stays on loopback (rclite's default LOCALHOST discovery), in domain 97.
set -euo pipefail

bin=${1:-build}/bin
calls=${2:-50000}
export ROS_DOMAIN_ID=${ROS_DOMAIN_ID:-97}
unset ROS_AUTOMATIC_DISCOVERY_RANGE CYCLONEDDS_URI ROS_STATIC_PEERS
work=$(mktemp -d /tmp/rclite-stuck.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -CONT "$pid" 2>/dev/null || true; kill -KILL "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
wait_for() {  # FILE PATTERN: up to 60 s
  for _ in $(seq 600); do grep -q "$2" "$1" && return 0; sleep 0.1; done
  echo "stuck_client_memory: no '$2' in $1" >&2; cat "$1" >&2; exit 1
}
rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }

service=/bench/stuck_client
"$bin/rclite_test_server" "$service" >"$work/server.log" 2>&1 &
server=$!; pids+=("$server")
wait_for "$work/server.log" READY
RCLITE_LEASE_DURATION=3600 "$bin/rclite_test_client" "$service" probe 600000 >"$work/stopped.log" 2>&1 &
stopped=$!; pids+=("$stopped")
wait_for "$work/stopped.log" '^ok'
kill -STOP "$stopped"
"$bin/rclite_test_client" "$service" load 2000 8 >/dev/null  # the server's own warm-up
before=$(rss_kib "$server")
"$bin/rclite_test_client" "$service" load "$calls" 8
after=$(rss_kib "$server")
echo "stuck_client_memory: server VmRSS $before KiB before $calls calls with a client stopped, $after KiB after (+$((after - before)) KiB)"
