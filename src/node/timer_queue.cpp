#include "timer_queue.hpp"

namespace rclite::detail {

TimerQueue::~TimerQueue() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  if (thread_.joinable()) thread_.join();
}

TimerQueue::TimerId TimerQueue::schedule(Clock::time_point when, std::function<void()> callback) {
  std::lock_guard lock(mutex_);
  if (!thread_.joinable()) thread_ = std::thread([this] { run(); });  // started on first use
  const TimerId id = next_id_++;
  timers_.emplace(when, std::make_pair(id, std::move(callback)));
  when_.emplace(id, when);
  changed_.notify_all();
  return id;
}

bool TimerQueue::cancel(TimerId id) {
  std::lock_guard lock(mutex_);
  const auto found = when_.find(id);
  if (found == when_.end()) return false;
  auto [first, last] = timers_.equal_range(found->second);
  for (auto it = first; it != last; ++it) {
    if (it->second.first == id) {
      timers_.erase(it);
      break;
    }
  }
  when_.erase(found);
  return true;
}

std::size_t TimerQueue::size() const {
  std::lock_guard lock(mutex_);
  return timers_.size();
}

void TimerQueue::run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    if (timers_.empty()) {
      changed_.wait(lock);
      continue;
    }
    const auto next = timers_.begin()->first;
    if (Clock::now() < next) {
      changed_.wait_until(lock, next);
      continue;
    }
    auto callback = std::move(timers_.begin()->second.second);
    when_.erase(timers_.begin()->second.first);
    timers_.erase(timers_.begin());
    lock.unlock();
    callback();
    lock.lock();
  }
}

}  // namespace rclite::detail
