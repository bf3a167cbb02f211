#include "rclite/node.hpp"

#include <algorithm>

#include <type_description_interfaces/srv/get_type_description.hpp>

#include "clock_state.hpp"
#include "context_impl.hpp"
#include "executor_impl.hpp"
#include "node_impl.hpp"
#include "node_parameters.hpp"
#include "parameter_services.hpp"
#include "rclite/names.hpp"
#include "rosout.hpp"
#include "time_source.hpp"
#include "timer_core.hpp"
#include "type_description_service.hpp"
#include "rclite/detail/access.hpp"

namespace rclite {

namespace detail {

namespace {

// A callback posted to the executor (a client's response callback): runs once.
class PostedCallback : public Executable {
 public:
  PostedCallback(std::function<void()> callback, std::shared_ptr<CallbackGroup> group)
      : Executable(std::move(group)), callback_(std::move(callback)) {}
  Turn execute() override {
    if (!callback_) return Turn{};
    std::exchange(callback_, nullptr)();
    return Turn{true, false};
  }
  bool persistent() const override { return false; }

 private:
  std::function<void()> callback_;
};

std::string checked_node_name(const std::string& name) {
  if (auto error = node_name_error(name)) throw InvalidNameError(*error);
  return name;
}

}  // namespace

NodeImpl::NodeImpl(std::shared_ptr<ContextImpl> context, const std::string& name, const std::string& ns,
                   std::vector<RemapRule> local_rules, bool use_global_arguments)
    : context_(std::move(context)),
      rules_(std::move(local_rules)),
      original_name_(checked_node_name(name)),
      name_(original_name_),
      ns_(normalize_namespace(ns)),
      logger_(""),
      default_group_(std::make_shared<CallbackGroup>(CallbackGroupType::MutuallyExclusive)) {
  // Node-specific rules first, then the context's (rcl: local before global).
  if (use_global_arguments) {
    const auto& global = context_->arguments().remap_rules;
    rules_.insert(rules_.end(), global.begin(), global.end());
  }
  if (auto renamed = remapped_node_name(rules_, original_name_)) name_ = checked_node_name(*renamed);
  if (auto moved = remapped_namespace(rules_, original_name_)) ns_ = normalize_namespace(*moved);
  // rcutils logger names: the namespace's tokens joined by '.', then the node name.
  std::string logger_name;
  for (char c : ns_.substr(1)) logger_name += c == '/' ? '.' : c;
  logger_ = Logger(logger_name.empty() ? name_ : logger_name + "." + name_);
  graph_handle_ = context_->graph().add_node(ns_, name_);
}

NodeImpl::~NodeImpl() { context_->graph().remove_node(graph_handle_); }

std::string NodeImpl::resolve_service_name(const std::string& name) const {
  const std::string expanded = expand_name(name, name_, ns_);
  if (auto remapped = remap_name(rules_, expanded, /*is_service=*/true, original_name_, ns_)) return *remapped;
  return expanded;
}

std::string NodeImpl::resolve_topic_name(const std::string& name) const {
  const std::string expanded = expand_name(name, name_, ns_);
  if (auto remapped = remap_name(rules_, expanded, /*is_service=*/false, original_name_, ns_)) return *remapped;
  return expanded;
}

void NodeImpl::add_endpoints(const std::vector<dds::Guid>& readers, const std::vector<dds::Guid>& writers) {
  context_->graph().add_endpoints(graph_handle_, readers, writers);
}

void NodeImpl::remove_endpoints(const std::vector<dds::Guid>& readers, const std::vector<dds::Guid>& writers) {
  context_->graph().remove_endpoints(graph_handle_, readers, writers);
}

void NodeImpl::add_executable(const std::shared_ptr<Executable>& executable) {
  std::lock_guard lock(mutex_);
  std::erase_if(executables_, [](const auto& weak) { return weak.expired(); });
  executables_.push_back(executable);
}

void NodeImpl::remove_executable(const Executable* executable) {
  std::lock_guard lock(mutex_);
  std::erase_if(executables_, [&](const auto& weak) {
    auto alive = weak.lock();
    return !alive || alive.get() == executable;
  });
}

void NodeImpl::notify_ready(const std::shared_ptr<Executable>& executable) {
  // Under the node's mutex: a detach() cannot take the executor away between the look and the
  // queueing (the work would be stranded on an executor that let go of this node).
  std::lock_guard lock(mutex_);
  // Without an executor the data waits in the DDS reader; attach() queues every executable.
  if (auto executor = executor_.lock()) executor->enqueue(executable, weak_from_this());
}

void NodeImpl::arm(const std::shared_ptr<Executable>& executable, std::chrono::steady_clock::time_point when) {
  std::lock_guard lock(mutex_);  // as notify_ready: the executor cannot change meanwhile
  if (auto executor = executor_.lock()) executor->arm(executable, weak_from_this(), when);
}

void NodeImpl::post(std::function<void()> callback, std::shared_ptr<CallbackGroup> group) {
  auto executable = std::make_shared<PostedCallback>(std::move(callback), group ? std::move(group) : default_group_);
  std::uint64_t before = 0, after = 0;
  {
    std::lock_guard lock(mutex_);
    if (auto executor = executor_.lock()) {
      executor->enqueue(executable, weak_from_this());
      return;
    }
    before = dropped_posts_;
    keep_unscheduled_locked(std::move(executable));
    after = dropped_posts_;
  }
  report_dropped_posts(before, after);
}

void NodeImpl::keep_unscheduled_locked(std::shared_ptr<Executable> posted) {
  unscheduled_posts_.push_back(std::move(posted));
  if (unscheduled_posts_.size() <= kMaxUnscheduledPosts) return;
  unscheduled_posts_.pop_front();
  ++dropped_posts_;
}

// Outside the node's mutex: a log line may go out on /rosout, and a subscription of this node
// to it would queue itself through notify_ready().
void NodeImpl::report_dropped_posts(std::uint64_t before, std::uint64_t after) const {
  // The first drop and every 1,000th after it: never silent, never a flood.
  if (after == before || (before + 999) / 1000 == (after + 999) / 1000) return;
  const std::uint64_t dropped = after;
  logger_.warn("no executor spins this node: {} posted callback(s) (response callbacks) dropped so far, the oldest "
               "first; the newest {} wait for an executor",
               dropped, kMaxUnscheduledPosts);
}

void NodeImpl::attach(const std::shared_ptr<ExecutorImpl>& executor) {
  std::lock_guard lock(mutex_);
  if (auto current = executor_.lock(); current && current != executor) {
    throw std::logic_error("node '" + name_ + "' is already in another executor; remove it from that one first");
  }
  executor_ = executor;
  // Everything may have work: data that came while no executor spun the node, posted callbacks.
  for (auto& weak : executables_) {
    if (auto alive = weak.lock()) executor->enqueue(alive, weak_from_this());
  }
  for (auto& posted : unscheduled_posts_) executor->enqueue(posted, weak_from_this());
  unscheduled_posts_.clear();
}

void NodeImpl::detach(ExecutorImpl* executor) {
  std::uint64_t before = 0, after = 0;
  {
    std::lock_guard lock(mutex_);
    if (executor_.lock().get() != executor) return;
    executor_.reset();
    // Take back what that executor held of this node: services and subscriptions are queued again
    // by the next attach(); posted callbacks wait here for it.
    before = dropped_posts_;
    for (auto& posted : executor->release(this)) keep_unscheduled_locked(std::move(posted));
    after = dropped_posts_;
  }
  report_dropped_posts(before, after);
}

}  // namespace detail

namespace detail {

struct NodeDefaults {
  std::unique_ptr<RosoutPublisher> rosout;
  Service<type_description_interfaces::srv::GetTypeDescription> type_description;
};

}  // namespace detail

namespace {
Context& context_of(const NodeOptions& options) {
  return options.context != nullptr ? *options.context : default_context();
}
}  // namespace

Node::Node(const std::string& name, const NodeOptions& options) : Node(name, "", options) {}

Node::Node(const std::string& name, const std::string& ns, const NodeOptions& options) {
  std::vector<std::string> argv{"node"};
  argv.insert(argv.end(), options.arguments.begin(), options.arguments.end());
  // Node arguments are ROS arguments even without a leading --ros-args.
  if (options.arguments.empty() || options.arguments.front() != "--ros-args") argv.insert(argv.begin() + 1, "--ros-args");
  auto local = parse_arguments(argv);
  const auto context = detail::Access::context(context_of(options));
  // The node and its default entities reach ros_discovery_info in one sample.
  graph::DiscoveryInfoPublisher::Batch one_graph_sample(context->graph());
  impl_ = std::make_shared<detail::NodeImpl>(context, name, ns, local.remap_rules, options.use_global_arguments);
  attach_graph(impl_);
  defaults_ = std::make_shared<detail::NodeDefaults>();
  if (options.enable_rosout) defaults_->rosout = std::make_unique<detail::RosoutPublisher>(impl_);
  clock_ = std::make_shared<Clock>(ClockType::ROS_TIME);
  steady_clock_ = std::make_shared<Clock>(ClockType::STEADY_TIME);
  start_parameters(options, local);
  start_time_source();
  // Humble has no type descriptions (spec §13); rcl also asks the node's read-only parameter.
  if (impl_->context().distro() == detail::Distro::Jazzy &&
      parameter_store()->get("start_type_description_service").get_value<bool>()) {
    std::weak_ptr<detail::NodeImpl> weak = impl_;
    using GetTypeDescription = type_description_interfaces::srv::GetTypeDescription;
    defaults_->type_description = create_service<GetTypeDescription>(
        "~/get_type_description", [weak](const GetTypeDescription::Request& request) {
          auto node = weak.lock();
          if (!node) return GetTypeDescription::Response{};
          return detail::answer_type_description(node->types(), request, node->logger());
        });
  }
}

Node::~Node() = default;

void Node::start_time_source() {
  time_source_ = std::make_shared<detail::TimeSource>(impl_, detail::ClockAccess::state(*clock_));
  // The parameter is statically typed (bool): a set of another type is rejected before this runs.
  std::weak_ptr<detail::TimeSource> weak = time_source_;
  sim_time_switch_ = add_post_set_parameters_callback([weak](const std::vector<Parameter>& changed) {
    for (const auto& parameter : changed) {
      if (parameter.get_name() != "use_sim_time" || parameter.get_type() != ParameterType::Bool) continue;
      if (auto source = weak.lock()) source->use_sim_time(parameter.as_bool());
    }
  });
  time_source_->use_sim_time(parameter_store()->get("use_sim_time").get_value<bool>());
}

std::shared_ptr<Clock> Node::get_clock() const { return clock_; }
Time Node::now() const { return clock_->now(); }

Timer Node::make_timer(const Clock& clock, Duration period, detail::TimerCore::Callback callback,
                       const TimerOptions& options) {
  return Timer(detail::create_timer_core(impl_, detail::ClockAccess::state(clock), period.to_chrono<std::chrono::nanoseconds>(),
                                         std::move(callback), options));
}

void Node::start_parameters(const NodeOptions& options, const Arguments& local_arguments) {
  const std::string fqn = get_fully_qualified_name();
  const Arguments* global = options.use_global_arguments ? &impl_->context().arguments() : nullptr;
  attach_parameters(std::make_shared<detail::NodeParameters>(
      fqn, detail::resolve_parameter_overrides(fqn, global, local_arguments, options.parameter_overrides),
      options.allow_undeclared_parameters));
  const auto& parameters = parameter_store();
  if (options.start_parameter_event_publisher) {
    auto publisher = std::make_shared<Publisher<rcl_interfaces::msg::ParameterEvent>>(
        create_publisher<rcl_interfaces::msg::ParameterEvent>("/parameter_events", ParameterEventsQoS()));
    // Stamped with the node's clock, as rclcpp (simulated time under use_sim_time).
    parameters->set_event_sink([publisher, clock = detail::ClockAccess::state(*clock_)](
                                    rcl_interfaces::msg::ParameterEvent& event) {
      event.stamp = clock->now();
      publisher->publish(event);
    });
  }
  if (options.start_parameter_services) {
    parameter_services_ = detail::create_parameter_services(*this, parameters);
  }
  // What every rclcpp node declares: use_sim_time (TimeSource) and, from Jazzy on, the read-only
  // switch of the type description service.
  parameters->declare("use_sim_time", false, {}, false);
  if (impl_->context().distro() != detail::Distro::Humble) {
    // rclcpp's descriptor (node_type_descriptions.cpp): read-only, with this description.
    ParameterDescriptor descriptor;
    descriptor.description = "Start the ~/get_type_description service for this node.";
    descriptor.read_only = true;
    parameters->declare("start_type_description_service", options.start_type_description_service, descriptor,
                         false);
  }
  if (options.automatically_declare_parameters_from_overrides) parameters->declare_from_overrides();
}

const std::string& Node::get_name() const { return impl_->name(); }
const std::string& Node::get_namespace() const { return impl_->ns(); }
std::string Node::get_fully_qualified_name() const { return fully_qualified_node_name(impl_->ns(), impl_->name()); }
const Logger& Node::get_logger() const { return impl_->logger(); }
std::string Node::resolve_service_name(const std::string& name) const { return impl_->resolve_service_name(name); }
std::string Node::resolve_topic_name(const std::string& name) const { return impl_->resolve_topic_name(name); }

void Node::post(std::function<void()> callback, std::shared_ptr<CallbackGroup> group) {
  impl_->post(std::move(callback), std::move(group));
}

std::shared_ptr<CallbackGroup> Node::create_callback_group(CallbackGroupType type) {
  return std::make_shared<CallbackGroup>(type);
}

std::shared_ptr<CallbackGroup> Node::get_default_callback_group() const { return impl_->default_group(); }

}  // namespace rclite
