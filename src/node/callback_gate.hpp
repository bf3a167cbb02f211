// The guarantee behind "no callback after its handle is gone": every user callback of a service,
// subscription or client runs inside its handle's gate, and closing the gate (the handle's
// destruction or reset()) means no callback of it starts afterwards, from any thread.
//
// close() waits for callbacks already running in other threads, so that what they capture (the
// usual `[this]`) is not destroyed under them; a callback that closes its own handle does not wait
// for itself. Callbacks that wait for each other's destruction across threads would deadlock, as
// with any mutex: destroy a handle from its own callback or from a thread that holds nothing the
// callback needs.
#pragma once

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <vector>

namespace rclite::detail {

class CallbackGate {
 public:
  // Holds the gate entered while it lives; false when the gate was closed (the callback must not run).
  class Entry {
   public:
    explicit Entry(CallbackGate& gate) : gate_(gate.enter() ? &gate : nullptr) {}
    ~Entry() {
      if (gate_) gate_->leave();
    }
    Entry(const Entry&) = delete;
    Entry& operator=(const Entry&) = delete;
    explicit operator bool() const { return gate_ != nullptr; }

   private:
    CallbackGate* gate_;
  };

  // After it returns, no callback enters; callbacks inside (other threads) have left.
  void close() {
    std::unique_lock lock(mutex_);
    closed_ = true;
    const auto own = static_cast<int>(std::count(entered_here().begin(), entered_here().end(), this));
    left_.wait(lock, [&] { return inside_ == own; });
  }

  bool closed() const {
    std::lock_guard lock(mutex_);
    return closed_;
  }

 private:
  bool enter() {
    {
      std::lock_guard lock(mutex_);
      if (closed_) return false;
      ++inside_;
    }
    entered_here().push_back(this);
    return true;
  }

  void leave() {
    auto& here = entered_here();
    here.erase(std::find(here.rbegin(), here.rend(), this).base() - 1);
    std::lock_guard lock(mutex_);
    --inside_;
    if (closed_) left_.notify_all();  // a close() may be waiting
  }

  // The gates this thread is inside (callbacks nest: a callback may spin another executor).
  static std::vector<const CallbackGate*>& entered_here() {
    thread_local std::vector<const CallbackGate*> gates;
    return gates;
  }

  mutable std::mutex mutex_;
  std::condition_variable left_;
  int inside_ = 0;
  bool closed_ = false;
};

}  // namespace rclite::detail
