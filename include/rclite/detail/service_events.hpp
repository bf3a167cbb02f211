// Where a service or client sends its introspection events (spec §8.2), and the typed code that
// builds them. One atomic load when introspection is off: the call path does nothing else.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <span>
#include <vector>

#include "rclite/detail/time_msg.hpp"
#include "rclite/detail/topic_entities.hpp"
#include "rclite/qos.hpp"
#include "rclite/service_introspection.hpp"
#include "rclite/wire/cdr.hpp"

namespace rclite::detail {

using ClientGid = std::array<std::uint8_t, 16>;

class ServiceEventSink {
 public:
  virtual ~ServiceEventSink() = default;
  IntrospectionState introspection_state() const { return state_.load(std::memory_order_acquire); }
  // Writes one encoded `<Srv>_Event` sample; failures are logged, never thrown (a call must not
  // fail because its event could not be published).
  virtual void publish_event(std::span<const std::uint8_t> event_sample) = 0;

 protected:
  std::atomic<IntrospectionState> state_{IntrospectionState::Off};
};

// service_msgs/ServiceEventInfo event types.
enum class ServiceEventType : std::uint8_t { RequestSent = 0, RequestReceived = 1, ResponseSent = 2, ResponseReceived = 3 };

// The event of one request or response of `Srv`, if `sink` is introspected: `state` is the sink's
// introspection state when the request or response happened. (Read after a response was sent, it
// could be a state set by someone who saw that response arrive: an event of a call made before
// introspection was turned on.)
template <wire::Service Srv>
void publish_service_event(ServiceEventSink& sink, IntrospectionState state, ServiceEventType type,
                           const ClientGid& client_gid, std::int64_t sequence,
                           const typename wire::ServiceTraits<Srv>::Request* request,
                           const typename wire::ServiceTraits<Srv>::Response* response) {
  if (state == IntrospectionState::Off) return;
  typename wire::ServiceTraits<Srv>::Event event;
  event.info.event_type = static_cast<std::uint8_t>(type);
  event.info.stamp = time_msg_now();
  event.info.client_gid = client_gid;
  event.info.sequence_number = sequence;
  if (state == IntrospectionState::Contents) {
    if (request != nullptr) event.request.push_back(*request);
    if (response != nullptr) event.response.push_back(*response);
  }
  thread_local std::vector<std::uint8_t> buffer;
  try {
    wire::encode(event, buffer);
  } catch (const wire::CdrError&) {
    return;  // the request or response itself was sent or refused on its own account
  }
  sink.publish_event(buffer);
}

// rmw_cyclonedds' rmw_request_id_t.writer_guid on the server side: the client's 8-byte header guid,
// then the server-local handle of the client's request writer, both in host byte order.
inline ClientGid server_side_client_gid(std::uint64_t header_guid, std::uint64_t writer_handle) {
  ClientGid gid{};
  std::memcpy(gid.data(), &header_guid, sizeof header_guid);
  std::memcpy(gid.data() + 8, &writer_handle, sizeof writer_handle);
  return gid;
}

}  // namespace rclite::detail
