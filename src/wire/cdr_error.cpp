#include "rclite/wire/cdr_error.hpp"

namespace rclite::wire {

const char* to_string(CdrErrc code) noexcept {
  switch (code) {
    case CdrErrc::truncated: return "truncated CDR data";
    case CdrErrc::bad_encapsulation: return "unsupported CDR encapsulation";
    case CdrErrc::length_too_large: return "length prefix larger than the remaining data";
    case CdrErrc::string_not_terminated: return "string is not NUL-terminated";
    case CdrErrc::bound_exceeded: return "bounded member exceeds its bound";
  }
  return "CDR error";
}

namespace {
std::string describe(CdrErrc code, std::size_t offset, const std::string& detail) {
  std::string text = to_string(code);
  text += " at body offset " + std::to_string(offset);
  if (!detail.empty()) text += " (" + detail + ")";
  return text;
}
}  // namespace

CdrError::CdrError(CdrErrc code, std::size_t offset, const std::string& detail)
    : std::runtime_error(describe(code, offset, detail)), code_(code), offset_(offset) {}

}  // namespace rclite::wire
