// .msg/.srv parsing. Follows rosidl_adapter's grammar: one `TYPE NAME [DEFAULT]` field or
// `TYPE NAME=VALUE` constant per line, `#` comments, `---` between a service's request and
// response. Every error names file:line:column.
#include "rclite/idl/parser.hpp"

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <set>

namespace rclite::idl {

ParseError::ParseError(std::string file, int line, int column, std::string message)
    : std::runtime_error(file + ":" + std::to_string(line) + ":" + std::to_string(column) +
                         ": error: " + message),
      file_(std::move(file)),
      line_(line),
      column_(column),
      message_(std::move(message)) {}

namespace {

bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum(char c) { return is_lower(c) || is_upper(c) || is_digit(c); }

// Lower-case words joined by single underscores, no trailing underscore.
bool is_snake_name(std::string_view name) {
  if (name.empty() || !is_lower(name[0]) || name.back() == '_') return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    if (!(is_lower(c) || is_digit(c) || c == '_')) return false;
    if (c == '_' && i + 1 < name.size() && name[i + 1] == '_') return false;
  }
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// Position of the `#` that starts a comment, ignoring any inside a quoted string.
std::size_t comment_start(std::string_view line) {
  char quote = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quote != 0) {
      if (c == '\\') ++i;
      else if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '#') {
      return i;
    }
  }
  return std::string_view::npos;
}

// A piece of a line together with the 1-based column where it starts.
struct Token {
  std::string_view text;
  int column;
};

class LineParser {
 public:
  LineParser(std::string_view file, int line, const TypeName& owner)
      : file_(file), line_(line), owner_(owner) {}

  [[noreturn]] void fail(int column, const std::string& message) const {
    throw ParseError(std::string(file_), line_, column, message);
  }

  FieldType parse_type(Token token) const {
    std::string_view text = token.text;
    FieldType type;
    const std::size_t bracket = text.find('[');
    if (bracket != std::string_view::npos) {
      const std::string_view suffix = text.substr(bracket);
      const int column = token.column + static_cast<int>(bracket);
      if (suffix.back() != ']') fail(column, "expected ']' to close the array suffix");
      const std::string_view inner = suffix.substr(1, suffix.size() - 2);
      if (inner.empty()) {
        type.container = Container::UnboundedSequence;
      } else if (inner.starts_with("<=")) {
        type.container = Container::BoundedSequence;
        type.size = parse_size(inner.substr(2), column + 3, "sequence bound");
      } else {
        type.container = Container::Array;
        type.size = parse_size(inner, column + 1, "array size");
      }
      text = text.substr(0, bracket);
    }
    const std::size_t bound = text.find("<=");
    std::string_view base = text.substr(0, bound);
    if (auto primitive = primitive_from_string(base)) {
      type.element = *primitive;
      if (bound != std::string_view::npos) {
        if (!is_string(*primitive)) {
          fail(token.column + static_cast<int>(bound), "only string and wstring take a '<=' bound");
        }
        type.string_bound =
            parse_size(text.substr(bound + 2), token.column + static_cast<int>(bound) + 2, "string bound");
      }
      return type;
    }
    if (bound != std::string_view::npos) {
      fail(token.column + static_cast<int>(bound), "only string and wstring take a '<=' bound");
    }
    type.element = parse_nested(base, token.column);
    return type;
  }

  Literal parse_literal(const FieldType& type, Token token, bool is_constant) const {
    Literal literal;
    literal.text = std::string(token.text);
    const Primitive primitive = type.primitive();
    if (type.container == Container::None) {
      literal.values.push_back(parse_scalar(primitive, type.string_bound, token, is_constant));
      return literal;
    }
    literal.is_list = true;
    std::string_view text = token.text;
    if (text.size() < 2 || text.front() != '[' || text.back() != ']') {
      fail(token.column, "expected a list '[...]' as the default of an array");
    }
    const std::string_view inner = text.substr(1, text.size() - 2);
    if (!trim(inner).empty()) {
      std::size_t start = 0;
      char quote = 0;
      for (std::size_t i = 0; i <= inner.size(); ++i) {
        const char c = i < inner.size() ? inner[i] : ',';
        if (quote != 0) {
          if (c == '\\') ++i;
          else if (c == quote) quote = 0;
          continue;
        }
        if (c == '"' || c == '\'') {
          quote = c;
        } else if (c == ',') {
          const std::string_view raw = inner.substr(start, i - start);
          const std::size_t lead = raw.find_first_not_of(" \t");
          const int column = token.column + 1 + static_cast<int>(start) +
                             static_cast<int>(lead == std::string_view::npos ? 0 : lead);
          literal.values.push_back(parse_scalar(primitive, type.string_bound,
                                                Token{trim(raw), column}, false));
          start = i + 1;
        }
      }
      if (quote != 0) fail(token.column, "unterminated string in list");
    }
    const std::size_t count = literal.values.size();
    if (type.container == Container::Array && count != type.size) {
      fail(token.column, "array of size " + std::to_string(type.size) + " needs exactly " +
                             std::to_string(type.size) + " values, got " + std::to_string(count));
    }
    if (type.container == Container::BoundedSequence && count > type.size) {
      fail(token.column, "at most " + std::to_string(type.size) + " values allowed, got " +
                             std::to_string(count));
    }
    return literal;
  }

