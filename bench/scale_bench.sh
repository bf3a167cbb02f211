#!/usr/bin/env bash
# Scale on one host (issue #16; docs/RELIABILITY.md, "Scale on one host"): PROCESSES processes
# (default 50) of NODES nodes each (default 4: build/bin/rclite_scale_nodes, every node with its
# default entities, i.e. 7 services), all on LOCALHOST discovery. Waits until `rclite node list`
# shows every node, checks `rclite service list` shows every service, then measures the traffic at
# rest for WINDOW seconds (default 30) and prints it with the processes' CPU and memory.
#
#   bench/scale_bench.sh [--cyclone-defaults] [PROCESSES [NODES [WINDOW]]]
#
# --cyclone-defaults: the reference. The same graph with the participant lease and SPDP interval
# Cyclone has by default (lease 10 s, SPDPInterval 30 s, so an announcement every 8 s: 2 s before
# the lease ends), which rmw_cyclonedds_cpp leaves to Cyclone: what rclcpp and rclpy nodes announce.
# It is rclite's processes with those two settings (CYCLONEDDS_URI), not real rclcpp nodes (no ROS 2
# here). Both runs keep rclite's participant index range (0..64): Jazzy's LOCALHOST configuration
# stops at 32, and Cyclone then fits 33 processes per domain on a host, not 50 (src/dds/discovery_config.cpp).
#
# The whole run happens in a network namespace of its own (unshare --net, or --user --net without
# root), so the loopback counters (/proc/net/dev) count this graph's packets and nothing else:
# no other test or build on the host adds to them, and none is disturbed. Each packet on lo is
# counted once (what lo sends, it receives). Binaries from $RCLITE_BIN_DIR (default build/bin).
# RCLITE_LEASE_DURATION and RCLITE_WATCH_LOCAL_PEERS apply as usual (e.g. RCLITE_LEASE_DURATION=5: the
# lease LOCALHOST had before, announced every 1.67 s).
set -euo pipefail

reference=0
if [[ ${1:-} == --cyclone-defaults ]]; then reference=1; shift; fi
processes=${1:-50}
nodes=${2:-4}
window=${3:-30}
bin=${RCLITE_BIN_DIR:-$(cd "$(dirname "$0")/.." && pwd)/build/bin}
for exe in rclite_scale_nodes rclite; do
  [[ -x $bin/$exe ]] || { echo "scale_bench: $bin/$exe is not built" >&2; exit 1; }
done

if [[ -z ${RCLITE_SCALE_BENCH_NETNS:-} ]]; then
  export RCLITE_SCALE_BENCH_NETNS=1 RCLITE_BIN_DIR=$bin
  self=$(readlink -f "$0")
  args=()
  (( reference )) && args+=(--cyclone-defaults)
  args+=("$processes" "$nodes" "$window")
  if unshare --net true 2>/dev/null; then exec unshare --net "$self" "${args[@]}"; fi
  if unshare --user --map-root-user --net true 2>/dev/null; then
    exec unshare --user --map-root-user --net "$self" "${args[@]}"
  fi
  echo "scale_bench: cannot make a network namespace (unshare --net): the lo counters would count the whole host" >&2
  exit 1
fi
ip link set lo up

unset ROS_AUTOMATIC_DISCOVERY_RANGE ROS_STATIC_PEERS ROS_LOCALHOST_ONLY
export ROS_DOMAIN_ID=0  # the namespace is ours: no other process holds its ports
if (( reference )); then
  export CYCLONEDDS_URI='<CycloneDDS><Domain><Discovery><LeaseDuration>10 s</LeaseDuration><SPDPInterval>30 s</SPDPInterval></Discovery></Domain></CycloneDDS>'
  settings="Cyclone's default lease and SPDP interval (10 s, an announcement every 8 s): the reference"
else
  unset CYCLONEDDS_URI
  settings="rclite's defaults"
  for name in RCLITE_LEASE_DURATION RCLITE_WATCH_LOCAL_PEERS; do
    [[ -n ${!name:-} ]] && settings+=", $name=${!name}"
  done
fi

