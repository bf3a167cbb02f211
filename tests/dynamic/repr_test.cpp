// Printing as ros2cli does (the __repr__ of rclpy messages). The expected texts come from
// Python 3 and numpy 1.24 (golden/jazzy-console-outputs.txt for AddTwoInts).
#include <gtest/gtest.h>

#include <cmath>

#include "../../src/dynamic/python_text.hpp"
#include "dynamic/dynamic_support.hpp"
#include "rclite/dynamic/repr.hpp"

using namespace rclite;
using dynamic::DynamicValue;
using dynamic::to_repr;
namespace python = rclite::dynamic::python;

TEST(Repr, PrintsAddTwoIntsAsRos2ServiceCall) {
  DynamicValue request = test::default_message("example_interfaces/srv/AddTwoInts_Request");
  request["a"].set(2);
  request["b"].set(3);
  EXPECT_EQ(to_repr(request), "example_interfaces.srv.AddTwoInts_Request(a=2, b=3)");
  DynamicValue response = test::default_message("example_interfaces/srv/AddTwoInts_Response");
  response["sum"].set(5);
  EXPECT_EQ(to_repr(response), "example_interfaces.srv.AddTwoInts_Response(sum=5)");
}

TEST(Repr, PrintsEveryKindOfField) {
  EXPECT_EQ(to_repr(test::default_message("rclite_test_msgs/msg/Everything")),
            "rclite_test_msgs.msg.Everything(flag=True, raw=b'\\xff', letter=65, ratio=0.5, "
            "scale=-0.001, count=-7, mask=10, name='it\\'s \"quoted\"', short_name='abc', wide='wide', "
            "triple=array([1, 2, 3], dtype=int32), bounded=[1.5, -2.0], words=['a,b', 'c'], "
            "tiny_words=[], flags=[True, False, True], class=0, "
            "inner=rclite_test_msgs.msg.Nested(value=9), "
            "pair=[rclite_test_msgs.msg.Nested(value=9), rclite_test_msgs.msg.Nested(value=9)], "
            "stamp=builtin_interfaces.msg.Time(sec=0, nanosec=0))");
}

TEST(Repr, HidesThePlaceholderOfAnEmptyMessage) {
  EXPECT_EQ(to_repr(test::default_message("std_srvs/srv/Empty_Request")), "std_srvs.srv.Empty_Request()");
}

TEST(Repr, PrintsByteAndCharSequences) {
  DynamicValue value = test::default_message("std_msgs/msg/ByteMultiArray");
  value["data"].resize(2);
  value["data"][1].set(std::uint8_t{'A'});
  EXPECT_EQ(to_repr(value["data"]), "[b'\\x00', b'A']");
  DynamicValue gid = test::default_message("rmw_dds_common/msg/Gid");  // char[16]: numpy uint8
  EXPECT_EQ(to_repr(gid), "rmw_dds_common.msg.Gid(data=array([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], "
                          "dtype=uint8))");
}

TEST(Repr, PrintsFloatsAsPythonRepr) {
  const std::pair<double, const char*> cases[] = {
      {0.1, "0.1"}, {1.0, "1.0"}, {1e16, "1e+16"}, {1e15, "1000000000000000.0"},
      {1234567890123456.0, "1234567890123456.0"}, {0.0001, "0.0001"}, {0.00001, "1e-05"},
      {1e-7, "1e-07"}, {1.5e-7, "1.5e-07"}, {-0.0, "-0.0"}, {0.0, "0.0"}, {INFINITY, "inf"},
      {-INFINITY, "-inf"}, {NAN, "nan"}, {3.14159, "3.14159"}, {5e-324, "5e-324"},
      {1.7976931348623157e308, "1.7976931348623157e+308"}, {100.0, "100.0"},
      {123456789.0, "123456789.0"}, {2.5e22, "2.5e+22"},
      {static_cast<double>(0.1f), "0.10000000149011612"}, {-1e-3, "-0.001"}};
  for (const auto& [value, text] : cases) EXPECT_EQ(python::float_repr(value), text);
  DynamicValue single = test::default_message("std_msgs/msg/Float32");
  single["data"].set(0.1f);  // rclpy holds the double a float32 converts to
  EXPECT_EQ(to_repr(single), "std_msgs.msg.Float32(data=0.10000000149011612)");
}

