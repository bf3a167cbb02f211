#include "runtime_message_type.hpp"

#include <exception>

#include "runtime_type_definitions.hpp"

namespace rclite::detail {

RuntimeMessageType resolve_runtime_message_type(const std::string& message_type, idl::InterfaceLibrary& library) {
  const auto name = idl::parse_type_name(message_type);
  if (!name) throw idl::UnknownTypeError("unknown message type '" + message_type + "': not a type name");
  RuntimeMessageType resolved;
  try {
    const idl::MessageSpec& spec = library.message(*name);
    resolved.type = dynamic::MessageType::resolve(spec, library);
    resolved.hash = library.hash_of(spec);
    resolved.definitions = runtime_message_definitions(spec, library);
  } catch (const std::exception& error) {
    throw idl::UnknownTypeError("unknown message type '" + message_type + "': " + error.what());
  }
  resolved.ros_type = name->full();
  resolved.dds_type = name->package + "::" + name->subfolder + "::dds_::" + name->name + "_";
  return resolved;
}

}  // namespace rclite::detail
