// Runtime-typed values: defaults from the .msg file, field and element access, assignment with
// range checks, equality.
#include <gtest/gtest.h>

#include <cmath>

#include "dynamic/dynamic_support.hpp"
#include "rclite/dynamic/dynamic_value.hpp"

using namespace rclite;
using dynamic::DynamicValue;
using dynamic::ValueError;

TEST(DynamicValue, StartsWithTheDefaultsOfTheMsgFile) {
  const DynamicValue value = test::default_message("rclite_test_msgs/msg/Everything");
  EXPECT_TRUE(value["flag"].get<bool>());
  EXPECT_EQ(value["raw"].get<std::uint8_t>(), 0xff);
  EXPECT_EQ(value["letter"].get<int>(), 65);
  EXPECT_FLOAT_EQ(value["ratio"].get<float>(), 0.5f);
  EXPECT_DOUBLE_EQ(value["scale"].get<double>(), -1e-3);
  EXPECT_EQ(value["count"].get<std::int32_t>(), -7);
  EXPECT_EQ(value["mask"].get<std::uint16_t>(), 10);
  EXPECT_EQ(value["name"].as_string(), "it's \"quoted\"");
  EXPECT_EQ(value["short_name"].as_string(), "abc");
  EXPECT_EQ(value["wide"].as_wstring(), u"wide");
  ASSERT_EQ(value["triple"].size(), 3u);
  EXPECT_EQ(value["triple"][2].get<int>(), 3);
  ASSERT_EQ(value["bounded"].size(), 2u);
  EXPECT_DOUBLE_EQ(value["bounded"][1].get<double>(), -2.0);
  ASSERT_EQ(value["words"].size(), 2u);
  EXPECT_EQ(value["words"][0].as_string(), "a,b");
  EXPECT_EQ(value["tiny_words"].size(), 0u);
  ASSERT_EQ(value["flags"].size(), 3u);
  EXPECT_TRUE(value["flags"][2].get<bool>());
  EXPECT_EQ(value["class"].get<int>(), 0);
  EXPECT_EQ(value["inner"]["value"].get<int>(), 9);
  EXPECT_EQ(value["pair"][1]["value"].get<int>(), 9);
  EXPECT_EQ(value["stamp"]["sec"].get<int>(), 0);
}

TEST(DynamicValue, DescribesItsType) {
  const DynamicValue value = test::default_message("rclite_test_msgs/msg/Everything");
  EXPECT_TRUE(value.is_message());
  EXPECT_EQ(value.message_type().name().full(), "rclite_test_msgs/msg/Everything");
  EXPECT_EQ(value["tiny_words"].type().to_string(), "string<=3[<=2]");
  EXPECT_EQ(value["pair"].type().to_string(), "rclite_test_msgs/Nested[2]");
  EXPECT_TRUE(value["pair"].is_list());
  EXPECT_TRUE(value["pair"][0].is_message());
  EXPECT_TRUE(value["count"].is_primitive());
  EXPECT_EQ(value["count"].primitive(), idl::Primitive::Int32);
  EXPECT_EQ(value.message_type().members().front().name, "flag");
}

TEST(DynamicValue, NamesUnknownFieldsAndTheirType) {
  DynamicValue value = test::default_message("example_interfaces/srv/AddTwoInts_Request");
  EXPECT_TRUE(value.has_field("a"));
  EXPECT_FALSE(value.has_field("c"));
  try {
    value["c"];
    FAIL();
  } catch (const ValueError& error) {
    EXPECT_STREQ(error.what(), "unknown field 'c' in example_interfaces/srv/AddTwoInts_Request");
  }
  // The placeholder member of an empty struct is not a field.
  const DynamicValue empty = test::default_message("std_srvs/srv/Empty_Request");
  EXPECT_FALSE(empty.has_field(idl::kEmptyStructMember));
  EXPECT_THROW(empty[idl::kEmptyStructMember], ValueError);
  EXPECT_THROW(value["a"]["x"], ValueError);   // not a message
  EXPECT_THROW(value["a"][0], ValueError);     // not a list
}

