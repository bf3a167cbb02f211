#include "rclite/idl/type_hash.hpp"

#include <openssl/evp.h>

#include <map>
#include <stdexcept>

namespace rclite::idl {

namespace {

// type_description_interfaces/FieldType ids (spec §9.1).
constexpr std::uint8_t kNestedType = 1;
constexpr std::uint8_t kArrayOffset = 48;
constexpr std::uint8_t kBoundedSequenceOffset = 96;
constexpr std::uint8_t kUnboundedSequenceOffset = 144;

std::uint8_t element_type_id(const FieldType& type) {
  if (!type.is_primitive()) return kNestedType;
  switch (type.primitive()) {
    case Primitive::Int8: return 2;
    case Primitive::UInt8: return 3;
    case Primitive::Char: return 3;  // .msg char is IDL uint8 (rosidl_adapter MSG_TYPE_TO_IDL)
    case Primitive::Int16: return 4;
    case Primitive::UInt16: return 5;
    case Primitive::Int32: return 6;
    case Primitive::UInt32: return 7;
    case Primitive::Int64: return 8;
    case Primitive::UInt64: return 9;
    case Primitive::Float32: return 10;
    case Primitive::Float64: return 11;
    case Primitive::Bool: return 15;
    case Primitive::Byte: return 16;
    case Primitive::String: return type.string_bound != 0 ? 21 : 17;
    case Primitive::WString: return type.string_bound != 0 ? 22 : 18;
  }
  throw std::logic_error("unknown primitive");
}

// JSON string literal with ensure_ascii semantics, as Python's json.dumps writes it.
void append_json_string(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  for (unsigned char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (c < 0x20 || c >= 0x7f) {
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 0xf];
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
}

IndividualTypeDescription describe_individual(const MessageSpec& type) {
  IndividualTypeDescription out;
  out.type_name = type.name.full();
  out.fields.reserve(type.fields.size());
  for (const Field& field : type.fields) {
    FieldDescription& described = out.fields.emplace_back();
    described.name = field.name;
    described.type_id = field_type_id(field.type);
    described.capacity = field.type.size;
    described.string_capacity = field.type.string_bound;
    if (!field.type.is_primitive()) described.nested_type_name = field.type.nested().full();
    if (field.default_value) described.default_value = field.default_value->text;
  }
  return out;
}

void append_individual_json(std::string& out, const IndividualTypeDescription& type) {
  out += "{\"type_name\": ";
  append_json_string(out, type.type_name);
  out += ", \"fields\": [";
  bool first = true;
  for (const FieldDescription& field : type.fields) {
    if (!first) out += ", ";
    first = false;
    out += "{\"name\": ";
    append_json_string(out, field.name);
    out += ", \"type\": {\"type_id\": " + std::to_string(field.type_id);
    out += ", \"capacity\": " + std::to_string(field.capacity);
    out += ", \"string_capacity\": " + std::to_string(field.string_capacity);
    out += ", \"nested_type_name\": ";
    append_json_string(out, field.nested_type_name);
    out += "}}";
  }
  out += "]}";
}

void collect_references(const MessageSpec& type, const TypeResolver& resolve,
                        std::map<std::string, const MessageSpec*>& found) {
  for (const Field& field : type.fields) {
    if (field.type.is_primitive()) continue;
    const std::string key = field.type.nested().full();
    if (found.contains(key)) continue;
    const MessageSpec& nested = resolve(field.type.nested());
    found.emplace(key, &nested);
    collect_references(nested, resolve, found);
  }
}

}  // namespace

std::uint8_t field_type_id(const FieldType& type) {
  const std::uint8_t base = element_type_id(type);
  switch (type.container) {
    case Container::None: return base;
    case Container::Array: return base + kArrayOffset;
    case Container::BoundedSequence: return base + kBoundedSequenceOffset;
    case Container::UnboundedSequence: return base + kUnboundedSequenceOffset;
  }
  return base;
}

TypeDescription describe_type(const MessageSpec& type, const TypeResolver& resolve) {
  std::map<std::string, const MessageSpec*> references;  // sorted by name, as rosidl does
  collect_references(type, resolve, references);
  TypeDescription description;
  description.type_description = describe_individual(type);
  description.referenced_type_descriptions.reserve(references.size());
  for (const auto& [name, spec] : references) description.referenced_type_descriptions.push_back(describe_individual(*spec));
  return description;
}

std::string hashed_json(const TypeDescription& description) {
  std::string out = "{\"type_description\": ";
  append_individual_json(out, description.type_description);
  out += ", \"referenced_type_descriptions\": [";
  bool first = true;
  for (const auto& referenced : description.referenced_type_descriptions) {
    if (!first) out += ", ";
    first = false;
    append_individual_json(out, referenced);
  }
  out += "]}";
  return out;
}

std::string type_hash(const TypeDescription& description) { return "RIHS01_" + sha256_hex(hashed_json(description)); }

std::string type_description_json(const MessageSpec& type, const TypeResolver& resolve) {
  return hashed_json(describe_type(type, resolve));
}

std::string type_hash(const MessageSpec& type, const TypeResolver& resolve) {
  return "RIHS01_" + sha256_hex(type_description_json(type, resolve));
}

MessageSpec service_description(const ServiceSpec& service) {
  MessageSpec description;
  description.name = service.name;
  const auto nested = [&](const char* field, const char* suffix) {
    TypeName name{service.name.package, service.name.subfolder, service.name.name + suffix};
    return Field{field, FieldType{std::move(name)}, std::nullopt};
  };
  description.fields = {nested("request_message", "_Request"),
                        nested("response_message", "_Response"),
                        nested("event_message", "_Event")};
  return description;
}

TypeDescription describe_service(const ServiceSpec& service, const TypeResolver& resolve) {
  const MessageSpec event = make_event_spec(service);
  const TypeResolver with_parts = [&](const TypeName& name) -> const MessageSpec& {
    if (name == service.request.name) return service.request;
    if (name == service.response.name) return service.response;
    if (name == event.name) return event;
    return resolve(name);
  };
  return describe_type(service_description(service), with_parts);
}

std::string service_type_hash(const ServiceSpec& service, const TypeResolver& resolve) {
  return type_hash(describe_service(service, resolve));
}

MessageSpec action_description(const ActionSpec& action) {
  MessageSpec description;
  description.name = action.name;
  const auto nested = [](const char* field, const TypeName& type) { return Field{field, FieldType{type}, std::nullopt}; };
  description.fields = {nested("goal", action.goal.name),
                        nested("result", action.result.name),
                        nested("feedback", action.feedback.name),
                        nested("send_goal_service", action.send_goal.name),
                        nested("get_result_service", action.get_result.name),
                        nested("feedback_message", action.feedback_message.name)};
  return description;
}

TypeDescription describe_action(const ActionSpec& action, const TypeResolver& resolve) {
  // rosidl_generator_type_description's add_action: the action's six members, the services as
  // their service-level types (request_message, response_message, event_message), and every part.
  std::map<std::string, MessageSpec> parts;
  const auto add = [&parts](MessageSpec spec) {
    const std::string key = spec.name.full();
    parts.emplace(key, std::move(spec));
  };
  for (const MessageSpec* part : {&action.goal, &action.result, &action.feedback, &action.feedback_message}) add(*part);
  for (const ServiceSpec* service : {&action.send_goal, &action.get_result}) {
    add(service_description(*service));
    add(service->request);
    add(service->response);
    add(make_event_spec(*service));
  }
  const TypeResolver with_parts = [&](const TypeName& name) -> const MessageSpec& {
    if (auto found = parts.find(name.full()); found != parts.end()) return found->second;
    return resolve(name);
  };
  return describe_type(action_description(action), with_parts);
}

std::string action_type_hash(const ActionSpec& action, const TypeResolver& resolve) {
  return type_hash(describe_action(action, resolve));
}

std::string sha256_hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr) != 1) {
    throw std::runtime_error("SHA-256 failed");
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(2 * length);
  for (unsigned int i = 0; i < length; ++i) {
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 0xf];
  }
  return hex;
}

}  // namespace rclite::idl
