// YAML text to runtime-typed values, as ros2cli's set_message_fields fills a message from
// yaml.safe_load(values), but strict: a value that does not fit its field is an error rather than
// a Python conversion (int(2.5) == 2, bool('false') == True).
#include <yaml-cpp/anchor.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <regex>
#include <sstream>

#include "rclite/dynamic/yaml.hpp"
#include "python_text.hpp"
#include "unicode.hpp"

namespace rclite::dynamic {

using idl::Primitive;

namespace {

// Text in quotes on one line, escaped as Python's repr() does.
std::string quote(std::string_view text) { return python::str_repr(unicode::decode_utf8(text)); }

std::string describe(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map: return "a map";
    case YAML::NodeType::Sequence: return "a list";
    case YAML::NodeType::Scalar: return quote(node.Scalar());
    default: return "null";
  }
}

[[noreturn]] void fail(const std::string& path, const std::string& message) {
  throw ValueError("field '" + path + "': " + message);
}

// YAML 1.1 integers as PyYAML reads them: decimal, 0x hex, 0b binary, 0o or leading-0 octal,
// with an optional sign and '_' between digits.
struct Integer {
  bool negative = false;
  std::uint64_t magnitude = 0;
};

std::optional<Integer> parse_integer(std::string_view text) {
  Integer value;
  if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
    value.negative = text.front() == '-';
    text.remove_prefix(1);
  }
  int base = 10;
  if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
    base = 16;
    text.remove_prefix(2);
  } else if (text.size() > 2 && text[0] == '0' && (text[1] == 'b' || text[1] == 'B')) {
    base = 2;
    text.remove_prefix(2);
  } else if (text.size() > 2 && text[0] == '0' && (text[1] == 'o' || text[1] == 'O')) {
    base = 8;
    text.remove_prefix(2);
  } else if (text.size() > 1 && text[0] == '0') {
    base = 8;
    text.remove_prefix(1);
  }
  std::string digits;
  for (char c : text) {
    if (c != '_') digits += c;
  }
  if (digits.empty() || text.front() == '_') return std::nullopt;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value.magnitude, base);
  if (ec == std::errc::result_out_of_range) {
    value.magnitude = UINT64_MAX;  // reported as out of range by the caller
  } else if (ec != std::errc() || end != digits.data() + digits.size()) {
    return std::nullopt;
  }
  return value;
}

// Floating-point numbers: YAML's (1.5, -1e-3, .inf, -.Inf, .nan) and Python float()'s (inf, nan).
std::optional<double> parse_float(std::string_view text) {
  bool negative = false;
  if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
    negative = text.front() == '-';
    text.remove_prefix(1);
  }
  if (text == ".inf" || text == ".Inf" || text == ".INF") {
    return negative ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
  }
  if (text == ".nan" || text == ".NaN" || text == ".NAN") return std::numeric_limits<double>::quiet_NaN();
  std::string digits;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '_' && i > 0 && std::isdigit(static_cast<unsigned char>(text[i - 1]))) continue;
    digits += text[i];
  }
  if (digits.empty() || digits.front() == '-' || digits.front() == '+') return std::nullopt;
  double value = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (end != digits.data() + digits.size()) return std::nullopt;
  if (ec == std::errc::result_out_of_range) {
    value = std::strtod(digits.c_str(), nullptr);  // from_chars leaves it unset: inf, or 0 when too small
  } else if (ec != std::errc()) {
    return std::nullopt;
  }
  return negative ? -value : value;
}

bool parse_bool(std::string_view text, bool& value) {
  for (const char* word : {"true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON"}) {
    if (text == word) return value = true;
  }
  for (const char* word : {"false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF"}) {
    if (text == word) {
      value = false;
      return true;
    }
  }
  return false;
}

std::string an(Primitive p) {
  const std::string name = idl::to_string(p);
  return (name.front() == 'i' ? "an " : "a ") + name;
}

// "-128 to 127", "0 to 18446744073709551615".
std::string integer_range(Primitive p) {
  switch (p) {
    case Primitive::Int8: return "-128 to 127";
    case Primitive::Int16: return "-32768 to 32767";
    case Primitive::Int32: return "-2147483648 to 2147483647";
    case Primitive::Int64: return "-9223372036854775808 to 9223372036854775807";
    case Primitive::UInt16: return "0 to 65535";
    case Primitive::UInt32: return "0 to 4294967295";
    case Primitive::UInt64: return "0 to 18446744073709551615";
    default: return "0 to 255";  // byte, char, uint8
  }
}

