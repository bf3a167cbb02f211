/// @file
/// A node: a named participant of the ROS graph that owns services, clients, publishers and
/// subscriptions.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <rcl_interfaces/msg/list_parameters_result.hpp>
#include <rcl_interfaces/msg/parameter_event.hpp>

#include "rclite/callback_group.hpp"
#include "rclite/client.hpp"
#include "rclite/clock.hpp"
#include "rclite/context.hpp"
#include "rclite/detail/entities.hpp"
#include "rclite/arguments.hpp"
#include "rclite/graph.hpp"
#include "rclite/logging.hpp"
#include "rclite/parameter.hpp"
#include "rclite/parameter_callbacks.hpp"
#include "rclite/publisher.hpp"
#include "rclite/qos.hpp"
#include "rclite/service.hpp"
#include "rclite/subscription.hpp"
#include "rclite/time.hpp"
#include "rclite/timer.hpp"

namespace rclite {

namespace detail {
class NodeParameters;
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

/// What a node is made with (rclcpp's NodeOptions).
struct NodeOptions {
  Context* context = nullptr;           ///< the default context when null
  std::vector<std::string> arguments;   ///< node-specific ROS arguments ("--ros-args", "-r", "a:=b")
  bool use_global_arguments = true;     ///< also apply the context's remapping rules and parameter overrides

  // --- Parameters (rclcpp's NodeOptions) ---------------------------------------------------------
  /// Initial values that win over --params-file and -p (any source: see declare_parameter).
  std::vector<Parameter> parameter_overrides;
  /// Set and get parameters nobody declared (they are declared on first set, dynamically typed).
  bool allow_undeclared_parameters = false;
  /// Declare every overridden parameter at construction, dynamically typed.
  bool automatically_declare_parameters_from_overrides = false;
  /// The six parameter services (`<node>/get_parameters`, ...). A node without them costs six fewer
  /// services in everyone's discovery traffic but cannot be reached by `ros2 param`.
  bool start_parameter_services = true;
  /// ParameterEvent messages on /parameter_events for every change.
  bool start_parameter_event_publisher = true;

  // --- The other entities every node has ---------------------------------------------------------
  bool enable_rosout = true;  ///< also publish the node's log lines on /rosout
  /// ~/get_type_description (Jazzy only, as rcl). The node's read-only parameter of the same name
  /// (`-p start_type_description_service:=false`) can turn it off too.
  bool start_type_description_service = true;
};

/// Options of create_service (callback group, QoS, introspection).
using ServiceOptions = detail::EndpointOptions;
/// Options of create_client (callback group, QoS, introspection).
using ClientOptions = detail::EndpointOptions;

/// A ROS 2 node: names, entities (services, clients, publishers, subscriptions, timers), parameters and the graph.
class Node {
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

  // --- The ROS graph as this node's context sees it (types in rclite/graph.hpp) ---------------------
  // Every node, endpoint and service discovered so far, this process's own included; rmw's semantics.
  // Right after the context starts, peers may not be discovered yet: see wait_for_graph_settled().

