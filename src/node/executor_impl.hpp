// The state behind the executors: a queue of ready executables, fed by DDS listeners and posted
// callbacks, drained by one or more spinning threads with respect for callback groups.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
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
  explicit ExecutorImpl(std::shared_ptr<ContextImpl> context);
  ~ExecutorImpl();
  void start();  // registers with the context (needs shared_from_this)

  void add_node(const std::shared_ptr<NodeImpl>& node);
  void remove_node(const std::shared_ptr<NodeImpl>& node);
  void enqueue(const std::shared_ptr<Executable>& executable);

  // Runs one ready executable, waiting until `deadline` for one. False when none ran, also when a
  // wake() came after `generation` (default: since the call).
  bool spin_once_until(std::chrono::steady_clock::time_point deadline,
                       std::optional<std::uint64_t> generation = std::nullopt);
  std::uint64_t wake_generation() const;
  void cancel();
  void reset_cancel();
  bool cancelled() const;
  void wake();
  ContextImpl& context() const { return *context_; }

 private:
  std::shared_ptr<Executable> pop_runnable_locked();

  std::shared_ptr<ContextImpl> context_;
  mutable std::mutex mutex_;
  std::condition_variable ready_changed_;
  std::deque<std::shared_ptr<Executable>> ready_;
  std::vector<std::weak_ptr<NodeImpl>> nodes_;
  bool cancelled_ = false;
  std::uint64_t wake_generation_ = 0;
  int waker_id_ = 0;
  int shutdown_id_ = 0;
};

}  // namespace rclite::detail
