// The state behind rclite::Node: names, remapping, graph entry, and the link to the executor
// that runs its callbacks.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "../graph/discovery_info_publisher.hpp"
#include "context_impl.hpp"
#include "executable.hpp"
#include "node_type_cache.hpp"
#include "rclite/arguments.hpp"
#include "rclite/callback_group.hpp"
#include "rclite/logging.hpp"

namespace rclite::detail {

class ExecutorImpl;

class NodeImpl : public std::enable_shared_from_this<NodeImpl> {
 public:
  NodeImpl(std::shared_ptr<ContextImpl> context, const std::string& name, const std::string& ns,
           std::vector<RemapRule> local_rules, bool use_global_arguments);
  ~NodeImpl();

  ContextImpl& context() const { return *context_; }
  const std::shared_ptr<ContextImpl>& context_ptr() const { return context_; }
  const std::string& name() const { return name_; }
  const std::string& ns() const { return ns_; }
  const Logger& logger() const { return logger_; }
  const std::shared_ptr<CallbackGroup>& default_group() const { return default_group_; }

  // The types of this node's entities, for ~/get_type_description.
  NodeTypeCache& types() { return types_; }

  std::string resolve_service_name(const std::string& name) const;
  std::string resolve_topic_name(const std::string& name) const;

  // The graph: endpoints of this node's services, clients, publishers and subscriptions (spec §6.4).
  void add_endpoints(const std::vector<dds::Guid>& readers, const std::vector<dds::Guid>& writers);
  void remove_endpoints(const std::vector<dds::Guid>& readers, const std::vector<dds::Guid>& writers);

  // Executables of this node; the executor spinning the node runs them when they are ready.
  void add_executable(const std::shared_ptr<Executable>& executable);
  void remove_executable(const Executable* executable);
  void notify_ready(const std::shared_ptr<Executable>& executable);
  // Queue `executable` (a timer) at `when` on the executor spinning the node; without one,
  // nothing: attach() queues every executable, and a timer arms itself from there.
  void arm(const std::shared_ptr<Executable>& executable, std::chrono::steady_clock::time_point when);
  void post(std::function<void()> callback, std::shared_ptr<CallbackGroup> group);
  static constexpr std::size_t kMaxUnscheduledPosts = 10000;

  // Executor attachment (one executor at a time, as in rclcpp; another is a std::logic_error).
  // detach() takes back from the executor everything it held of this node.
  void attach(const std::shared_ptr<ExecutorImpl>& executor);
  void detach(ExecutorImpl* executor);

 private:
  std::shared_ptr<ContextImpl> context_;
  std::vector<RemapRule> rules_;
  std::string original_name_;
  std::string name_;
  std::string ns_;
  Logger logger_;
  std::shared_ptr<CallbackGroup> default_group_;
  graph::DiscoveryInfoPublisher::NodeHandle graph_handle_;
  NodeTypeCache types_;

  // Lock order: this mutex, then the executor's.
  mutable std::mutex mutex_;
  std::weak_ptr<ExecutorImpl> executor_;
  std::vector<std::weak_ptr<Executable>> executables_;
  // Posted while no executor has the node, oldest first; at most kMaxUnscheduledPosts (a node that
  // nothing spins does not grow without bound): the oldest are dropped, counted and logged.
  std::deque<std::shared_ptr<Executable>> unscheduled_posts_;
  std::uint64_t dropped_posts_ = 0;
  void keep_unscheduled_locked(std::shared_ptr<Executable> posted);
  void report_dropped_posts(std::uint64_t before, std::uint64_t after) const;
};

}  // namespace rclite::detail
