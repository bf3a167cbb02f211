/// @file
/// The header rmw_cyclonedds puts inside the CDR body of every service request and reply.
#pragma once

#include <cstddef>
#include <cstdint>

namespace rclite::wire {

/// spec §3.5: `guid` is an opaque 64-bit token chosen by the client (rmw uses its request
/// writer's instance handle), `sequence` the client's request number. A server echoes both.
struct RequestHeader {
  std::uint64_t guid = 0;  ///< the client's token
  std::int64_t sequence = 0;  ///< the client's request number

  /// Equal when both fields are.
  bool operator==(const RequestHeader&) const = default;
};

/// Bytes the header takes at the start of the body: two 8-byte integers.
inline constexpr std::size_t kRequestHeaderSize = 16;

}  // namespace rclite::wire
