// Work an executor runs: a service or subscription with samples waiting, a timer, or a posted
// callback.
#pragma once

#include <chrono>
#include <memory>

#include "rclite/callback_group.hpp"

namespace rclite::detail {

// What one execute() did: whether a user callback ran (spin_once returns only once one did: an
// executable queued with nothing to do, e.g. by a node's attach, does not count), and whether
// there may be more (the executor then queues it again).
struct Turn {
  bool ran = false;
  bool more = false;
};

class Executable {
 public:
  explicit Executable(std::shared_ptr<CallbackGroup> group) : group_(std::move(group)) {}
  virtual ~Executable() = default;

  // Does one unit of work (see Turn).
  // May throw (a user callback did): the executor then queues a persistent executable again and
  // lets the exception leave spin*.
  virtual Turn execute() = 0;
  // False for one-shot work (a posted callback), which only its queue entry keeps: an executor that
  // lets go of a node hands such work back to the node instead of dropping it.
  virtual bool persistent() const { return true; }

  CallbackGroup& group() const { return *group_; }

 private:
  friend class ExecutorImpl;
  // Whether an entry for it sits in the queue of the executor its node is attached to. Read and
  // written only by that executor, under its mutex; the node hands it from one executor to the
  // next under the node's mutex (NodeImpl::attach/detach), so it is never stranded.
  bool queued_ = false;
  // Whether that executor holds a wake-up time for it (a timer; NodeImpl::arm), and which. At most
  // one at a time: arming again replaces it. Under that executor's mutex, like queued_.
  bool armed_ = false;
  std::chrono::steady_clock::time_point armed_at_{};

  std::shared_ptr<CallbackGroup> group_;
};

}  // namespace rclite::detail
