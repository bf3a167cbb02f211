/// @file
/// ServiceOptions and ClientOptions: what create_service and create_client take besides the name and
/// the callback (callback group, QoS, the server's request queue bound).
#pragma once

#include <cstddef>
#include <memory>

#include "rclite/callback_group.hpp"
#include "rclite/qos.hpp"

namespace rclite {

/// rclite's default QoS of services and clients: rmw_qos_profile_services_default (reliable, volatile)
/// with KEEP_ALL history instead of KEEP_LAST 10, so that no request is dropped when more than 10 are
/// outstanding (history never affects DDS matching: it talks to any ROS 2 peer). A server bounds the
/// requests waiting all the same (ServiceOptions::max_queued_requests).
struct KeepAllServicesQoS : QoS {
  KeepAllServicesQoS() : QoS(10) { keep_all(); }
};

/// Options of create_service (rclcpp passes the QoS and the group as arguments; rclite gathers them).
struct ServiceOptions {
  /// The group the service's callbacks run in; the node's default group when null.
  std::shared_ptr<CallbackGroup> callback_group;
  /// The QoS of the request reader and the reply writer. ServicesQoS() (KEEP_LAST 10) is rclcpp's
  /// policy: the oldest requests dropped when 10 are waiting (counted and logged by the service from
  /// the gaps in each client's sequence numbers). With KEEP_ALL the reply writer keeps the newest
  /// 16,384 replies rather than all, so that a stopped client cannot stall the replies to others.
  QoS qos = KeepAllServicesQoS();
  /// At most this many requests wait unhandled in the service's queue; beyond it the oldest waiting
  /// one is dropped, counted (Service::dropped_requests()) and logged, so that a client flooding
  /// requests faster than they are answered cannot grow the server without bound
  /// (docs/RELIABILITY.md, "Floods and stuck peers"). 0: no bound. The QoS announced stays `qos`.
  std::size_t max_queued_requests = 4096;
};

/// Options of create_client.
struct ClientOptions {
  /// The group the client's response callbacks run in; the node's default group when null.
  std::shared_ptr<CallbackGroup> callback_group;
  /// The QoS of the request writer and the reply reader.
  QoS qos = KeepAllServicesQoS();
};

}  // namespace rclite
