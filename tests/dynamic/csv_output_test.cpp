// CSV output as rosidl_runtime_py.message_to_csv writes it (`ros2 topic echo --csv`): str() of each
// value rclpy holds, nested messages and lists flattened, no quoting.
#include <gtest/gtest.h>

#include "dynamic/dynamic_support.hpp"
#include "rclite/dynamic/csv.hpp"

using namespace rclite;
using dynamic::to_csv;
using dynamic::YamlOptions;

namespace {

YamlOptions options(std::optional<std::size_t> truncate_length, bool no_arr = false, bool no_str = false) {
  YamlOptions options;
  options.truncate_length = truncate_length;
  options.no_arr = no_arr;
  options.no_str = no_str;
  return options;
}

}  // namespace

TEST(CsvOutput, FlattensEveryKindOfField) {
  const auto value = test::default_message("rclite_test_msgs/msg/Everything");
  // The empty tiny_words leaves two commas in a row, as message_to_csv does.
  EXPECT_EQ(to_csv(value),
            "True,b'\\xff',65,0.5,-0.001,-7,10,it's \"quoted\",abc,wide,1,2,3,1.5,-2.0,a,b,c,,True,False,True,0,9,"
            "9,9,0,0");
}

TEST(CsvOutput, TruncatesAndAbbreviates) {
  const auto value = test::default_message("rclite_test_msgs/msg/Everything");
  EXPECT_EQ(to_csv(value, options(2)),
            "True,b'\\xff',65,0.5,-0.001,-7,10,it...,ab...,wi...,1,2,...,1.5,-2.0,a,...,c,,True,False,...,0,9,9,9,"
            "0,0");
  EXPECT_EQ(to_csv(value, options({}, true, true)),
            "True,b'\\xff',65,0.5,-0.001,-7,10,<string length: <13>>,<string length: <3>>,<string length: <4>>,"
            "<array type: int32[3]>,<sequence type: double[4], length: 2>,<sequence type: string, length: 2>,"
            "<sequence type: string[2], length: 0>,<sequence type: boolean, length: 3>,0,9,"
            "<array type: rclite_test_msgs/msg/Nested[2]>,0,0");
}

TEST(CsvOutput, PrintsFloatsAsPythonDoes) {
  auto single = test::default_message("std_msgs/msg/Float32");
  single["data"].set(0.1f);  // a Python float: the double the float32 converts to
  EXPECT_EQ(to_csv(single), "0.10000000149011612");
  auto pair = test::default_message("builtin_interfaces/msg/Time");
  pair["sec"].set(-1);
  EXPECT_EQ(to_csv(pair), "-1,0");
}
