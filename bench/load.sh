#!/usr/bin/env bash
# The load figure of docs/RELIABILITY.md: 32 client processes x CALLS calls (default 5,000), each
# keeping 8 in flight, against one server process, on loopback. Prints calls/s (and fails if any
# answer was wrong or lost):
#   bench/load.sh [BUILD_DIR] [CALLS]      (defaults: build, 5000)
# It runs the load test's own program (tests/process/load_test.cpp), which `make test` runs with
# 1,000 calls per client and asserts no figure: speed is measured here, never by a test. Run it on
# a quiet machine; `uptime` is printed with the figure.
set -euo pipefail

build_dir=${1:-build}
calls=${2:-5000}
test_program="$build_dir/bin/load_test"
[ -x "$test_program" ] || { echo "load: $test_program not built (cmake --build $build_dir)" >&2; exit 1; }

echo "load: $(uptime)"
output=$(mktemp /tmp/rclite-load.XXXXXX)
trap 'rm -f "$output"' EXIT
if RCLITE_LOAD_CALLS_PER_CLIENT=$calls "$test_program" --gtest_filter='Load.*' >"$output" 2>&1; then
  grep '^load:' "$output"
else
  cat "$output"
  echo "load: FAILED" >&2
  exit 1
fi