 private:
  std::uint32_t parse_size(std::string_view text, int column, const char* what) const {
    std::uint32_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value == 0) {
      fail(column, std::string("expected a positive integer ") + what + ", got '" +
                       std::string(text) + "'");
    }
    return value;
  }

  TypeName parse_nested(std::string_view text, int column) const {
    if (text.empty()) fail(column, "expected a type");
    TypeName name;
    if (text.find('/') == std::string_view::npos) {
      name = TypeName{owner_.package, "msg", std::string(text)};
    } else if (auto parsed = parse_type_name(text)) {
      name = *parsed;
    } else {
      fail(column, "malformed type name '" + std::string(text) + "'");
    }
    if (!is_valid_package_name(name.package)) {
      fail(column, "invalid package name '" + name.package + "'");
    }
    if (!is_valid_type_name(name.name)) {
      fail(column, "unknown type '" + std::string(text) +
                       "' (expected a primitive type or a message type name)");
    }
    return name;
  }

  Scalar parse_scalar(Primitive type, std::uint32_t string_bound, Token token,
                      bool is_constant) const {
    const std::string_view text = token.text;
    if (text.empty()) fail(token.column, "expected a value");
    switch (type) {
      case Primitive::Bool: {
        std::string lower(text);
        for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (lower == "true" || lower == "1") return true;
        if (lower == "false" || lower == "0") return false;
        fail(token.column, "expected a bool (true, false, 1, 0), got '" + std::string(text) + "'");
      }
      case Primitive::Float32:
      case Primitive::Float64: {
        const std::string owned(text);
        char* end = nullptr;
        errno = 0;
        const double value = std::strtod(owned.c_str(), &end);
        if (end != owned.c_str() + owned.size() || owned.empty()) {
          fail(token.column, "expected a floating-point number, got '" + owned + "'");
        }
        if (type == Primitive::Float32 && std::isfinite(value) &&
            std::fabs(value) > std::numeric_limits<float>::max()) {
          fail(token.column, "value out of range for float32");
        }
        return value;
      }
      case Primitive::String:
      case Primitive::WString: {
        std::string value = unquote(text, token.column, is_constant);
        if (string_bound != 0 && value.size() > string_bound) {
          fail(token.column, "string longer than its bound of " + std::to_string(string_bound));
        }
        return value;
      }
      default:
        return parse_integer(type, token);
    }
  }

  Scalar parse_integer(Primitive type, Token token) const {
    std::string_view text = token.text;
    bool negative = false;
    if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
      negative = text.front() == '-';
      text.remove_prefix(1);
    }
    int base = 10;
    if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) base = 16;
    if (text.size() > 2 && text[0] == '0' && (text[1] == 'o' || text[1] == 'O')) base = 8;
    if (text.size() > 2 && text[0] == '0' && (text[1] == 'b' || text[1] == 'B')) base = 2;
    if (base != 10) text.remove_prefix(2);
    std::uint64_t magnitude = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), magnitude, base);
    if (ec != std::errc() || end != text.data() + text.size() || text.empty()) {
      fail(token.column, "expected an integer, got '" + std::string(token.text) + "'");
    }
    std::int64_t low = 0;
    std::uint64_t high = 0;
    switch (type) {
      case Primitive::Int8: low = INT8_MIN; high = INT8_MAX; break;
      case Primitive::Int16: low = INT16_MIN; high = INT16_MAX; break;
      case Primitive::Int32: low = INT32_MIN; high = INT32_MAX; break;
      case Primitive::Int64: low = INT64_MIN; high = INT64_MAX; break;
      case Primitive::UInt16: high = UINT16_MAX; break;
      case Primitive::UInt32: high = UINT32_MAX; break;
      case Primitive::UInt64: high = UINT64_MAX; break;
      default: high = UINT8_MAX; break;  // byte, char, uint8
    }
    const bool signed_type = low < 0;
    const std::uint64_t max_negative = static_cast<std::uint64_t>(-(low + 1)) + 1;
    if ((negative && magnitude != 0 && (!signed_type || magnitude > max_negative)) ||
        (!negative && magnitude > high)) {
      fail(token.column, "value " + std::string(token.text) + " out of range for " + to_string(type));
    }
    if (!signed_type) return magnitude;
    if (negative) return magnitude == 0 ? std::int64_t{0} : static_cast<std::int64_t>(0 - magnitude);
    return static_cast<std::int64_t>(magnitude);
  }

  // String values may be quoted with ' or "; inside, a backslash escapes the next character.
  // Unquoted, the text is taken as it is (constants keep everything after '=').
  std::string unquote(std::string_view text, int column, bool is_constant) const {
    const char first = text.front();
    if ((first == '"' || first == '\'') && text.size() >= 2 && text.back() == first) {
      std::string value;
      for (std::size_t i = 1; i + 1 < text.size(); ++i) {
        char c = text[i];
        if (c == '\\' && i + 2 < text.size()) {
          c = text[++i];
          if (c == 'n') c = '\n';
          else if (c == 't') c = '\t';
        } else if (c == first) {
          fail(column + static_cast<int>(i), "unescaped quote inside a string");
        }
        value += c;
      }
      return value;
    }
    if (!is_constant && (first == '"' || first == '\'')) fail(column, "unterminated string");
    return std::string(text);
  }

  std::string_view file_;
  int line_;
  const TypeName& owner_;
};

