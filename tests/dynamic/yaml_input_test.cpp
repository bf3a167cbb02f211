// Values from YAML, as `ros2 service call <service> <type> "<values>"` takes them, with one-line
// errors for everything that does not fit.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "dynamic/dynamic_support.hpp"
#include "rclite/dynamic/repr.hpp"
#include "rclite/dynamic/yaml.hpp"

using namespace rclite;
using dynamic::DynamicValue;
using dynamic::from_yaml;
using dynamic::ValueError;

namespace {

const dynamic::MessageTypePtr& add_two_ints() {
  static const auto type = test::message_type("example_interfaces/srv/AddTwoInts_Request");
  return type;
}

const dynamic::MessageTypePtr& everything() {
  static const auto type = test::message_type("rclite_test_msgs/msg/Everything");
  return type;
}

std::string error_of(std::string_view yaml, const dynamic::MessageTypePtr& type) {
  try {
    from_yaml(yaml, type);
  } catch (const ValueError& error) {
    return error.what();
  }
  return "no error";
}

}  // namespace

TEST(YamlInput, ReadsTheFlowMapsOfRos2ServiceCall) {
  const DynamicValue request = from_yaml("{a: 2, b: 3}", add_two_ints());
  EXPECT_EQ(dynamic::to_repr(request), "example_interfaces.srv.AddTwoInts_Request(a=2, b=3)");
  EXPECT_EQ(from_yaml("a: 2\nb: -3\n", add_two_ints())["b"].get<int>(), -3);  // block style too
}

// PyYAML's (YAML 1.1) reading of plain scalars, which `ros2 param set` and ros2cli's messages follow.
TEST(YamlInput, ResolvesPlainScalarsAsPyYaml) {
  using dynamic::resolve_plain_scalar;
  using Kind = dynamic::YamlScalarKind;
  for (const char* text : {"", "~", "null", "NULL"}) EXPECT_EQ(resolve_plain_scalar(text), Kind::Null) << text;
  for (const char* text : {"on", "Off", "yes", "NO", "true", "False"}) EXPECT_EQ(resolve_plain_scalar(text), Kind::Bool) << text;
  for (const char* text : {"0", "-12", "1_000", "0x1f", "017", "0b101"}) {
    EXPECT_EQ(resolve_plain_scalar(text), Kind::Integer) << text;
  }
  for (const char* text : {"1.5", "-1.", ".5", "1.0e+3", ".inf", "-.Inf", ".nan"}) {
    EXPECT_EQ(resolve_plain_scalar(text), Kind::Float) << text;
  }
  // No dot, an unsigned exponent, Python's own spellings, y/n: strings to PyYAML.
  for (const char* text : {"1e5", "1.0e5", "inf", "nan", "0o17", "y", "n", "abc"}) {
    EXPECT_EQ(resolve_plain_scalar(text), Kind::String) << text;
  }
}

// A document that is not a map: what Python would print of it, for ros2cli's message.
TEST(YamlInput, SaysWhatPythonMakesOfADocumentThatIsNotAMap) {
  const auto python_of = [](std::string_view yaml) {
    try {
      from_yaml(yaml, add_two_ints());
    } catch (const dynamic::NotAMapError& error) {
      return error.python_str + " (" + error.python_type + ")";
    }
    return std::string("no error");
  };
  EXPECT_EQ(python_of("[1, -0, 0x10, 2.50, 1e5, 'x', on, ~, [a], {k: 1}]"),
            "[1, 0, 16, 2.5, '1e5', 'x', True, None, ['a'], {'k': 1}] (list)");
  EXPECT_EQ(python_of("plain text"), "plain text (str)");
  EXPECT_EQ(python_of("'7'"), "7 (str)");
  EXPECT_EQ(python_of("7"), "7 (int)");
  EXPECT_EQ(python_of(".inf"), "inf (float)");
  EXPECT_EQ(python_of("no"), "False (bool)");
  // The message itself is rclite's.
  EXPECT_EQ(error_of("[1]", add_two_ints()),
            "expected a map of example_interfaces/srv/AddTwoInts_Request fields such as \"{a: ...}\", got a list");
}

