/// @file
/// A publisher on a ROS topic: `node.create_publisher<Msg>(topic, qos)`. Move-only; destroying it
/// (or reset()) deletes the DDS writer and updates the graph.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "rclite/detail/handle.hpp"
#include "rclite/detail/topic_entities.hpp"
#include "rclite/wire/cdr.hpp"

namespace rclite {

struct PublisherOptions {};

/// A publisher of `Msg`, made by Node::create_publisher. Move-only; destroying it removes it.
template <wire::Message Msg>
class Publisher {
 public:
  Publisher() = default;
  /// Wraps the implementation (Node::create_publisher makes it).
  explicit Publisher(std::shared_ptr<detail::PublisherCore> core) : core_(std::move(core)) {}
  Publisher(const Publisher&) = delete;
  Publisher& operator=(const Publisher&) = delete;
  /// Moves the publisher; the moved-from one is empty.
  Publisher(Publisher&&) noexcept = default;
  /// Replaces this publisher by `other` (this one is reset() first).
  Publisher& operator=(Publisher&& other) noexcept {
    if (this != &other) {
      reset();
      core_ = std::move(other.core_);
    }
    return *this;
  }
  ~Publisher() { reset(); }

  /// Encodes and writes `message`. Thread-safe. Throws wire::CdrError when the message breaks a
  /// bound of its type, std::runtime_error when DDS refuses the write (e.g. after shutdown).
  void publish(const Msg& message) {
    thread_local std::vector<std::uint8_t> buffer;  // reused: no allocation per message
    wire::encode(message, buffer);
    core().publish(buffer);
  }

  /// The fully qualified, remapped name ("/chatter").
  const std::string& get_topic_name() const { return core().topic_name(); }
  /// Matched subscriptions, in this process or elsewhere.
  std::size_t get_subscription_count() const { return core().subscription_count(); }
  /// False when empty (default-constructed, moved from, or reset()).
  explicit operator bool() const { return core_ != nullptr; }

  /// Removes the publisher; it becomes empty.
  void reset() {
    if (core_) core_->close();
    core_.reset();
  }

 private:
  detail::PublisherCore& core() const { return detail::checked_core(core_, "rclite::Publisher"); }
  std::shared_ptr<detail::PublisherCore> core_;
};

}  // namespace rclite
