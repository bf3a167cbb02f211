#include "dynamic_service_events.hpp"

#include <service_msgs/msg/service_event_info.hpp>

#include <exception>
#include <vector>

#include "rclite/detail/time_msg.hpp"
#include "rclite/dynamic/cdr.hpp"
#include "rclite/idl/interface_library.hpp"
#include "rclite/wire/cdr_error.hpp"

namespace rclite::detail {

void publish_dynamic_event(ServiceEventSink& sink, IntrospectionState state, ServiceEventType type,
                           const ClientGid& client_gid, std::int64_t sequence,
                           const dynamic::DynamicValue* request, const dynamic::DynamicValue* response) {
  if (state == IntrospectionState::Off) return;
  service_msgs::msg::ServiceEventInfo info;
  info.event_type = static_cast<std::uint8_t>(type);
  info.stamp = detail::time_msg_now();
  info.client_gid = client_gid;
  info.sequence_number = sequence;
  const bool contents = state == IntrospectionState::Contents;
  thread_local std::vector<std::uint8_t> buffer;
  try {
    wire::CdrWriter writer(buffer);
    writer.write(info);
    for (const dynamic::DynamicValue* part : {request, response}) {
      const bool present = contents && part != nullptr;
      writer.write_length(present ? 1 : 0);
      if (present) dynamic::encode(*part, writer);
    }
    writer.finish();
  } catch (const wire::CdrError&) {
    return;  // the request or response itself was sent or refused on its own account
  }
  sink.publish_event(buffer);
}

std::optional<dynamic::DynamicValue> decode_for_event(std::span<const std::uint8_t> sample,
                                                      const dynamic::MessageTypePtr& type) {
  try {
    return dynamic::decode_service_sample(sample, type).message;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

MessageTypeInfo event_type_info(const GenericServiceType& type) {
  if (type.event_hash.empty()) {
    throw idl::UnknownTypeError("cannot introspect " + type.name + ": its event type " + type.event_name +
                                " could not be loaded");
  }
  return MessageTypeInfo{type.event_name, type.event_dds_type, type.event_hash, /*definitions=*/nullptr};
}

}  // namespace rclite::detail
