/// @file
/// Serialized messages for the runtime-typed entities (GenericClient, GenericService,
/// GenericPublisher, GenericSubscription): code that knows a type only at run time (the Python
/// face's codec) writes a message's CDR body with a wire::CdrWriter and reads it with a
/// wire::CdrReader, while the library writes and reads the headers around it. No intermediate
/// value: the fields go straight between the caller's objects and the sample.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <utility>
#include <vector>

#include "rclite/wire/cdr_reader.hpp"
#include "rclite/wire/cdr_writer.hpp"
#include "rclite/wire/cdr.hpp"

namespace rclite {

/// Writes the fields of one message (its CDR body) after the headers the library has written.
using BodyWriter = std::function<void(wire::CdrWriter& writer)>;

/// A service sample as received (a reply of GenericClient::async_send_serialized): the
/// encapsulation, the request header, then the body. Owns its bytes.
class SerializedServiceSample {
 public:
  /// Takes the sample's bytes.
  explicit SerializedServiceSample(std::vector<std::uint8_t> sample) : sample_(std::move(sample)) {}
  /// A reader positioned at the body (after the request header), reading from this sample, which
  /// must outlive it. Throws wire::CdrError for a sample too short for its headers.
  wire::CdrReader body() const& {
    wire::CdrReader reader(sample_);
    (void)wire::read_request_header(reader);
    return reader;
  }
  /// Not of a temporary: the reader would outlive the bytes it reads.
  wire::CdrReader body() const&& = delete;
  /// The whole sample.
  std::span<const std::uint8_t> bytes() const { return sample_; }

 private:
  std::vector<std::uint8_t> sample_;
};

}  // namespace rclite
