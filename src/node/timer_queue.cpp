#include "timer_queue.hpp"

namespace rclite::detail {

TimerQueue::TimerQueue() : state_(std::make_shared<State>()) {}

TimerQueue::~TimerQueue() { stop(); }

void TimerQueue::stop() {
  std::thread thread;
  std::multimap<Clock::time_point, std::pair<TimerId, std::function<void()>>> dropped;
  {
    std::lock_guard lock(state_->mutex);
    state_->stopping = true;
    dropped.swap(state_->timers);  // their captures go outside the lock
    state_->when.clear();
    thread = std::move(thread_);  // schedule() starts no other: stopping
  }
  state_->changed.notify_all();
  if (!thread.joinable()) return;
  // Stopped by one of its own callbacks (e.g. it dropped the last owner): let the thread finish alone.
  if (thread.get_id() == std::this_thread::get_id()) thread.detach();
  else thread.join();
}

TimerQueue::TimerId TimerQueue::schedule(Clock::time_point when, std::function<void()> callback) {
  std::lock_guard lock(state_->mutex);
  if (state_->stopping) return 0;  // after stop(): never runs
  if (!thread_.joinable()) thread_ = std::thread(&TimerQueue::run, state_);  // started on first use
  const TimerId id = state_->next_id++;
  // Wake the thread only when it sleeps past the new time: most deadlines are later than one
  // already scheduled, and a wake-up per request is measurable.
  const bool earliest = state_->timers.empty() || when < state_->timers.begin()->first;
  state_->timers.emplace(when, std::make_pair(id, std::move(callback)));
  state_->when.emplace(id, when);
  if (earliest) state_->changed.notify_all();
  return id;
}

bool TimerQueue::cancel(TimerId id) {
  std::lock_guard lock(state_->mutex);
  const auto found = state_->when.find(id);
  if (found == state_->when.end()) return false;
  auto [first, last] = state_->timers.equal_range(found->second);
  for (auto it = first; it != last; ++it) {
    if (it->second.first == id) {
      state_->timers.erase(it);
      break;
    }
  }
  state_->when.erase(found);
  return true;
}

std::size_t TimerQueue::size() const {
  std::lock_guard lock(state_->mutex);
  return state_->timers.size();
}

void TimerQueue::run(std::shared_ptr<State> state) {
  std::unique_lock lock(state->mutex);
  while (!state->stopping) {
    if (state->timers.empty()) {
      state->changed.wait(lock);
      continue;
    }
    const auto next = state->timers.begin()->first;
    if (Clock::now() < next) {
      state->changed.wait_until(lock, next);
      continue;
    }
    auto callback = std::move(state->timers.begin()->second.second);
    state->when.erase(state->timers.begin()->second.first);
    state->timers.erase(state->timers.begin());
    lock.unlock();
    callback();
    callback = nullptr;  // its captures may own the queue's owner: release them before relocking
    lock.lock();
  }
}

}  // namespace rclite::detail