void assign_primitive(DynamicValue& target, const YAML::Node& node, const std::string& path) {
  const Primitive p = target.primitive();
  if (!node.IsScalar()) fail(path, "expected " + an(p) + ", got " + describe(node));
  const std::string& text = node.Scalar();
  const std::string quoted = quote(text);
  if (p == Primitive::Bool) {
    bool value = false;
    if (!parse_bool(text, value)) fail(path, quoted + " is not a bool");
    target.set(value);
  } else if (idl::is_float(p)) {
    const auto value = parse_float(text);
    if (!value) fail(path, quoted + " is not " + an(p));
    if (p == Primitive::Float32 && std::isfinite(*value) &&
        std::fabs(*value) > std::numeric_limits<float>::max()) {
      fail(path, quoted + " is out of range for float32");
    }
    target.set(*value);
  } else if (idl::is_integer(p)) {
    const auto value = parse_integer(text);
    if (!value) fail(path, quoted + " is not " + an(p));
    try {
      if (!value->negative) {
        target.set(value->magnitude);
      } else if (value->magnitude <= static_cast<std::uint64_t>(INT64_MAX) + 1) {
        target.set(static_cast<std::int64_t>(0 - value->magnitude));
      } else {
        throw ValueError("out of range");
      }
    } catch (const ValueError&) {
      fail(path, quoted + " is out of range for " + idl::to_string(p) + " (" + integer_range(p) + ")");
    }
  } else {
    const std::uint32_t bound = target.type().string_bound;
    if (p == Primitive::String) {
      // As ros2: PyYAML refuses text that is not UTF-8. Kept, it would print (U+FFFD for each bad
      // byte, rclpy's way) as another string than the one read.
      if (!unicode::decode_utf8_strict(text)) fail(path, "a string needs valid UTF-8 text");
      if (bound != 0 && text.size() > bound) {
        fail(path, "a string of " + std::to_string(text.size()) + " bytes where at most " +
                       std::to_string(bound) + " are allowed");
      }
      target.set(std::string_view(text));
    } else {
      const auto code_points = unicode::decode_utf8_strict(text);
      if (!code_points) fail(path, "a wstring needs valid UTF-8 text");
      std::u16string wide = unicode::encode_utf16(*code_points);
      if (bound != 0 && wide.size() > bound) {
        fail(path, "a wstring of " + std::to_string(wide.size()) + " UTF-16 units where at most " +
                       std::to_string(bound) + " are allowed");
      }
      target.set(std::move(wide));
    }
  }
}

// Where set_message_fields' expand_header_auto / expand_time_now put what they found, or null when
// they are off; `at` is the path of the value being assigned.
struct Timestamps {
  std::vector<FieldPath>* found;
  FieldPath at;
};

// A "now" Time or an "auto" Header: left at its defaults and listed for stamping. False for any
// other value.
bool take_timestamp(DynamicValue& target, const YAML::Node& node, Timestamps* stamps) {
  if (stamps == nullptr || !node.IsScalar() || !target.is_message()) return false;
  const std::string type = target.message_type().name().full();
  if (type == "builtin_interfaces/msg/Time" && node.Scalar() == "now") {
    stamps->found->push_back(stamps->at);
  } else if (type == "std_msgs/msg/Header" && node.Scalar() == "auto") {
    target = DynamicValue(target.type());
    FieldPath stamp = stamps->at;
    stamp.push_back(*target.message_type().find("stamp"));
    stamps->found->push_back(std::move(stamp));
  } else {
    return false;
  }
  return true;
}

void assign_value(DynamicValue& target, const YAML::Node& node, const std::string& path, Timestamps* stamps);

// Assigns `value` at `index` below the current path (a field or an element).
void assign_at(DynamicValue& target, std::size_t index, const YAML::Node& node, const std::string& path,
               Timestamps* stamps) {
  if (stamps != nullptr) stamps->at.push_back(index);
  assign_value(target, node, path, stamps);
  if (stamps != nullptr) stamps->at.pop_back();
}

