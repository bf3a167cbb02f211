// The .msg/.srv grammar, and errors that point at file:line:column.
#include <gtest/gtest.h>

#include "rclite/idl/parser.hpp"

using namespace rclite::idl;

namespace {
const TypeName kName{"pkg", "msg", "Thing"};

MessageSpec parse(const std::string& text) { return parse_message(text, kName, "Thing.msg"); }

// The "line:column: message" part of the error for `text`.
std::string error_of(const std::string& text) {
  try {
    parse(text);
  } catch (const ParseError& error) {
    return std::to_string(error.line()) + ":" + std::to_string(error.column()) + ": " + error.message();
  }
  return "no error";
}
}  // namespace

TEST(Parser, ReadsEveryPrimitiveType) {
  const auto spec = parse(
      "bool a\nbyte b\nchar c\nfloat32 d\nfloat64 e\nint8 f\nuint8 g\nint16 h\nuint16 i\n"
      "int32 j\nuint32 k\nint64 l\nuint64 m\nstring n\nwstring o\n");
  ASSERT_EQ(spec.fields.size(), 15u);
  EXPECT_EQ(spec.fields[0].type.primitive(), Primitive::Bool);
  EXPECT_EQ(spec.fields[2].type.primitive(), Primitive::Char);
  EXPECT_EQ(spec.fields[14].type.primitive(), Primitive::WString);
  EXPECT_EQ(spec.fields[12].name, "m");
}

TEST(Parser, ReadsContainersAndBounds) {
  const auto spec = parse("int32[3] a\nint32[<=4] b\nint32[] c\nstring<=5 d\nstring<=5[<=2] e\n");
  EXPECT_EQ(spec.fields[0].type.container, Container::Array);
  EXPECT_EQ(spec.fields[0].type.size, 3u);
  EXPECT_EQ(spec.fields[1].type.container, Container::BoundedSequence);
  EXPECT_EQ(spec.fields[1].type.size, 4u);
  EXPECT_EQ(spec.fields[2].type.container, Container::UnboundedSequence);
  EXPECT_EQ(spec.fields[3].type.string_bound, 5u);
  EXPECT_EQ(spec.fields[4].type.to_string(), "string<=5[<=2]");
}

TEST(Parser, ResolvesNestedTypeNames) {
  const auto spec = parse("Other a\nstd_msgs/Header b\nbuiltin_interfaces/msg/Time c\nOther[] d\n");
  EXPECT_EQ(spec.fields[0].type.nested(), (TypeName{"pkg", "msg", "Other"}));
  EXPECT_EQ(spec.fields[1].type.nested(), (TypeName{"std_msgs", "msg", "Header"}));
  EXPECT_EQ(spec.fields[2].type.nested(), (TypeName{"builtin_interfaces", "msg", "Time"}));
  EXPECT_TRUE(spec.fields[3].type.is_sequence());
}

TEST(Parser, ReadsConstantsWithOrWithoutSpacesAroundTheEquals) {
  const auto spec = parse("int32 A=1\nuint8 B = 2\nstring C=\"x # y\"\nstring D=plain text\nint64 E=-9223372036854775808\n");
  ASSERT_EQ(spec.constants.size(), 5u);
  EXPECT_EQ(std::get<std::int64_t>(spec.constants[0].value.values[0]), 1);
  EXPECT_EQ(std::get<std::uint64_t>(spec.constants[1].value.values[0]), 2u);
  EXPECT_EQ(std::get<std::string>(spec.constants[2].value.values[0]), "x # y");
  EXPECT_EQ(std::get<std::string>(spec.constants[3].value.values[0]), "plain text");
  EXPECT_EQ(std::get<std::int64_t>(spec.constants[4].value.values[0]), INT64_MIN);
  // Constants are not fields: the message gets the placeholder member.
  ASSERT_EQ(spec.fields.size(), 1u);
  EXPECT_EQ(spec.fields[0].name, kEmptyStructMember);
}

