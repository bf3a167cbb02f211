/// @file
/// Errors raised while encoding or decoding CDR.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>

namespace rclite::wire {

/// Why a sample could not be encoded or decoded.
enum class CdrErrc {
  truncated,            ///< fewer bytes than the data claims
  bad_encapsulation,    ///< not a PLAIN_CDR (XCDR1) header
  length_too_large,     ///< a length prefix larger than the bytes that remain
  string_not_terminated,  ///< a string without its terminating NUL
  bound_exceeded,       ///< encoding a bounded string/sequence past its bound
};

/// The code's name ("truncated", ...).
const char* to_string(CdrErrc code) noexcept;

/// Thrown by CdrReader/CdrWriter. `offset` is the body offset where the problem was found.
class CdrError : public std::runtime_error {
 public:
  /// An error of `code` at body offset `offset`, with an optional detail for what().
  CdrError(CdrErrc code, std::size_t offset, const std::string& detail = {});

  /// Why it failed.
  CdrErrc code() const noexcept { return code_; }
  /// The body offset where the problem was found.
  std::size_t offset() const noexcept { return offset_; }

 private:
  CdrErrc code_;
  std::size_t offset_;
};

}  // namespace rclite::wire
