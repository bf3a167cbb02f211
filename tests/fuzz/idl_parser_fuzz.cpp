// libFuzzer target for the .msg/.srv parser (make fuzz-test).
//
// The first input byte picks .msg (even) or .srv (odd); the rest is the definition text. Text that
// is not a definition must end in rclite::idl::ParseError and nothing else: any other exception
// escapes, terminates and is reported by libFuzzer, as are sanitizer findings, hangs and
// out-of-memory inputs.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "rclite/idl/parser.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  const auto name = rclite::idl::parse_type_name(data[0] % 2 == 0 ? "fuzz_msgs/msg/Fuzzed" : "fuzz_msgs/srv/Fuzzed");
  try {
    if (data[0] % 2 == 0) {
      rclite::idl::parse_message(text, *name, "Fuzzed.msg");
    } else {
      rclite::idl::parse_service(text, *name, "Fuzzed.srv");
    }
  } catch (const rclite::idl::ParseError&) {
  }
  return 0;
}
