/// @file
/// Encoding and decoding whole samples: a message, or a service request/reply with its header.
#pragma once

#include <cstdint>
#include <cstring>
#include <span>
#include <vector>

#include "rclite/wire/cdr_reader.hpp"
#include "rclite/wire/cdr_writer.hpp"
#include "rclite/wire/message_traits.hpp"
#include "rclite/wire/request_header.hpp"

namespace rclite::wire {

/// Encodes `message` into `out`, reusing its capacity.
template <Message T>
void encode(const T& message, std::vector<std::uint8_t>& out) {
  CdrWriter writer(out);
  writer.write(message);
  writer.finish();
}

/// Encodes `message` into a new buffer.
template <Message T>
std::vector<std::uint8_t> encode(const T& message) {
  std::vector<std::uint8_t> out;
  encode(message, out);
  return out;
}

/// Throws CdrError on malformed input; `message` is then left partly assigned.
template <Message T>
void decode(std::span<const std::uint8_t> sample, T& message) {
  CdrReader reader(sample);
  reader.read(message);
}

/// Decodes a whole sample of T; throws CdrError on malformed input.
template <Message T>
T decode(std::span<const std::uint8_t> sample) {
  T message;
  decode(sample, message);
  return message;
}

/// The rmw_cyclonedds header in front of the body of a service request or reply (spec §3.5).
inline void write_request_header(CdrWriter& writer, const RequestHeader& header) {
  writer.write(header.guid);
  writer.write(header.sequence);
}

/// Overwrites the request header of an encoded service sample (written by write_request_header
/// right after the encapsulation header, with this machine's byte order), so that a body can be
/// encoded before its header is known.
inline void patch_request_header(std::span<std::uint8_t> sample, const RequestHeader& header) {
  if (sample.size() < kEncapsulationSize + kRequestHeaderSize) {
    throw CdrError(CdrErrc::truncated, 0, "no request header to patch");
  }
  std::memcpy(sample.data() + kEncapsulationSize, &header.guid, sizeof header.guid);
  std::memcpy(sample.data() + kEncapsulationSize + sizeof header.guid, &header.sequence, sizeof header.sequence);
}

/// Reads the request header written by write_request_header.
inline RequestHeader read_request_header(CdrReader& reader) {
  RequestHeader header;
  reader.read(header.guid);
  reader.read(header.sequence);
  return header;
}

/// A service request or reply: the rmw_cyclonedds header in front of the body (spec §3.5).
template <Message T>
void encode_service_sample(const RequestHeader& header, const T& message,
                           std::vector<std::uint8_t>& out) {
  CdrWriter writer(out);
  write_request_header(writer, header);
  writer.write(message);
  writer.finish();
}

/// Reads a service request or reply into `message` and returns its header; throws CdrError on malformed input.
template <Message T>
RequestHeader decode_service_sample(std::span<const std::uint8_t> sample, T& message) {
  CdrReader reader(sample);
  const RequestHeader header = read_request_header(reader);
  reader.read(message);
  return header;
}

}  // namespace rclite::wire
