#include "rclite/executor.hpp"

#include <algorithm>
#include <thread>
#include <vector>

#include "executor_impl.hpp"
#include "node_impl.hpp"

namespace rclite {

namespace detail {

ExecutorImpl::ExecutorImpl(std::shared_ptr<ContextImpl> context) : context_(std::move(context)) {}

void ExecutorImpl::start() {
  std::weak_ptr<ExecutorImpl> weak = weak_from_this();
  waker_id_ = context_->add_waker([weak] {
    if (auto self = weak.lock()) self->wake();
  });
  shutdown_id_ = context_->on_shutdown([weak] {
    if (auto self = weak.lock()) self->wake();
  });
}

ExecutorImpl::~ExecutorImpl() {
  context_->remove_waker(waker_id_);
  context_->remove_on_shutdown(shutdown_id_);
  for (auto& weak : nodes_) {
    if (auto node = weak.lock()) node->detach(this);
  }
}

void ExecutorImpl::add_node(const std::shared_ptr<NodeImpl>& node) {
  if (node->context_ptr() != context_) throw std::logic_error("node and executor belong to different contexts");
  {
    std::lock_guard lock(mutex_);
    std::erase_if(nodes_, [](const auto& weak) { return weak.expired(); });
    nodes_.push_back(node);
  }
  node->attach(shared_from_this());
}

void ExecutorImpl::remove_node(const std::shared_ptr<NodeImpl>& node) {
  node->detach(this);
  std::lock_guard lock(mutex_);
  std::erase_if(nodes_, [&](const auto& weak) {
    auto alive = weak.lock();
    return !alive || alive == node;
  });
}

void ExecutorImpl::enqueue(const std::shared_ptr<Executable>& executable) {
  if (executable->queued.exchange(true)) return;
  {
    std::lock_guard lock(mutex_);
    ready_.push_back(executable);
  }
  ready_changed_.notify_one();
}

void ExecutorImpl::wake() {
  {
    std::lock_guard lock(mutex_);
    ++wake_generation_;
  }
  ready_changed_.notify_all();
}

std::shared_ptr<Executable> ExecutorImpl::pop_runnable_locked() {
  for (auto it = ready_.begin(); it != ready_.end(); ++it) {
    if ((*it)->group().try_enter()) {
      auto executable = std::move(*it);
      ready_.erase(it);
      return executable;
    }
  }
  return nullptr;
}

std::uint64_t ExecutorImpl::wake_generation() const {
  std::lock_guard lock(mutex_);
  return wake_generation_;
}

bool ExecutorImpl::spin_once_until(std::chrono::steady_clock::time_point deadline,
                                   std::optional<std::uint64_t> since) {
  std::shared_ptr<Executable> executable;
  {
    std::unique_lock lock(mutex_);
    const std::uint64_t generation = since.value_or(wake_generation_);
    while (!(executable = pop_runnable_locked())) {
      // A wake (a future completed, shutdown) ends the wait so the caller can look again.
      if (cancelled_ || !context_->ok() || wake_generation_ != generation) return false;
      if (deadline == std::chrono::steady_clock::time_point::max()) {
        ready_changed_.wait(lock);  // wait_until(max) would overflow the clock conversion
      } else if (ready_changed_.wait_until(lock, deadline) == std::cv_status::timeout) {
        executable = pop_runnable_locked();
        if (!executable) return false;
        break;
      }
    }
  }
  executable->queued.store(false);
  bool more = false;
  try {
    more = executable->execute();
  } catch (...) {
    executable->group().leave();
    ready_changed_.notify_all();
    throw;
  }
  executable->group().leave();
  if (more) enqueue(executable);
  // Its group is free again: a thread waiting for that group may go on.
  ready_changed_.notify_all();
  return true;
}

void ExecutorImpl::cancel() {
  {
    std::lock_guard lock(mutex_);
    cancelled_ = true;
  }
  ready_changed_.notify_all();
}

void ExecutorImpl::reset_cancel() {
  std::lock_guard lock(mutex_);
  cancelled_ = false;
}

bool ExecutorImpl::cancelled() const {
  std::lock_guard lock(mutex_);
  return cancelled_;
}

}  // namespace detail

namespace {
std::shared_ptr<detail::ExecutorImpl> make_executor(std::shared_ptr<detail::ContextImpl> context) {
  auto impl = std::make_shared<detail::ExecutorImpl>(std::move(context));
  impl->start();
  return impl;
}
constexpr auto kForever = std::chrono::steady_clock::time_point::max();
}  // namespace

Executor::Executor(Context& context) : impl_(make_executor(context.impl())) {}
Executor::Executor() : Executor(default_context()) {}
Executor::Executor(const Node& node) : impl_(make_executor(node.impl()->context_ptr())) {}
Executor::~Executor() = default;

void Executor::add_node(const Node& node) { impl_->add_node(node.impl()); }
void Executor::remove_node(const Node& node) { impl_->remove_node(node.impl()); }

void Executor::spin() {
  impl_->reset_cancel();
  while (context_ok() && !impl_->cancelled()) impl_->spin_once_until(kForever);
}

void Executor::spin_some(std::chrono::nanoseconds max_duration) {
  const auto start = std::chrono::steady_clock::now();
  while (context_ok()) {
    if (max_duration > std::chrono::nanoseconds::zero() && std::chrono::steady_clock::now() - start >= max_duration) {
      break;
    }
    if (!impl_->spin_once_until(std::chrono::steady_clock::now())) break;
  }
}

bool Executor::spin_once(std::chrono::nanoseconds timeout) {
  const auto deadline = timeout < std::chrono::nanoseconds::zero() ? kForever : std::chrono::steady_clock::now() + timeout;
  return impl_->spin_once_until(deadline);
}

void Executor::cancel() { impl_->cancel(); }

Executor::FutureWait::FutureWait(Executor& executor) : executor_(executor) {
  executor_.impl_->context().add_future_waiter();
}
Executor::FutureWait::~FutureWait() { executor_.impl_->context().remove_future_waiter(); }

std::uint64_t Executor::wake_generation() const { return impl_->wake_generation(); }

bool Executor::spin_once_since(std::chrono::nanoseconds timeout, std::uint64_t generation) {
  const auto deadline = timeout < std::chrono::nanoseconds::zero() ? kForever : std::chrono::steady_clock::now() + timeout;
  return impl_->spin_once_until(deadline, generation);
}

bool Executor::context_ok() const { return impl_->context().ok(); }

MultiThreadedExecutor::MultiThreadedExecutor(Context& context, std::size_t threads)
    : Executor(context), threads_(threads != 0 ? threads : std::max(2u, std::thread::hardware_concurrency())) {}

MultiThreadedExecutor::MultiThreadedExecutor(std::size_t threads)
    : MultiThreadedExecutor(default_context(), threads) {}

void MultiThreadedExecutor::spin() {
  impl_->reset_cancel();
  std::vector<std::thread> pool;
  for (std::size_t i = 1; i < threads_; ++i) {
    pool.emplace_back([this] {
      while (context_ok() && !impl_->cancelled()) impl_->spin_once_until(kForever);
    });
  }
  while (context_ok() && !impl_->cancelled()) impl_->spin_once_until(kForever);
  for (auto& thread : pool) thread.join();
}

void spin(const Node& node) {
  SingleThreadedExecutor executor(node);
  executor.add_node(node);
  executor.spin();
}

void spin_some(const Node& node) {
  SingleThreadedExecutor executor(node);
  executor.add_node(node);
  executor.spin_some();
}

}  // namespace rclite
