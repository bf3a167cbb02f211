#include "cpp_generator.hpp"

#include <cmath>
#include <cstdio>
#include <regex>
#include <set>
#include <sstream>

namespace rclite::idl {

namespace {

const std::set<std::string>& cpp_keywords() {
  static const std::set<std::string> keywords{
      "alignas", "alignof", "and", "and_eq", "asm", "auto", "bitand", "bitor", "bool", "break",
      "case", "catch", "char", "char8_t", "char16_t", "char32_t", "class", "compl", "concept",
      "const", "consteval", "constexpr", "constinit", "const_cast", "continue", "co_await",
      "co_return", "co_yield", "decltype", "default", "delete", "do", "double", "dynamic_cast",
      "else", "enum", "explicit", "export", "extern", "false", "float", "for", "friend", "goto",
      "if", "inline", "int", "long", "mutable", "namespace", "new", "noexcept", "not", "not_eq",
      "nullptr", "operator", "or", "or_eq", "private", "protected", "public", "register",
      "reinterpret_cast", "requires", "return", "short", "signed", "sizeof", "static",
      "static_assert", "static_cast", "struct", "switch", "template", "this", "thread_local",
      "throw", "true", "try", "typedef", "typeid", "typename", "union", "unsigned", "using",
      "virtual", "void", "volatile", "wchar_t", "while", "xor", "xor_eq"};
  return keywords;
}

// A member name that is a C++ keyword gets a trailing underscore, as rosidl does.
std::string member_name(const std::string& name) {
  return cpp_keywords().contains(name) ? name + "_" : name;
}

std::string cpp_type_name(const TypeName& name) {
  return "::" + name.package + "::" + name.subfolder + "::" + name.name;
}

std::string cpp_primitive(Primitive p) {
  switch (p) {
    case Primitive::Bool: return "bool";
    case Primitive::Byte: return "std::uint8_t";
    case Primitive::Char: return "std::uint8_t";  // rosidl maps .msg char to uint8
    case Primitive::Float32: return "float";
    case Primitive::Float64: return "double";
    case Primitive::Int8: return "std::int8_t";
    case Primitive::UInt8: return "std::uint8_t";
    case Primitive::Int16: return "std::int16_t";
    case Primitive::UInt16: return "std::uint16_t";
    case Primitive::Int32: return "std::int32_t";
    case Primitive::UInt32: return "std::uint32_t";
    case Primitive::Int64: return "std::int64_t";
    case Primitive::UInt64: return "std::uint64_t";
    case Primitive::String: return "std::string";
    case Primitive::WString: return "std::u16string";
  }
  return "void";
}

std::string cpp_element_type(const FieldType& type) {
  return type.is_primitive() ? cpp_primitive(type.primitive()) : cpp_type_name(type.nested());
}

std::string cpp_field_type(const FieldType& type) {
  const std::string element = cpp_element_type(type);
  switch (type.container) {
    case Container::None: return element;
    case Container::Array: return "std::array<" + element + ", " + std::to_string(type.size) + ">";
    case Container::BoundedSequence:
    case Container::UnboundedSequence: return "std::vector<" + element + ">";
  }
  return element;
}

// UTF-8 text as the body of a C++ string literal; u16 selects a u"" literal's escapes.
std::string escape(const std::string& text, bool u16) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    char buffer[16];
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c >= 0x20 && c < 0x7f) {
      out += static_cast<char>(c);
    } else if (!u16 || c < 0x80) {
      std::snprintf(buffer, sizeof buffer, "\\%03o", c);
      out += buffer;
    } else {
      // Decode one UTF-8 sequence into a universal character name.
      std::uint32_t code = 0;
      int extra = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : 1;
      code = c & (0x3f >> extra);
      for (int k = 0; k < extra && i + 1 < text.size(); ++k) {
        code = (code << 6) | (static_cast<unsigned char>(text[++i]) & 0x3f);
      }
      std::snprintf(buffer, sizeof buffer, "\\U%08x", code);
      out += buffer;
    }
  }
  return out;
}