TEST(Repr, QuotesAndEscapesStringsAsPython) {
  const std::pair<std::u32string, const char*> cases[] = {
      {U"abc", "'abc'"},
      {U"it's", "\"it's\""},
      {U"say \"hi\"", "'say \"hi\"'"},
      {U"both ' and \"", "'both \\' and \"'"},
      {U"tab\there\nnl\r", "'tab\\there\\nnl\\r'"},
      {std::u32string(U"\0\x07\x1f\x7f", 4), "'\\x00\\x07\\x1f\\x7f'"},
      {U"\u00e9\u00a0\u00ad\u200b", "'\xc3\xa9\\xa0\\xad\\u200b'"},
      {U"\U0001F600", "'\xf0\x9f\x98\x80'"},
      {U"back\\slash", "'back\\\\slash'"},
      {std::u32string(1, 0xD800), "'\\ud800'"},
      {U"\u2028", "'\\u2028'"},
      {std::u32string(1, 0xFFFE), "'\\ufffe'"},
      {U"\U000E0001", "'\\U000e0001'"},
  };
  for (const auto& [text, repr] : cases) EXPECT_EQ(python::str_repr(text), repr);
  DynamicValue value = test::default_message("std_msgs/msg/String");
  value["data"].set("caf\xc3\xa9 \xff");  // invalid UTF-8 prints as U+FFFD
  EXPECT_EQ(to_repr(value), "std_msgs.msg.String(data='caf\xc3\xa9 \xef\xbf\xbd')");
  DynamicValue wide = test::default_message("example_interfaces/msg/WString");
  wide["data"].set(u"\u00e9\U0001F600");
  EXPECT_EQ(to_repr(wide), "example_interfaces.msg.WString(data='\xc3\xa9\xf0\x9f\x98\x80')");
}

TEST(Repr, PrintsBytesAsPython) {
  const std::pair<std::uint8_t, const char*> cases[] = {
      {0, "b'\\x00'"}, {65, "b'A'"}, {39, "b\"'\""}, {34, "b'\"'"}, {92, "b'\\\\'"}, {9, "b'\\t'"},
      {10, "b'\\n'"}, {13, "b'\\r'"}, {127, "b'\\x7f'"}, {128, "b'\\x80'"}, {255, "b'\\xff'"}, {32, "b' '"}};
  for (const auto& [byte, repr] : cases) EXPECT_EQ(python::byte_repr(byte), repr);
}

TEST(Repr, PrintsNumericArraysAsNumpy) {
  using V64 = std::vector<std::int64_t>;
  using U64 = std::vector<std::uint64_t>;
  EXPECT_EQ(python::numpy_array_repr(V64{1, 2, 3}, "int32"), "array([1, 2, 3], dtype=int32)");
  EXPECT_EQ(python::numpy_array_repr(V64{1, -20, 300}, "int32"), "array([  1, -20, 300], dtype=int32)");
  EXPECT_EQ(python::numpy_array_repr(V64{1, 2, 3}, "int64"), "array([1, 2, 3])");
  EXPECT_EQ(python::numpy_array_repr(V64{1, 15, 234, 100, 255, 0, 7, 99, 200, 201, 202, 203, 204, 205, 206, 207}, "uint8"),
            "array([  1,  15, 234, 100, 255,   0,   7,  99, 200, 201, 202, 203, 204,\n"
            "       205, 206, 207], dtype=uint8)");
  EXPECT_EQ(python::numpy_array_repr(U64{18446744073709551615ULL, 0}, "uint64"),
            "array([18446744073709551615,                    0], dtype=uint64)");
  EXPECT_EQ(python::numpy_array_repr(V64{INT64_MIN, 5}, "int64"),
            "array([-9223372036854775808,                    5])");
  EXPECT_EQ(python::numpy_array_repr(V64(4, 1000000000000000000), "int64"),
            "array([1000000000000000000, 1000000000000000000, 1000000000000000000,\n"
            "       1000000000000000000])");
  EXPECT_EQ(python::numpy_array_repr(V64{4000000000, 4000000000, 4000000000, 4000000000, 4000000000, 1}, "uint32"),
            "array([4000000000, 4000000000, 4000000000, 4000000000, 4000000000,\n"
            "                1], dtype=uint32)");
  V64 int16s;
  for (int i = -20; i < 20; ++i) int16s.push_back(i);
  EXPECT_EQ(python::numpy_array_repr(int16s, "int16"),
            "array([-20, -19, -18, -17, -16, -15, -14, -13, -12, -11, -10,  -9,  -8,\n"
            "        -7,  -6,  -5,  -4,  -3,  -2,  -1,   0,   1,   2,   3,   4,   5,\n"
            "         6,   7,   8,   9,  10,  11,  12,  13,  14,  15,  16,  17,  18,\n"
            "        19], dtype=int16)");
  V64 bytes;
  for (int i = 0; i < 2000; ++i) bytes.push_back(i % 256);
  EXPECT_EQ(python::numpy_array_repr(bytes, "uint8"), "array([  0,   1,   2, ..., 205, 206, 207], dtype=uint8)");
}

