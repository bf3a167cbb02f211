// The untyped cores behind Publisher<Msg> and Subscription<Msg>: they move serialized samples on
// "rt/<topic>" and know nothing of the message types. Implemented in src/node; no DDS type here.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "rclite/callback_group.hpp"
#include "rclite/detail/type_definitions.hpp"
#include "rclite/qos.hpp"
#include "rclite/wire/message_traits.hpp"

namespace rclite::detail {

class NodeImpl;

// Names and hash of a message type, taken from the generated MessageTraits.
struct MessageTypeInfo {
  std::string_view ros_type;  // "std_msgs/msg/String"
  std::string_view dds_type;  // "std_msgs::msg::dds_::String_"
  std::string_view hash;      // "RIHS01_..."
  DefinitionCollector definitions = nullptr;  // null for runtime-typed messages
};

template <wire::Message Msg>
MessageTypeInfo message_type_info() {
  using Traits = wire::MessageTraits<Msg>;
  return MessageTypeInfo{Traits::ros_type_name, Traits::dds_type_name, Traits::type_hash, message_definitions<Msg>()};
}

class PublisherCore {
 public:
  virtual ~PublisherCore() = default;
  virtual const std::string& topic_name() const = 0;
  // Writes one serialized sample (encapsulation header included). Thread-safe. Throws
  // std::runtime_error when the writer is gone (closed, context shut down) or DDS refuses.
  virtual void publish(std::span<const std::uint8_t> sample) = 0;
  // Subscriptions currently matched (QoS-compatible, same type name).
  virtual std::size_t subscription_count() const = 0;
  virtual void close() = 0;
};

std::shared_ptr<PublisherCore> create_publisher_core(const std::shared_ptr<NodeImpl>& node, const std::string& topic,
                                                     const MessageTypeInfo& type, const QoS& qos);

class SubscriptionCore {
 public:
  // Called on the executor spinning the node, once per received sample.
  using SampleHandler = std::function<void(std::span<const std::uint8_t> sample)>;
  virtual ~SubscriptionCore() = default;
  virtual const std::string& topic_name() const = 0;
  // Publishers currently matched.
  virtual std::size_t publisher_count() const = 0;
  virtual void close() = 0;
};

struct SubscriptionCoreOptions {
  std::shared_ptr<CallbackGroup> callback_group;  // the node's default group when null
  bool ignore_local_publications = false;
  // The handler runs in the DDS thread that delivers samples, not on an executor (a node's
  // /clock: simulated time must move while the executor is busy). For short handlers only.
  bool take_in_listener = false;
};

std::shared_ptr<SubscriptionCore> create_subscription_core(const std::shared_ptr<NodeImpl>& node,
                                                           const std::string& topic, const MessageTypeInfo& type,
                                                           const QoS& qos, SubscriptionCore::SampleHandler handler,
                                                           const SubscriptionCoreOptions& options);

}  // namespace rclite::detail
