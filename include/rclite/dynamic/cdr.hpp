/// @file
/// Encoding and decoding runtime-typed values with the CDR rules of generated code: both drive
/// rclite::wire::CdrWriter / CdrReader member by member, so the bytes are the same, bounds are
/// checked on encode as generated code checks them (CdrError bound_exceeded), and a sequence length
/// is checked on decode against the fewest bytes its elements take (CdrError length_too_large).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "rclite/dynamic/dynamic_value.hpp"
#include "rclite/wire/cdr_reader.hpp"
#include "rclite/wire/cdr_writer.hpp"
#include "rclite/wire/request_header.hpp"

namespace rclite::dynamic {

/// Writes `value` (a message, or any other value) where the writer is. Throws wire::CdrError.
void encode(const DynamicValue& value, wire::CdrWriter& writer);
/// Reads a value of `type` where the reader is. Throws wire::CdrError on malformed input.
DynamicValue decode(wire::CdrReader& reader, const ValueType& type);
DynamicValue decode(wire::CdrReader& reader, const MessageTypePtr& type);
DynamicValue decode(wire::CdrReader& reader, const idl::MessageSpec& spec,
                    idl::InterfaceLibrary& library);

/// Whole samples: encapsulation header, body, padding (as wire::encode / wire::decode).
void encode(const DynamicValue& message, std::vector<std::uint8_t>& out);
std::vector<std::uint8_t> encode(const DynamicValue& message);
DynamicValue decode(std::span<const std::uint8_t> sample, const MessageTypePtr& type);

/// Service requests and replies: the 16-byte request header in front of the body (as
/// wire::encode_service_sample / wire::decode_service_sample).
struct ServiceSample {
  wire::RequestHeader header;
  DynamicValue message;
};
void encode_service_sample(const wire::RequestHeader& header, const DynamicValue& message,
                           std::vector<std::uint8_t>& out);
ServiceSample decode_service_sample(std::span<const std::uint8_t> sample, const MessageTypePtr& type);

}  // namespace rclite::dynamic
