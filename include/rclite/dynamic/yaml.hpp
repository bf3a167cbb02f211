/// @file
/// Runtime-typed values from and to YAML, as ros2cli reads and writes them.
///
/// Input is what `ros2 service call <service> <type> "<values>"` accepts: a YAML map of field
/// values, usually in flow style ("{a: 2, b: 3}", "{stamp: {sec: 1}, data: [1, 2]}"); fields left
/// out keep their defaults, and "" or "{}" means all defaults. Output is what
/// rosidl_runtime_py.message_to_yaml prints (`ros2 topic echo`, `--flow-style`).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rclite/dynamic/dynamic_value.hpp"

namespace rclite::dynamic {

/// What PyYAML's safe_load (YAML 1.1) makes of a plain (unquoted) scalar: Null ("", "~", "null"),
/// Bool, Integer, Float, or String for any other text.
enum class YamlScalarKind { Null, Bool, Integer, Float, String };
/// The kind PyYAML's implicit resolvers give the plain scalar `text`, e.g. "on" a bool, "0x1f" an
/// int, "1.5" and ".inf" floats, "1e5" (no dot) a str. Timestamps and sexagesimal numbers
/// ("2001-12-14", "1:30") are left out and come back as String. `ros2 param set` uses it to pick a
/// parameter's type from its text; from_yaml and assign_yaml use it to name, as Python would, the
/// value of a document that is not a map (NotAMapError).
YamlScalarKind resolve_plain_scalar(std::string_view text);

/// The error for a document that is not a map. Besides the message, it tells what ros2cli's
/// set_message_fields says of such a value: str() of what yaml.safe_load gave ("[1, 2]") and that
/// value's Python type name ("list").
class NotAMapError : public ValueError {
 public:
  /// `message` is what(), rclite's own one-line wording; the other two are stored as given.
  NotAMapError(const std::string& message, std::string python_str, std::string python_type)
      : ValueError(message), python_str(std::move(python_str)), python_type(std::move(python_type)) {}
  /// str() of the document's Python value: "[1, 2]", "True", "2.5", or a string's text unquoted.
  std::string python_str;
  /// The Python type name of that value: "list", "bool", "int", "float" or "str".
  std::string python_type;
};

/// A message of `type`: its defaults with the fields given in `yaml` set. Throws ValueError with a
/// one-line message for text that is not YAML, an unknown field, a value of the wrong kind or out
/// of range, a string or sequence longer than its bound, or an array of the wrong length (and
/// NotAMapError for a document that is not a map), e.g.
/// @code{.unparsed}
///   unknown field 'c' in example_interfaces/srv/AddTwoInts_Request
///   field 'a': '2.5' is not an int64
/// @endcode
///
/// Stricter than ros2cli, which converts with Python (int(2.5) == 2, bool('false') == True):
/// integers take YAML 1.1 integers only (decimal, 0x, 0o or leading-0 octal, 0b, '_' separators),
/// floats take numbers, .inf, .nan and inf/nan, bools take YAML 1.1's words (true/false, yes/no,
/// on/off in three casings), byte and char take an integer 0-255 (ros2 cannot set a byte from
/// YAML), and strings take any scalar's text as written (ros2 takes str() of the parsed value:
/// "true" becomes 'True' there). Only one YAML document is read.
DynamicValue from_yaml(std::string_view yaml, const MessageTypePtr& type);

/// Where a value sits in a message: field indices (MessageType::members()) and element indices, from
/// the message down.
using FieldPath = std::vector<std::size_t>;

/// from_yaml as `ros2 topic pub` reads its values (set_message_fields with expand_header_auto and
/// expand_time_now): a builtin_interfaces/msg/Time given as "now" and the stamp of a
/// std_msgs/msg/Header given as "auto" are left at their defaults and their paths appended to
/// `timestamps`, for the caller to set to the current time before each publish.
DynamicValue from_yaml(std::string_view yaml, const MessageTypePtr& type, std::vector<FieldPath>& timestamps);

/// The value at `path` in `message` (a path from from_yaml; no bounds are checked beyond the value's own).
DynamicValue& value_at(DynamicValue& message, const FieldPath& path);

/// Sets the fields given in `yaml` on `message` (a message value), leaving the others as they are.
/// A nested message or a list that is given is replaced as a whole, as ros2cli does: its own fields
/// left out take their defaults. On error `message` may be partly assigned.
void assign_yaml(DynamicValue& message, std::string_view yaml);

/// How to_yaml prints (ros2 topic echo's options).
struct YamlOptions {
  /// Block mappings with flow sequences (`ros2 topic echo --flow-style`) instead of all block style.
  bool flow_style = false;
  /// Strings and sequences longer than this are cut and end in "..." (ros2's --truncate-length).
  std::optional<std::size_t> truncate_length;
  /// Arrays and sequences printed as "<sequence type: int32, length: 3>" (ros2's --no-arr).
  bool no_arr = false;
  /// Strings printed as "<string length: <5>>" (ros2's --no-str).
  bool no_str = false;
};

/// The YAML document message_to_yaml gives for a message value, ending in a newline, e.g.
/// "sum: 5\n". Other values are printed as the YAML of that value alone.
std::string to_yaml(const DynamicValue& value, const YamlOptions& options = {});

/// A plain tree as Python's yaml.dump is given one (dicts, lists, scalars), for tools that print
/// other things than messages the way ros2cli does (`param dump`).
struct YamlTree {
  /// A scalar, a list, or a dict.
  enum class Kind { Scalar, Sequence, Mapping };
  Kind kind = Kind::Scalar;  ///< which of the three this node is
  std::string text;       ///< a scalar as YAML text: "7", "2.5", "true", or a string's characters
  bool is_string = false;  ///< a str: quoted where it would read back as another type ('true', '7')
  std::vector<std::string> keys;  ///< a mapping's keys, printed in this order
  std::vector<YamlTree> items;    ///< a sequence's elements or a mapping's values

  /// A str scalar.
  static YamlTree string(std::string text);
  static YamlTree number(double value);  ///< PyYAML's float text: 2.5, 1.0e-05, .inf
  static YamlTree scalar(std::string text);  ///< as given: integers, true/false
};

/// PyYAML's block-style document of `tree` (yaml.dump(..., default_flow_style=False)).
std::string to_yaml(const YamlTree& tree);

}  // namespace rclite::dynamic