TEST(YamlInput, EmptyTextOrMapMeansDefaults) {
  for (const char* text : {"", "{}", "  \n", "~"}) {
    EXPECT_TRUE(from_yaml(text, everything()) == DynamicValue(everything())) << "'" << text << "'";
  }
  EXPECT_TRUE(from_yaml("", test::message_type("std_srvs/srv/Empty_Request")) ==
              test::default_message("std_srvs/srv/Empty_Request"));
}

TEST(YamlInput, ReadsNestedMapsAndLists) {
  const DynamicValue value = from_yaml(
      "{flag: false, raw: 7, letter: 66, ratio: 0.25, scale: 1e3, count: -0x10, mask: 0b11, "
      "name: 'it''s', short_name: \"a\\tb\", wide: \xc3\xa9t\xc3\xa9, triple: [4, 5, 6], bounded: [], "
      "words: [x, 'y z'], tiny_words: [abc], flags: [yes, Off], class: 010, inner: {value: 1}, "
      "pair: [{}, {value: 2}], stamp: {sec: 5}}",
      everything());
  EXPECT_FALSE(value["flag"].get<bool>());
  EXPECT_EQ(value["raw"].get<int>(), 7);
  EXPECT_EQ(value["letter"].get<int>(), 66);
  EXPECT_FLOAT_EQ(value["ratio"].get<float>(), 0.25f);
  EXPECT_DOUBLE_EQ(value["scale"].get<double>(), 1000.0);
  EXPECT_EQ(value["count"].get<int>(), -16);
  EXPECT_EQ(value["mask"].get<int>(), 3);
  EXPECT_EQ(value["name"].as_string(), "it's");
  EXPECT_EQ(value["short_name"].as_string(), "a\tb");
  EXPECT_EQ(value["wide"].as_wstring(), u"\u00e9t\u00e9");
  EXPECT_EQ(value["triple"][0].get<int>(), 4);
  EXPECT_EQ(value["bounded"].size(), 0u);
  EXPECT_EQ(value["words"][1].as_string(), "y z");
  EXPECT_EQ(value["tiny_words"][0].as_string(), "abc");
  EXPECT_TRUE(value["flags"][0].get<bool>());
  EXPECT_FALSE(value["flags"][1].get<bool>());
  EXPECT_EQ(value["class"].get<int>(), 8);  // YAML 1.1 octal, as PyYAML reads it
  EXPECT_EQ(value["inner"]["value"].get<int>(), 1);
  EXPECT_EQ(value["pair"][0]["value"].get<int>(), 9);  // an element's fields left out: defaults
  EXPECT_EQ(value["pair"][1]["value"].get<int>(), 2);
  EXPECT_EQ(value["stamp"]["sec"].get<int>(), 5);
}

TEST(YamlInput, ReadsTheFullRangeOf64BitIntegersAndSpecialFloats) {
  const auto u64 = test::message_type("std_msgs/msg/UInt64");
  EXPECT_EQ(from_yaml("{data: 18446744073709551615}", u64)["data"].get<std::uint64_t>(), UINT64_MAX);
  const auto i64 = test::message_type("std_msgs/msg/Int64");
  EXPECT_EQ(from_yaml("{data: -9223372036854775808}", i64)["data"].get<std::int64_t>(), INT64_MIN);
  EXPECT_EQ(from_yaml("{data: 1_000}", i64)["data"].get<std::int64_t>(), 1000);
  const auto f64 = test::message_type("std_msgs/msg/Float64");
  EXPECT_TRUE(std::isinf(from_yaml("{data: -.inf}", f64)["data"].get<double>()));
  EXPECT_TRUE(std::isnan(from_yaml("{data: .nan}", f64)["data"].get<double>()));
  EXPECT_DOUBLE_EQ(from_yaml("{data: 2}", f64)["data"].get<double>(), 2.0);
  EXPECT_DOUBLE_EQ(from_yaml("{data: +1.5e-3}", f64)["data"].get<double>(), 1.5e-3);
  EXPECT_EQ(from_yaml("{data: 1e999}", f64)["data"].get<double>(), INFINITY);
  const auto text = test::message_type("std_msgs/msg/String");
  EXPECT_EQ(from_yaml("{data: 5}", text)["data"].as_string(), "5");  // any scalar is text
  EXPECT_EQ(from_yaml("{data: ''}", text)["data"].as_string(), "");
}

