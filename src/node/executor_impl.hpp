// The state behind the executors: a queue of ready executables, fed by the nodes attached to it
// (DDS listeners and posted callbacks, through NodeImpl), drained by one or more spinning threads
// with respect for callback groups.
//
// Ownership: the executor owns its queue and the "queued" mark of every executable in it. Letting
// go of a node (remove_node, the executor's destruction, the node moving to another executor)
// takes the node's entries out of the queue, clears their marks and hands posted callbacks back to
// the node, so nothing is stranded on an executor that will never run it.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "context_impl.hpp"
#include "executable.hpp"

namespace rclite::detail {

class NodeImpl;

class ExecutorImpl : public std::enable_shared_from_this<ExecutorImpl> {
 public:
  static constexpr std::uint64_t kAnyTicket = std::numeric_limits<std::uint64_t>::max();

  explicit ExecutorImpl(std::shared_ptr<ContextImpl> context);
  ~ExecutorImpl();
  void start();        // registers with the context (needs shared_from_this)
  void release_all();  // lets go of every node (the public Executor's destruction)

  void add_node(const std::shared_ptr<NodeImpl>& node);
  void remove_node(const std::shared_ptr<NodeImpl>& node);

  // For NodeImpl, under the node's mutex: queue `executable` of `node` (once), and take back
  // everything of `node` (returns the one-shot work, in queue order).
  void enqueue(const std::shared_ptr<Executable>& executable, std::weak_ptr<NodeImpl> node);
  std::vector<std::shared_ptr<Executable>> release(const NodeImpl* node);
  // For NodeImpl, under the node's mutex: queue `executable` of `node` at `when` (a timer's next
  // call on the steady clock), replacing the time it was armed for before. Spinning threads wait
  // no longer than the earliest such time.
  void arm(const std::shared_ptr<Executable>& executable, std::weak_ptr<NodeImpl> node,
           std::chrono::steady_clock::time_point when);

  // Runs one ready executable, waiting until `deadline` for one. False when none ran: timeout, a
  // cancel() pending, or a wake() after `generation` (default: since the call). Only entries queued
  // with a ticket up to `ticket_limit` are taken (spin_some: what was ready when it began).
  // An exception from the executable's callback leaves here, after the executable was queued again.
  bool spin_once_until(std::chrono::steady_clock::time_point deadline,
                       std::optional<std::uint64_t> generation = std::nullopt,
                       std::uint64_t ticket_limit = kAnyTicket);
  // The newest ticket handed out (timers due now are queued first, so they count as ready).
  std::uint64_t last_ticket();
  std::uint64_t wake_generation() const;

  // cancel() stays pending until a spin* call consumes it (take_cancel), so that a cancel() before
  // spin() is not lost.
  void cancel();
  bool cancel_pending() const { return cancelled_.load(std::memory_order_acquire); }
  bool take_cancel();
  void wake();
  ContextImpl& context() const { return *context_; }

 private:
  struct Entry {
    std::shared_ptr<Executable> executable;
    std::weak_ptr<NodeImpl> node;  // where to queue it again (the node may have moved on)
    std::uint64_t ticket = 0;
  };
  struct Armed {
    std::weak_ptr<Executable> executable;  // a destroyed timer's entry is dropped when due
    const Executable* identity;
    std::weak_ptr<NodeImpl> node;
  };
  using Schedule = std::multimap<std::chrono::steady_clock::time_point, Armed>;
  bool pop_runnable_locked(std::uint64_t ticket_limit, Entry& out);
  // Queues the armed executables whose time has come.
  void promote_due_locked(std::chrono::steady_clock::time_point now);
  void disarm_locked(Executable& executable);
  void enqueue_locked(const std::shared_ptr<Executable>& executable, std::weak_ptr<NodeImpl> node);
  bool run(Entry& entry);  // true when a callback ran

  std::shared_ptr<ContextImpl> context_;
  mutable std::mutex mutex_;
  std::condition_variable ready_changed_;
  std::deque<Entry> ready_;
  Schedule armed_;
  std::uint64_t next_ticket_ = 1;
  std::vector<std::weak_ptr<NodeImpl>> nodes_;
  std::atomic<bool> cancelled_{false};  // written under mutex_ (waiters check it under it)
  std::uint64_t wake_generation_ = 0;
  int waker_id_ = 0;
  int shutdown_id_ = 0;
};

}  // namespace rclite::detail
