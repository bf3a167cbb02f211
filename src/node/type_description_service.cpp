#include "type_description_service.hpp"

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <stdexcept>

#include "rclite/dynamic/interface_roots.hpp"
#include "rclite/idl/interface_library.hpp"
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

// rosidl_generator_c embeds a type's .msg/.srv file as its lines joined by "\n" (no final newline).
std::string as_rosidl_embeds(const std::string& file) {
  std::string out;
  for (std::size_t start = 0; start < file.size();) {
    std::size_t end = file.find_first_of("\r\n", start);
    if (end == std::string::npos) end = file.size();
    if (!out.empty() || start > 0) out += '\n';
    out.append(file, start, end - start);
    start = end + (file.compare(end, 2, "\r\n") == 0 ? 2 : 1);
  }
  return out;
}

// The source text ROS returns for a type is the file it was generated from. rclite's generated code
// holds the definition without comments; where a ROS install on AMENT_PREFIX_PATH has the file
// (`<prefix>/share/<pkg>/<msg|srv>/<Name>.<ext>`, as ROS tools find it) and it defines the same
// type (`same_type`: the same hash), its text is returned instead, as rosidl embeds it.
std::string source_text(const idl::TypeName& name, std::string_view definition,
                        const std::function<bool(const std::string&)>& same_type) {
  for (const auto& share : dynamic::ament_share_dirs()) {
    const auto file = share / name.package / name.subfolder / (name.name + "." + name.subfolder);
    std::error_code ignored;
    if (!std::filesystem::is_regular_file(file, ignored)) continue;
    try {
      std::string text = idl::read_text_file(file);
      if (same_type(text)) return as_rosidl_embeds(text);
    } catch (const std::exception&) {  // unreadable or not parsable: not the type we describe
    }
    break;  // the first install that has the type is the one ROS tools read
  }
  return std::string(definition);
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
  }
  const idl::TypeResolver resolve = [&](const idl::TypeName& name) -> const idl::MessageSpec& {
    auto found = messages.find(name.full());
    if (found == messages.end()) throw std::runtime_error("no definition of " + name.full());
    return found->second;
  };
  const auto message_source = [&](const idl::TypeName& name, std::string_view definition) {
    const std::string hash = idl::type_hash(resolve(name), resolve);
    return source_text(name, definition, [&](const std::string& text) {
      return idl::type_hash(idl::parse_message(text, name, name.full()), resolve) == hash;
    });
  };
  for (std::size_t i = 1; i < definitions.size(); ++i) {
    const idl::TypeName name = checked_name(definitions[i].type_name);
    sources.emplace(name.full(),
                    TypeSourceText{name.full(), "msg", message_source(name, definitions[i].definition)});
  }

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
    const std::string hash = idl::service_type_hash(service, resolve);
    const auto same_service = [&](const std::string& text) {
      return idl::service_type_hash(idl::parse_service(text, top_name, top_name.full()), resolve) == hash;
    };
    described.sources.push_back({top_name.full(), "srv", source_text(top_name, top.definition, same_service)});
  } else {
    messages.emplace(top_name.full(), idl::parse_message(top.definition, top_name, top.type_name));
    described.description = idl::describe_type(resolve(top_name), resolve);
    described.sources.push_back({top_name.full(), "msg", message_source(top_name, top.definition)});
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