TEST(Parser, ReadsDefaultValues) {
  const auto spec = parse(
      "bool a true\nint32 b 0x10\nfloat64 c -1.5e3\nstring d 'it\\'s'\nint8[2] e [1, -2]\n"
      "string[] f [\"a,b\", 'c']\nbool g FALSE\nuint8 h 0b11\n");
  EXPECT_EQ(std::get<bool>(spec.fields[0].default_value->values[0]), true);
  EXPECT_EQ(std::get<std::int64_t>(spec.fields[1].default_value->values[0]), 16);
  EXPECT_DOUBLE_EQ(std::get<double>(spec.fields[2].default_value->values[0]), -1500.0);
  EXPECT_EQ(spec.fields[4].default_value->values.size(), 2u);
  EXPECT_EQ(std::get<std::int64_t>(spec.fields[4].default_value->values[1]), -2);
  ASSERT_EQ(spec.fields[5].default_value->values.size(), 2u);
  EXPECT_EQ(std::get<std::string>(spec.fields[5].default_value->values[0]), "a,b");
  EXPECT_EQ(std::get<bool>(spec.fields[6].default_value->values[0]), false);
  EXPECT_EQ(std::get<std::uint64_t>(spec.fields[7].default_value->values[0]), 3u);
}

TEST(Parser, IgnoresCommentsButKeepsTheSourceText) {
  const std::string text = "# header comment\n\nint32 a  # trailing\n  # indented\nstring b \"# kept\"\n";
  const auto spec = parse(text);
  ASSERT_EQ(spec.fields.size(), 2u);
  EXPECT_EQ(std::get<std::string>(spec.fields[1].default_value->values[0]), "# kept");
  EXPECT_EQ(spec.source, text);
}

TEST(Parser, EmptyMessageGetsThePlaceholderMember) {
  const auto spec = parse("# nothing\n");
  ASSERT_EQ(spec.fields.size(), 1u);
  EXPECT_EQ(spec.fields[0].name, "structure_needs_at_least_one_member");
  EXPECT_EQ(spec.fields[0].type.primitive(), Primitive::UInt8);
}

TEST(Parser, SplitsAServiceAtTheSeparator) {
  const auto service = parse_service("int64 a\nint64 b\n---\nint64 sum\n",
                                     TypeName{"example_interfaces", "srv", "AddTwoInts"}, "AddTwoInts.srv");
  EXPECT_EQ(service.request.name.full(), "example_interfaces/srv/AddTwoInts_Request");
  EXPECT_EQ(service.response.name.full(), "example_interfaces/srv/AddTwoInts_Response");
  EXPECT_EQ(service.request.fields.size(), 2u);
  EXPECT_EQ(service.response.fields[0].name, "sum");
  EXPECT_EQ(service.request.source, "int64 a\nint64 b\n");
  const auto empty = parse_service("---\n", TypeName{"std_srvs", "srv", "Empty"}, "Empty.srv");
  EXPECT_EQ(empty.request.fields[0].name, kEmptyStructMember);
  EXPECT_EQ(empty.response.fields[0].name, kEmptyStructMember);
}

TEST(ParserErrors, NameFileLineAndColumn) {
  try {
    parse("int32 a\n  flaot32 b\n");
    FAIL();
  } catch (const ParseError& error) {
    EXPECT_EQ(error.line(), 2);
    EXPECT_EQ(error.column(), 3);
    EXPECT_EQ(std::string(error.what()).rfind("Thing.msg:2:3: error: ", 0), 0u) << error.what();
  }
}