void assign_fields(DynamicValue& message, const YAML::Node& map, const std::string& prefix, Timestamps* stamps) {
  const MessageType& type = message.message_type();
  for (auto it = map.begin(); it != map.end(); ++it) {
    if (!it->first.IsScalar()) {
      throw ValueError("field names are text, not " + describe(it->first) + " (in " + type.name().full() + ")");
    }
    const std::string& name = it->first.Scalar();
    if (!message.has_field(name)) {
      std::string fields;
      if (!type.is_empty_struct()) {
        for (const auto& member : type.members()) fields += (fields.empty() ? "" : ", ") + member.name;
      }
      throw ValueError("unknown field '" + prefix + name + "' in " + type.name().full() +
                       (fields.empty() ? " (it has no fields)" : " (its fields: " + fields + ")"));
    }
    assign_at(message[name], *type.find(name), it->second, prefix + name, stamps);
  }
}

void assign_value(DynamicValue& target, const YAML::Node& node, const std::string& path, Timestamps* stamps) {
  if (take_timestamp(target, node, stamps)) return;
  const ValueType& type = target.type();
  if (type.is_list()) {
    if (!node.IsSequence()) fail(path, "expected a list (" + type.to_string() + "), got " + describe(node));
    const std::size_t count = node.size();
    if (type.container == idl::Container::Array && count != type.size) {
      fail(path, std::to_string(count) + " elements where " + type.to_string() + " needs exactly " +
                     std::to_string(type.size));
    }
    if (type.sequence_bound() != 0 && count > type.sequence_bound()) {
      fail(path, std::to_string(count) + " elements where at most " +
                     std::to_string(type.sequence_bound()) + " are allowed");
    }
    // A list given replaces the old one, its elements starting from their defaults.
    target = DynamicValue(type);
    if (type.is_sequence()) target.resize(count);
    std::size_t index = 0;
    for (const auto& element : node) {
      assign_at(target[index], index, element, path + "[" + std::to_string(index) + "]", stamps);
      ++index;
    }
  } else if (type.is_message()) {
    if (!node.IsMap()) {
      fail(path, "expected a map of " + type.message->name().full() + " fields, got " + describe(node));
    }
    target = DynamicValue(type);  // fields left out take their defaults, as in ros2cli
    assign_fields(target, node, path + ".", stamps);
  } else {
    assign_primitive(target, node, path);
  }
}

// Receives parser events and ignores them: only the number of documents matters.
class EventCounter : public YAML::EventHandler {
 public:
  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}
};

// repr() (or, at the top, str()) of the Python value yaml.safe_load makes of `node`. An alias can
// make a list contain itself, which Python prints as [...]; so does anything nested too deep here.
std::string python_text(const YAML::Node& node, bool top, int depth = 0) {
  constexpr int kMaxDepth = 64;
  if (depth > kMaxDepth) return "...";
  switch (node.Type()) {
    case YAML::NodeType::Sequence: {
      std::string out = "[";
      for (std::size_t i = 0; i < node.size(); ++i) {
        out += (i > 0 ? ", " : "") + python_text(node[i], false, depth + 1);
      }
      return out + "]";
    }
    case YAML::NodeType::Map: {
      std::string out = "{";
      for (auto it = node.begin(); it != node.end(); ++it) {
        out += (out.size() > 1 ? ", " : "") + python_text(it->first, false, depth + 1) + ": " +
               python_text(it->second, false, depth + 1);
      }
      return out + "}";
    }
    case YAML::NodeType::Scalar: {
      const std::string& text = node.Scalar();
      const bool plain = node.Tag() == "?";
      switch (plain ? resolve_plain_scalar(text) : YamlScalarKind::String) {
        case YamlScalarKind::Null: return "None";
        case YamlScalarKind::Bool: {
          bool value = false;
          parse_bool(text, value);
          return value ? "True" : "False";
        }
        case YamlScalarKind::Integer: {
          const auto value = parse_integer(text);
          if (value && value->magnitude != UINT64_MAX) {
            return (value->negative && value->magnitude != 0 ? "-" : "") + std::to_string(value->magnitude);
          }
          return text;
        }
        case YamlScalarKind::Float:
          if (const auto value = parse_float(text)) return python::float_repr(*value);
          return text;
        case YamlScalarKind::String: return top ? text : quote(text);
      }
      return text;
    }
    default: return "None";
  }
}

// Python's type name of that value.
std::string python_type(const YAML::Node& node) {
  if (node.IsSequence()) return "list";
  if (node.IsMap()) return "dict";
  if (!node.IsScalar()) return "NoneType";
  if (node.Tag() != "?") return "str";
  switch (resolve_plain_scalar(node.Scalar())) {
    case YamlScalarKind::Null: return "NoneType";
    case YamlScalarKind::Bool: return "bool";
    case YamlScalarKind::Integer: return "int";
    case YamlScalarKind::Float: return "float";
    case YamlScalarKind::String: return "str";
  }
  return "str";
}

