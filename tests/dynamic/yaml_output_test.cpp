// YAML output as rosidl_runtime_py.message_to_yaml writes it (`ros2 topic echo`): the expected
// texts were produced by PyYAML 6 with the arguments message_to_yaml passes to yaml.dump.
#include <gtest/gtest.h>

#include "dynamic/dynamic_support.hpp"
#include "rclite/dynamic/yaml.hpp"

using namespace rclite;
using namespace std::literals;
using dynamic::DynamicValue;
using dynamic::to_yaml;
using dynamic::YamlOptions;

namespace {

// (gcc 12 warns about designated initializers that leave members to their defaults.)
YamlOptions options(bool flow_style, std::optional<std::size_t> truncate_length = {}, bool no_arr = false,
                    bool no_str = false) {
  YamlOptions options;
  options.flow_style = flow_style;
  options.truncate_length = truncate_length;
  options.no_arr = no_arr;
  options.no_str = no_str;
  return options;
}

}  // namespace

TEST(YamlOutput, PrintsAServiceResponse) {
  DynamicValue response = test::default_message("example_interfaces/srv/AddTwoInts_Response");
  response["sum"].set(5);
  EXPECT_EQ(to_yaml(response), "sum: 5\n");
  EXPECT_EQ(to_yaml(response, options(true)), "sum: 5\n");
}

TEST(YamlOutput, PrintsAnEmptyMessageAsAnEmptyMap) {
  EXPECT_EQ(to_yaml(test::default_message("std_srvs/srv/Empty_Request")), "{}\n");
}

TEST(YamlOutput, PrintsEveryKindOfFieldInBlockStyle) {
  const DynamicValue value = test::default_message("rclite_test_msgs/msg/Everything");
  EXPECT_EQ(to_yaml(value),
            "flag: true\nraw: \xc3\xbf\nletter: 65\nratio: 0.5\nscale: -0.001\ncount: -7\nmask: 10\n"
            "name: it's \"quoted\"\nshort_name: abc\nwide: wide\ntriple:\n- 1\n- 2\n- 3\nbounded:\n- 1.5\n"
            "- -2.0\nwords:\n- a,b\n- c\ntiny_words: []\nflags:\n- true\n- false\n- true\nclass: 0\n"
            "inner:\n  value: 9\npair:\n- value: 9\n- value: 9\nstamp:\n  sec: 0\n  nanosec: 0\n");
}

TEST(YamlOutput, FlowStyleMakesSequencesFlowButKeepsMessagesBlock) {
  const DynamicValue value = test::default_message("rclite_test_msgs/msg/Everything");
  EXPECT_EQ(to_yaml(value, options(true)),
            "flag: true\nraw: \xc3\xbf\nletter: 65\nratio: 0.5\nscale: -0.001\ncount: -7\nmask: 10\n"
            "name: it's \"quoted\"\nshort_name: abc\nwide: wide\ntriple: [1, 2, 3]\nbounded: [1.5, -2.0]\n"
            "words: ['a,b', c]\ntiny_words: []\nflags: [true, false, true]\nclass: 0\ninner:\n  value: 9\n"
            "pair: [{value: 9}, {value: 9}]\nstamp:\n  sec: 0\n  nanosec: 0\n");
}

TEST(YamlOutput, TruncatesStringsAndSequences) {
  const DynamicValue value = test::default_message("rclite_test_msgs/msg/Everything");
  EXPECT_EQ(to_yaml(value, options(false, 2)),
            "flag: true\nraw: \xc3\xbf\nletter: 65\nratio: 0.5\nscale: -0.001\ncount: -7\nmask: 10\n"
            "name: it...\nshort_name: ab...\nwide: wi...\ntriple:\n- 1\n- 2\n- '...'\nbounded:\n- 1.5\n"
            "- -2.0\nwords:\n- a,...\n- c\ntiny_words: []\nflags:\n- true\n- false\n- '...'\nclass: 0\n"
            "inner:\n  value: 9\npair:\n- value: 9\n- value: 9\nstamp:\n  sec: 0\n  nanosec: 0\n");
}

TEST(YamlOutput, AbbreviatesArraysAndStrings) {
  const DynamicValue value = test::default_message("rclite_test_msgs/msg/Everything");
  EXPECT_EQ(to_yaml(value, options(false, {}, true, true)),
            "flag: true\nraw: \xc3\xbf\nletter: 65\nratio: 0.5\nscale: -0.001\ncount: -7\nmask: 10\n"
            "name: '<string length: <13>>'\nshort_name: '<string length: <3>>'\n"
            "wide: '<string length: <4>>'\ntriple: '<array type: int32[3]>'\n"
            "bounded: '<sequence type: double[4], length: 2>'\n"
            "words: '<sequence type: string, length: 2>'\n"
            "tiny_words: '<sequence type: string[2], length: 0>'\n"
            "flags: '<sequence type: boolean, length: 3>'\nclass: 0\ninner:\n  value: 9\n"
            "pair: '<array type: rclite_test_msgs/msg/Nested[2]>'\nstamp:\n  sec: 0\n  nanosec: 0\n");
}

