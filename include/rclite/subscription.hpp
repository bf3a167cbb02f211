/// @file
/// A subscription to a ROS topic: `node.create_subscription<Msg>(topic, qos, callback)`.
///
/// The callback, void(const Msg&), runs on the executor spinning the node, in the subscription's
/// callback group. A sample that cannot be decoded is dropped with a log line; the callback never
/// sees it. Move-only; destroying it (or reset()) deletes the DDS reader and updates the graph.
#pragma once

#include <memory>
#include <string>
#include <type_traits>

#include "rclite/callback_group.hpp"
#include "rclite/detail/handle.hpp"
#include "rclite/detail/topic_entities.hpp"
#include "rclite/logging.hpp"
#include "rclite/wire/cdr.hpp"

namespace rclite {

/// Options of create_subscription.
struct SubscriptionOptions {
  std::shared_ptr<CallbackGroup> callback_group;  ///< the node's default group when null
  bool ignore_local_publications = false;         ///< skip samples of publishers in this context
};

/// A subscription to `Msg`, made by Node::create_subscription. Move-only; destroying it removes it.
template <wire::Message Msg>
class Subscription {
 public:
  Subscription() = default;
  /// Wraps the implementation (Node::create_subscription makes it).
  explicit Subscription(std::shared_ptr<detail::SubscriptionCore> core) : core_(std::move(core)) {}
  Subscription(const Subscription&) = delete;
  Subscription& operator=(const Subscription&) = delete;
  /// Moves the subscription; the moved-from one is empty.
  Subscription(Subscription&&) noexcept = default;
  /// Replaces this subscription by `other` (this one is reset() first).
  Subscription& operator=(Subscription&& other) noexcept {
    if (this != &other) {
      reset();
      core_ = std::move(other.core_);
    }
    return *this;
  }
  ~Subscription() { reset(); }

  /// The fully qualified, remapped name ("/chatter").
  const std::string& get_topic_name() const { return core().topic_name(); }
  /// Matched publishers, in this process or elsewhere.
  std::size_t get_publisher_count() const { return core().publisher_count(); }
  /// False when empty (default-constructed, moved from, or reset()).
  explicit operator bool() const { return core_ != nullptr; }

  /// Removes the subscription; it becomes empty: its callback is not called any more.
  void reset() {
    if (core_) core_->close();
    core_.reset();
  }

  /// Builds the untyped handler that decodes a sample and calls `callback`.
  template <class Callback>
  static detail::SubscriptionCore::SampleHandler make_handler(Callback callback, Logger logger) {
    static_assert(std::is_invocable_v<Callback&, const Msg&>, "subscription callback must be void(const Msg&)");
    return [callback = std::move(callback), logger = std::move(logger)](std::span<const std::uint8_t> sample) mutable {
      Msg message;
      try {
        wire::decode(sample, message);
      } catch (const wire::CdrError& error) {
        logger.error("dropping a malformed {} sample: {}", wire::MessageTraits<Msg>::ros_type_name, error.what());
        return;
      }
      callback(static_cast<const Msg&>(message));
    };
  }

 private:
  detail::SubscriptionCore& core() const { return detail::checked_core(core_, "rclite::Subscription"); }
  std::shared_ptr<detail::SubscriptionCore> core_;
};

}  // namespace rclite
