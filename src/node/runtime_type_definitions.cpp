#include "runtime_type_definitions.hpp"

#include <memory>
#include <string>

namespace rclite::detail {
namespace {

struct OwnedDefinition {
  std::string type_name;
  std::string definition;
  std::string type_hash;
  bool is_service = false;
};

using OwnedDefinitions = std::vector<OwnedDefinition>;

bool contains(const OwnedDefinitions& found, const std::string& name) {
  for (const auto& definition : found) {
    if (definition.type_name == name) return true;
  }
  return false;
}

void add_message(const idl::MessageSpec& message, idl::InterfaceLibrary& library, OwnedDefinitions& out);

void add_nested(const idl::MessageSpec& message, idl::InterfaceLibrary& library, OwnedDefinitions& out) {
  for (const auto& field : message.fields) {
    if (!field.type.is_primitive()) add_message(library.message(field.type.nested()), library, out);
  }
}

void add_message(const idl::MessageSpec& message, idl::InterfaceLibrary& library, OwnedDefinitions& out) {
  const std::string name = message.name.full();
  if (contains(out, name)) return;
  out.push_back({name, message.source, library.hash_of(message), false});
  add_nested(message, library, out);
}

DefinitionCollector collector_of(OwnedDefinitions definitions) {
  for (const auto& definition : definitions) {
    if (definition.definition.empty()) return nullptr;
  }
  auto owned = std::make_shared<const OwnedDefinitions>(std::move(definitions));
  return [owned](std::vector<TypeDefinition>& out) {
    for (const auto& definition : *owned) {
      out.push_back({definition.type_name, definition.definition, definition.type_hash, definition.is_service});
    }
  };
}

}  // namespace

DefinitionCollector runtime_message_definitions(const idl::MessageSpec& message, idl::InterfaceLibrary& library) {
  OwnedDefinitions definitions;
  add_message(message, library, definitions);
  return collector_of(std::move(definitions));
}

DefinitionCollector runtime_service_definitions(const idl::ServiceSpec& service, idl::InterfaceLibrary& library) {
  OwnedDefinitions definitions;
  definitions.push_back({service.name.full(), service.source, library.hash_of(service), true});
  add_nested(service.request, library, definitions);
  add_nested(service.response, library, definitions);
  add_message(library.message(idl::TypeName{"service_msgs", "msg", "ServiceEventInfo"}), library, definitions);
  return collector_of(std::move(definitions));
}

}  // namespace rclite::detail
