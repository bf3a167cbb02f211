#include "type_description_service.hpp"

#include <map>
#include <optional>
#include <stdexcept>

#include "rclite/idl/parser.hpp"

namespace rclite::detail {

namespace {

using type_description_interfaces::srv::GetTypeDescription;
namespace tdi = type_description_interfaces::msg;

idl::TypeName checked_name(std::string_view text) {
  auto name = idl::parse_type_name(text);
  if (!name) throw std::runtime_error("malformed type name '" + std::string(text) + "'");
  return *name;
}

// rosidl_parse_type_hash_string: "RIHS" + a two-hex-digit version + "_" + 64 hex digits of either
// case. The canonical (lowercase) form, or nullopt when malformed.
std::optional<std::string> canonical_hash(std::string_view hash) {
  constexpr std::string_view kPrefix = "RIHS";
  if (hash.size() != 7 + 64 || !hash.starts_with(kPrefix) || hash[6] != '_') return std::nullopt;
  std::string canonical(hash);
  for (std::size_t i = 4; i < canonical.size(); ++i) {
    if (i == 6) continue;
    char& c = canonical[i];
    if (c >= 'A' && c <= 'F') c = static_cast<char>(c - 'A' + 'a');
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return std::nullopt;
  }
  return canonical;
}

tdi::IndividualTypeDescription to_message(const idl::IndividualTypeDescription& type) {
  tdi::IndividualTypeDescription out;
  out.type_name = type.type_name;
  for (const auto& field : type.fields) {
    tdi::Field& described = out.fields.emplace_back();
    described.name = field.name;
    described.type.type_id = field.type_id;
    described.type.capacity = field.capacity;
    described.type.string_capacity = field.string_capacity;
    described.type.nested_type_name = field.nested_type_name;
    described.default_value = field.default_value;
  }
  return out;
}

}  // namespace

DescribedType describe_definitions(const std::vector<TypeDefinition>& definitions) {
  if (definitions.empty()) throw std::runtime_error("no definition to describe");
  const TypeDefinition& top = definitions.front();
  std::map<std::string, idl::MessageSpec, std::less<>> messages;  // every nested type, by full name
  std::map<std::string, TypeSourceText, std::less<>> sources;
  for (std::size_t i = 1; i < definitions.size(); ++i) {
    const TypeDefinition& nested = definitions[i];
    const idl::TypeName name = checked_name(nested.type_name);
    messages.emplace(name.full(), idl::parse_message(nested.definition, name, nested.type_name));
    sources.emplace(name.full(), TypeSourceText{name.full(), "msg", std::string(nested.definition)});
  }
  const idl::TypeResolver resolve = [&](const idl::TypeName& name) -> const idl::MessageSpec& {
    auto found = messages.find(name.full());
    if (found == messages.end()) throw std::runtime_error("no definition of " + name.full());
    return found->second;
  };

  DescribedType described;
  const idl::TypeName top_name = checked_name(top.type_name);
  if (top.is_service) {
    const idl::ServiceSpec service = idl::parse_service(top.definition, top_name, top.type_name);
    described.description = idl::describe_service(service, resolve);
    // rosidl: the request, response and event are "implicit" types with no text of their own.
    for (const char* suffix : {"_Request", "_Response", "_Event"}) {
      const std::string part = top_name.full() + suffix;
      sources.emplace(part, TypeSourceText{part, "implicit", ""});
    }
    described.sources.push_back({top_name.full(), "srv", std::string(top.definition)});
  } else {
    const idl::MessageSpec message = idl::parse_message(top.definition, top_name, top.type_name);
    described.description = idl::describe_type(message, resolve);
    described.sources.push_back({top_name.full(), "msg", std::string(top.definition)});
  }
  for (const auto& referenced : described.description.referenced_type_descriptions) {
    auto found = sources.find(referenced.type_name);
    if (found == sources.end()) throw std::runtime_error("no source of " + referenced.type_name);
    described.sources.push_back(found->second);
  }
  // One implementation of the rules: what we answer must hash to what we advertise.
  if (const std::string hash = idl::type_hash(described.description); hash != top.type_hash) {
    throw std::runtime_error("the description of " + top_name.full() + " hashes to " + hash + ", not " +
                             std::string(top.type_hash));
  }
  return described;
}

GetTypeDescription::Response answer_type_description(const NodeTypeCache& types,
                                                     const GetTypeDescription::Request& request,
                                                     const Logger& logger) {
  GetTypeDescription::Response response;
  response.successful = false;
  const auto hash = canonical_hash(request.type_hash);
  if (!hash) {
    logger.error("Failed to parse type hash '{}'", request.type_hash);
    response.failure_reason = "Failed to parse type hash";
    return response;
  }
  const DefinitionCollector collect = types.find(*hash);
  if (collect == nullptr) {
    response.failure_reason = "Type not currently in use by this node";
    return response;
  }
  DescribedType described;
  try {
    std::vector<TypeDefinition> definitions;
    collect(definitions);
    described = describe_definitions(definitions);
  } catch (const std::exception& error) {
    logger.error("cannot describe type {}: {}", request.type_hash, error.what());
    response.failure_reason = "Failed to populate TypeDescription to response.";
    return response;
  }
  response.type_description.type_description = to_message(described.description.type_description);
  for (const auto& referenced : described.description.referenced_type_descriptions) {
    response.type_description.referenced_type_descriptions.push_back(to_message(referenced));
  }
  if (request.include_type_sources) {
    for (auto& source : described.sources) {
      response.type_sources.push_back(
          tdi::TypeSource{std::move(source.type_name), std::move(source.encoding), std::move(source.raw_file_contents)});
    }
  }
  response.successful = true;
  return response;
}

}  // namespace rclite::detail
