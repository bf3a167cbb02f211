// How Python and numpy write values as text, for printing like ros2cli (repr.cpp, yaml_output.cpp).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rclite::dynamic::python {

// repr(float): the shortest text that reads back as the same double ("0.1", "1.0", "1e-05",
// "1e+16", "inf", "nan").
std::string float_repr(double value);
// str(numpy.float32(value)): the shortest text that reads back as the same float, written as
// repr(float) writes it ("0.1", "1e-05").
std::string float32_str(float value);
// repr(str) of these code points: quoted with ' (or " when only ' occurs), escaped as Python does.
std::string str_repr(std::u32string_view text);
// repr(bytes) of one byte: b'A', b'\x00', b"'".
std::string byte_repr(std::uint8_t value);
// str.isprintable() for one code point (Unicode 14 categories Cc, Cf, Cs, Co, Zl, Zp, Zs and the
// noncharacters are not printable; other unassigned code points are taken as printable).
bool is_printable(char32_t code);

// repr() of a one-dimensional numpy array of these values, as numpy 1.x prints it: "array([1, 2,
// 3], dtype=int32)" with numpy's alignment padding, line wrapping at 75 columns and, beyond 1000
// elements, summarization. `dtype` is numpy's name ("int32", "float64", ...); int64 and float64
// are not named, being numpy's defaults.
std::string numpy_array_repr(const std::vector<std::int64_t>& values, std::string_view dtype);
std::string numpy_array_repr(const std::vector<std::uint64_t>& values, std::string_view dtype);
std::string numpy_array_repr(const std::vector<float>& values);
std::string numpy_array_repr(const std::vector<double>& values);

}  // namespace rclite::dynamic::python