// Parses the lines [first, last) of `lines` (1-based numbers start at first_line_number).
MessageSpec parse_lines(const std::vector<std::string_view>& lines, int first_line_number,
                        const TypeName& name, std::string_view file) {
  MessageSpec spec;
  spec.name = name;
  std::set<std::string, std::less<>> names;
  for (std::size_t index = 0; index < lines.size(); ++index) {
    const int line_number = first_line_number + static_cast<int>(index);
    std::string raw(lines[index]);
    for (auto& c : raw) {
      if (c == '\t') c = ' ';
    }
    std::string_view line = raw;
    line = line.substr(0, comment_start(line));
    const std::size_t indent = line.find_first_not_of(' ');
    if (indent == std::string_view::npos || trim(line).empty()) continue;
    line = trim(line);
    const int type_column = static_cast<int>(indent) + 1;
    LineParser parser(file, line_number, name);

    const std::size_t type_end = line.find(' ');
    const Token type_token{line.substr(0, type_end), type_column};
    if (type_end == std::string_view::npos) {
      parser.fail(type_column + static_cast<int>(line.size()),
                  "expected a field or constant name after the type '" + std::string(line) + "'");
    }
    std::size_t name_start = line.find_first_not_of(' ', type_end);
    const int name_column = type_column + static_cast<int>(name_start);
    std::size_t name_end = line.find_first_of(" =", name_start);
    const std::string_view member = line.substr(name_start, name_end - name_start);
    std::size_t after = name_end == std::string_view::npos ? line.size()
                                                           : line.find_first_not_of(' ', name_end);
    if (after == std::string_view::npos) after = line.size();
    const bool is_constant = after < line.size() && line[after] == '=';

    FieldType type = parser.parse_type(type_token);
    if (!names.insert(std::string(member)).second) {
      parser.fail(name_column, "duplicate name '" + std::string(member) + "'");
    }

    if (is_constant) {
      if (!is_valid_constant_name(member)) {
        parser.fail(name_column, "invalid constant name '" + std::string(member) +
                                     "' (expected UPPER_CASE)");
      }
      if (!type.is_primitive() || type.container != Container::None) {
        parser.fail(type_column, "constants must have a primitive, non-array type");
      }
      std::size_t value_start = line.find_first_not_of(' ', after + 1);
      if (value_start == std::string_view::npos) value_start = line.size();
      const Token value{line.substr(value_start),
                        type_column + static_cast<int>(value_start)};
      Literal literal = parser.parse_literal(type, value, true);
      spec.constants.push_back({std::string(member), type.primitive(), std::move(literal)});
      continue;
    }

    if (!is_valid_field_name(member)) {
      parser.fail(name_column, "invalid field name '" + std::string(member) +
                                   "' (expected lower_snake_case)");
    }
    Field field{std::string(member), type, std::nullopt};
    if (after < line.size()) {
      if (!type.is_primitive()) {
        parser.fail(type_column + static_cast<int>(after), "fields of message type cannot have a default value");
      }
      const Token value{line.substr(after), type_column + static_cast<int>(after)};
      field.default_value = parser.parse_literal(type, value, false);
    }
    spec.fields.push_back(std::move(field));
  }
  if (spec.fields.empty()) {
    spec.fields.push_back({kEmptyStructMember, FieldType{Primitive::UInt8}, std::nullopt});
  }
  return spec;
}

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