TEST(ParserErrors, SayWhatWasExpected) {
  EXPECT_EQ(error_of("int32\n"), "1:6: expected a field or constant name after the type 'int32'");
  EXPECT_EQ(error_of("int32 Bad\n"), "1:7: invalid field name 'Bad' (expected lower_snake_case)");
  EXPECT_EQ(error_of("int32 bad__name\n"), "1:7: invalid field name 'bad__name' (expected lower_snake_case)");
  EXPECT_EQ(error_of("int32 lower=1\n"), "1:7: invalid constant name 'lower' (expected UPPER_CASE)");
  EXPECT_EQ(error_of("int32[] A=1\n"), "1:1: constants must have a primitive, non-array type");
  EXPECT_EQ(error_of("int8 a 200\n"), "1:8: value 200 out of range for int8");
  EXPECT_EQ(error_of("uint8 a -1\n"), "1:9: value -1 out of range for uint8");
  EXPECT_EQ(error_of("bool a maybe\n"), "1:8: expected a bool (true, false, 1, 0), got 'maybe'");
  EXPECT_EQ(error_of("float32 a x1\n"), "1:11: expected a floating-point number, got 'x1'");
  EXPECT_EQ(error_of("int32 a 1.5\n"), "1:9: expected an integer, got '1.5'");
  EXPECT_EQ(error_of("int32 a\nint32 a\n"), "2:7: duplicate name 'a'");
  EXPECT_EQ(error_of("int32[0] a\n"), "1:7: expected a positive integer array size, got '0'");
  EXPECT_EQ(error_of("int32[x] a\n"), "1:7: expected a positive integer array size, got 'x'");
  EXPECT_EQ(error_of("int32[<=] a\n"), "1:9: expected a positive integer sequence bound, got ''");
  EXPECT_EQ(error_of("int32[3 a\n"), "1:6: expected ']' to close the array suffix");
  EXPECT_EQ(error_of("int32<=5 a\n"), "1:6: only string and wstring take a '<=' bound");
  EXPECT_EQ(error_of("Other a 1\n"), "1:9: fields of message type cannot have a default value");
  EXPECT_EQ(error_of("int32[2] a [1]\n"), "1:12: array of size 2 needs exactly 2 values, got 1");
  EXPECT_EQ(error_of("int32[<=1] a [1, 2]\n"), "1:14: at most 1 values allowed, got 2");
  EXPECT_EQ(error_of("int32[] a 5\n"), "1:11: expected a list '[...]' as the default of an array");
  EXPECT_EQ(error_of("string a \"open\n"), "1:10: unterminated string");
  EXPECT_EQ(error_of("string<=2 a \"abc\"\n"), "1:13: string longer than its bound of 2");
  EXPECT_EQ(error_of("Bad-Type a\n"), "1:1: unknown type 'Bad-Type' (expected a primitive type or a message type name)");
  EXPECT_EQ(error_of("Bad_pkg/Type a\n"), "1:1: invalid package name 'Bad_pkg'");
  EXPECT_EQ(error_of("a/b/c/d x\n"), "1:1: malformed type name 'a/b/c/d'");
}

TEST(ParserErrors, ServiceNeedsExactlyOneSeparator) {
  const TypeName name{"pkg", "srv", "S"};
  try {
    parse_service("int32 a\n", name, "S.srv");
    FAIL();
  } catch (const ParseError& error) {
    EXPECT_EQ(error.message(), "expected '---' between the request and the response");
  }
  try {
    parse_service("---\n---\n", name, "S.srv");
    FAIL();
  } catch (const ParseError& error) {
    EXPECT_EQ(error.line(), 2);
  }
  try {
    parse_service("int32 a\n---\nint32 B_\n", name, "S.srv");
    FAIL();
  } catch (const ParseError& error) {
    EXPECT_EQ(error.line(), 3);  // response lines keep their numbers in the file
  }
}

TEST(ParserErrors, RejectBadTypeNames) {
  EXPECT_THROW(parse_message("int32 a\n", TypeName{"pkg", "msg", "lower"}, "lower.msg"), ParseError);
  EXPECT_THROW(parse_message("int32 a\n", TypeName{"Pkg", "msg", "Thing"}, "Thing.msg"), ParseError);
}