TEST(DynamicValue, ChecksRangesOnAssignment) {
  DynamicValue value = test::default_message("rclite_test_msgs/msg/Everything");
  value["count"].set(INT32_MIN);
  EXPECT_EQ(value["count"].get<std::int64_t>(), INT32_MIN);
  EXPECT_THROW(value["count"].set(std::int64_t{INT32_MAX} + 1), ValueError);
  EXPECT_THROW(value["mask"].set(-1), ValueError);
  EXPECT_THROW(value["raw"].set(256), ValueError);
  EXPECT_THROW(value["count"].set(1.5), ValueError);      // no float into an integer
  EXPECT_THROW(value["count"].set(true), ValueError);     // no bool into an integer
  EXPECT_THROW(value["flag"].set(1), ValueError);         // no integer into a bool
  EXPECT_THROW(value["name"].set(1), ValueError);
  EXPECT_THROW(value["count"].set("1"), ValueError);
  EXPECT_THROW(value["ratio"].set(1e39), ValueError);    // beyond float32
  value["ratio"].set(INFINITY);
  EXPECT_TRUE(std::isinf(value["ratio"].get<float>()));
  value["scale"].set(3);  // integers may go into floats
  EXPECT_DOUBLE_EQ(value["scale"].get<double>(), 3.0);
  value["wide"].set("\xc3\xa9t\xc3\xa9");  // UTF-8 into a wstring
  EXPECT_EQ(value["wide"].as_wstring(), u"\u00e9t\u00e9");
  EXPECT_THROW(value["wide"].set("\xff"), ValueError);
}

TEST(DynamicValue, KeepsTheFullRangeOf64BitIntegers) {
  DynamicValue value = test::default_message("std_msgs/msg/UInt64");
  value["data"].set(UINT64_MAX);
  EXPECT_EQ(value["data"].get<std::uint64_t>(), UINT64_MAX);
  EXPECT_THROW(value["data"].get<std::int64_t>(), ValueError);
  EXPECT_THROW(value["data"].get<std::uint32_t>(), ValueError);
  DynamicValue signed_value = test::default_message("std_msgs/msg/Int64");
  signed_value["data"].set(INT64_MIN);
  EXPECT_EQ(signed_value["data"].get<std::int64_t>(), INT64_MIN);
  EXPECT_THROW(signed_value["data"].get<std::uint64_t>(), ValueError);
  EXPECT_DOUBLE_EQ(signed_value["data"].get<double>(), -9223372036854775808.0);
}

TEST(DynamicValue, GrowsAndShrinksSequencesButNotArrays) {
  DynamicValue value = test::default_message("rclite_test_msgs/msg/Everything");
  value["words"].resize(3);
  EXPECT_EQ(value["words"][2].as_string(), "");
  value["words"].append().set("x");
  EXPECT_EQ(value["words"].size(), 4u);
  EXPECT_EQ(value["words"][3].as_string(), "x");
  value["words"].resize(1);
  EXPECT_EQ(value["words"].size(), 1u);
  EXPECT_THROW(value["triple"].resize(4), ValueError);
  EXPECT_THROW(value["words"][1], ValueError);
  EXPECT_THROW(value["words"].append(DynamicValue(value["count"].type())), ValueError);
  DynamicValue descriptor = test::default_message("rcl_interfaces/msg/ParameterDescriptor");
  descriptor["integer_range"].append()["step"].set(2);
  EXPECT_EQ(descriptor["integer_range"][0]["step"].get<int>(), 2);
}

TEST(DynamicValue, ComparesTypesAndValues) {
  DynamicValue a = test::default_message("rclite_test_msgs/msg/Everything");
  DynamicValue b = test::default_message("rclite_test_msgs/msg/Everything");
  EXPECT_TRUE(a == b);
  b["pair"][0]["value"].set(1);
  EXPECT_FALSE(a == b);
  b["pair"][0]["value"].set(9);
  EXPECT_TRUE(a == b);
  EXPECT_FALSE(test::default_message("std_msgs/msg/Int32") == test::default_message("std_msgs/msg/UInt32"));
  a["scale"].set(NAN);
  EXPECT_FALSE(a == a);  // as generated operator==
}

TEST(DynamicValue, OutlivesTheInterfaceLibrary) {
  std::optional<DynamicValue> value;
  {
    idl::InterfaceLibrary library({RCLITE_INTERFACES_DIR});
    const idl::MessageSpec& spec = library.message(*idl::parse_type_name("builtin_interfaces/msg/Time"));
    value.emplace(spec, library);
  }
  (*value)["sec"].set(3);
  EXPECT_EQ(value->message_type().name().full(), "builtin_interfaces/msg/Time");
  EXPECT_EQ((*value)["sec"].get<int>(), 3);
}
