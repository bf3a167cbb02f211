// One thread that runs callbacks at given times: request deadlines. Callbacks run without the
// queue's lock held, so they may schedule or cancel.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <thread>

namespace rclite::detail {

class TimerQueue {
 public:
  using Clock = std::chrono::steady_clock;
  using TimerId = std::uint64_t;

  TimerQueue() = default;
  ~TimerQueue();
  TimerQueue(const TimerQueue&) = delete;
  TimerQueue& operator=(const TimerQueue&) = delete;

  TimerId schedule(Clock::time_point when, std::function<void()> callback);
  // False when it already ran (or is running) or was cancelled.
  bool cancel(TimerId id);
  std::size_t size() const;

 private:
  void run();

  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::multimap<Clock::time_point, std::pair<TimerId, std::function<void()>>> timers_;
  std::map<TimerId, Clock::time_point> when_;
  TimerId next_id_ = 1;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace rclite::detail
