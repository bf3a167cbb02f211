#!/usr/bin/env bash
# service_bench runs, with the raw floor and rclite side by side: every scenario it is asked for
# answers every call. Asserts no speed (benchmarks measure that, not tests), only that the
# figures docs/PERFORMANCE.md quotes can still be produced: a raw participant that no longer
# discovers rclite's (a configuration drifting apart) made the bench fail once, unnoticed.
# Usage: service_bench_runs.sh BUILD_BIN_DIR
set -euo pipefail
bench="$1/service_bench"
source "$(dirname "${BASH_SOURCE[0]}")/../support/lock_free_domain.sh"
lock_free_domain || { echo "service_bench_runs: no free domain id" >&2; exit 1; }

out=$("$bench" --quick --only raw_proc_seq,rclite_proc_seq,payload_64B,payload_64KiB 2>&1) || {
  echo "$out"
  echo "service_bench_runs: service_bench failed" >&2
  exit 1
}
echo "$out"
status=0
for scenario in raw_proc_seq rclite_proc_seq raw_proc_payload_64B rclite_proc_payload_64B \
                raw_proc_payload_64KiB rclite_proc_payload_64KiB; do
  line=$(grep -F "\"scenario\": \"$scenario\"," <<<"$out" || true)
  if [[ -z $line ]]; then
    echo "service_bench_runs: no result for $scenario" >&2
    status=1
  elif ! grep -qF '"lost": 0,' <<<"$line"; then
    echo "service_bench_runs: $scenario lost calls: $line" >&2
    status=1
  fi
done
for ratio in payload_ratio_64B payload_ratio_64KiB; do
  grep -qF "\"scenario\": \"$ratio\"," <<<"$out" || { echo "service_bench_runs: no $ratio" >&2; status=1; }
done
exit $status
