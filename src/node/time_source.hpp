// A node's time source (rclcpp's TimeSource): while the node's `use_sim_time` parameter is true,
// its ROS_TIME clock follows /clock (rosgraph_msgs/msg/Clock, rclcpp's ClockQoS: best effort,
// keep last 1); otherwise it is system time. The parameter may change at run time.
//
// /clock samples are handled in the DDS thread that delivers them, not on the node's executor:
// simulated time moves (and timers on it become ready) even while the executor is busy or nobody
// spins the node, as with rclcpp's dedicated clock thread. The node learns of parameter changes
// through its own post-set callback, as rclpy does; it does not subscribe to /parameter_events
// (rclcpp's TimeSource does, for the same purpose).
#pragma once

#include <memory>
#include <mutex>

#include "rclite/detail/topic_entities.hpp"

namespace rclite::detail {

class NodeImpl;
class ClockState;

class TimeSource {
 public:
  TimeSource(std::shared_ptr<NodeImpl> node, std::shared_ptr<ClockState> clock);
  ~TimeSource();
  TimeSource(const TimeSource&) = delete;
  TimeSource& operator=(const TimeSource&) = delete;

  // Starts or stops following /clock. Thread-safe.
  void use_sim_time(bool enabled);

 private:
  std::shared_ptr<NodeImpl> node_;
  std::shared_ptr<ClockState> clock_;
  std::mutex mutex_;
  std::shared_ptr<SubscriptionCore> subscription_;  // /clock, while use_sim_time
};

}  // namespace rclite::detail
