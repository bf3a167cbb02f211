// How values are laid out: alignment, strings, sequences, padding (spec §3).
#include <gtest/gtest.h>

#include <example_interfaces/msg/w_string.hpp>
#include <rcl_interfaces/msg/parameter_descriptor.hpp>
#include <rmw_dds_common/msg/node_entities_info.hpp>
#include <std_msgs/msg/empty.hpp>
#include <std_msgs/msg/string.hpp>

#include "rclite/wire/cdr.hpp"
#include "support/hex.hpp"

using rclite::test::to_hex;
using namespace rclite::wire;

namespace {
template <class F>
std::string written(F&& body) {
  std::vector<std::uint8_t> out;
  CdrWriter writer(out);
  body(writer);
  return to_hex(out);
}
}  // namespace

TEST(CdrWriter, StartsWithLittleEndianPlainCdrHeader) {
  EXPECT_EQ(written([](CdrWriter&) {}), "00 01 00 00");
}

TEST(CdrWriter, AlignsEachPrimitiveToItsSizeRelativeToTheBody) {
  EXPECT_EQ(written([](CdrWriter& w) {
              w.write(std::uint8_t{1});
              w.write(std::int64_t{2});
              w.write(std::uint16_t{3});
              w.write(std::uint32_t{4});
            }),
            "00 01 00 00 01 00 00 00 00 00 00 00 02 00 00 00 00 00 00 00 03 00 00 00 04 00 00 00");
}

TEST(CdrWriter, StringCarriesLengthWithNulAndTheSampleIsPaddedToFour) {
  std_msgs::msg::String message;
  message.data = "hello";
  EXPECT_EQ(to_hex(encode(message)), "00 01 00 00 06 00 00 00 68 65 6c 6c 6f 00 00 00");
}

TEST(CdrWriter, EmptyStringIsLengthOneAndNul) {
  EXPECT_EQ(written([](CdrWriter& w) { w.write(std::string()); }), "00 01 00 00 01 00 00 00 00");
}

TEST(CdrWriter, EmptyMessageIsOneZeroBytePadded) {
  EXPECT_EQ(to_hex(encode(std_msgs::msg::Empty{})), "00 01 00 00 00 00 00 00");
}

TEST(CdrWriter, EmptySequenceAddsNoElementPadding) {
  EXPECT_EQ(written([](CdrWriter& w) {
              w.write(std::uint8_t{7});
              w.write(std::vector<std::int64_t>{});
              w.write(std::uint8_t{8});
            }),
            "00 01 00 00 07 00 00 00 00 00 00 00 08");
}

TEST(CdrWriter, SequenceElementsAlignAfterTheCount) {
  EXPECT_EQ(written([](CdrWriter& w) { w.write(std::vector<std::int64_t>{5}); }),
            "00 01 00 00 01 00 00 00 00 00 00 00 05 00 00 00 00 00 00 00");
}

TEST(CdrWriter, FixedArrayHasNoLengthPrefix) {
  EXPECT_EQ(written([](CdrWriter& w) { w.write(std::array<std::uint8_t, 3>{1, 2, 3}); }),
            "00 01 00 00 01 02 03");
}

TEST(CdrWriter, BoolIsOneByteZeroOrOne) {
  EXPECT_EQ(written([](CdrWriter& w) {
              w.write(true);
              w.write(false);
              w.write(std::vector<bool>{true, false, true});
            }),
            "00 01 00 00 01 00 00 00 03 00 00 00 01 00 01");
}

TEST(CdrWriter, WStringIsUnitCountThenFourBytesPerUnit) {
  example_interfaces::msg::WString message;
  message.data = u"hi";
  EXPECT_EQ(to_hex(encode(message)), "00 01 00 00 02 00 00 00 68 00 00 00 69 00 00 00");
}

TEST(CdrWriter, RefusesASequenceLongerThanItsBound) {
  rcl_interfaces::msg::ParameterDescriptor descriptor;
  descriptor.floating_point_range.resize(2);  // declared FloatingPointRange[<=1]
  try {
    encode(descriptor);
    FAIL() << "expected CdrError";
  } catch (const CdrError& error) {
    EXPECT_EQ(error.code(), CdrErrc::bound_exceeded);
  }
}

TEST(CdrWriter, RefusesAStringLongerThanItsBound) {
  rmw_dds_common::msg::NodeEntitiesInfo node;
  node.node_name = std::string(257, 'x');  // declared string<=256
  EXPECT_THROW(encode(node), CdrError);
  node.node_name = std::string(256, 'x');
  EXPECT_NO_THROW(encode(node));
}

TEST(CdrWriter, ReusedBufferKeepsItsAllocation) {
  std_msgs::msg::String message;
  message.data = "steady state";
  std::vector<std::uint8_t> out;
  encode(message, out);
  const auto* first = out.data();
  encode(message, out);
  EXPECT_EQ(out.data(), first);
  EXPECT_EQ(decode<std_msgs::msg::String>(out), message);
}