void check_type_name(const TypeName& name, std::string_view file) {
  if (!is_valid_package_name(name.package)) {
    throw ParseError(std::string(file), 1, 1, "invalid package name '" + name.package + "'");
  }
  if (!is_valid_type_name(name.name)) {
    throw ParseError(std::string(file), 1, 1, "invalid type name '" + name.name +
                                                  "' (expected CamelCase)");
  }
}

}  // namespace

bool is_valid_package_name(std::string_view name) noexcept { return is_snake_name(name); }
bool is_valid_field_name(std::string_view name) noexcept { return is_snake_name(name); }

bool is_valid_constant_name(std::string_view name) noexcept {
  if (name.empty() || !is_upper(name[0]) || name.back() == '_') return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    if (!(is_upper(c) || is_digit(c) || c == '_')) return false;
    if (c == '_' && i + 1 < name.size() && name[i + 1] == '_') return false;
  }
  return true;
}

bool is_valid_type_name(std::string_view name) noexcept {
  if (name.empty() || !is_upper(name[0])) return false;
  for (char c : name) {
    if (!is_alnum(c) && c != '_') return false;
  }
  return true;
}

MessageSpec parse_message(std::string_view text, const TypeName& name, std::string_view file) {
  check_type_name(name, file);
  MessageSpec spec = parse_lines(split_lines(text), 1, name, file);
  spec.source = std::string(text);
  return spec;
}

namespace {

// The lines of a definition split at its `---` separators: exactly `sections` parts, each with the
// 1-based number of its first line and its own text (rosidl keeps each part's text).
struct Section {
  std::vector<std::string_view> lines;
  int first_line = 1;
  std::string text;
};

std::vector<Section> split_sections(std::string_view text, std::size_t sections, std::string_view file,
                                    const char* kind, const char* expected) {
  const auto lines = split_lines(text);
  std::vector<std::size_t> separators;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (trim(lines[i]) != "---") continue;
    if (separators.size() + 1 == sections) {
      throw ParseError(std::string(file), static_cast<int>(i) + 1, 1,
                       std::string(kind) + (sections == 2 ? " has exactly one '---' separator" : " has exactly two '---' separators") +
                           "; found another");
    }
    separators.push_back(i);
  }
  if (separators.size() + 1 != sections) {
    throw ParseError(std::string(file), static_cast<int>(lines.size()) + 1, 1, expected);
  }
  std::vector<Section> out;
  std::size_t begin = 0;
  for (std::size_t k = 0; k < sections; ++k) {
    const std::size_t end = k < separators.size() ? separators[k] : lines.size();
    Section& section = out.emplace_back();
    section.lines.assign(lines.begin() + static_cast<std::ptrdiff_t>(begin), lines.begin() + static_cast<std::ptrdiff_t>(end));
    section.first_line = static_cast<int>(begin) + 1;
    for (auto line : section.lines) (section.text += line) += '\n';
    begin = end + 1;
  }
  return out;
}

MessageSpec parse_section(const Section& section, const TypeName& name, std::string_view file) {
  MessageSpec spec = parse_lines(section.lines, section.first_line, name, file);
  spec.source = section.text;
  return spec;
}

}  // namespace

ServiceSpec parse_service(std::string_view text, const TypeName& name, std::string_view file) {
  check_type_name(name, file);
  const auto sections =
      split_sections(text, 2, file, "a service", "expected '---' between the request and the response");
  ServiceSpec spec;
  spec.name = name;
  const auto part = [&](const char* suffix) {
    return TypeName{name.package, name.subfolder, name.name + suffix};
  };
  spec.request = parse_section(sections[0], part("_Request"), file);
  spec.response = parse_section(sections[1], part("_Response"), file);
  spec.source = std::string(text);
  return spec;
}

ActionSpec parse_action(std::string_view text, const TypeName& name, std::string_view file) {
  check_type_name(name, file);
  const auto sections = split_sections(text, 3, file, "an action",
                                       "expected '---' between the goal and the result, and between the "
                                       "result and the feedback");
  const auto part = [&](const char* suffix) {
    return TypeName{name.package, name.subfolder, name.name + suffix};
  };
  return make_action_spec(name, parse_section(sections[0], part("_Goal"), file),
                          parse_section(sections[1], part("_Result"), file),
                          parse_section(sections[2], part("_Feedback"), file), std::string(text));
}

}  // namespace rclite::idl
