// Service events (`<Srv>_Event`, spec §8.2) of runtime-typed services and clients: one encoder for
// GenericClient and GenericService, as detail::publish_service_event is for generated types.
#pragma once

#include <cstdint>
#include <optional>
#include <span>

#include "rclite/detail/service_events.hpp"
#include "rclite/dynamic/dynamic_value.hpp"
#include "rclite/generic_client.hpp"

namespace rclite::detail {

// A `<Srv>_Event` sample (info, request[<=1], response[<=1]) written as generated code writes it:
// the info by the generated service_msgs code, the request or response by the runtime-typed codec.
// Nothing when `state` is Off; no contents unless it is Contents.
void publish_dynamic_event(ServiceEventSink& sink, IntrospectionState state, ServiceEventType type,
                           const ClientGid& client_gid, std::int64_t sequence, const dynamic::DynamicValue* request,
                           const dynamic::DynamicValue* response);

// `sample` (a request or response with its header) decoded as `type` for an event with contents;
// nullopt when it does not decode (the event then shows no contents; the sample itself is refused
// or reported on its own account).
std::optional<dynamic::DynamicValue> decode_for_event(std::span<const std::uint8_t> sample,
                                                      const dynamic::MessageTypePtr& type);

// The event type of `type`; throws idl::UnknownTypeError when it could not be loaded.
MessageTypeInfo event_type_info(const GenericServiceType& type);

}  // namespace rclite::detail
