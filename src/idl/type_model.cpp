#include "rclite/idl/type_model.hpp"

#include <array>
#include <utility>

namespace rclite::idl {

namespace {
constexpr std::array<std::pair<Primitive, const char*>, 15> kPrimitiveNames{{
    {Primitive::Bool, "bool"},       {Primitive::Byte, "byte"},       {Primitive::Char, "char"},
    {Primitive::Float32, "float32"}, {Primitive::Float64, "float64"}, {Primitive::Int8, "int8"},
    {Primitive::UInt8, "uint8"},     {Primitive::Int16, "int16"},     {Primitive::UInt16, "uint16"},
    {Primitive::Int32, "int32"},     {Primitive::UInt32, "uint32"},   {Primitive::Int64, "int64"},
    {Primitive::UInt64, "uint64"},   {Primitive::String, "string"},   {Primitive::WString, "wstring"},
}};
}  // namespace

const char* to_string(Primitive p) noexcept {
  for (const auto& [primitive, name] : kPrimitiveNames) {
    if (primitive == p) return name;
  }
  return "?";
}

std::optional<Primitive> primitive_from_string(std::string_view name) noexcept {
  for (const auto& [primitive, text] : kPrimitiveNames) {
    if (name == text) return primitive;
  }
  return std::nullopt;
}

bool is_string(Primitive p) noexcept { return p == Primitive::String || p == Primitive::WString; }

bool is_float(Primitive p) noexcept { return p == Primitive::Float32 || p == Primitive::Float64; }

std::optional<PythonNumericStorage> python_numeric_storage(Primitive p) noexcept {
  switch (p) {
    case Primitive::Char:
    case Primitive::UInt8: return PythonNumericStorage{"uint8", 'B'};
    case Primitive::Int8: return PythonNumericStorage{"int8", 'b'};
    case Primitive::Int16: return PythonNumericStorage{"int16", 'h'};
    case Primitive::UInt16: return PythonNumericStorage{"uint16", 'H'};
    case Primitive::Int32: return PythonNumericStorage{"int32", 'i'};
    case Primitive::UInt32: return PythonNumericStorage{"uint32", 'I'};
    case Primitive::Int64: return PythonNumericStorage{"int64", 'q'};
    case Primitive::UInt64: return PythonNumericStorage{"uint64", 'Q'};
    case Primitive::Float32: return PythonNumericStorage{"float32", 'f'};
    case Primitive::Float64: return PythonNumericStorage{"float64", 'd'};
    default: return std::nullopt;
  }
}

bool is_integer(Primitive p) noexcept {
  return !is_string(p) && !is_float(p) && p != Primitive::Bool;
}

std::optional<TypeName> parse_type_name(std::string_view text) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t slash = text.find('/', start);
    parts.emplace_back(text.substr(start, slash - start));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  for (const auto& part : parts) {
    if (part.empty()) return std::nullopt;
  }
  if (parts.size() == 2) return TypeName{parts[0], "msg", parts[1]};
  if (parts.size() == 3) return TypeName{parts[0], parts[1], parts[2]};
  return std::nullopt;
}

std::string FieldType::to_string() const {
  std::string text;
  if (is_primitive()) {
    text = idl::to_string(primitive());
    if (string_bound != 0) text += "<=" + std::to_string(string_bound);
  } else {
    text = nested().subfolder == "msg" ? nested().package + "/" + nested().name : nested().full();
  }
  switch (container) {
    case Container::None: break;
    case Container::Array: text += "[" + std::to_string(size) + "]"; break;
    case Container::BoundedSequence: text += "[<=" + std::to_string(size) + "]"; break;
    case Container::UnboundedSequence: text += "[]"; break;
  }
  return text;
}

MessageSpec make_event_spec(const ServiceSpec& service) {
  MessageSpec event;
  event.name = TypeName{service.name.package, service.name.subfolder, service.name.name + "_Event"};
  const auto bounded_one = [](TypeName element) {
    return FieldType{std::move(element), 0, Container::BoundedSequence, 1};
  };
  event.fields.push_back(
      {"info", FieldType{TypeName{"service_msgs", "msg", "ServiceEventInfo"}}, std::nullopt});
  event.fields.push_back({"request", bounded_one(service.request.name), std::nullopt});
  event.fields.push_back({"response", bounded_one(service.response.name), std::nullopt});
  event.source = "service_msgs/ServiceEventInfo info\n" + service.name.name + "_Request[<=1] request\n" +
                 service.name.name + "_Response[<=1] response\n";
  return event;
}

namespace {
// Lines `type name` of a derived type's source, every type named in full (`pkg/action/Name_Goal`),
// so that the text parses back to the same type whatever the owner's subfolder.
MessageSpec derived_message(TypeName name, std::vector<Field> fields) {
  MessageSpec spec;
  spec.name = std::move(name);
  for (const Field& field : fields) {
    const std::string type = field.type.is_primitive() ? field.type.to_string() : field.type.nested().full();
    spec.source += type + " " + field.name + "\n";
  }
  spec.fields = std::move(fields);
  return spec;
}

ServiceSpec derived_service(const TypeName& action, const char* suffix, std::vector<Field> request,
                            std::vector<Field> response) {
  ServiceSpec service;
  service.name = TypeName{action.package, action.subfolder, action.name + suffix};
  const auto part = [&](const char* part_suffix) {
    return TypeName{action.package, action.subfolder, service.name.name + part_suffix};
  };
  service.request = derived_message(part("_Request"), std::move(request));
  service.response = derived_message(part("_Response"), std::move(response));
  service.source = service.request.source + "---\n" + service.response.source;
  return service;
}
}  // namespace

ActionSpec make_action_spec(const TypeName& name, MessageSpec goal, MessageSpec result, MessageSpec feedback,
                            std::string source) {
  ActionSpec action;
  action.name = name;
  const auto field = [](const char* field_name, FieldType type) { return Field{field_name, std::move(type), std::nullopt}; };
  const FieldType goal_id{TypeName{"unique_identifier_msgs", "msg", "UUID"}};
  action.send_goal = derived_service(name, "_SendGoal", {field("goal_id", goal_id), field("goal", FieldType{goal.name})},
                                     {field("accepted", FieldType{Primitive::Bool}),
                                      field("stamp", FieldType{TypeName{"builtin_interfaces", "msg", "Time"}})});
  action.get_result = derived_service(name, "_GetResult", {field("goal_id", goal_id)},
                                      {field("status", FieldType{Primitive::Int8}), field("result", FieldType{result.name})});
  action.feedback_message =
      derived_message(TypeName{name.package, name.subfolder, name.name + "_FeedbackMessage"},
                      {field("goal_id", goal_id), field("feedback", FieldType{feedback.name})});
  action.goal = std::move(goal);
  action.result = std::move(result);
  action.feedback = std::move(feedback);
  action.source = std::move(source);
  return action;
}

}  // namespace rclite::idl
