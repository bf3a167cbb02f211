// GenericPublisher: the runtime-typed publisher on the untyped publisher core (as Publisher<Msg>,
// with the dynamic CDR codec in place of generated code).
#include "rclite/generic_publisher.hpp"

#include <cstdint>
#include <stdexcept>
#include <vector>

#include "rclite/dynamic/cdr.hpp"
#include "rclite/dynamic/interface_roots.hpp"
#include "runtime_message_type.hpp"
#include "rclite/detail/access.hpp"

namespace rclite {

GenericPublisher::GenericPublisher(Node& node, const std::string& topic, const std::string& message_type,
                                   const QoS& qos, const PublisherOptions& options) {
  auto library = dynamic::make_interface_library();
  *this = GenericPublisher(node, topic, message_type, library, qos, options);
}

GenericPublisher::GenericPublisher(Node& node, const std::string& topic, const std::string& message_type,
                                   idl::InterfaceLibrary& library, const QoS& qos, const PublisherOptions&) {
  const detail::RuntimeMessageType resolved = detail::resolve_runtime_message_type(message_type, library);
  type_ = resolved.type;
  core_ = detail::create_publisher_core(detail::Access::node(node), topic, resolved.info(), qos);
}

GenericPublisher& GenericPublisher::operator=(GenericPublisher&& other) noexcept {
  if (this != &other) {
    reset();
    type_ = std::move(other.type_);
    core_ = std::move(other.core_);
  }
  return *this;
}

void GenericPublisher::publish(const dynamic::DynamicValue& message) {
  auto& core = this->core();
  if (!message.is_message() || message.message_type().name() != type_->name()) {
    throw std::invalid_argument("publishing on " + core.topic_name() + ": the message is not a " +
                                type_->name().full());
  }
  thread_local std::vector<std::uint8_t> buffer;  // reused: no allocation per message
  dynamic::encode(message, buffer);
  core.publish(buffer);
}

void GenericPublisher::publish_serialized(const BodyWriter& write_body) {
  auto& core = this->core();
  thread_local std::vector<std::uint8_t> buffer;  // reused: no allocation per message
  wire::CdrWriter writer(buffer);
  write_body(writer);
  writer.finish();
  core.publish(buffer);
}

const std::string& GenericPublisher::get_topic_name() const { return core().topic_name(); }
std::size_t GenericPublisher::get_subscription_count() const { return core().subscription_count(); }

void GenericPublisher::reset() {
  if (core_) core_->close();
  core_.reset();
}

}  // namespace rclite
