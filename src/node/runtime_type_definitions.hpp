// The definitions of a type resolved at run time (GenericService, GenericClient, GenericPublisher,
// GenericSubscription: the CLI and the Python face), so that their node describes it on
// ~/get_type_description as it describes a generated type: the same texts in the same order as
// the generated collectors of rclite/detail/type_definitions.hpp append them.
#pragma once

#include "rclite/detail/type_definitions.hpp"
#include "rclite/idl/interface_library.hpp"

namespace rclite::detail {

// A collector owning copies of the texts `library` loaded for `message` and what it nests. Null
// when a text is unknown (a type built in code rather than read from a file).
DefinitionCollector runtime_message_definitions(const idl::MessageSpec& message, idl::InterfaceLibrary& library);

// The same for a service: its .srv text, what its request and response nest, and what its event
// nests (service_msgs/msg/ServiceEventInfo).
DefinitionCollector runtime_service_definitions(const idl::ServiceSpec& service, idl::InterfaceLibrary& library);

}  // namespace rclite::detail
