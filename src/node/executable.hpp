// Work an executor runs: a service with requests waiting, or a posted callback.
#pragma once

#include <atomic>
#include <memory>

#include "rclite/callback_group.hpp"

namespace rclite::detail {

class Executable {
 public:
  explicit Executable(std::shared_ptr<CallbackGroup> group) : group_(std::move(group)) {}
  virtual ~Executable() = default;

  // Does one unit of work. Returns true when there may be more, so the executor queues it again.
  virtual bool execute() = 0;

  CallbackGroup& group() const { return *group_; }
  // Set while the executable sits in an executor's queue, so it is queued once.
  std::atomic<bool> queued{false};

 private:
  std::shared_ptr<CallbackGroup> group_;
};

}  // namespace rclite::detail
