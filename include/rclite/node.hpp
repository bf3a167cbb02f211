/// @file
/// A node: a named participant of the ROS graph that makes services, clients, publishers,
/// subscriptions, timers and actions. Its graph queries (node_graph.hpp), parameter calls
/// (node_parameter_api.hpp) and options (node_options.hpp, service_options.hpp) have headers of their own.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "rclite/callback_group.hpp"
#include "rclite/client.hpp"
#include "rclite/clock.hpp"
#include "rclite/arguments.hpp"
#include "rclite/context.hpp"
#include "rclite/detail/entities.hpp"
#include "rclite/logging.hpp"
#include "rclite/node_graph.hpp"
#include "rclite/node_options.hpp"
#include "rclite/node_parameter_api.hpp"
#include "rclite/publisher.hpp"
#include "rclite/qos.hpp"
#include "rclite/service.hpp"
#include "rclite/service_options.hpp"
#include "rclite/subscription.hpp"
#include "rclite/time.hpp"
#include "rclite/timer.hpp"

namespace rclite {

namespace detail {
struct Access;
struct ParameterServices;
struct NodeDefaults;
class TimeSource;
}  // namespace detail

template <wire::Action A>
class ActionServer;
template <wire::Action A>
class ActionClient;
struct ActionServerOptions;
struct ActionClientOptions;

/// A ROS 2 node: names, entities (services, clients, publishers, subscriptions, timers, actions),
/// parameters (the calls of NodeParameterApi) and the graph (the queries of NodeGraph). rclcpp's
/// vocabulary, all on the node; each concern in its own header and implementation.
class Node : public NodeGraph, public NodeParameterApi {
 public:
  /// Throws InvalidNameError for an invalid name or namespace, ArgumentError for bad arguments.
  explicit Node(const std::string& name, const NodeOptions& options = {});
  /// A node `name` in namespace `ns`; throws InvalidNameError for an invalid name or namespace.
  Node(const std::string& name, const std::string& ns, const NodeOptions& options = {});
  ~Node();
  /// Moves the node; the moved-from node is empty.
  Node(Node&&) noexcept = default;
  /// Moves the node; the moved-from node is empty.
  Node& operator=(Node&&) noexcept = default;

  /// The node's name, after remapping.
  const std::string& get_name() const;
  /// The node's namespace, after remapping.
  const std::string& get_namespace() const;
  /// The namespace and the name: "/ns/name".
  std::string get_fully_qualified_name() const;
  /// The node's logger (named after the node), which also publishes on /rosout unless disabled.
  const Logger& get_logger() const;

  /// The expanded and remapped name a service called `name` gets in this node.
  std::string resolve_service_name(const std::string& name) const;
  /// The expanded and remapped name a topic called `name` gets in this node.
  std::string resolve_topic_name(const std::string& name) const;

  /// A server of `Srv` answering with `callback` (Request → Response, or with a Responder to answer later).
  template <wire::Service Srv, class Callback>
  Service<Srv> create_service(const std::string& name, Callback&& callback, const ServiceOptions& options = {}) {
    auto handler = Service<Srv>::make_handler(std::forward<Callback>(callback), get_logger());
    return Service<Srv>(detail::create_service_core(
        impl_, name, detail::service_type_info<Srv, wire::ServiceTraits<Srv>>(), std::move(handler), options));
  }

  /// A client of `Srv` for the service `name`.
  template <wire::Service Srv>
  Client<Srv> create_client(const std::string& name, const ClientOptions& options = {}) {
    return Client<Srv>(
        detail::create_client_core(impl_, name, detail::service_type_info<Srv, wire::ServiceTraits<Srv>>(), options));
  }

  /// A publisher on "rt/<resolved topic>" (spec §1.1, §4.2, §5). Throws InvalidNameError for an invalid
  /// topic name.
  template <wire::Message Msg>
  Publisher<Msg> create_publisher(const std::string& topic, const QoS& qos, const PublisherOptions& = {}) {
    return Publisher<Msg>(detail::create_publisher_core(impl_, topic, detail::message_type_info<Msg>(), qos));
  }

  /// A subscription whose `callback`, void(const Msg&), runs on the executor spinning this node.
  template <wire::Message Msg, class Callback>
  Subscription<Msg> create_subscription(const std::string& topic, const QoS& qos, Callback&& callback,
                                        const SubscriptionOptions& options = {}) {
    auto handler = Subscription<Msg>::make_handler(std::forward<Callback>(callback), get_logger());
    return Subscription<Msg>(detail::create_subscription_core(
        impl_, topic, detail::message_type_info<Msg>(), qos, std::move(handler),
        detail::SubscriptionCoreOptions{options.callback_group, options.ignore_local_publications}));
  }

  /// Runs `callback` once on the executor spinning this node, in `group` (the node's default group
  /// when null): work handed over from another thread, or from a callback for later (the Python
  /// face resumes coroutines with it). Thread-safe. Without an executor it waits for one (the
  /// newest 10,000 wait; older ones are dropped with a warning).
  void post(std::function<void()> callback, std::shared_ptr<CallbackGroup> group = nullptr);

