/// @file
/// Executors run the callbacks of the nodes added to them: service requests, subscription
/// samples, client response callbacks. SingleThreadedExecutor runs them on the spinning thread;
/// MultiThreadedExecutor on a pool, in parallel where callback groups allow.
///
/// A node is in one executor at a time (adding it to a second is a std::logic_error). Removing it,
/// destroying the executor, or moving the node to another executor loses nothing: what was ready
/// is taken up by the next executor the node is added to, however often that happens (so the
/// per-call conveniences spin_some(node) and spin_until_future_complete(node, f) are safe in loops).
///
/// Exceptions: an exception thrown by a user callback leaves the spin* call in the thread that
/// called it, for both executors (a MultiThreadedExecutor stops its pool first, and rethrows the
/// first exception). Nothing else is lost: a service or subscription whose callback threw keeps the
/// requests or samples it had not handled yet, and the next spin* call goes on with them. The
/// request whose callback threw is not answered (its client's deadline ends it).
#pragma once

#include <chrono>
#include <future>
#include <memory>

#include "rclite/context.hpp"
#include "rclite/node.hpp"

namespace rclite {

namespace detail {
class ExecutorImpl;
}

/// How spin_until_future_complete ended: the future is ready, the context shut down (or cancel()), or the timeout passed.
enum class FutureReturnCode { SUCCESS, INTERRUPTED, TIMEOUT };

/// Runs the callbacks of the nodes added to it (rclcpp's executors); this one on the thread that spins.
class Executor {
 public:
  /// An executor of the nodes of `context`.
  explicit Executor(Context& context);
  Executor();                          ///< on the default context
  explicit Executor(const Node& node);  ///< on the node's context (the node is not added)
  virtual ~Executor();
  Executor(const Executor&) = delete;
  Executor& operator=(const Executor&) = delete;

  /// Adds the node's entities to what this executor runs; a node is in at most one executor.
  void add_node(const Node& node);
  /// Removes the node.
  void remove_node(const Node& node);

  /// Runs callbacks until the context shuts down or cancel() is called.
  virtual void spin();
  /// Runs what is ready now, for at most `max_duration` (0: no limit), without waiting.
  void spin_some(std::chrono::nanoseconds max_duration = std::chrono::nanoseconds(0));
  /// Runs one callback, waiting up to `timeout` for one to be ready (negative: forever).
  bool spin_once(std::chrono::nanoseconds timeout = std::chrono::nanoseconds(-1));

  /// Runs callbacks until `future` is ready, the timeout passes (negative: forever) or the context
  /// shuts down. `future` needs wait_for(): std::future, std::shared_future, ResponseFuture.
  template <class Future, class Rep = std::int64_t, class Period = std::milli>
  FutureReturnCode spin_until_future_complete(const Future& future,
                                              std::chrono::duration<Rep, Period> timeout = std::chrono::milliseconds(-1)) {
    const FutureWait waiting(*this);  ///< completions wake this executor while we wait
    const auto start = std::chrono::steady_clock::now();
    const bool forever = timeout < decltype(timeout)::zero();
    while (true) {
      // Read before looking at the future: a completion after the look still ends the wait below.
      const std::uint64_t generation = wake_generation();
      if (future.wait_for(std::chrono::seconds(0)) == std::future_status::ready) return FutureReturnCode::SUCCESS;
      if (!context_ok() || take_cancel()) return FutureReturnCode::INTERRUPTED;
      std::chrono::nanoseconds wait(-1);
      if (!forever) {
        const auto left = std::chrono::duration_cast<std::chrono::nanoseconds>(timeout) -
                          (std::chrono::steady_clock::now() - start);
        if (left <= std::chrono::nanoseconds::zero()) return FutureReturnCode::TIMEOUT;
        wait = left;
      }
      spin_once_since(wait, generation);
    }
  }

  /// Makes the spin* call running in another thread return (spin_until_future_complete with
  /// INTERRUPTED, spin_once with false); made before any, it makes the next one return at once.
  /// Each cancel() ends one spin* call.
  void cancel();

 protected:
  /// False once the context is shut down.
  bool context_ok() const;
  bool take_cancel();  ///< consumes a pending cancel()
  /// While one exists, completed requests wake this executor (see ContextImpl::wake_all).
  class FutureWait {
   public:
    /// Registers this executor for wakes while it lives.
    explicit FutureWait(Executor& executor);
    ~FutureWait();
    FutureWait(const FutureWait&) = delete;
    FutureWait& operator=(const FutureWait&) = delete;

   private:
    Executor& executor_;
  };
  /// A counter of wakes, for spin_once_since.
  std::uint64_t wake_generation() const;
  /// spin_once that also returns when a wake happened since `generation` was read.
  bool spin_once_since(std::chrono::nanoseconds timeout, std::uint64_t generation);
  /// The implementation (shared with the context's wake list).
  std::shared_ptr<detail::ExecutorImpl> impl_;
};

class SingleThreadedExecutor : public Executor {
 public:
  /// The same constructors as Executor.
  using Executor::Executor;
};

/// Runs ready callbacks on several threads; callback groups decide which may run at once.
class MultiThreadedExecutor : public Executor {
 public:
  /// `threads` 0: one per hardware thread (at least 2).
  explicit MultiThreadedExecutor(Context& context, std::size_t threads = 0);
  /// `threads` threads (0: one per core).
  explicit MultiThreadedExecutor(std::size_t threads = 0);
  void spin() override;
  /// The number of threads it spins with.
  std::size_t thread_count() const { return threads_; }

 private:
  std::size_t threads_;
};

/// Conveniences on a temporary single-threaded executor, as in rclcpp.
void spin(const Node& node);
/// Runs the node's ready callbacks, then returns.
void spin_some(const Node& node);
/// Spins `node` until `future` is ready, the context shuts down, or `timeout` passes.
template <class Future, class Rep = std::int64_t, class Period = std::milli>
FutureReturnCode spin_until_future_complete(const Node& node, const Future& future,
                                            std::chrono::duration<Rep, Period> timeout = std::chrono::milliseconds(-1)) {
  SingleThreadedExecutor executor(node);
  executor.add_node(node);
  return executor.spin_until_future_complete(future, timeout);
}

}  // namespace rclite
