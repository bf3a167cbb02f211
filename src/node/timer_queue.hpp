// One thread that runs callbacks at given times: request deadlines, server re-checks, parked
// replies. Callbacks run without the queue's lock held, so they may schedule or cancel — and may
// even drop the last reference to the queue's owner: the thread's state outlives the queue.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

namespace rclite::detail {

class TimerQueue {
 public:
  using Clock = std::chrono::steady_clock;
  using TimerId = std::uint64_t;

  TimerQueue();
  ~TimerQueue();
  TimerQueue(const TimerQueue&) = delete;
  TimerQueue& operator=(const TimerQueue&) = delete;

  // After stop(), returns 0 and never runs `callback`.
  TimerId schedule(Clock::time_point when, std::function<void()> callback);
  // False when it already ran (or is running) or was cancelled.
  bool cancel(TimerId id);
  std::size_t size() const;
  // Drops every timer and waits for a callback that is running (unless called from one); later
  // schedule() calls do nothing. The context's shutdown calls it, so that no timer callback (which
  // may log) runs on after the context is gone, e.g. while the process exits.
  void stop();

 private:
  struct State {
    std::mutex mutex;
    std::condition_variable changed;
    std::multimap<Clock::time_point, std::pair<TimerId, std::function<void()>>> timers;
    std::map<TimerId, Clock::time_point> when;
    TimerId next_id = 1;
    bool stopping = false;
  };
  static void run(std::shared_ptr<State> state);

  std::shared_ptr<State> state_;
  std::thread thread_;
};

}  // namespace rclite::detail
