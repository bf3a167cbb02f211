# Sourced by the test scripts: lock_free_domain takes a DDS domain id that no other test process
# holds (the lock convention of tests/support/test_context.hpp; ids 20-99, whose ports stay below
# the ephemeral port range), exports it as ROS_DOMAIN_ID and keeps the lock on file descriptor 9
# for the rest of the shell's life. Returns 1 when every id is taken.
lock_free_domain() {
  local id
  for id in $(seq 20 99); do
    exec 9>"/tmp/rclite-test-domain-$id.lock"
    if flock -n 9; then
      export ROS_DOMAIN_ID=$id
      return 0
    fi
    exec 9>&-
  done
  return 1
}
