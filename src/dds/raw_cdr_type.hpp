// A Cyclone DDS type whose samples are opaque serialized byte strings (spec §2, §3, §3.7).
//
// rclite encodes and decodes CDR itself (rclite/wire/cdr.hpp); this layer only moves the
// bytes. A sample is the complete serialized payload, encapsulation header included
// (`00 01 00 00` = XCDR1 little endian), exactly what rmw_cyclonedds puts on the wire.
//
// The custom sertype behind create_raw_topic() is what rmw_cyclonedds uses too:
//   * keyless (RTPS entity kinds 0x03/0x04), one instance per topic;
//   * DATA_REPRESENTATION restricted to XCDR1, so every reader/writer gets [XCDR1];
//   * no XTypes type information, so Cyclone 0.10 matches endpoints by the exact type
//     name string, e.g. "example_interfaces::srv::dds_::AddTwoInts_Request_".
// Bytes are never interpreted: validating them is the CDR layer's job.
#pragma once

#include <dds/dds.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "dds_error.hpp"

namespace rclite::dds {

// Bytes every sample starts with: the CDR encapsulation header.
inline constexpr std::size_t kEncapsulationHeaderSize = 4;

// The sample type of raw topics for the generic libddsc calls (dds_write, dds_take,
// dds_read with loans, ...): `bytes` is the whole serialized sample. write_raw/take_raw
// do not need it; it exists so that the sample-based API works on raw topics as well.
struct RawSampleBuffer {
  std::vector<std::uint8_t> bytes;
};

// Creates a topic `topic_name` on `participant` whose DDS type name is `type_name`
// (default topic QoS). Creating the same topic again, in this or another participant,
// is fine. Throws DdsError (e.g. PRECONDITION_NOT_MET or INCONSISTENT_POLICY if the
// participant already has a topic of that name with another type or QoS).
dds_entity_t create_raw_topic(dds_entity_t participant, const std::string& topic_name,
                              const std::string& type_name);

// Publishes `sample` (encapsulation header included, so at least 4 bytes) on `writer`, a
// writer of a topic made by create_raw_topic. The bytes are copied once, into the serdata
// Cyclone keeps (built with the topic's own sertype, so dds_writecdr does not convert it).
// Throws DdsError: BAD_PARAMETER for a sample shorter than 4 bytes or larger than 4 GiB,
// ILLEGAL_OPERATION if `writer` is not a writer of a raw topic, TIMEOUT if a reliable writer
// stays blocked for max_blocking_time, ... Raw topics must not get a topic filter
// (dds_set_topic_filter): dds_writecdr refuses to write then.
void write_raw(dds_entity_t writer, std::span<const std::uint8_t> sample);

// A raw-topic writer with its sertype looked up once: the same as write_raw, for repeated writes
// on a hot path. Valid while the writer exists.
class RawWriter {
 public:
  RawWriter() = default;
  explicit RawWriter(dds_entity_t writer);  // throws DdsError like write_raw
  void write(std::span<const std::uint8_t> sample) const;
  // The same for a sample in a buffer the caller gives up: from kTakeOverSize bytes on (and a
  // multiple of 4, as CdrWriter::finish pads), Cyclone's serdata takes the buffer over instead of
  // copying it, and `sample` is left empty with as much capacity reserved anew; smaller samples
  // are copied and `sample` is left as it was. Either way `sample` can be reused for the next.
  void write_taking(std::vector<std::uint8_t>& sample) const;
  // Below this size the copy is kept: the caller's buffer then stays allocated for the next sample.
  static constexpr std::size_t kTakeOverSize = 64 * 1024;
  dds_entity_t entity() const { return writer_; }

 private:
  dds_entity_t writer_ = 0;
  const ddsi_sertype* type_ = nullptr;
};

namespace detail {

// The samples of one dds_takecdr call, with their bytes; unreferenced by release(),
// the next take(), or the destructor.
class TakeBatch {
 public:
  static constexpr std::size_t kCapacity = 32;

  TakeBatch() = default;
  ~TakeBatch() { release(); }
  TakeBatch(const TakeBatch&) = delete;
  TakeBatch& operator=(const TakeBatch&) = delete;

  // Releases the current batch, then takes up to min(max, kCapacity) samples in any
  // state. Returns how many were taken (valid or not). Throws DdsError.
  std::size_t take(dds_entity_t reader_or_condition, std::size_t max);
  void release() noexcept;

  std::size_t size() const noexcept { return count_; }
  const dds_sample_info_t& info(std::size_t i) const noexcept { return infos_[i]; }
  // The serialized bytes of sample `i` (empty unless info(i).valid_data); valid until
  // the batch is released.
  std::span<const std::uint8_t> bytes(std::size_t i) const noexcept { return views_[i]; }

 private:
  // Not zero-filled on construction (3 KiB per take on the hot path): only the first count_
  // entries are ever read, and take() writes them first.
  std::array<ddsi_serdata*, kCapacity> samples_;
  std::array<ddsi_serdata*, kCapacity> refs_;  // to_ser_ref references (foreign serdata only)
  std::array<std::span<const std::uint8_t>, kCapacity> views_;
  std::array<dds_sample_info_t, kCapacity> infos_;
  std::size_t count_ = 0;
};

}  // namespace detail

// Takes up to `max` samples from a raw-topic reader, or from a read/query condition on
// one, and calls `on_sample(std::span<const std::uint8_t> bytes, const dds_sample_info_t&)`
// for each sample with valid data, in reader order. The span points into Cyclone's copy of
// the sample (no copy is made) and is valid only during the call. Samples without data
// (dispose/unregister notifications) are consumed and skipped. Returns the number of
// samples passed to on_sample.
//
// With a condition, libddsc 0.10 takes from the condition's reader but does NOT apply the
// condition's state mask (dds_readcdr_impl only resolves the reader): any sample of the
// reader may be returned. If on_sample throws, the exception propagates and the rest of
// the current batch (already taken from the reader) is dropped.
// Throws DdsError if dds_takecdr fails (e.g. BAD_PARAMETER for a deleted reader).
template <class F>
std::size_t take_raw(dds_entity_t reader_or_condition, F&& on_sample, std::size_t max = 16) {
  detail::TakeBatch batch;
  std::size_t taken = 0;
  std::size_t delivered = 0;
  while (taken < max) {
    const std::size_t want = std::min(max - taken, detail::TakeBatch::kCapacity);
    const std::size_t n = batch.take(reader_or_condition, want);
    for (std::size_t i = 0; i < n; ++i) {
      if (!batch.info(i).valid_data) continue;
      std::invoke(on_sample, batch.bytes(i), batch.info(i));
      ++delivered;
    }
    taken += n;
    if (n < want) break;
  }
  return delivered;
}

}  // namespace rclite::dds
