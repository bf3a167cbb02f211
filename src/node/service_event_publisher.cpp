#include "service_event_publisher.hpp"

#include "rclite/service_introspection.hpp"

namespace rclite::detail {

void ServiceEventPublisher::configure(const std::shared_ptr<NodeImpl>& node, const std::string& service_name,
                                      const MessageTypeInfo& type, const QoS& qos, bool on) {
  std::shared_ptr<PublisherCore> old;
  {
    std::lock_guard lock(mutex_);
    if (on && publisher_) return;
    if (on) {
      publisher_ = create_publisher_core(node, service_name + kServiceEventTopicSuffix, type, qos);
      return;
    }
    old = std::move(publisher_);
  }
  if (old) old->close();
}

void ServiceEventPublisher::publish(std::span<const std::uint8_t> sample, const Logger& logger) {
  std::shared_ptr<PublisherCore> publisher;
  {
    std::lock_guard lock(mutex_);
    publisher = publisher_;
  }
  if (!publisher) return;  // turned off meanwhile
  try {
    publisher->publish(sample);
  } catch (const std::exception& error) {
    logger.warn("cannot publish a service event on {}: {}", publisher->topic_name(), error.what());
  }
}

void ServiceEventPublisher::close() {
  std::shared_ptr<PublisherCore> old;
  {
    std::lock_guard lock(mutex_);
    old = std::move(publisher_);
  }
  if (old) old->close();
}

}  // namespace rclite::detail
