// What a subscription callback receives, collected thread-safely for a test to look at.
#pragma once

#include <algorithm>
#include <iterator>
#include <mutex>
#include <vector>

namespace rclite::test {

template <class Msg>
class Inbox {
 public:
  void operator()(const Msg& message) {
    std::lock_guard lock(mutex_);
    messages_.push_back(message);
  }
  std::size_t size() const {
    std::lock_guard lock(mutex_);
    return messages_.size();
  }
  std::vector<Msg> copy() const {
    std::lock_guard lock(mutex_);
    return messages_;
  }
  // The messages for which `predicate` holds, in arrival order.
  template <class Predicate>
  std::vector<Msg> where(Predicate predicate) const {
    std::lock_guard lock(mutex_);
    std::vector<Msg> found;
    std::copy_if(messages_.begin(), messages_.end(), std::back_inserter(found), predicate);
    return found;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<Msg> messages_;
};

}  // namespace rclite::test
