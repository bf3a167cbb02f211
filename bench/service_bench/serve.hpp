// The server children's side: `service_bench --serve[-raw][-payload] SERVICE`.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace service_bench {

// The flags that make this binary a server child (for ServerChild's arguments).
inline constexpr const char* kServeRclite = "--serve";                // rclite, AddTwoInts
inline constexpr const char* kServeRaw = "--serve-raw";               // raw Cyclone, AddTwoInts
inline constexpr const char* kServePayload = "--serve-payload";       // rclite, Payload
inline constexpr const char* kServeRawPayload = "--serve-raw-payload";  // raw Cyclone, Payload

// When `args` is one of the serve modes: serves until SIGTERM/SIGINT and returns the exit code.
std::optional<int> serve_if_asked(std::uint32_t domain_id, const std::vector<std::string>& args);

}  // namespace service_bench
