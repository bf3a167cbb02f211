// `rclite topic hz TOPIC`: ros2topic's hz verb (ros2topic/verb/hz.py, Jazzy, after rostopic):
// waits for the topic to appear, subscribes with the sensor data QoS and, at most once a second
// of message time, prints the rate over the last WINDOW intervals between messages.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <deque>
#include <mutex>
#include <numeric>

#include <rclite/generic_subscription.hpp>

#include "topic_commands.hpp"

namespace rclite::cli {
namespace {

// hz.py's ROSTopicHz for one topic: arrival times in nanoseconds of the system clock (ROS time
// without simulated time, which rclite's CLI does not follow).
class RateMeter {
 public:
  explicit RateMeter(std::size_t window_size) : window_size_(window_size) {}

  void on_message() {
    const std::int64_t now = std::chrono::duration_cast<std::chrono::nanoseconds>(
                                 std::chrono::system_clock::now().time_since_epoch())
                                 .count();
    std::lock_guard lock(mutex_);
    if (first_ < 0 || first_ > now) {  // the first message, or the clock went back
      first_ = now;
      last_ = now;
      intervals_.clear();
    } else {
      intervals_.push_back(now - last_);
      last_ = now;
    }
    if (intervals_.size() > window_size_) intervals_.pop_front();
  }

  // hz.py's get_hz and print_hz: nothing until there is an interval, then a line each time a message
  // comes at least a second after the one that ended the last line.
  void print_if_due() {
    std::lock_guard lock(mutex_);
    if (intervals_.empty()) return;
    if (last_printed_ == 0) {
      last_printed_ = last_;
      return;
    }
    if (last_ < last_printed_ + 1'000'000'000) return;
    const double n = static_cast<double>(intervals_.size());
    const double mean = std::accumulate(intervals_.begin(), intervals_.end(), 0.0) / n;
    const double rate = mean > 0 ? 1.0 / mean : 0.0;
    double squares = 0;
    for (const auto interval : intervals_) {
      const double deviation = static_cast<double>(interval) - mean;
      squares += deviation * deviation;
    }
    const double std_dev = std::sqrt(squares / n);
    const auto [min, max] = std::minmax_element(intervals_.begin(), intervals_.end());
    last_printed_ = last_;
    std::printf("average rate: %.3f\n\tmin: %.3fs max: %.3fs std dev: %.5fs window: %zu\n", rate * 1e9,
                static_cast<double>(*min) * 1e-9, static_cast<double>(*max) * 1e-9, std_dev * 1e-9,
                intervals_.size());
    std::fflush(stdout);
  }

 private:
  const std::size_t window_size_;
  std::mutex mutex_;
  std::int64_t first_ = -1;
  std::int64_t last_ = 0;
  std::int64_t last_printed_ = 0;
  std::deque<std::int64_t> intervals_;
};

}  // namespace

int topic_hz(const TopicHzOptions& options) {
  Session session;
  const auto type = topic_type_from_graph(session, options.topic_name, /*wait=*/true);
  if (!type) return 0;  // interrupted while waiting

  RateMeter meter(options.window_size);
  GenericSubscription subscription;
  try {
    subscription = GenericSubscription(*session.node, options.topic_name, *type, SensorDataQoS(),
                                       [&meter](const dynamic::DynamicValue&) { meter.on_message(); });
  } catch (const idl::UnknownTypeError&) {
    throw CommandError("The message type '" + *type + "' is invalid");
  }
  SingleThreadedExecutor executor(*session.context);
  executor.add_node(*session.node);
  while (session.context->ok()) {
    executor.spin_once(std::chrono::milliseconds(100));
    meter.print_if_due();
  }
  return 0;
}

}  // namespace rclite::cli
