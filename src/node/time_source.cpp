#include "time_source.hpp"

#include <rosgraph_msgs/msg/clock.hpp>

#include "clock_state.hpp"
#include "node_impl.hpp"
#include "rclite/qos.hpp"
#include "rclite/wire/cdr.hpp"

namespace rclite::detail {

namespace {
// rclcpp's ClockQoS: the sensor-data profile (best effort, volatile) with a depth of 1.
QoS clock_qos() { return QoS(1).best_effort().durability_volatile(); }
}  // namespace

TimeSource::TimeSource(std::shared_ptr<NodeImpl> node, std::shared_ptr<ClockState> clock)
    : node_(std::move(node)), clock_(std::move(clock)) {}

TimeSource::~TimeSource() { use_sim_time(false); }

void TimeSource::use_sim_time(bool enabled) {
  std::shared_ptr<SubscriptionCore> stopped;
  {
    std::lock_guard lock(mutex_);
    if (enabled == (subscription_ != nullptr)) return;
    if (!enabled) {
      stopped = std::move(subscription_);
    } else {
      // rclcpp enables ROS time at once: 0 until the first /clock (the clock keeps a time set
      // while inactive, so a later enable resumes from the last /clock).
      clock_->enable_override();
      std::weak_ptr<ClockState> weak_clock = clock_;
      Logger logger = node_->logger();
      auto on_sample = [weak_clock, logger](std::span<const std::uint8_t> sample) {
        rosgraph_msgs::msg::Clock message;
        try {
          wire::decode(sample, message);
        } catch (const wire::CdrError& error) {
          logger.error("dropping a malformed /clock sample: {}", error.what());
          return;
        }
        auto clock = weak_clock.lock();
        if (!clock) return;
        if (message.clock.sec < 0) {
          logger.error("dropping a /clock sample with negative seconds ({})", message.clock.sec);
          return;
        }
        clock->set_override(Time(message.clock).nanoseconds());
      };
      SubscriptionCoreOptions options;
      options.callback_group = node_->default_group();
      options.take_in_listener = true;
      subscription_ = create_subscription_core(node_, "/clock", message_type_info<rosgraph_msgs::msg::Clock>(),
                                               clock_qos(), std::move(on_sample), options);
    }
  }
  if (stopped) {
    stopped->close();  // waits for a sample being handled
    clock_->disable_override();
  }
}

}  // namespace rclite::detail
