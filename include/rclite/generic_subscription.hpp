/// @file
/// A subscription whose message type is only known at run time: samples arrive as
/// dynamic::DynamicValue, the type a "pkg/msg/Name" string (or a service's "pkg/srv/Name_Event")
/// whose definition is read from the interface roots (rclite/dynamic/interface_roots.hpp), as
/// rclpy's runtime-typed subscriptions in ros2cli do.
///
/// @code{.unparsed}
///   rclite::GenericSubscription echo(node, "/add_two_ints/_service_event",
///                                    "example_interfaces/srv/AddTwoInts_Event", rclite::ServicesQoS(),
///                                    [](const rclite::dynamic::DynamicValue& event) { ... });
/// @endcode
///
/// It goes through the same subscription core as Subscription<Msg>: the callback runs on the executor
/// spinning the node; a sample that does not decode as the type is dropped with a log line.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "rclite/detail/handle.hpp"
#include "rclite/dynamic/dynamic_value.hpp"
#include "rclite/dynamic/message_type.hpp"
#include "rclite/idl/interface_library.hpp"
#include "rclite/node.hpp"
#include "rclite/serialized.hpp"

namespace rclite {

/// A subscription to a message type known only at run time (`ros2 topic echo`): messages are DynamicValue.
class GenericSubscription {
 public:
  /// Called with each message, on the executor spinning the node.
  using Callback = std::function<void(const dynamic::DynamicValue& message)>;

  /// Called with each message's body (a reader positioned after the encapsulation header), on
  /// the executor spinning the node (serialized()).
  using SerializedCallback = std::function<void(wire::CdrReader& message)>;

  GenericSubscription() = default;
  /// Throws idl::UnknownTypeError naming the type when it is not a message type name or cannot be
  /// loaded, InvalidNameError for an invalid topic name.
  GenericSubscription(Node& node, const std::string& topic, const std::string& message_type, const QoS& qos,
                      Callback callback, const SubscriptionOptions& options = {});
  /// The same, loading the type through `library`.
  GenericSubscription(Node& node, const std::string& topic, const std::string& message_type,
                      idl::InterfaceLibrary& library, const QoS& qos, Callback callback,
                      const SubscriptionOptions& options = {});
  /// A subscription that hands each message over undecoded, for code that knows the type at run
  /// time (the Python face). What the callback throws propagates out of spin, but a wire::CdrError
  /// (a malformed sample) is logged and the sample dropped.
  static GenericSubscription serialized(Node& node, const std::string& topic, const std::string& message_type,
                                        idl::InterfaceLibrary& library, const QoS& qos, SerializedCallback callback,
                                        const SubscriptionOptions& options = {});
  /// Moves the subscription; the moved-from one is empty.
  GenericSubscription(GenericSubscription&&) noexcept = default;
  /// Replaces this subscription by `other` (this one is reset() first).
  GenericSubscription& operator=(GenericSubscription&& other) noexcept;
  GenericSubscription(const GenericSubscription&) = delete;
  GenericSubscription& operator=(const GenericSubscription&) = delete;
  ~GenericSubscription() { reset(); }

  /// The resolved topic name.
  const std::string& get_topic_name() const;
  /// The message's runtime type.
  const dynamic::MessageTypePtr& message_type() const { return type_; }
  /// Matched publishers, in this process or elsewhere.
  std::size_t get_publisher_count() const;
  /// False when empty (moved from, or reset()).
  explicit operator bool() const { return core_ != nullptr; }
  /// Removes the subscription; it becomes empty.
  void reset();

 private:
  dynamic::MessageTypePtr type_;
  detail::SubscriptionCore& core() const { return detail::checked_core(core_, "rclite::GenericSubscription"); }
  std::shared_ptr<detail::SubscriptionCore> core_;
};

}  // namespace rclite