TEST(Repr, PrintsFloatArraysAsNumpy) {
  using D = std::vector<double>;
  using F = std::vector<float>;
  EXPECT_EQ(python::numpy_array_repr(D{0.1, 1.0}), "array([0.1, 1. ])");
  EXPECT_EQ(python::numpy_array_repr(D{1.5, -2.0}), "array([ 1.5, -2. ])");
  EXPECT_EQ(python::numpy_array_repr(D{0, 0, 0}), "array([0., 0., 0.])");
  EXPECT_EQ(python::numpy_array_repr(D{3.14159265358979, 2.0}), "array([3.14159265, 2.        ])");
  EXPECT_EQ(python::numpy_array_repr(D{1e-5, 1.5}), "array([1.0e-05, 1.5e+00])");
  EXPECT_EQ(python::numpy_array_repr(D{1e8, 1.0}), "array([1.e+08, 1.e+00])");
  EXPECT_EQ(python::numpy_array_repr(D{1e100, -1e-100, 0.0}), "array([ 1.e+100, -1.e-100,  0.e+000])");
  EXPECT_EQ(python::numpy_array_repr(D{NAN, -INFINITY, 1.5}), "array([ nan, -inf,  1.5])");
  EXPECT_EQ(python::numpy_array_repr(D{NAN, INFINITY}), "array([nan, inf])");
  EXPECT_EQ(python::numpy_array_repr(D{-0.0, 2.5}), "array([-0. ,  2.5])");
  EXPECT_EQ(python::numpy_array_repr(D{0.123456789012, 100.5}), "array([  0.12345679, 100.5       ])");
  EXPECT_EQ(python::numpy_array_repr(F{0.1f, 0.2f, 1.0f}), "array([0.1, 0.2, 1. ], dtype=float32)");
  EXPECT_EQ(python::numpy_array_repr(F{3.4028235e38f, 1.0f}),
            "array([3.4028235e+38, 1.0000000e+00], dtype=float32)");
  EXPECT_EQ(python::numpy_array_repr(F{1.0f / 3, 123456.789f}),
            "array([3.3333334e-01, 1.2345679e+05], dtype=float32)");
  // Padded to the longest with the exact digits of the value, not zeros (470.6365 -> 4.7063651e+02).
  EXPECT_EQ(python::numpy_array_repr(F{402.24582f, 470.6365f, 0.001f}),
            "array([4.0224582e+02, 4.7063651e+02, 1.0000000e-03], dtype=float32)");
  D quarters;
  for (int i = 0; i < 30; ++i) quarters.push_back(i * 1.25);
  EXPECT_EQ(python::numpy_array_repr(quarters),
            "array([ 0.  ,  1.25,  2.5 ,  3.75,  5.  ,  6.25,  7.5 ,  8.75, 10.  ,\n"
            "       11.25, 12.5 , 13.75, 15.  , 16.25, 17.5 , 18.75, 20.  , 21.25,\n"
            "       22.5 , 23.75, 25.  , 26.25, 27.5 , 28.75, 30.  , 31.25, 32.5 ,\n"
            "       33.75, 35.  , 36.25])");
  D thirds;
  for (int i = 0; i < 2000; ++i) thirds.push_back(i / 3.0);
  EXPECT_EQ(python::numpy_array_repr(thirds),
            "array([0.00000000e+00, 3.33333333e-01, 6.66666667e-01, ...,\n"
            "       6.65666667e+02, 6.66000000e+02, 6.66333333e+02])");
}

TEST(Repr, PrintsListsOfNumbersAsPythonLists) {
  DynamicValue value = test::default_message("std_msgs/msg/Float32MultiArray");
  value["data"].resize(2);
  value["data"][0].set(1.5f);
  value["data"][1].set(0.1f);
  EXPECT_EQ(to_repr(value["data"]), "[1.5, 0.10000000149011612]");
  EXPECT_EQ(to_repr(value["layout"]), "std_msgs.msg.MultiArrayLayout(dim=[], data_offset=0)");
}