TEST(YamlOutput, PrintsFloatsAsPyYamlDoes) {
  DynamicValue value = test::default_message("std_msgs/msg/Float64");
  const std::pair<double, const char*> cases[] = {
      {0.1, "0.1"}, {1e16, "1.0e+16"}, {1e-5, "1.0e-05"}, {INFINITY, ".inf"}, {-INFINITY, "-.inf"},
      {NAN, ".nan"}, {-0.0, "-0.0"}, {100.0, "100.0"}, {1e22, "1.0e+22"}, {5e-324, "5.0e-324"},
      {static_cast<double>(0.1f), "0.10000000149011612"}};
  for (const auto& [number, text] : cases) {
    value["data"].set(number);
    EXPECT_EQ(to_yaml(value), "data: "s + text + "\n");
  }
  DynamicValue single = test::default_message("std_msgs/msg/Float32");
  single["data"].set(0.1f);  // rclpy holds the double the float32 converts to
  EXPECT_EQ(to_yaml(single), "data: 0.10000000149011612\n");
}

TEST(YamlOutput, QuotesStringsAsPyYamlDoes) {
  struct Case {
    std::string_view text;
    std::string_view block;  // as the field of std_msgs/String
    std::string_view flow;   // as the element of a flow sequence
  };
  const Case cases[] = {
      {""sv, "data: ''\n"sv, "names: ['']\n"sv},
      {"yes"sv, "data: 'yes'\n"sv, "names: ['yes']\n"sv},
      {"No"sv, "data: 'No'\n"sv, "names: ['No']\n"sv},
      {"null"sv, "data: 'null'\n"sv, "names: ['null']\n"sv},
      {"~"sv, "data: '~'\n"sv, "names: ['~']\n"sv},
      {"123"sv, "data: '123'\n"sv, "names: ['123']\n"sv},
      {"0x1F"sv, "data: '0x1F'\n"sv, "names: ['0x1F']\n"sv},
      {"1.5"sv, "data: '1.5'\n"sv, "names: ['1.5']\n"sv},
      {".inf"sv, "data: '.inf'\n"sv, "names: ['.inf']\n"sv},
      {"1e3"sv, "data: 1e3\n"sv, "names: [1e3]\n"sv},
      {"2001-01-01"sv, "data: '2001-01-01'\n"sv, "names: ['2001-01-01']\n"sv},
      {"a: b"sv, "data: 'a: b'\n"sv, "names: ['a: b']\n"sv},
      {"a:b"sv, "data: a:b\n"sv, "names: ['a:b']\n"sv},
      {"- a"sv, "data: '- a'\n"sv, "names: ['- a']\n"sv},
      {"-a"sv, "data: -a\n"sv, "names: [-a]\n"sv},
      {"#c"sv, "data: '#c'\n"sv, "names: ['#c']\n"sv},
      {"a #c"sv, "data: 'a #c'\n"sv, "names: ['a #c']\n"sv},
      {" lead"sv, "data: ' lead'\n"sv, "names: [' lead']\n"sv},
      {"trail "sv, "data: 'trail '\n"sv, "names: ['trail ']\n"sv},
      {"multi\nline"sv, "data: 'multi\n\n  line'\n"sv, "names: ['multi\n\n    line']\n"sv},
      {"a\n\nb"sv, "data: 'a\n\n\n  b'\n"sv, "names: ['a\n\n\n    b']\n"sv},
      {"\nlead"sv, "data: '\n\n  lead'\n"sv, "names: ['\n\n    lead']\n"sv},
      {"tab\t"sv, "data: \"tab\\t\"\n"sv, "names: [\"tab\\t\"]\n"sv},
      {"\xc3""\xa9"" \xc3""\xbc"""sv, "data: \xc3""\xa9"" \xc3""\xbc""\n"sv, "names: [\xc3""\xa9"" \xc3""\xbc""]\n"sv},
      {"\x00"""sv, "data: \"\\0\"\n"sv, "names: [\"\\0\"]\n"sv},
      {"\xef""\xbb""\xbf"""sv, "data: \"\\uFEFF\"\n"sv, "names: [\"\\uFEFF\"]\n"sv},
      {"\xf0""\x9f""\x98""\x80"""sv, "data: \xf0""\x9f""\x98""\x80""\n"sv, "names: [\xf0""\x9f""\x98""\x80""]\n"sv},
      {"quote'in"sv, "data: quote'in\n"sv, "names: [quote'in]\n"sv},
      {"\"dq\""sv, "data: '\"dq\"'\n"sv, "names: ['\"dq\"']\n"sv},
      {"@at"sv, "data: '@at'\n"sv, "names: ['@at']\n"sv},
      {"`bt"sv, "data: '`bt'\n"sv, "names: ['`bt']\n"sv},
      {"a,b"sv, "data: a,b\n"sv, "names: ['a,b']\n"sv},
      {"[x"sv, "data: '[x'\n"sv, "names: ['[x']\n"sv},
      {"x]"sv, "data: x]\n"sv, "names: ['x]']\n"sv},
      {"---x"sv, "data: '---x'\n"sv, "names: ['---x']\n"sv},
      {"..."sv, "data: '...'\n"sv, "names: ['...']\n"sv},
      {"?"sv, "data: '?'\n"sv, "names: ['?']\n"sv},
      {"? x"sv, "data: '? x'\n"sv, "names: ['? x']\n"sv},
      {":"sv, "data: ':'\n"sv, "names: [':']\n"sv},
      {"key:"sv, "data: 'key:'\n"sv, "names: ['key:']\n"sv},
      {"a\n b"sv, "data: \"a\\n b\"\n"sv, "names: [\"a\\n b\"]\n"sv},
      {"a \nb"sv, "data: \"a \\nb\"\n"sv, "names: [\"a \\nb\"]\n"sv},
      {"\xc2""\x85"""sv, "data: '\xc2""\x85""  '\n"sv, "names: ['\xc2""\x85""    ']\n"sv},
      {"\xc3""\xbf"""sv, "data: \xc3""\xbf""\n"sv, "names: [\xc3""\xbf""]\n"sv},
      {"<<"sv, "data: '<<'\n"sv, "names: ['<<']\n"sv},
      {"="sv, "data: '='\n"sv, "names: ['=']\n"sv},
      {"!"sv, "data: '!'\n"sv, "names: ['!']\n"sv},
      {"on"sv, "data: 'on'\n"sv, "names: ['on']\n"sv},
      {"OFF"sv, "data: 'OFF'\n"sv, "names: ['OFF']\n"sv},
      {"0o17"sv, "data: 0o17\n"sv, "names: [0o17]\n"sv},
      {"012"sv, "data: '012'\n"sv, "names: ['012']\n"sv},
      {"1_000"sv, "data: '1_000'\n"sv, "names: ['1_000']\n"sv},
      {"+1"sv, "data: '+1'\n"sv, "names: ['+1']\n"sv},
      {"-.5"sv, "data: -.5\n"sv, "names: [-.5]\n"sv},
      {"12:30"sv, "data: '12:30'\n"sv, "names: ['12:30']\n"sv},
      {"12:30:00"sv, "data: '12:30:00'\n"sv, "names: ['12:30:00']\n"sv},
      {"True"sv, "data: 'True'\n"sv, "names: ['True']\n"sv},
      {"it's"sv, "data: it's\n"sv, "names: [it's]\n"sv},
      {"a  b"sv, "data: a  b\n"sv, "names: [a  b]\n"sv},
      {"x\x7f"""sv, "data: \"x\\x7F\"\n"sv, "names: [\"x\\x7F\"]\n"sv},
  };
  DynamicValue message = test::default_message("std_msgs/msg/String");
  DynamicValue names = test::default_message("rcl_interfaces/srv/GetParameters_Request");
  for (const auto& c : cases) {
    message["data"].set(c.text);
    EXPECT_EQ(to_yaml(message), c.block) << "text '" << c.text << "'";
    names["names"].resize(1);
    names["names"][0].set(c.text);
    EXPECT_EQ(to_yaml(names, options(true)), c.flow) << "text '" << c.text << "'";
  }
}

TEST(YamlOutput, IndentsMultiLineStringsInNestedBlocks) {
  DynamicValue value = test::default_message("rcl_interfaces/msg/ParameterDescriptor");
  value["name"].set("a\nb");
  value["integer_range"].resize(1);
  const std::string text = to_yaml(value);
  EXPECT_NE(text.find("name: 'a\n\n  b'\n"), std::string::npos) << text;
  EXPECT_NE(text.find("integer_range:\n- from_value: 0\n  to_value: 0\n  step: 0\n"), std::string::npos) << text;
}

TEST(YamlOutput, PrintsBytesAsTheirCharacters) {
  DynamicValue value = test::default_message("std_msgs/msg/Byte");
  value["data"].set(std::uint8_t{0});
  EXPECT_EQ(to_yaml(value), "data: \"\\0\"\n");
  value["data"].set(std::uint8_t{'A'});
  EXPECT_EQ(to_yaml(value), "data: A\n");
  DynamicValue character = test::default_message("std_msgs/msg/Char");
  character["data"].set(std::uint8_t{'A'});
  EXPECT_EQ(to_yaml(character), "data: 65\n");  // a .msg char is a uint8
}