  /// Every node of every participant (hidden ones too), sorted; a name used twice is listed twice.
  std::vector<NodeName> get_node_names() const;
  /// Topics (DDS "rt/..." endpoints) and services (any "rq/...Request" or "rr/...Reply" endpoint, of a
  /// server or a client) with their types.
  NamesAndTypes get_topic_names_and_types() const;
  /// Services (servers and clients) with their types.
  NamesAndTypes get_service_names_and_types() const;
  /// What one node has (`ros2 node info`); throws NodeNotFoundError if no participant lists the node.
  /// `node_namespace` is normalized ("" and "/" are the root).
  NamesAndTypes get_service_names_and_types_by_node(const std::string& node_name,
                                                    const std::string& node_namespace) const;
  /// The clients of one node.
  NamesAndTypes get_client_names_and_types_by_node(const std::string& node_name,
                                                   const std::string& node_namespace) const;
  /// The publishers of one node.
  NamesAndTypes get_publisher_names_and_types_by_node(const std::string& node_name,
                                                      const std::string& node_namespace) const;
  /// The subscriptions of one node.
  NamesAndTypes get_subscriber_names_and_types_by_node(const std::string& node_name,
                                                       const std::string& node_namespace) const;
  /// Actions (rcl_action_get_names_and_types): every topic `<action>/_action/feedback`, named
  /// `<action>`, with its types less the `_FeedbackMessage` suffix (`pkg/action/Name`).
  NamesAndTypes get_action_names_and_types() const;
  /// The action servers of one node (the feedback topics it publishes); throws NodeNotFoundError.
  NamesAndTypes get_action_server_names_and_types_by_node(const std::string& node_name,
                                                          const std::string& node_namespace) const;
  /// The action clients of one node (the feedback topics it subscribes to); throws NodeNotFoundError.
  NamesAndTypes get_action_client_names_and_types_by_node(const std::string& node_name,
                                                          const std::string& node_namespace) const;
  /// Servers (request readers) and clients (request writers) of a service, publishers and subscribers
  /// of a topic. Relative names are expanded for this node (not remapped), as rclcpp does.
  std::size_t count_services(const std::string& service_name) const;
  /// The number of clients of a service.
  std::size_t count_clients(const std::string& service_name) const;
  /// The number of publishers of a topic.
  std::size_t count_publishers(const std::string& topic_name) const;
  /// The number of subscriptions of a topic.
  std::size_t count_subscribers(const std::string& topic_name) const;
  /// Every publisher / subscription of a topic, with its node, type, type hash and QoS (`ros2 topic info -v`).
  std::vector<TopicEndpointInfo> get_publishers_info_by_topic(const std::string& topic_name) const;
  /// Every subscription of a topic, with its node, type, type hash and QoS.
  std::vector<TopicEndpointInfo> get_subscriptions_info_by_topic(const std::string& topic_name) const;

  /// A counter that grows with every change of the graph.
  std::uint64_t get_graph_change_count() const;
  /// Waits until the graph changes after this call (or after `since`, a get_graph_change_count() value,
  /// so that no change between a query and the wait is missed), for at most `timeout`. True if it
  /// changed; false on timeout or when the context is shut down.
  bool wait_for_graph_change(std::chrono::nanoseconds timeout) const;
  /// Waits until the graph changed since the get_graph_change_count() value `since`, for at most `timeout`.
  bool wait_for_graph_change(std::uint64_t since, std::chrono::nanoseconds timeout) const;
  /// Waits until discovery is complete by a rule rather than a fixed sleep (for tools that print the
  /// graph once): every ROS participant discovered so far has announced its nodes on
  /// ros_discovery_info, every reader and writer announced there has been discovered, and nothing
  /// changed for `quiet_period` (longer on a busy machine: as long as the first peer took to answer,
  /// and 0.5 s after the context's first look at the graph while no peer has answered).
  /// True when settled; false if `max_wait` passed first or the context was shut down.
  bool wait_for_graph_settled(std::chrono::nanoseconds max_wait,
                              std::chrono::nanoseconds quiet_period = kDefaultGraphQuietPeriod) const;

  // --- Parameters (rclcpp's semantics; value types in rclite/parameter.hpp) ------------------------
  /// Declares `name` with the value an override gives it (--params-file, -p, NodeOptions; unless
  /// `ignore_override`), else `default_value`, and returns that value. Unless
  /// `descriptor.dynamic_typing`, the parameter keeps the value's type for good. Range and on-set
  /// callbacks apply. Throws ParameterAlreadyDeclaredError, InvalidParameterTypeError (an override
  /// of another type), InvalidParameterValueError (out of range, rejected by a callback),
  /// InvalidParametersError (empty name).
  ParameterValue declare_parameter(const std::string& name, const ParameterValue& default_value,
                                   const ParameterDescriptor& descriptor = {}, bool ignore_override = false);
  /// Declares a statically typed parameter without a default: it has a value only if an override
  /// gives one (get_parameter throws ParameterUninitializedError until it is set).
  ParameterValue declare_parameter(const std::string& name, ParameterType type,
                                   const ParameterDescriptor& descriptor = {}, bool ignore_override = false);
  /// Declares a parameter of type T with its default (an override or a parameter file wins); returns its value.
  template <class T>
  T declare_parameter(const std::string& name, const T& default_value, const ParameterDescriptor& descriptor = {},
                      bool ignore_override = false) {
    return declare_parameter(name, ParameterValue(default_value), descriptor, ignore_override).template get<T>();
  }
  /// Throws ParameterNotDeclaredError, ParameterImmutableError (read-only) or InvalidParameterTypeError
  /// (statically typed parameters cannot be undeclared).
  void undeclare_parameter(const std::string& name);
  /// Whether the parameter is declared.
  bool has_parameter(const std::string& name) const;