TEST(YamlInput, KeepsFieldsLeftOutWhenAssigningToAValue) {
  DynamicValue value(everything());
  value["count"].set(42);
  dynamic::assign_yaml(value, "{mask: 5}");
  EXPECT_EQ(value["count"].get<int>(), 42);
  EXPECT_EQ(value["mask"].get<int>(), 5);
}

// `ros2 topic pub`'s expand_header_auto and expand_time_now: the stamps are listed, left at zero.
TEST(YamlInput, ListsTheNowTimesAndAutoHeadersToStamp) {
  const auto stamped = test::message_type("rclite_test_msgs/msg/Stamped");
  std::vector<dynamic::FieldPath> timestamps;
  DynamicValue value = from_yaml("{header: auto, times: [now, {sec: 3}, now]}", stamped, timestamps);
  EXPECT_EQ(timestamps, (std::vector<dynamic::FieldPath>{{0, 0}, {1, 0}, {1, 2}}));
  EXPECT_EQ(value["times"].size(), 3u);
  EXPECT_EQ(value["times"][1]["sec"].get<int>(), 3);
  dynamic::value_at(value, timestamps[2])["sec"].set(7);
  EXPECT_EQ(value["times"][2]["sec"].get<int>(), 7);
  EXPECT_EQ(&dynamic::value_at(value, timestamps[0]), &value["header"]["stamp"]);
  // Elsewhere, and without the list, "now" and "auto" are what they are: not a Time or a Header.
  timestamps.clear();
  EXPECT_THROW(from_yaml("{header: {frame_id: auto, stamp: auto}}", stamped, timestamps), ValueError);
  EXPECT_THROW(from_yaml("{times: [now]}", stamped), ValueError);
  EXPECT_TRUE(timestamps.empty());
}