std::string scalar_literal(Primitive type, const Scalar& value) {
  if (const auto* b = std::get_if<bool>(&value)) return *b ? "true" : "false";
  if (const auto* s = std::get_if<std::string>(&value)) {
    return type == Primitive::WString ? "u\"" + escape(*s, true) + "\"" : "\"" + escape(*s, false) + "\"";
  }
  if (const auto* d = std::get_if<double>(&value)) {
    const std::string limits = "std::numeric_limits<" + cpp_primitive(type) + ">::";
    if (std::isnan(*d)) return limits + "quiet_NaN()";
    if (std::isinf(*d)) return (*d < 0 ? "-" : "") + limits + "infinity()";
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%.17g", *d);
    std::string text = buffer;
    if (text.find_first_of(".e") == std::string::npos) text += ".0";
    return type == Primitive::Float32 ? text + "f" : text;
  }
  if (const auto* u = std::get_if<std::uint64_t>(&value)) return std::to_string(*u) + "ULL";
  const std::int64_t i = std::get<std::int64_t>(value);
  if (i == INT64_MIN) return "std::numeric_limits<std::int64_t>::min()";
  return "static_cast<" + cpp_primitive(type) + ">(" + std::to_string(i) + "LL)";
}

// The initializer of a member: its default value, or value-initialisation (zero, empty).
std::string initializer(const Field& field) {
  if (!field.default_value) return "{}";
  const Literal& literal = *field.default_value;
  const Primitive type = field.type.primitive();
  if (!literal.is_list) return "{" + scalar_literal(type, literal.values.front()) + "}";
  std::string items;
  for (const auto& value : literal.values) {
    items += (items.empty() ? "" : ", ") + scalar_literal(type, value);
  }
  return field.type.container == Container::Array ? "{{" + items + "}}" : "{" + items + "}";
}

std::string bounds_argument(const FieldType& type) {
  const std::size_t sequence = type.container == Container::BoundedSequence ? type.size : 0;
  if (sequence == 0 && type.string_bound == 0) return "";
  return ", ::rclite::wire::Bounds{" + std::to_string(sequence) + ", " +
         std::to_string(type.string_bound) + "}";
}

void emit_struct(std::ostringstream& out, const MessageSpec& message) {
  out << "struct " << message.name.name << " {\n";
  for (const Constant& constant : message.constants) {
    const std::string type = constant.type == Primitive::String    ? "std::string_view"
                             : constant.type == Primitive::WString ? "std::u16string_view"
                                                                   : cpp_primitive(constant.type);
    out << "  static constexpr " << type << " " << constant.name << " = "
        << scalar_literal(constant.type, constant.value.values.front()) << ";\n";
  }
  if (!message.constants.empty()) out << "\n";
  for (const Field& field : message.fields) {
    out << "  " << cpp_field_type(field.type) << " " << member_name(field.name)
        << initializer(field) << ";\n";
  }
  out << "\n  bool operator==(const " << message.name.name << "&) const = default;\n";
  out << "};\n";
}

void emit_message_traits(std::ostringstream& out, const MessageSpec& message, InterfaceLibrary& library) {
  const std::string type = cpp_type_name(message.name);
  out << "template <>\nstruct MessageTraits<" << type << "> {\n";
  out << "  static constexpr std::string_view ros_type_name = \"" << message.name.full() << "\";\n";
  out << "  static constexpr std::string_view dds_type_name = \"" << message.name.package
      << "::" << message.name.subfolder << "::dds_::" << message.name.name << "_\";\n";
  out << "  static constexpr std::string_view type_hash = \"" << library.hash_of(message) << "\";\n";
  out << "  static constexpr std::string_view definition = R\"rclite_idl(" << message.source
      << ")rclite_idl\";\n";
  out << "  static constexpr std::size_t min_wire_size = 0";
  for (const Field& field : message.fields) out << "\n      + wire_min_size<" << cpp_field_type(field.type) << ">()";
  out << ";\n\n";
  out << "  static void encode(CdrWriter& writer, const " << type << "& message) {\n";
  for (const Field& field : message.fields) {
    out << "    writer.write(message." << member_name(field.name) << bounds_argument(field.type) << ");\n";
  }
  out << "  }\n\n";
  out << "  static void decode(CdrReader& reader, " << type << "& message) {\n";
  for (const Field& field : message.fields) {
    out << "    reader.read(message." << member_name(field.name) << ");\n";
  }
  out << "  }\n\n";
  // Field-by-field reflection for generic code (printing, test value generators, YAML).
  out << "  template <class M, class Visitor>\n"
      << "  static void visit_fields(M& message, Visitor&& visitor) {\n";
  for (const Field& field : message.fields) {
    const std::size_t sequence_bound =
        field.type.container == Container::BoundedSequence ? field.type.size : 0;
    out << "    visitor(std::string_view(\"" << field.name << "\"), message." << member_name(field.name)
        << ", ::rclite::wire::Bounds{" << sequence_bound << ", " << field.type.string_bound << "});\n";
  }
  out << "  }\n};\n\n";
}

