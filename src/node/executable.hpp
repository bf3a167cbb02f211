// Work an executor runs: a service or subscription with samples waiting, or a posted callback.
#pragma once

#include <memory>

#include "rclite/callback_group.hpp"

namespace rclite::detail {

class Executable {
 public:
  explicit Executable(std::shared_ptr<CallbackGroup> group) : group_(std::move(group)) {}
  virtual ~Executable() = default;

  // Does one unit of work. Returns true when there may be more, so the executor queues it again.
  // May throw (a user callback did): the executor then queues a persistent executable again and
  // lets the exception leave spin*.
  virtual bool execute() = 0;
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

  std::shared_ptr<CallbackGroup> group_;
};

}  // namespace rclite::detail
