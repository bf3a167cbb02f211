/// @file
/// Callback groups decide which callbacks an executor may run at the same time: those of one
/// MutuallyExclusive group one after another, those of a Reentrant group in parallel.
#pragma once

#include <atomic>
#include <memory>

namespace rclite {

namespace detail {
class ExecutorImpl;
}

/// MutuallyExclusive: one callback of the group at a time; Reentrant: any number at once.
enum class CallbackGroupType { MutuallyExclusive, Reentrant };

/// A set of entities whose callbacks a multi-threaded executor schedules by the group's type.
class CallbackGroup {
 public:
  /// A group of `type` (Node::create_callback_group makes them).
  explicit CallbackGroup(CallbackGroupType type) : type_(type) {}
  /// The group's type.
  CallbackGroupType type() const noexcept { return type_; }

 private:
  /// Executor bookkeeping: a mutually exclusive group runs one callback at a time. Kept in the group,
  /// not in an executor: while a node moves between executors, the old one may still be running one
  /// of the group's callbacks.
  friend class detail::ExecutorImpl;
  bool try_enter() noexcept {
    if (type_ == CallbackGroupType::Reentrant) return true;
    bool expected = false;
    return busy_.compare_exchange_strong(expected, true, std::memory_order_acquire);
  }
  void leave() noexcept {
    if (type_ == CallbackGroupType::MutuallyExclusive) busy_.store(false, std::memory_order_release);
  }

  CallbackGroupType type_;
  std::atomic<bool> busy_{false};
};

}  // namespace rclite