work=$(mktemp -d /tmp/rclite-scale.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
seconds_since() { awk -v t="$(( $(now_ms) - $1 ))" 'BEGIN { printf "%.1f", t / 1000 }'; }

# What the graph must show: every node, and its 7 default services (as `ros2 service list` shows an
# rclcpp node's on Jazzy).
suffixes=(describe_parameters get_parameter_types get_parameters get_type_description list_parameters
  set_parameters set_parameters_atomically)
for (( p = 0; p < processes; p++ )); do
  for (( n = 0; n < nodes; n++ )); do
    echo "/scale/p${p}_n$n" >>"$work/nodes.want"
    for s in "${suffixes[@]}"; do echo "/scale/p${p}_n$n/$s" >>"$work/services.want"; done
  done
done
LC_ALL=C sort -o "$work/nodes.want" "$work/nodes.want"
LC_ALL=C sort -o "$work/services.want" "$work/services.want"
node_count=$(wc -l <"$work/nodes.want")
service_count=$(wc -l <"$work/services.want")
echo "scale_bench: $processes processes x $nodes nodes ($node_count nodes, $service_count services), $settings"

start=$(now_ms)
for (( p = 0; p < processes; p++ )); do
  "$bin/rclite_scale_nodes" "$p" "$nodes" >"$work/p$p.log" 2>&1 &
  pids+=($!)
done
# Bounded by attempts (0.1 s apart, 3000 of them: 5 min), not by a figure it measures.
for (( p = 0; p < processes; p++ )); do
  for (( try = 0; try < 3000; try++ )); do grep -q READY "$work/p$p.log" && break; sleep 0.1; done
  grep -q READY "$work/p$p.log" || { echo "scale_bench: process $p did not start:" >&2; cat "$work/p$p.log" >&2; exit 1; }
done
echo "started: every process printed READY after $(seconds_since "$start") s"

# `rclite node list` and `rclite service list` wait for discovery to settle by their own rule; each
# runs until it shows the whole graph (at most 30 times). A run before the last one printed part of it.
snmp() {  # UDP datagrams sent, those that found no socket (each answered by an ICMP port unreachable), dropped
  awk '$1 == "Udp:" && $2 ~ /^[0-9]/ { print $5, $3, $6 }' /proc/net/snmp
}
list_until_complete() {  # list_until_complete WHAT: `rclite WHAT list` until it prints $work/WHAT.want
  local what=$1 runs=0
  while :; do
    runs=$(( runs + 1 ))
    "$bin/rclite" "${what%s}" list 2>"$work/cli.err" | LC_ALL=C sort >"$work/$what.got" || true
    if cmp -s "$work/$what.want" "$work/$what.got"; then break; fi
    echo "discovery: run $runs of \`rclite ${what%s} list\` printed $(comm -12 "$work/$what.want" "$work/$what.got" | wc -l) of the $(wc -l <"$work/$what.want") $what$( \
      (( $(comm -13 "$work/$what.want" "$work/$what.got" | wc -l) )) && echo " and $(comm -13 "$work/$what.want" "$work/$what.got" | wc -l) others")"
    if (( runs >= 30 )); then
      diff "$work/$what.want" "$work/$what.got" | head -20 >&2
      cat "$work/cli.err" >&2
      echo "scale_bench: FAIL: \`rclite ${what%s} list\` never showed the whole graph" >&2
      exit 1
    fi
  done
  echo "discovery: \`rclite ${what%s} list\` showed all $(wc -l <"$work/$what.want") $what and nothing else $(seconds_since "$start") s after the start (run $runs)"
}
list_until_complete nodes
list_until_complete services
read -r _ _ dropped < <(snmp)
echo "discovery: $dropped UDP datagrams dropped so far (a socket's receive buffer full)"

# At rest: the CLI's participant has left; give its departure and any last exchange time to end.
sleep 5
lo_counters() { awk '$1 == "lo:" { print $2, $3 }' /proc/net/dev; }  # rx bytes, rx packets
cpu_ticks() {
  local total=0 pid fields
  for pid in "${pids[@]}"; do
    read -ra fields <"/proc/$pid/stat"
    total=$(( total + fields[13] + fields[14] ))
  done
  echo "$total"
}
read -r bytes0 packets0 < <(lo_counters)
read -r sent0 noport0 drop0 < <(snmp)
ticks0=$(cpu_ticks)
sleep "$window"
read -r bytes1 packets1 < <(lo_counters)
read -r sent1 noport1 drop1 < <(snmp)
ticks1=$(cpu_ticks)
for pid in "${pids[@]}"; do
  kill -0 "$pid" 2>/dev/null || { echo "scale_bench: a process died during the window" >&2; exit 1; }
done
rss_total=0
for pid in "${pids[@]}"; do rss_total=$(( rss_total + $(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status") )); done

awk -v w="$window" -v n="$processes" -v b=$(( bytes1 - bytes0 )) -v p=$(( packets1 - packets0 )) \
    -v s=$(( sent1 - sent0 )) -v np=$(( noport1 - noport0 )) -v d=$(( drop1 - drop0 )) -v t=$(( ticks1 - ticks0 )) -v hz="$(getconf CLK_TCK)" \
    -v rss="$rss_total" 'BEGIN {
  printf "at rest, %d s on lo (a network namespace of its own: this graph only):\n", w
  printf "  %.0f packets/s, %.0f bytes/s (%.1f packets/s and %.0f bytes/s per process)\n", p / w, b / w, p / w / n, b / w / n
  printf "  of which UDP datagrams sent %.0f/s; %.0f/s of them to a port with no socket (each answered by an ICMP port unreachable); %d dropped (receive buffer full)\n", s / w, np / w, d
  printf "  CPU of the %d processes: %.1f%% of one core; VmRSS %.1f MiB in all (%.1f MiB per process)\n", n, 100 * t / hz / w, rss / 1024, rss / 1024 / n
}'
