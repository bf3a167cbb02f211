// GenericSubscription: the runtime-typed subscription on the untyped subscription core (as
// Subscription<Msg>, with the dynamic CDR codec in place of generated code).
#include "rclite/generic_subscription.hpp"

#include <optional>

#include "rclite/dynamic/cdr.hpp"
#include "rclite/dynamic/interface_roots.hpp"
#include "rclite/wire/cdr_error.hpp"

namespace rclite {

GenericSubscription::GenericSubscription(Node& node, const std::string& topic, const std::string& message_type,
                                         const QoS& qos, Callback callback, const SubscriptionOptions& options) {
  auto library = dynamic::make_interface_library();
  *this = GenericSubscription(node, topic, message_type, library, qos, std::move(callback), options);
}

GenericSubscription::GenericSubscription(Node& node, const std::string& topic, const std::string& message_type,
                                         idl::InterfaceLibrary& library, const QoS& qos, Callback callback,
                                         const SubscriptionOptions& options) {
  const auto name = idl::parse_type_name(message_type);
  if (!name) throw idl::UnknownTypeError("unknown message type '" + message_type + "': not a type name");
  std::string hash;
  try {
    const idl::MessageSpec& spec = library.message(*name);
    type_ = dynamic::MessageType::resolve(spec, library);
    hash = library.hash_of(spec);
  } catch (const std::exception& error) {
    throw idl::UnknownTypeError("unknown message type '" + message_type + "': " + error.what());
  }
  const std::string ros_type = name->full();
  const std::string dds_type = name->package + "::" + name->subfolder + "::dds_::" + name->name + "_";
  const detail::MessageTypeInfo info{ros_type, dds_type, hash, /*definitions=*/nullptr};
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
  core_ = detail::create_subscription_core(node.impl(), topic, info, qos, std::move(handler),
                                           detail::SubscriptionCoreOptions{options.callback_group,
                                                                           options.ignore_local_publications});
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