void emit_includes(std::ostringstream& out, const std::vector<const MessageSpec*>& parts,
                   const TypeName& self) {
  out << "#pragma once\n\n"
         "#include <array>\n#include <cstdint>\n#include <limits>\n#include <string>\n"
         "#include <string_view>\n#include <vector>\n\n"
         "#include \"rclite/wire/cdr_reader.hpp\"\n#include \"rclite/wire/cdr_writer.hpp\"\n"
         "#include \"rclite/wire/message_traits.hpp\"\n";
  std::set<std::string> headers;
  for (const MessageSpec* part : parts) {
    for (const Field& field : part->fields) {
      if (field.type.is_primitive()) continue;
      const TypeName& nested = field.type.nested();
      // The parts of this very service are defined in this header.
      if (nested.package == self.package && nested.subfolder == self.subfolder &&
          nested.name.starts_with(self.name + "_")) {
        continue;
      }
      headers.insert(header_path(nested));
    }
  }
  if (!headers.empty()) out << "\n";
  for (const auto& header : headers) out << "#include \"" << header << "\"\n";
  out << "\n";
}

std::string banner(const TypeName& name, const char* extension) {
  return "// Generated by rclite-idl from " + name.package + "/" + name.subfolder + "/" + name.name +
         extension + ". Do not edit.\n";
}

}  // namespace

