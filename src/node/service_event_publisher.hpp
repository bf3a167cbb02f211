// The publisher of a service's or client's introspection events on "<service>/_service_event"
// (spec §8.2), shared by ServiceCoreImpl and ClientCoreImpl.
#pragma once

#include <memory>
#include <mutex>
#include <span>
#include <string>

#include "rclite/detail/topic_entities.hpp"
#include "rclite/logging.hpp"

namespace rclite::detail {

class ServiceEventPublisher {
 public:
  // Creates the publisher when `on` and there is none yet (a later QoS does not replace it, as in
  // rcl); deletes it when not `on`.
  void configure(const std::shared_ptr<NodeImpl>& node, const std::string& service_name, const MessageTypeInfo& type,
                 const QoS& qos, bool on);
  // Thread-safe; a failed write is logged, never thrown.
  void publish(std::span<const std::uint8_t> sample, const Logger& logger);
  void close();

 private:
  std::mutex mutex_;
  std::shared_ptr<PublisherCore> publisher_;
};

}  // namespace rclite::detail
