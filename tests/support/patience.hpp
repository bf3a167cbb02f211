// How long tests wait: one notion of patience for the whole suite (issue #16), so that no test
// depends on the machine's speed. The suite must pass with the CPUs busy (load average 20 on 2
// cores, under TSan): `tests/soak/with_cpu_hog.sh 18 -- ctest ...` shows it.
//
// - A wait for something that must happen (a service discovered, a reply, a child's READY line, a
//   condition polled with eventually()) waits up to kPatience. Only a real failure (a hang, a lost
//   message, a server that never comes) reaches that; a passing test goes on as soon as the
//   condition holds, so the limit costs nothing. Waits for a whole child process's work (a load
//   client's thousands of calls) take kLongPatience.
// - A check that something does NOT happen ("no reply", "not discovered") watches for a short,
//   fixed period, stated where it is: slowness cannot make it fail. Where it can, it starts only
//   after something shows that the event was possible (e.g. an authorised peer saw the service).
// - A timed assertion ("fails at once", "returns promptly") bounds by a limit that only the
//   failure it guards against reaches (e.g. no deadline at all, or Cyclone's 10 s default lease
//   instead of ours), and prints the measured figure. Figures belong in bench/ and docs/.
//
// The child program rclite_test_client includes this file too. ctest's TIMEOUT (tests/CMakeLists.txt:
// 300 s per unit test, 900 s per integration test) is far beyond what a passing test takes on a
// busy machine: it only stops hangs.
#pragma once

#include <chrono>
#include <string>

namespace rclite::test {

inline constexpr std::chrono::seconds kPatience{60};
inline constexpr std::chrono::seconds kLongPatience{300};

// kPatience in whole seconds, for command lines (`rclite service call ... --timeout N`).
inline std::string patience_seconds() { return std::to_string(kPatience.count()); }

}  // namespace rclite::test