std::string to_snake_case(const std::string& camel) {
  static const std::regex word(R"((.)([A-Z][a-z]+))");
  static const std::regex boundary(R"(([a-z0-9])([A-Z]))");
  std::string text = std::regex_replace(camel, word, "$1_$2");
  text = std::regex_replace(text, boundary, "$1_$2");
  for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::string header_path(const TypeName& name) {
  return name.package + "/" + name.subfolder + "/" + to_snake_case(name.name) + ".hpp";
}

std::string generate_message_header(const MessageSpec& message, InterfaceLibrary& library) {
  std::ostringstream out;
  out << banner(message.name, ".msg");
  emit_includes(out, {&message}, message.name);
  out << "namespace " << message.name.package << "::" << message.name.subfolder << " {\n\n";
  emit_struct(out, message);
  out << "\n}  // namespace " << message.name.package << "::" << message.name.subfolder << "\n\n";
  out << "namespace rclite::wire {\n\n";
  emit_message_traits(out, message, library);
  out << "}  // namespace rclite::wire\n";
  return out.str();
}

namespace {

void emit_service_struct(std::ostringstream& out, const ServiceSpec& service, const MessageSpec& event) {
  out << "struct " << service.name.name << " {\n"
      << "  using Request = " << service.request.name.name << ";\n"
      << "  using Response = " << service.response.name.name << ";\n"
      << "  using Event = " << event.name.name << ";\n};\n\n";
}

void emit_service_traits(std::ostringstream& out, const ServiceSpec& service, const MessageSpec& event,
                         InterfaceLibrary& library) {
  out << "template <>\nstruct ServiceTraits<" << cpp_type_name(service.name) << "> {\n"
      << "  using Request = " << cpp_type_name(service.request.name) << ";\n"
      << "  using Response = " << cpp_type_name(service.response.name) << ";\n"
      << "  using Event = " << cpp_type_name(event.name) << ";\n"
      << "  static constexpr std::string_view ros_type_name = \"" << service.name.full() << "\";\n"
      << "  static constexpr std::string_view type_hash = \"" << library.hash_of(service) << "\";\n"
      << "  static constexpr std::string_view definition = R\"rclite_idl(" << service.source
      << ")rclite_idl\";\n};\n\n";
}

const MessageSpec& event_of(const ServiceSpec& service, InterfaceLibrary& library) {
  return library.message(TypeName{service.name.package, service.name.subfolder, service.name.name + "_Event"});
}

}  // namespace

std::string generate_service_header(const ServiceSpec& service, InterfaceLibrary& library) {
  const MessageSpec& event = event_of(service, library);
  const std::vector<const MessageSpec*> parts{&service.request, &service.response, &event};
  std::ostringstream out;
  out << banner(service.name, ".srv");
  emit_includes(out, parts, service.name);
  const std::string ns = service.name.package + "::" + service.name.subfolder;
  out << "namespace " << ns << " {\n\n";
  for (const MessageSpec* part : parts) {
    emit_struct(out, *part);
    out << "\n";
  }
  emit_service_struct(out, service, event);
  out << "}  // namespace " << ns << "\n\n";
  out << "namespace rclite::wire {\n\n";
  for (const MessageSpec* part : parts) emit_message_traits(out, *part, library);
  emit_service_traits(out, service, event, library);
  out << "}  // namespace rclite::wire\n";
  return out.str();
}

// The types rosidl derives from an action, in dependency order, then the action's own struct with
// rclcpp's names (`Fibonacci::Goal`, `Fibonacci::Impl::SendGoalService`, ...).
std::string generate_action_header(const ActionSpec& action, InterfaceLibrary& library) {
  const MessageSpec& send_goal_event = event_of(action.send_goal, library);
  const MessageSpec& get_result_event = event_of(action.get_result, library);
  const std::vector<const MessageSpec*> parts{
      &action.goal, &action.result, &action.feedback,
      &action.send_goal.request, &action.send_goal.response, &send_goal_event,
      &action.get_result.request, &action.get_result.response, &get_result_event,
      &action.feedback_message};
  std::ostringstream out;
  out << banner(action.name, ".action");
  emit_includes(out, parts, action.name);
  out << "#include \"action_msgs/msg/goal_status_array.hpp\"\n"
         "#include \"action_msgs/srv/cancel_goal.hpp\"\n\n";
  const std::string ns = action.name.package + "::" + action.name.subfolder;
  out << "namespace " << ns << " {\n\n";
  for (const MessageSpec* part : parts) {
    emit_struct(out, *part);
    out << "\n";
  }
  emit_service_struct(out, action.send_goal, send_goal_event);
  emit_service_struct(out, action.get_result, get_result_event);
  out << "struct " << action.name.name << " {\n"
      << "  using Goal = " << action.goal.name.name << ";\n"
      << "  using Result = " << action.result.name.name << ";\n"
      << "  using Feedback = " << action.feedback.name.name << ";\n\n"
      << "  struct Impl {\n"
      << "    using SendGoalService = " << action.send_goal.name.name << ";\n"
      << "    using GetResultService = " << action.get_result.name.name << ";\n"
      << "    using FeedbackMessage = " << action.feedback_message.name.name << ";\n"
      << "    using CancelGoalService = ::action_msgs::srv::CancelGoal;\n"
      << "    using GoalStatusMessage = ::action_msgs::msg::GoalStatusArray;\n"
      << "  };\n};\n\n";
  out << "}  // namespace " << ns << "\n\n";
  out << "namespace rclite::wire {\n\n";
  for (const MessageSpec* part : parts) emit_message_traits(out, *part, library);
  emit_service_traits(out, action.send_goal, send_goal_event, library);
  emit_service_traits(out, action.get_result, get_result_event, library);
  out << "template <>\nstruct ActionTraits<" << cpp_type_name(action.name) << "> {\n"
      << "  using Goal = " << cpp_type_name(action.goal.name) << ";\n"
      << "  using Result = " << cpp_type_name(action.result.name) << ";\n"
      << "  using Feedback = " << cpp_type_name(action.feedback.name) << ";\n"
      << "  using SendGoalService = " << cpp_type_name(action.send_goal.name) << ";\n"
      << "  using GetResultService = " << cpp_type_name(action.get_result.name) << ";\n"
      << "  using FeedbackMessage = " << cpp_type_name(action.feedback_message.name) << ";\n"
      << "  static constexpr std::string_view ros_type_name = \"" << action.name.full() << "\";\n"
      << "  static constexpr std::string_view type_hash = \"" << library.hash_of(action) << "\";\n"
      << "  static constexpr std::string_view definition = R\"rclite_idl(" << action.source
      << ")rclite_idl\";\n};\n\n";
  out << "}  // namespace rclite::wire\n";
  return out.str();
}

}  // namespace rclite::idl
