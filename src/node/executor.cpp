#include "rclite/executor.hpp"

#include <algorithm>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

#include "executor_impl.hpp"
#include "node_impl.hpp"
#include "rclite/detail/access.hpp"

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
}

void ExecutorImpl::release_all() {
  std::vector<std::weak_ptr<NodeImpl>> nodes;
  {
    std::lock_guard lock(mutex_);
    nodes.swap(nodes_);
  }
  for (auto& weak : nodes) {
    if (auto node = weak.lock()) node->detach(this);
  }
}

void ExecutorImpl::add_node(const std::shared_ptr<NodeImpl>& node) {
  if (node->context_ptr() != context_) throw std::logic_error("node and executor belong to different contexts");
  node->attach(shared_from_this());  // throws when the node is in another executor
  std::lock_guard lock(mutex_);
  std::erase_if(nodes_, [&](const auto& weak) {
    auto alive = weak.lock();
    return !alive || alive == node;
  });
  nodes_.push_back(node);
}

void ExecutorImpl::remove_node(const std::shared_ptr<NodeImpl>& node) {
  node->detach(this);
  std::lock_guard lock(mutex_);
  std::erase_if(nodes_, [&](const auto& weak) {
    auto alive = weak.lock();
    return !alive || alive == node;
  });
}

void ExecutorImpl::enqueue(const std::shared_ptr<Executable>& executable, std::weak_ptr<NodeImpl> node) {
  {
    std::lock_guard lock(mutex_);
    if (executable->queued_) return;
    enqueue_locked(executable, std::move(node));
  }
  ready_changed_.notify_one();
}

void ExecutorImpl::enqueue_locked(const std::shared_ptr<Executable>& executable, std::weak_ptr<NodeImpl> node) {
  executable->queued_ = true;
  ready_.push_back(Entry{executable, std::move(node), next_ticket_++});
}

void ExecutorImpl::arm(const std::shared_ptr<Executable>& executable, std::weak_ptr<NodeImpl> node,
                       std::chrono::steady_clock::time_point when) {
  {
    std::lock_guard lock(mutex_);
    disarm_locked(*executable);
    armed_.emplace(when, Armed{executable, executable.get(), std::move(node)});
    executable->armed_ = true;
    executable->armed_at_ = when;
  }
  // Threads waiting for a later time must look again.
  ready_changed_.notify_all();
}

void ExecutorImpl::disarm_locked(Executable& executable) {
  if (!executable.armed_) return;
  executable.armed_ = false;
  auto [first, last] = armed_.equal_range(executable.armed_at_);
  for (auto it = first; it != last; ++it) {
    if (it->second.identity == &executable) {
      armed_.erase(it);
      return;
    }
  }
}

void ExecutorImpl::promote_due_locked(std::chrono::steady_clock::time_point now) {
  while (!armed_.empty() && armed_.begin()->first <= now) {
    auto due = std::move(armed_.begin()->second);
    armed_.erase(armed_.begin());
    auto executable = due.executable.lock();
    if (!executable) continue;  // destroyed meanwhile
    executable->armed_ = false;
    if (!executable->queued_) enqueue_locked(executable, std::move(due.node));
  }
}

std::vector<std::shared_ptr<Executable>> ExecutorImpl::release(const NodeImpl* node) {
  std::vector<std::shared_ptr<Executable>> one_shot;
  std::lock_guard lock(mutex_);
  // The next executor arms the node's timers again (attach queues them; they arm themselves).
  for (auto it = armed_.begin(); it != armed_.end();) {
    if (it->second.node.lock().get() != node) {
      ++it;
      continue;
    }
    if (auto executable = it->second.executable.lock()) executable->armed_ = false;
    it = armed_.erase(it);
  }
  for (auto it = ready_.begin(); it != ready_.end();) {
    if (it->node.lock().get() != node) {
      ++it;
      continue;
    }
    it->executable->queued_ = false;
    if (!it->executable->persistent()) one_shot.push_back(std::move(it->executable));
    it = ready_.erase(it);
  }
  return one_shot;
}

void ExecutorImpl::wake() {
  {
    std::lock_guard lock(mutex_);
    ++wake_generation_;
  }
  ready_changed_.notify_all();
}

bool ExecutorImpl::pop_runnable_locked(std::uint64_t ticket_limit, Entry& out) {
  for (auto it = ready_.begin(); it != ready_.end() && it->ticket <= ticket_limit; ++it) {
    if (it->executable->group().try_enter()) {
      out = std::move(*it);
      ready_.erase(it);
      // Cleared before it runs: data arriving meanwhile queues it again.
      out.executable->queued_ = false;
      return true;
    }
  }
  return false;
}

std::uint64_t ExecutorImpl::last_ticket() {
  std::lock_guard lock(mutex_);
  promote_due_locked(std::chrono::steady_clock::now());  // timers due now are ready now
  return next_ticket_ - 1;
}

std::uint64_t ExecutorImpl::wake_generation() const {
  std::lock_guard lock(mutex_);
  return wake_generation_;
}

