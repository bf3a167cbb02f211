// The state behind rclite::Context.
#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "../dds/discovery_config.hpp"
#include "../dds/participant.hpp"
#include "../dds/security.hpp"
#include "../graph/discovery_info_publisher.hpp"
#include "../graph/graph_cache.hpp"
#include "rclite/arguments.hpp"
#include "rclite/context.hpp"
#include "timer_queue.hpp"

namespace rclite::detail {

// The ROS distribution whose wire details we follow (ROS_DISTRO): Jazzy unless "humble".
enum class Distro { Jazzy, Humble };

class ContextImpl : public std::enable_shared_from_this<ContextImpl> {
 public:
  ContextImpl(Arguments arguments, const InitOptions& options);
  ~ContextImpl();

  bool ok() const;
  void shutdown(const std::string& reason);
  const Arguments& arguments() const { return arguments_; }
  const dds::DiscoveryOptions& discovery() const { return discovery_; }
  const dds::SecurityOptions& security() const { return security_; }
  // The enclave of this context's participant: --enclave, or "/".
  const std::string& enclave() const { return enclave_; }
  Distro distro() const { return distro_; }

  // Created with the first node, as rmw_cyclonedds does. Thread-safe.
  dds::Participant& participant();
  graph::DiscoveryInfoPublisher& graph();
  // What this context sees of the ROS graph; created with the participant. Thread-safe.
  graph::GraphCache& graph_cache();
  TimerQueue& timers() { return timers_; }

  // Callbacks run at shutdown (executors stop, clients fail pending requests). Returns an id.
  int on_shutdown(std::function<void()> callback);
  void remove_on_shutdown(int id);
  // Wakes every executor of this context (a future they may wait for completed).
  int add_waker(std::function<void()> waker);
  void remove_waker(int id);
  // Wakes the executors only while some thread waits in spin_until_future_complete: completing a
  // request is then cheap in the common case.
  void wake_all();
  void add_future_waiter() { future_waiters_.fetch_add(1); }
  void remove_future_waiter() { future_waiters_.fetch_sub(1); }

 private:
  void create_participant_locked();

  Arguments arguments_;
  dds::DiscoveryOptions discovery_;
  Distro distro_;
  std::string enclave_;
  dds::SecurityOptions security_;
  mutable std::mutex mutex_;
  std::unique_ptr<dds::Participant> participant_;
  std::unique_ptr<graph::DiscoveryInfoPublisher> graph_;
  std::unique_ptr<graph::GraphCache> graph_cache_;
  std::atomic<bool> shut_down_{false};
  std::atomic<int> future_waiters_{0};
  std::map<int, std::function<void()>> shutdown_callbacks_;
  std::mutex wakers_mutex_;
  std::map<int, std::function<void()>> wakers_;
  std::atomic<int> next_id_{1};  // ids of shutdown callbacks and wakers (two different mutexes)
  TimerQueue timers_;
};

}  // namespace rclite::detail
