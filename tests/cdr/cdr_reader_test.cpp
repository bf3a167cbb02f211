// Reading: both byte orders, and hostile input that must give a typed error (spec §3, issue 2).
#include <gtest/gtest.h>

#include <example_interfaces/srv/add_two_ints.hpp>
#include <rmw_dds_common/msg/participant_entities_info.hpp>
#include <std_msgs/msg/bool.hpp>
#include <std_msgs/msg/string.hpp>
#include <std_msgs/msg/u_int8_multi_array.hpp>

#include "rclite/wire/cdr.hpp"
#include "support/hex.hpp"

using rclite::test::from_hex;
using namespace rclite::wire;

namespace {
template <class T>
CdrErrc error_of(const std::string& hex) {
  try {
    decode<T>(from_hex(hex));
  } catch (const CdrError& error) {
    return error.code();
  }
  ADD_FAILURE() << "no CdrError for " << hex;
  return CdrErrc::truncated;
}
}  // namespace

TEST(CdrReader, ReadsBigEndianSamples) {
  const auto sample = from_hex(
      "00 00 00 00  11 22 33 44 55 66 77 88  00 00 00 00 00 00 00 07"
      "  00 00 00 00 00 00 00 29  ff ff ff ff ff ff ff ff");
  example_interfaces::srv::AddTwoInts::Request request;
  const RequestHeader header = decode_service_sample(sample, request);
  EXPECT_EQ(header.guid, 0x1122334455667788u);
  EXPECT_EQ(header.sequence, 7);
  EXPECT_EQ(request.a, 41);
  EXPECT_EQ(request.b, -1);
}

TEST(CdrReader, ReadsBigEndianSequencesOfWideElements) {
  // UInt8MultiArray: layout.dim = [], data_offset = 258, data = [1, 2]
  const auto sample = from_hex("00 00 00 00  00 00 00 00  00 00 01 02  00 00 00 02  01 02");
  const auto message = decode<std_msgs::msg::UInt8MultiArray>(sample);
  EXPECT_EQ(message.layout.data_offset, 258u);
  EXPECT_EQ(message.data, (std::vector<std::uint8_t>{1, 2}));
}

TEST(CdrReader, RejectsUnknownEncapsulations) {
  EXPECT_EQ(error_of<std_msgs::msg::Bool>("00 02 00 00 01"), CdrErrc::bad_encapsulation);  // PL_CDR_BE
  EXPECT_EQ(error_of<std_msgs::msg::Bool>("00 07 00 00 01"), CdrErrc::bad_encapsulation);  // XCDR2
  EXPECT_EQ(error_of<std_msgs::msg::Bool>("01 01 00 00 01"), CdrErrc::bad_encapsulation);
  EXPECT_EQ(error_of<std_msgs::msg::Bool>("00 01 00"), CdrErrc::truncated);
  EXPECT_EQ(error_of<std_msgs::msg::Bool>(""), CdrErrc::truncated);
}

TEST(CdrReader, RejectsTruncatedPrimitives) {
  EXPECT_EQ(error_of<std_msgs::msg::Bool>("00 01 00 00"), CdrErrc::truncated);
  try {
    decode<example_interfaces::srv::AddTwoInts::Request>(from_hex("00 01 00 00 29 00 00 00 00 00 00 00 01 00"));
    FAIL();
  } catch (const CdrError& error) {
    EXPECT_EQ(error.code(), CdrErrc::truncated);
    EXPECT_EQ(error.offset(), 8u);  // where b starts
  }
}

TEST(CdrReader, RejectsALengthLargerThanTheRemainingBytesBeforeAllocating) {
  EXPECT_EQ(error_of<std_msgs::msg::String>("00 01 00 00 ff ff ff ff 41 00"), CdrErrc::length_too_large);
  EXPECT_EQ(error_of<std_msgs::msg::String>("00 01 00 00 05 00 00 00 41 42 00"), CdrErrc::length_too_large);
  // 2^32-1 gids of 16 bytes each claimed with 4 bytes left.
  EXPECT_EQ(error_of<rmw_dds_common::msg::ParticipantEntitiesInfo>(
                "00 01 00 00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f 10 ff ff ff ff 00 00 00 00"),
            CdrErrc::length_too_large);
}

TEST(CdrReader, ChecksElementCountsAgainstTheElementSize) {
  // 3 elements of uint8 need 3 bytes: fine. The same count of Gid (16 bytes) is not.
  EXPECT_EQ(decode<std_msgs::msg::UInt8MultiArray>(
                from_hex("00 01 00 00 00 00 00 00 00 00 00 00 03 00 00 00 01 02 03"))
                .data.size(),
            3u);
  EXPECT_EQ(error_of<std_msgs::msg::UInt8MultiArray>("00 01 00 00 00 00 00 00 00 00 00 00 04 00 00 00 01 02 03"),
            CdrErrc::length_too_large);
}

TEST(CdrReader, RejectsAStringWithoutItsNul) {
  EXPECT_EQ(error_of<std_msgs::msg::String>("00 01 00 00 02 00 00 00 41 42"), CdrErrc::string_not_terminated);
}

TEST(CdrReader, AcceptsLengthZeroAsTheEmptyString) {
  EXPECT_EQ(decode<std_msgs::msg::String>(from_hex("00 01 00 00 00 00 00 00")).data, "");
}

TEST(CdrReader, TakesAnyNonZeroByteAsTrue) {
  EXPECT_TRUE(decode<std_msgs::msg::Bool>(from_hex("00 01 00 00 02")).data);
  EXPECT_FALSE(decode<std_msgs::msg::Bool>(from_hex("00 01 00 00 00")).data);
}

TEST(CdrReader, IgnoresTrailingBytes) {
  EXPECT_EQ(decode<std_msgs::msg::String>(from_hex("00 01 00 00 02 00 00 00 41 00 00 00 ff ff")).data, "A");
}

TEST(CdrReader, EveryTruncationOfAValidSampleIsATypedError) {
  rmw_dds_common::msg::ParticipantEntitiesInfo info;
  info.node_entities_info_seq.resize(2);
  info.node_entities_info_seq[0].node_namespace = "/";
  info.node_entities_info_seq[0].node_name = "talker";
  info.node_entities_info_seq[0].reader_gid_seq.resize(3);
  info.node_entities_info_seq[1].node_namespace = "/ns";
  info.node_entities_info_seq[1].node_name = "listener";
  info.node_entities_info_seq[1].writer_gid_seq.resize(1);
  const auto full = encode(info);
  for (std::size_t size = 0; size < full.size(); ++size) {
    const std::span<const std::uint8_t> prefix(full.data(), size);
    try {
      const auto decoded = decode<rmw_dds_common::msg::ParticipantEntitiesInfo>(prefix);
      EXPECT_EQ(decoded, info) << "a prefix of " << size << " bytes decoded to something else";
    } catch (const CdrError&) {
    }
  }
  EXPECT_EQ(decode<rmw_dds_common::msg::ParticipantEntitiesInfo>(full), info);
}