bool ExecutorImpl::spin_once_until(std::chrono::steady_clock::time_point deadline,
                                   std::optional<std::uint64_t> since, std::uint64_t ticket_limit) {
  const std::uint64_t generation = since.value_or(wake_generation());
  // Until a callback ran: an entry with nothing to do (a node's attach queues all of its
  // executables) does not end the wait.
  while (true) {
    Entry entry;
    {
      std::unique_lock lock(mutex_);
      while (true) {
        auto now = std::chrono::steady_clock::now();
        promote_due_locked(now);
        if (pop_runnable_locked(ticket_limit, entry)) break;
        // A wake (a future completed, shutdown) ends the wait so the caller can look again.
        if (cancelled_.load() || !context_->ok() || wake_generation_ != generation) return false;
        if (now >= deadline) return false;
        // Until the deadline or the next timer, whichever comes first.
        const auto until = armed_.empty() ? deadline : std::min(deadline, armed_.begin()->first);
        if (until == std::chrono::steady_clock::time_point::max()) {
          ready_changed_.wait(lock);  // wait_until(max) would overflow the clock conversion
        } else {
          ready_changed_.wait_until(lock, until);
        }
      }
    }
    if (run(entry)) return true;
  }
}

bool ExecutorImpl::run(Entry& entry) {
  auto& executable = *entry.executable;
  Turn turn;
  try {
    turn = executable.execute();
  } catch (...) {
    executable.group().leave();
    // What the callback did not get to (the rest of a service's requests) waits in its reader.
    if (executable.persistent()) {
      if (auto node = entry.node.lock()) node->notify_ready(entry.executable);
    }
    ready_changed_.notify_all();
    throw;
  }
  executable.group().leave();
  // Through the node: it may have moved to another executor meanwhile.
  if (turn.more) {
    if (auto node = entry.node.lock()) node->notify_ready(entry.executable);
  }
  // Its group is free again: a thread waiting for that group may go on.
  ready_changed_.notify_all();
  return turn.ran;
}

void ExecutorImpl::cancel() {
  {
    std::lock_guard lock(mutex_);
    cancelled_.store(true);
  }
  ready_changed_.notify_all();
}

bool ExecutorImpl::take_cancel() {
  if (!cancelled_.load(std::memory_order_acquire)) return false;
  std::lock_guard lock(mutex_);
  return cancelled_.exchange(false);
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

Executor::Executor(Context& context) : impl_(make_executor(detail::Access::context(context))) {}
Executor::Executor() : Executor(default_context()) {}
Executor::Executor(const Node& node) : impl_(make_executor(detail::Access::node(node)->context_ptr())) {}
Executor::~Executor() { impl_->release_all(); }

void Executor::add_node(const Node& node) { impl_->add_node(detail::Access::node(node)); }
void Executor::remove_node(const Node& node) { impl_->remove_node(detail::Access::node(node)); }

void Executor::spin() {
  while (context_ok() && !impl_->take_cancel()) impl_->spin_once_until(kForever);
}

void Executor::spin_some(std::chrono::nanoseconds max_duration) {
  if (impl_->take_cancel()) return;
  // What is ready now, each once: work queued meanwhile (new requests, a service with more) waits
  // for the next call, so that spin_some returns under continuous load too.
  const std::uint64_t ready_now = impl_->last_ticket();
  const auto start = std::chrono::steady_clock::now();
  while (context_ok()) {
    if (max_duration > std::chrono::nanoseconds::zero() && std::chrono::steady_clock::now() - start >= max_duration) {
      break;
    }
    if (!impl_->spin_once_until(std::chrono::steady_clock::now(), std::nullopt, ready_now)) break;
  }
  impl_->take_cancel();  // a cancel() that ended it
}

bool Executor::spin_once(std::chrono::nanoseconds timeout) {
  if (impl_->take_cancel()) return false;
  const auto deadline = timeout < std::chrono::nanoseconds::zero() ? kForever : std::chrono::steady_clock::now() + timeout;
  const bool ran = impl_->spin_once_until(deadline);
  if (!ran) impl_->take_cancel();  // a cancel() that ended the wait
  return ran;
}

void Executor::cancel() { impl_->cancel(); }

Executor::FutureWait::FutureWait(Executor& executor) : executor_(executor) {
  executor_.impl_->context().add_future_waiter();
}
Executor::FutureWait::~FutureWait() { executor_.impl_->context().remove_future_waiter(); }

std::uint64_t Executor::wake_generation() const { return impl_->wake_generation(); }
bool Executor::take_cancel() { return impl_->take_cancel(); }

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
  // The first exception from a callback stops every thread of the pool and leaves spin() in the
  // calling thread (a pool thread must never let one escape: std::terminate).
  std::mutex error_mutex;
  std::exception_ptr error;
  auto work = [&] {
    try {
      while (context_ok() && !impl_->cancel_pending()) impl_->spin_once_until(kForever);
    } catch (...) {
      {
        std::lock_guard lock(error_mutex);
        if (!error) error = std::current_exception();
      }
      impl_->cancel();
    }
  };
  std::vector<std::thread> pool;
  for (std::size_t i = 1; i < threads_; ++i) pool.emplace_back(work);
  work();
  for (auto& thread : pool) thread.join();
  impl_->take_cancel();
  if (error) std::rethrow_exception(error);
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
