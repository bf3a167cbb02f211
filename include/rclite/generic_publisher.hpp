/// @file
/// A publisher whose message type is only known at run time: it publishes dynamic::DynamicValue
/// messages of a "pkg/msg/Name" type whose definition is read from the interface roots
/// (rclite/dynamic/interface_roots.hpp), as rclpy's publishers in `ros2 topic pub` do.
///
/// @code{.unparsed}
///   rclite::GenericPublisher chatter(node, "/chatter", "std_msgs/msg/String", rclite::QoS(10));
///   auto message = chatter.make_message();
///   message["data"].set("hello");
///   chatter.publish(message);
/// @endcode
///
/// It goes through the same publisher core as Publisher<Msg> (same writer, QoS and USER_DATA), with
/// the dynamic CDR codec in place of generated code: the bytes on the wire are the same.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "rclite/detail/handle.hpp"
#include "rclite/detail/topic_entities.hpp"
#include "rclite/dynamic/dynamic_value.hpp"
#include "rclite/dynamic/message_type.hpp"
#include "rclite/idl/interface_library.hpp"
#include "rclite/node.hpp"
#include "rclite/publisher.hpp"
#include "rclite/serialized.hpp"

namespace rclite {

/// A publisher of a message type known only at run time (`ros2 topic pub`): messages are DynamicValue.
class GenericPublisher {
 public:
  GenericPublisher() = default;
  /// Throws idl::UnknownTypeError naming the type when it is not a message type name or cannot be
  /// loaded, InvalidNameError for an invalid topic name.
  GenericPublisher(Node& node, const std::string& topic, const std::string& message_type, const QoS& qos,
                   const PublisherOptions& options = {});
  /// The same, loading the type through `library`.
  GenericPublisher(Node& node, const std::string& topic, const std::string& message_type,
                   idl::InterfaceLibrary& library, const QoS& qos, const PublisherOptions& options = {});
  /// Moves the publisher; the moved-from one is empty.
  GenericPublisher(GenericPublisher&&) noexcept = default;
  /// Replaces this publisher by `other` (this one is reset() first).
  GenericPublisher& operator=(GenericPublisher&& other) noexcept;
  GenericPublisher(const GenericPublisher&) = delete;
  GenericPublisher& operator=(const GenericPublisher&) = delete;
  ~GenericPublisher() { reset(); }

  /// A message of the publisher's type with its default values.
  dynamic::DynamicValue make_message() const { return dynamic::DynamicValue(type_); }
  /// Encodes and writes `message`. Thread-safe. Throws std::invalid_argument when `message` is not a
  /// message of the publisher's type, wire::CdrError when it breaks a bound of its type,
  /// std::runtime_error when DDS refuses the write (e.g. after shutdown).
  void publish(const dynamic::DynamicValue& message);
  /// Writes a message whose body `write_body` writes (after the encapsulation header), for code
  /// that knows the type at run time (the Python face). What `write_body` throws propagates and
  /// nothing is written. Thread-safe.
  void publish_serialized(const BodyWriter& write_body);

  /// The resolved topic name.
  const std::string& get_topic_name() const;
  /// The message's runtime type.
  const dynamic::MessageTypePtr& message_type() const { return type_; }
  /// Matched subscriptions, in this process or elsewhere.
  std::size_t get_subscription_count() const;
  /// False when empty (moved from, or reset()).
  explicit operator bool() const { return core_ != nullptr; }
  /// Removes the publisher; it becomes empty.
  void reset();

 private:
  detail::PublisherCore& core() const { return detail::checked_core(core_, "rclite::GenericPublisher"); }
  dynamic::MessageTypePtr type_;
  std::shared_ptr<detail::PublisherCore> core_;
};

}  // namespace rclite
