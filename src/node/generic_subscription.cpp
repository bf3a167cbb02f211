// GenericSubscription: the runtime-typed subscription on the untyped subscription core (as
// Subscription<Msg>, with the dynamic CDR codec in place of generated code).
#include "rclite/generic_subscription.hpp"

#include <optional>

#include "rclite/dynamic/cdr.hpp"
#include "rclite/dynamic/interface_roots.hpp"
#include "rclite/wire/cdr_error.hpp"
#include "runtime_message_type.hpp"
#include "rclite/detail/access.hpp"

namespace rclite {

GenericSubscription::GenericSubscription(Node& node, const std::string& topic, const std::string& message_type,
                                         const QoS& qos, Callback callback, const SubscriptionOptions& options) {
  auto library = dynamic::make_interface_library();
  *this = GenericSubscription(node, topic, message_type, library, qos, std::move(callback), options);
}

GenericSubscription::GenericSubscription(Node& node, const std::string& topic, const std::string& message_type,
                                         idl::InterfaceLibrary& library, const QoS& qos, Callback callback,
                                         const SubscriptionOptions& options) {
  const detail::RuntimeMessageType resolved = detail::resolve_runtime_message_type(message_type, library);
  type_ = resolved.type;
  const std::string& ros_type = resolved.ros_type;
  auto handler = [type = type_, callback = std::move(callback), logger = node.get_logger(),
                  ros_type](std::span<const std::uint8_t> sample) {
    std::optional<dynamic::DynamicValue> message;
    try {
      message.emplace(dynamic::decode(sample, type));
    } catch (const std::exception& error) {
      logger.error("dropping a malformed {} sample: {}", ros_type, error.what());
      return;
    }
    callback(*message);
  };
  core_ = detail::create_subscription_core(detail::Access::node(node), topic, resolved.info(), qos, std::move(handler),
                                           detail::SubscriptionCoreOptions{options.callback_group,
                                                                           options.ignore_local_publications});
}

GenericSubscription GenericSubscription::serialized(Node& node, const std::string& topic,
                                                    const std::string& message_type, idl::InterfaceLibrary& library,
                                                    const QoS& qos, SerializedCallback callback,
                                                    const SubscriptionOptions& options) {
  const detail::RuntimeMessageType resolved = detail::resolve_runtime_message_type(message_type, library);
  GenericSubscription subscription;
  subscription.type_ = resolved.type;
  auto handler = [callback = std::move(callback), logger = node.get_logger(),
                  ros_type = resolved.ros_type](std::span<const std::uint8_t> sample) {
    try {
      wire::CdrReader reader(sample);
      callback(reader);
    } catch (const wire::CdrError& error) {
      logger.error("dropping a malformed {} sample: {}", ros_type, error.what());
    }
  };
  subscription.core_ = detail::create_subscription_core(
      detail::Access::node(node), topic, resolved.info(), qos, std::move(handler),
      detail::SubscriptionCoreOptions{options.callback_group, options.ignore_local_publications});
  return subscription;
}

GenericSubscription& GenericSubscription::operator=(GenericSubscription&& other) noexcept {
  if (this != &other) {
    reset();
    type_ = std::move(other.type_);
    core_ = std::move(other.core_);
  }
  return *this;
}

const std::string& GenericSubscription::get_topic_name() const { return core().topic_name(); }
std::size_t GenericSubscription::get_publisher_count() const { return core().publisher_count(); }

void GenericSubscription::reset() {
  if (core_) core_->close();
  core_.reset();
}

}  // namespace rclite
