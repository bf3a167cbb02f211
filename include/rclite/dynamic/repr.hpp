/// @file
/// Printing runtime-typed values as ros2cli does: the __repr__ of rclpy messages that
/// `ros2 service call` prints, e.g.
/// @code{.unparsed}
///   example_interfaces.srv.AddTwoInts_Request(a=2, b=3)
///   builtin_interfaces.msg.Time(sec=1, nanosec=0)
/// @endcode
///
/// As rosidl_generator_py does: bools print as True/False, floats as Python's repr (shortest text
/// that reads back the same: 0.1, 1.0, 1e-05; a float32 as the double it converts to, as rclpy
/// holds it), strings and wstrings in Python's quoting and escaping, byte as b'\\x00', char as its
/// number, nested messages inline, sequences of numbers as lists [1, 2], other sequences and arrays
/// as lists of their elements' repr, and arrays of numbers as numpy prints them
/// (array([1, 2, 3], dtype=int32), array([0. , 1.5]) with numpy's padding and line wrapping).
///
/// Known deviations from ros2cli:
/// - A float32 prints as the value it has on the wire. ros2 prints a *request* it built from YAML
///   before conversion, so "{x: 0.1}" shows x=0.1 there and x=0.10000000149011612 here (replies,
///   decoded from the wire, print the same).
/// - A string that is not valid UTF-8 prints U+FFFD for its invalid bytes (rclpy fails to convert
///   it); a string is not cut at an embedded NUL (rclpy's strlen cuts it).
/// - Code points that Python escapes because they are unassigned in its Unicode database are
///   printed as they are (assigned non-printable ones, such as U+200B, are escaped as Python does).
/// - numpy arrays follow numpy 1.x's default print options (Jazzy's Ubuntu 24.04 has numpy 1.26).
#pragma once

#include <string>

#include "rclite/dynamic/dynamic_value.hpp"

namespace rclite::dynamic {

/// The repr of `value` (see the file comment).
std::string to_repr(const DynamicValue& value);

}  // namespace rclite::dynamic