TEST(YamlInput, ExplainsEachMistakeInOneLine) {
  const std::pair<const char*, const char*> cases[] = {
      {"{a: 2, c: 3}", "unknown field 'c' in example_interfaces/srv/AddTwoInts_Request (its fields: a, b)"},
      {"{a: 2.5}", "field 'a': '2.5' is not an int64"},
      {"{a: abc}", "field 'a': 'abc' is not an int64"},
      {"{a: 9223372036854775808}",
       "field 'a': '9223372036854775808' is out of range for int64 (-9223372036854775808 to 9223372036854775807)"},
      {"{a: 99999999999999999999999}",
       "field 'a': '99999999999999999999999' is out of range for int64 (-9223372036854775808 to 9223372036854775807)"},
      {"{a: [1]}", "field 'a': expected an int64, got a list"},
      {"{a: {x: 1}}", "field 'a': expected an int64, got a map"},
      {"{a: }", "field 'a': expected an int64, got null"},
      {"{a: 2", "invalid YAML at line 1, column 1: end of map flow not found"},
      {"[1, 2]", "expected a map of example_interfaces/srv/AddTwoInts_Request fields such as \"{a: ...}\", got a list"},
      {"5", "expected a map of example_interfaces/srv/AddTwoInts_Request fields such as \"{a: ...}\", got '5'"},
      {"{[a]: 1}", "field names are text, not a list (in example_interfaces/srv/AddTwoInts_Request)"},
      {"a: 1\n---\nb: 2\n", "invalid YAML: expected one document, got more"},
      {",a [", "invalid YAML: ',a ['"},  // yaml-cpp reads it as null
  };
  for (const auto& [yaml, message] : cases) EXPECT_EQ(error_of(yaml, add_two_ints()), message) << yaml;

  const std::pair<const char*, const char*> everything_cases[] = {
      {"{raw: 256}", "field 'raw': '256' is out of range for byte (0 to 255)"},
      {"{mask: -1}", "field 'mask': '-1' is out of range for uint16 (0 to 65535)"},
      {"{flag: 2}", "field 'flag': '2' is not a bool"},
      {"{ratio: 1e39}", "field 'ratio': '1e39' is out of range for float32"},
      {"{ratio: x}", "field 'ratio': 'x' is not a float32"},
      {"{short_name: abcdefghi}", "field 'short_name': a string of 9 bytes where at most 8 are allowed"},
      {"{tiny_words: [a, b, c]}", "field 'tiny_words': 3 elements where at most 2 are allowed"},
      {"{tiny_words: [abcd]}", "field 'tiny_words[0]': a string of 4 bytes where at most 3 are allowed"},
      {"{triple: [1, 2]}", "field 'triple': 2 elements where int32[3] needs exactly 3"},
      {"{triple: 1}", "field 'triple': expected a list (int32[3]), got '1'"},
      {"{pair: [{}, {value: x}]}", "field 'pair[1].value': 'x' is not a uint8"},
      {"{stamp: {sec: 1, nsec: 2}}",
       "unknown field 'stamp.nsec' in builtin_interfaces/msg/Time (its fields: sec, nanosec)"},
      {"{stamp: 5}", "field 'stamp': expected a map of builtin_interfaces/msg/Time fields, got '5'"},
      {"{name: [a]}", "field 'name': expected a string, got a list"},
      // Found by tests/fuzz/yaml_value_fuzz (corpus/yaml_value/string_not_utf8): accepted, it
      // printed back as another string.
      {"{name: .n\xb8qn}", "field 'name': a string needs valid UTF-8 text"},
  };
  for (const auto& [yaml, message] : everything_cases) EXPECT_EQ(error_of(yaml, everything()), message) << yaml;

  EXPECT_EQ(error_of("{x: 1}", test::message_type("std_srvs/srv/Empty_Request")),
            "unknown field 'x' in std_srvs/srv/Empty_Request (it has no fields)");
  EXPECT_EQ(error_of("{structure_needs_at_least_one_member: 0}", test::message_type("std_srvs/srv/Empty_Request")),
            "unknown field 'structure_needs_at_least_one_member' in std_srvs/srv/Empty_Request (it has no fields)");
}

TEST(YamlInput, NeverCrashesOnAnyInput) {
  // Deep nesting, aliases, tags, odd bytes and random fragments of YAML syntax: each either
  // gives a value or a ValueError.
  std::vector<std::string> inputs = {std::string(100000, '['), std::string(100000, '{'),
                                     "{a: &x 1, b: *x}", "{a: *missing}", "&a [*a]", "{a: !!str 1}",
                                     "{a: !<tag:x> 1}", std::string("{a: \0}", 6), "\xff\xfe", "%YAML 9.9\n---\n",
                                     "? [a]\n: 1", "{a: 1, a: 2}", "\t{a: 1}"};
  const std::string pieces[] = {"{", "}", "[", "]", ",", ":", " ", "a", "b", "1", "-", "'", "\"", "&x",
                                "*x", "!", "#", "\n", "|", ">", "?", "~", "\\", "stamp", "sec", "\xc3\xa9"};
  std::mt19937_64 random(7);
  for (int i = 0; i < 3000; ++i) {
    std::string text;
    const std::size_t length = random() % 24;
    for (std::size_t k = 0; k < length; ++k) text += pieces[random() % std::size(pieces)];
    inputs.push_back(text);
  }
  for (const auto& input : inputs) {
    for (const auto* type : {&add_two_ints(), &everything()}) {
      try {
        from_yaml(input, *type);
      } catch (const ValueError& error) {
        EXPECT_EQ(std::string(error.what()).find('\n'), std::string::npos) << error.what();
      }
    }
  }
}
