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
/// @{
/// Reads a message of `type` (or of the type `spec` describes) where the reader is. Throws wire::CdrError on malformed input.
DynamicValue decode(wire::CdrReader& reader, const MessageTypePtr& type);
DynamicValue decode(wire::CdrReader& reader, const idl::MessageSpec& spec,
                    idl::InterfaceLibrary& library);
                    /// @}

/// Whole samples: encapsulation header, body, padding (as wire::encode / wire::decode).
void encode(const DynamicValue& message, std::vector<std::uint8_t>& out);
/// The whole sample of `message`.
std::vector<std::uint8_t> encode(const DynamicValue& message);
/// Decodes a whole sample of a message of `type`. Throws wire::CdrError on malformed input.
DynamicValue decode(std::span<const std::uint8_t> sample, const MessageTypePtr& type);

/// Service requests and replies: the 16-byte request header in front of the body (as
/// wire::encode_service_sample / wire::decode_service_sample).
struct ServiceSample {
  wire::RequestHeader header;  ///< the request header (client GUID and sequence number)
  DynamicValue message;  ///< the request or reply body
};
/// Writes a whole request or reply sample: header, then body.
void encode_service_sample(const wire::RequestHeader& header, const DynamicValue& message,
                           std::vector<std::uint8_t>& out);
/// Reads a whole request or reply sample whose body is of `type`.
ServiceSample decode_service_sample(std::span<const std::uint8_t> sample, const MessageTypePtr& type);

}  // namespace rclite::dynamic