  // --- Time and timers (rclite/time.hpp, clock.hpp, timer.hpp) -------------------------------------
  /// The node's ROS_TIME clock: system time, or /clock while the `use_sim_time` parameter is true
  /// (it may change at run time).
  std::shared_ptr<Clock> get_clock() const;
  /// The node clock's current time.
  Time now() const;

  /// A timer on the steady clock (wall time, whatever /clock says). Throws std::invalid_argument
  /// for a negative period.
  template <class Rep, class Period, class Callback>
  Timer create_wall_timer(std::chrono::duration<Rep, Period> period, Callback&& callback,
                          std::shared_ptr<CallbackGroup> group = nullptr, bool autostart = true) {
    return create_wall_timer(period, std::forward<Callback>(callback), TimerOptions{std::move(group), autostart, false});
  }
  /// @copydoc create_wall_timer(std::chrono::duration<Rep, Period>, Callback&&, std::shared_ptr<CallbackGroup>, bool)
  template <class Rep, class Period, class Callback>
  Timer create_wall_timer(std::chrono::duration<Rep, Period> period, Callback&& callback, const TimerOptions& options) {
    return make_timer(*steady_clock_, Duration(period), detail::timer_callback(std::forward<Callback>(callback)), options);
  }
  /// A timer on the node's clock (simulated time under use_sim_time).
  template <class Rep, class Period, class Callback>
  Timer create_timer(std::chrono::duration<Rep, Period> period, Callback&& callback,
                     std::shared_ptr<CallbackGroup> group = nullptr, bool autostart = true) {
    return create_timer(period, std::forward<Callback>(callback), TimerOptions{std::move(group), autostart, false});
  }
  /// @copydoc create_timer(std::chrono::duration<Rep, Period>, Callback&&, std::shared_ptr<CallbackGroup>, bool)
  template <class Rep, class Period, class Callback>
  Timer create_timer(std::chrono::duration<Rep, Period> period, Callback&& callback, const TimerOptions& options) {
    return make_timer(*clock_, Duration(period), detail::timer_callback(std::forward<Callback>(callback)), options);
  }
  /// A timer on any clock (rclcpp::create_timer(node, clock, period, callback)).
  template <class Rep, class Period, class Callback>
  Timer create_timer(const std::shared_ptr<Clock>& clock, std::chrono::duration<Rep, Period> period,
                     Callback&& callback, const TimerOptions& options = {}) {
    return make_timer(*clock, Duration(period), detail::timer_callback(std::forward<Callback>(callback)), options);
  }

  /// A new callback group of this node (MutuallyExclusive or Reentrant), for entities to join.
  std::shared_ptr<CallbackGroup> create_callback_group(CallbackGroupType type);
  /// The group of entities created without one (mutually exclusive).
  std::shared_ptr<CallbackGroup> get_default_callback_group() const;

  /// A server of action `A` called `name` with rclcpp_action's callbacks (rclite/action_server.hpp,
  /// which defines it, has the details).
  template <wire::Action A, class HandleGoal, class HandleCancel, class HandleAccepted>
  ActionServer<A> create_action_server(const std::string& name, HandleGoal&& handle_goal, HandleCancel&& handle_cancel,
                                       HandleAccepted&& handle_accepted, const ActionServerOptions& options);
  /// The same with default ActionServerOptions.
  template <wire::Action A, class HandleGoal, class HandleCancel, class HandleAccepted>
  ActionServer<A> create_action_server(const std::string& name, HandleGoal&& handle_goal, HandleCancel&& handle_cancel,
                                       HandleAccepted&& handle_accepted);
  /// A client of action `A` called `name` (rclite/action_client.hpp, which defines it, has the details).
  template <wire::Action A>
  ActionClient<A> create_action_client(const std::string& name, const ActionClientOptions& options);
  /// The same with default ActionClientOptions.
  template <wire::Action A>
  ActionClient<A> create_action_client(const std::string& name);

 private:
  friend struct detail::Access;  // rclite's own code reaches the implementation (rclite/detail/access.hpp)
  void start_parameters(const NodeOptions& options, const Arguments& local_arguments);
  void start_time_source();
  Timer make_timer(const Clock& clock, Duration period, detail::TimerCore::Callback callback,
                   const TimerOptions& options);

  std::shared_ptr<detail::NodeImpl> impl_;
  /// The node's own entities (they hold impl_, so declared after it: destroyed first).
  std::shared_ptr<detail::ParameterServices> parameter_services_;
  std::shared_ptr<detail::NodeDefaults> defaults_;  ///< /rosout publisher, ~/get_type_description
  std::shared_ptr<Clock> clock_;                     ///< ROS_TIME
  std::shared_ptr<Clock> steady_clock_;              ///< for wall timers
  std::shared_ptr<detail::TimeSource> time_source_;  ///< /clock while use_sim_time
  std::shared_ptr<PostSetParametersCallbackHandle> sim_time_switch_;
};

}  // namespace rclite