  /// Throws ParameterNotDeclaredError (unless undeclared parameters are allowed: then a not-set value)
  /// or ParameterUninitializedError.
  Parameter get_parameter(const std::string& name) const;
  /// False when `name` is not declared or has no value.
  bool get_parameter(const std::string& name, Parameter& parameter) const;
  /// Sets `value` to the parameter's value and returns true, or returns false when it is not set.
  template <class T>
  bool get_parameter(const std::string& name, T& value) const {
    Parameter parameter;
    if (!get_parameter(name, parameter)) return false;
    value = parameter.get_value<T>();
    return true;
  }
  /// The parameters by name (not-set ones for undeclared names).
  std::vector<Parameter> get_parameters(const std::vector<std::string>& names) const;

  /// One result per parameter, each set on its own. A rejected set leaves that parameter unchanged
  /// and says why (read-only, wrong type, out of range, a callback's reason). Throws
  /// ParameterNotDeclaredError for an undeclared name unless undeclared parameters are allowed.
  SetParametersResult set_parameter(const Parameter& parameter);
  /// Sets each parameter in turn (on-set callbacks may reject one); one result per parameter.
  std::vector<SetParametersResult> set_parameters(const std::vector<Parameter>& parameters);
  /// All or none.
  SetParametersResult set_parameters_atomically(const std::vector<Parameter>& parameters);

  /// The descriptor of a declared parameter.
  ParameterDescriptor describe_parameter(const std::string& name) const;
  /// The descriptors of declared parameters.
  std::vector<ParameterDescriptor> describe_parameters(const std::vector<std::string>& names) const;
  /// The types (rcl_interfaces ParameterType values) of the parameters by name.
  std::vector<std::uint8_t> get_parameter_types(const std::vector<std::string>& names) const;
  /// Names (and their '.'-separated prefixes) under `prefixes`, at most `depth` levels below them
  /// (0: any depth), as the list_parameters service answers.
  rcl_interfaces::msg::ListParametersResult list_parameters(const std::vector<std::string>& prefixes,
                                                            std::uint64_t depth) const;

  /// Newest first; the first callback that rejects a change ends it. The callback is removed when
  /// the returned handle is destroyed or passed to remove_*. Changing parameters from inside a
  /// callback throws ParameterModifiedInCallbackError.
  [[nodiscard]] std::shared_ptr<OnSetParametersCallbackHandle> add_on_set_parameters_callback(
      OnSetParametersCallback callback);
  /// Removes a callback added with add_on_set_parameters_callback.
  void remove_on_set_parameters_callback(const OnSetParametersCallbackHandle* handle);
  /// Adds a callback run after parameters were set; it stays while the handle is held.
  [[nodiscard]] std::shared_ptr<PostSetParametersCallbackHandle> add_post_set_parameters_callback(
      PostSetParametersCallback callback);
  /// Removes a callback added with add_post_set_parameters_callback.
  void remove_post_set_parameters_callback(const PostSetParametersCallbackHandle* handle);

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

  /// The implementation, for rclite's own free functions (spin, graph helpers).
  std::shared_ptr<detail::NodeImpl> impl() const { return impl_; }

 private:
  void start_parameters(const NodeOptions& options, const Arguments& local_arguments);
  void start_time_source();
  Timer make_timer(const Clock& clock, Duration period, detail::TimerCore::Callback callback,
                   const TimerOptions& options);

  std::shared_ptr<detail::NodeImpl> impl_;
  /// The node's own entities (they hold impl_, so declared after it: destroyed first).
  std::shared_ptr<detail::NodeParameters> parameters_;  ///< also owns the /parameter_events publisher
  std::shared_ptr<detail::ParameterServices> parameter_services_;
  std::shared_ptr<detail::NodeDefaults> defaults_;  ///< /rosout publisher, ~/get_type_description
  std::shared_ptr<Clock> clock_;                     ///< ROS_TIME
  std::shared_ptr<Clock> steady_clock_;              ///< for wall timers
  std::shared_ptr<detail::TimeSource> time_source_;  ///< /clock while use_sim_time
  std::shared_ptr<PostSetParametersCallbackHandle> sim_time_switch_;
};

}  // namespace rclite