// Text that is YAML's null: blank, comments, "~" or "null".
bool is_null_text(std::string_view text) {
  std::string content;
  bool in_comment = false;
  char previous = ' ';
  for (char c : text) {
    if (c == '\n') in_comment = false;
    if (c == '#' && std::isspace(static_cast<unsigned char>(previous))) in_comment = true;
    if (!in_comment && !std::isspace(static_cast<unsigned char>(c))) content += c;
    previous = c;
  }
  return content.empty() || content == "~" || content == "null" || content == "Null" || content == "NULL";
}

void assign_yaml(DynamicValue& message, std::string_view yaml, Timestamps* stamps) {
  const MessageType& type = message.message_type();
  const std::string text(yaml);
  YAML::Node root;
  std::size_t documents = 0;
  try {
    root = YAML::Load(text);
    // YAML::LoadAll would tell the documents apart, but yaml-cpp 0.7 returns endless empty
    // documents for some malformed text (such as ",a ["): count at most two with the parser.
    std::istringstream stream(text);
    YAML::Parser parser(stream);
    EventCounter counter;
    while (documents < 2 && parser.HandleNextDocument(counter)) ++documents;
  } catch (const YAML::Exception& error) {
    std::string where;
    if (!error.mark.is_null()) {
      where = " at line " + std::to_string(error.mark.line + 1) + ", column " +
              std::to_string(error.mark.column + 1);
    }
    throw ValueError("invalid YAML" + where + ": " + error.msg);
  }
  if (!root.IsDefined() || root.IsNull()) {
    // "" or "~": all defaults. yaml-cpp also reads some malformed text as null.
    if (!is_null_text(text)) throw ValueError("invalid YAML: " + quote(text));
    return;
  }
  if (documents > 1) throw ValueError("invalid YAML: expected one document, got more");
  if (!root.IsMap()) {
    throw NotAMapError("expected a map of " + type.name().full() + " fields such as \"{" +
                     (type.is_empty_struct() ? std::string() : type.members().front().name + ": ...") +
                     "}\", got " + describe(root),
                       python_text(root, true), python_type(root));
  }
  assign_fields(message, root, "", stamps);
}

}  // namespace

void assign_yaml(DynamicValue& message, std::string_view yaml) { assign_yaml(message, yaml, nullptr); }

YamlScalarKind resolve_plain_scalar(std::string_view text) {
  // PyYAML's implicit resolvers (resolver.py), without timestamps, merge keys and sexagesimal numbers.
  static const std::regex null_words("~|null|Null|NULL|");
  static const std::regex bool_words("yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF");
  static const std::regex integers("[-+]?(0b[0-1_]+|0[0-7_]+|(0|[1-9][0-9_]*)|0x[0-9a-fA-F_]+)");
  static const std::regex floats(
      "[-+]?([0-9][0-9_]*)\\.[0-9_]*([eE][-+][0-9]+)?|\\.[0-9_]+([eE][-+][0-9]+)?|[-+]?\\.(inf|Inf|INF)|"
      "\\.(nan|NaN|NAN)");
  const std::string scalar(text);
  if (std::regex_match(scalar, null_words)) return YamlScalarKind::Null;
  if (std::regex_match(scalar, bool_words)) return YamlScalarKind::Bool;
  if (std::regex_match(scalar, integers)) return YamlScalarKind::Integer;
  if (std::regex_match(scalar, floats)) return YamlScalarKind::Float;
  return YamlScalarKind::String;
}

DynamicValue from_yaml(std::string_view yaml, const MessageTypePtr& type) {
  DynamicValue message(type);
  assign_yaml(message, yaml, nullptr);
  return message;
}

DynamicValue from_yaml(std::string_view yaml, const MessageTypePtr& type, std::vector<FieldPath>& timestamps) {
  DynamicValue message(type);
  Timestamps stamps{&timestamps, {}};
  assign_yaml(message, yaml, &stamps);
  return message;
}

DynamicValue& value_at(DynamicValue& message, const FieldPath& path) {
  DynamicValue* value = &message;
  for (const std::size_t index : path) value = value->is_message() ? &value->field(index) : &(*value)[index];
  return *value;
}

}  // namespace rclite::dynamic
