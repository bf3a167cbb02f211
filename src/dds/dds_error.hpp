// Errors reported by Cyclone DDS calls in the transport layer.
#pragma once

#include <dds/dds.h>

#include <stdexcept>
#include <string>

namespace rclite::dds {

// A failed libddsc call: `code()` is the (negative) dds_return_t, what() reads
// "<context>: <dds_strretcode text> (<code>)".
class DdsError : public std::runtime_error {
 public:
  DdsError(dds_return_t code, const std::string& context)
      : std::runtime_error(context + ": " + dds_strretcode(code) + " (" + std::to_string(code) + ")" +
                           (code == DDS_RETCODE_NOT_ALLOWED_BY_SECURITY
                                ? " - the enclave's DDS Security permissions do not grant this topic"
                                : "")),
        code_(code) {}

  dds_return_t code() const noexcept { return code_; }

 private:
  dds_return_t code_;
};

}  // namespace rclite::dds

namespace rclite::dds {

// Returns `result` (an entity or a count) when it is not an error; throws DdsError otherwise.
inline dds_return_t check(dds_return_t result, const char* call) {
  if (result < 0) throw DdsError(result, call);
  return result;
}

}  // namespace rclite::dds
