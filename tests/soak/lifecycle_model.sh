#!/usr/bin/env bash
# Runs the randomized lifecycle model test over many seeds, for hours if asked:
#   tests/soak/lifecycle_model.sh [SECONDS [FIRST_SEED]]
# Seeds go in batches of 50 (RCLITE_MODEL_SEEDS_PER_TEST) through the one test of slot 0, until
# SECONDS (default 3600) have passed. A failure prints its seed (replay: RCLITE_MODEL_SEED=N) and
# stops the run. RCLITE_BIN_DIR names the build's bin/ (default build/bin).
set -euo pipefail
seconds=${1:-3600}
seed=${2:-1000}
bin=${RCLITE_BIN_DIR:-$(dirname "$0")/../../build/bin}
batch=50
end=$((SECONDS + seconds))
while [ "$SECONDS" -lt "$end" ]; do
  echo "lifecycle model: seeds $seed..$((seed + batch - 1))"
  RCLITE_MODEL_FIRST_SEED=$seed RCLITE_MODEL_SEEDS_PER_TEST=$batch \
    "$bin/lifecycle_model_test" --gtest_filter='Seeds/LifecycleModel.*/0' --gtest_brief=1
  seed=$((seed + batch))
done
echo "lifecycle model: every seed up to $((seed - 1)) kept every invariant"
