/// @file
/// Service introspection (Jazzy; spec §8.2): a service or client configured with
/// configure_introspection() publishes what passes through it on "<service>/_service_event" as
/// `<pkg>/srv/<Srv>_Event`: REQUEST_SENT and RESPONSE_RECEIVED from a client, REQUEST_RECEIVED and
/// RESPONSE_SENT from a server. Off by default, as in rcl; `rclite service echo` prints the events.
///
/// @code{.unparsed}
///   service.configure_introspection(rclite::SystemDefaultsQoS(), rclite::IntrospectionState::Contents);
/// @endcode
#pragma once

namespace rclite {

/// What a service or client publishes on "<service>/_service_event" (rcl's service introspection).
enum class IntrospectionState {
  Off,       ///< no event publisher (the default)
  Metadata,  ///< events carry the event info only (type, stamp, client gid, sequence number)
  Contents,  ///< and the request or response itself
};

/// The topic suffix of rcl (RCL_SERVICE_INTROSPECTION_TOPIC_POSTFIX).
inline constexpr const char* kServiceEventTopicSuffix = "/_service_event";

}  // namespace rclite
