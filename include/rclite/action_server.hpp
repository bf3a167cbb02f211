/// @file
/// An action server: `node.create_action_server<Action>(name, handle_goal, handle_cancel, handle_accepted)`,
/// with rclcpp_action's callbacks and goal handles.
///
///   GoalResponse handle_goal(const GoalUUID&, std::shared_ptr<const Action::Goal>)
///   CancelResponse handle_cancel(std::shared_ptr<ServerGoalHandle<Action>>)
///   void handle_accepted(std::shared_ptr<ServerGoalHandle<Action>>)
///
/// An action is three services and two topics under `<name>/_action/` (spec: rcl_action): send_goal,
/// cancel_goal and get_result; feedback and status (reliable, transient local, keep last 1). Goals
/// follow rcl_action's state machine (ACCEPTED, EXECUTING, CANCELING, then SUCCEEDED, CANCELED or
/// ABORTED); every change publishes the status of every goal the server holds. A goal handle may be
/// used from any thread. Results are kept `result_timeout` (default 15 min, as rcl_action) after the
/// goal ended, for late get_result requests; then the goal is forgotten (status UNKNOWN). A goal
/// handle dropped while its goal is active ends it (canceled if canceling, else aborted), as rclcpp.
#pragma once

#include <action_msgs/msg/goal_status_array.hpp>
#include <action_msgs/srv/cancel_goal.hpp>

#include <algorithm>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "rclite/detail/action_goals.hpp"
#include "rclite/node.hpp"

namespace rclite {

/// handle_goal's answer (rclcpp_action::GoalResponse).
enum class GoalResponse { REJECT = 1, ACCEPT_AND_EXECUTE = 2, ACCEPT_AND_DEFER = 3 };
/// handle_cancel's answer (rclcpp_action::CancelResponse).
enum class CancelResponse { REJECT = 1, ACCEPT = 2 };

/// Options of create_action_server.
struct ActionServerOptions {
  std::shared_ptr<CallbackGroup> callback_group;  ///< the node's default group when null
  /// How long a goal's result is kept after the goal ended (rcl_action's result_timeout).
  std::chrono::nanoseconds result_timeout = std::chrono::minutes(15);
};

/// A goal handle or server used in a way rcl_action forbids (a transition its state machine does not allow).
class ActionError : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

template <wire::Action A>
class ServerGoalHandle;

namespace detail {

/// What an action server and its goal handles share; callbacks hold it weakly.
template <wire::Action A>
class ActionServerState : public std::enable_shared_from_this<ActionServerState<A>> {
 public:
  using Traits = wire::ActionTraits<A>;
  using Goal = typename Traits::Goal;
  using Result = typename Traits::Result;
  using Feedback = typename Traits::Feedback;
  using GetResult = typename Traits::GetResultService;
  using Handle = ServerGoalHandle<A>;

  std::function<GoalResponse(const GoalUUID&, std::shared_ptr<const Goal>)> handle_goal;
  std::function<CancelResponse(std::shared_ptr<Handle>)> handle_cancel;
  std::function<void(std::shared_ptr<Handle>)> handle_accepted;
  std::chrono::nanoseconds result_timeout{};
  std::shared_ptr<Clock> clock;
  Publisher<typename Traits::FeedbackMessage> feedback_publisher;
  Publisher<action_msgs::msg::GoalStatusArray> status_publisher;

  /// Makes `event` happen to goal `id`; `result` for the terminal events. Throws ActionError when
  /// rcl_action's state machine does not allow it.
  void transition(const GoalUUID& id, GoalEvent event, const Result* result = nullptr) {
    std::vector<Responder<GetResult>> waiting;
    typename GetResult::Response response;
    {
      std::lock_guard lock(mutex_);
      Entry* entry = find(id);
      if (entry == nullptr) throw ActionError("goal " + to_string(id) + " is not known to the action server");
      const auto next = goal_transition(entry->state.status, event);
      if (!next) {
        throw ActionError(std::string("goal ") + to_string(id) + ": cannot " + event_name(event) + " a goal in state " +
                          status_name(entry->state.status));
      }
      entry->state.status = *next;
      if (is_terminal(*next)) {
        entry->result = result != nullptr ? *result : Result{};
        entry->finished = std::chrono::steady_clock::now();
        waiting = std::move(entry->waiting);
        response.status = *next;
        response.result = *entry->result;
      }
      publish_status_locked();
    }
    for (auto& responder : waiting) responder.send(response);
  }

  std::int8_t status_of(const GoalUUID& id) const {
    std::lock_guard lock(mutex_);
    const Entry* entry = find(id);
    return entry != nullptr ? entry->state.status : action_msgs::msg::GoalStatus::STATUS_UNKNOWN;
  }

  void publish_feedback(const GoalUUID& id, const Feedback& feedback) {
    typename Traits::FeedbackMessage message;
    message.goal_id.uuid = id;
    message.feedback = feedback;
    std::lock_guard lock(mutex_);
    if (closed_) return;
    feedback_publisher.publish(message);
  }

  // --- the three services -----------------------------------------------------------------------

  void on_send_goal(const typename Traits::SendGoalService::Request& request,
                    Responder<typename Traits::SendGoalService> responder) {
    expire();
    const GoalUUID id = request.goal_id.uuid;
    auto goal = std::make_shared<const Goal>(request.goal);
    typename Traits::SendGoalService::Response response;
    {
      std::lock_guard lock(mutex_);
      if (find(id) != nullptr) {  // rclcpp: a goal id already in use is rejected
        responder.send(response);
        return;
      }
    }
    const GoalResponse decision = handle_goal(id, goal);
    if (decision == GoalResponse::REJECT) {
      responder.send(response);
      return;
    }
    // rcl_action_accept_new_goal stamps the goal; the reply carries the same stamp.
    const builtin_interfaces::msg::Time stamp = clock->now();
    auto handle = std::shared_ptr<Handle>(new Handle(this->shared_from_this(), id, std::move(goal)));
    {
      std::lock_guard lock(mutex_);
      Entry& entry = entries_.emplace_back();
      entry.state.id = id;
      entry.state.stamp = stamp;
      // Executing from the start when so decided: a cancel may come in (a client's cancel of all
      // goals, taken on another thread) as soon as the goal is listed, before a later transition to
      // EXECUTING could run, which would then fail on a CANCELING goal (the lifecycle model, seed 16).
      entry.state.status = decision == GoalResponse::ACCEPT_AND_EXECUTE ? action_msgs::msg::GoalStatus::STATUS_EXECUTING
                                                                        : action_msgs::msg::GoalStatus::STATUS_ACCEPTED;
      entry.handle = handle;
    }
    response.accepted = true;
    response.stamp = stamp;
    responder.send(response);
    {
      std::lock_guard lock(mutex_);
      publish_status_locked();
    }
    if (handle_accepted) handle_accepted(std::move(handle));
  }

  void on_get_result(const typename GetResult::Request& request, Responder<GetResult> responder) {
    expire();
    typename GetResult::Response response;
    {
      std::lock_guard lock(mutex_);
      Entry* entry = find(request.goal_id.uuid);
      if (entry != nullptr && !entry->result) {
        entry->waiting.push_back(std::move(responder));  // answered when the goal ends
        return;
      }
      if (entry != nullptr) {
        response.status = entry->state.status;
        response.result = *entry->result;
      } else {
        response.status = action_msgs::msg::GoalStatus::STATUS_UNKNOWN;  // unknown or expired
      }
    }
    responder.send(response);
  }

  action_msgs::srv::CancelGoal::Response on_cancel(const action_msgs::srv::CancelGoal::Request& request) {
    expire();
    using CancelGoalResponse = action_msgs::srv::CancelGoal::Response;
    CancelSelection selection;
    std::vector<std::pair<std::shared_ptr<Handle>, builtin_interfaces::msg::Time>> candidates;
    {
      std::lock_guard lock(mutex_);
      std::vector<GoalState> states;
      for (const Entry& entry : entries_) states.push_back(entry.state);
      selection = select_goals_to_cancel(states, request.goal_info);
      for (const GoalUUID& id : selection.goals) {
        Entry* entry = find(id);
        if (auto handle = entry->handle.lock()) candidates.emplace_back(std::move(handle), entry->state.stamp);
      }
    }
    CancelGoalResponse response;
    response.return_code = selection.return_code;
    for (auto& [handle, stamp] : candidates) {
      if (handle_cancel(handle) != CancelResponse::ACCEPT) continue;
      try {
        transition(handle->get_goal_id(), GoalEvent::CancelGoal);
      } catch (const ActionError&) {
        continue;  // it ended or was canceled meanwhile
      }
      action_msgs::msg::GoalInfo& info = response.goals_canceling.emplace_back();
      info.goal_id.uuid = handle->get_goal_id();
      info.stamp = stamp;
    }
    // rclcpp_action: when the user rejects every goal the request applied to, the request is rejected.
    if (!selection.goals.empty() && response.goals_canceling.empty()) {
      response.return_code = CancelGoalResponse::ERROR_REJECTED;
    }
    return response;
  }

  /// Forgets the goals whose result is older than result_timeout (rcl_action_expire_goals).
  void expire() {
    std::lock_guard lock(mutex_);
    const auto now = std::chrono::steady_clock::now();
    const auto old = std::remove_if(entries_.begin(), entries_.end(), [&](const Entry& entry) {
      return entry.result && now - entry.finished >= result_timeout;
    });
    if (old == entries_.end()) return;
    entries_.erase(old, entries_.end());
    publish_status_locked();
  }

  /// No more publications (the server is being destroyed, its services closed already); goal
  /// handles still held then throw ActionError. Clients waiting for a result lose the server.
  void close() {
    std::vector<Responder<GetResult>> waiting;
    {
      std::lock_guard lock(mutex_);
      closed_ = true;
      for (Entry& entry : entries_) {
        for (auto& responder : entry.waiting) waiting.push_back(std::move(responder));
      }
      entries_.clear();
      feedback_publisher.reset();
      status_publisher.reset();
    }
  }

 private:
  struct Entry {
    GoalState state;
    std::weak_ptr<Handle> handle;
    std::optional<Result> result;  // set when the goal ended
    std::chrono::steady_clock::time_point finished;
    std::vector<Responder<GetResult>> waiting;  // get_result requests parked until the goal ends
  };

  Entry* find(const GoalUUID& id) {
    for (Entry& entry : entries_) {
      if (entry.state.id == id) return &entry;
    }
    return nullptr;
  }
  const Entry* find(const GoalUUID& id) const { return const_cast<ActionServerState*>(this)->find(id); }

  // Called with mutex_ held: status changes go out in the order they happened.
  void publish_status_locked() {
    if (closed_) return;
    action_msgs::msg::GoalStatusArray message;
    message.status_list.reserve(entries_.size());
    for (const Entry& entry : entries_) {
      action_msgs::msg::GoalStatus& status = message.status_list.emplace_back();
      status.goal_info.goal_id.uuid = entry.state.id;
      status.goal_info.stamp = entry.state.stamp;
      status.status = entry.state.status;
    }
    status_publisher.publish(message);
  }

  mutable std::mutex mutex_;
  std::vector<Entry> entries_;  // in the order the goals were accepted, as rcl_action lists them
  bool closed_ = false;
};

}  // namespace detail

/// One accepted goal on the server side (rclcpp_action::ServerGoalHandle). Thread-safe.
template <wire::Action A>
class ServerGoalHandle {
 public:
  /// The action's goal, result and feedback types.
  using Goal = typename wire::ActionTraits<A>::Goal;
  using Result = typename wire::ActionTraits<A>::Result;  ///< @copydoc Goal
  using Feedback = typename wire::ActionTraits<A>::Feedback;  ///< @copydoc Goal

  ServerGoalHandle(const ServerGoalHandle&) = delete;
  ServerGoalHandle& operator=(const ServerGoalHandle&) = delete;
  /// An active goal whose handle is dropped ends: canceled when canceling, else aborted (a goal
  /// still ACCEPTED, deferred, is executed first: rcl_action aborts only executing goals).
  ~ServerGoalHandle() {
    try {
      if (is_canceling()) {
        canceled(Result{});
      } else if (is_active()) {
        if (get_status() == action_msgs::msg::GoalStatus::STATUS_ACCEPTED) execute();
        abort(Result{});
      }
    } catch (...) {  // it ended in another thread meanwhile
    }
  }

  /// The goal's id.
  const GoalUUID& get_goal_id() const { return id_; }
  /// The goal the client sent.
  std::shared_ptr<const Goal> get_goal() const { return goal_; }
  /// The goal's status (action_msgs/GoalStatus STATUS_*).
  std::int8_t get_status() const { return state()->status_of(id_); }
  /// ACCEPTED, EXECUTING or CANCELING.
  bool is_active() const {
    const auto status = get_status();
    return status != action_msgs::msg::GoalStatus::STATUS_UNKNOWN && !detail::is_terminal(status);
  }
  /// EXECUTING.
  bool is_executing() const { return get_status() == action_msgs::msg::GoalStatus::STATUS_EXECUTING; }
  /// CANCELING: a client asked for the cancel and handle_cancel accepted it.
  bool is_canceling() const { return get_status() == action_msgs::msg::GoalStatus::STATUS_CANCELING; }

  /// ACCEPTED → EXECUTING (for goals accepted with ACCEPT_AND_DEFER). Throws ActionError otherwise.
  void execute() { state()->transition(id_, detail::GoalEvent::Execute); }
  /// Publishes `feedback` on the action's feedback topic.
  void publish_feedback(const Feedback& feedback) { state()->publish_feedback(id_, feedback); }
  /// @copydoc publish_feedback
  void publish_feedback(const std::shared_ptr<Feedback>& feedback) { publish_feedback(*feedback); }
  /// Ends the goal: SUCCEEDED with `result`. Throws ActionError when it is not EXECUTING or CANCELING.
  void succeed(const Result& result) { state()->transition(id_, detail::GoalEvent::Succeed, &result); }
  /// @copydoc succeed
  void succeed(const std::shared_ptr<Result>& result) { succeed(*result); }
  /// Ends the goal: ABORTED with `result`. Throws ActionError when it is not EXECUTING or CANCELING.
  void abort(const Result& result) { state()->transition(id_, detail::GoalEvent::Abort, &result); }
  /// @copydoc abort
  void abort(const std::shared_ptr<Result>& result) { abort(*result); }
  /// Ends the goal: CANCELED with `result`. Throws ActionError when it is not CANCELING.
  void canceled(const Result& result) { state()->transition(id_, detail::GoalEvent::Canceled, &result); }
  /// @copydoc canceled
  void canceled(const std::shared_ptr<Result>& result) { canceled(*result); }

 private:
  friend class detail::ActionServerState<A>;
  ServerGoalHandle(std::weak_ptr<detail::ActionServerState<A>> state, const GoalUUID& id, std::shared_ptr<const Goal> goal)
      : state_(std::move(state)), id_(id), goal_(std::move(goal)) {}

  std::shared_ptr<detail::ActionServerState<A>> state() const {
    auto state = state_.lock();
    if (!state) throw ActionError("goal " + to_string(id_) + ": its action server was destroyed");
    return state;
  }

  std::weak_ptr<detail::ActionServerState<A>> state_;
  GoalUUID id_;
  std::shared_ptr<const Goal> goal_;
};

/// An action server, made by Node::create_action_server. Move-only; destroying it removes its
/// services and topics (goal handles still held then throw ActionError on use).
template <wire::Action A>
class ActionServer {
 public:
  /// The goal handle type.
  using GoalHandle = ServerGoalHandle<A>;

  ActionServer() = default;
  /// Moves the server; the moved-from one is empty.
  ActionServer(ActionServer&&) noexcept = default;
  /// Replaces this server by `other` (this one is removed first).
  ActionServer& operator=(ActionServer&& other) noexcept {
    if (this != &other) {
      reset();
      parts_ = std::move(other.parts_);
    }
    return *this;
  }
  ~ActionServer() { reset(); }

  /// False when empty (default-constructed, moved from, or reset()).
  explicit operator bool() const { return parts_ != nullptr; }

  /// Removes the server: no callback runs afterwards.
  void reset() {
    if (!parts_) return;
    parts_->send_goal.reset();
    parts_->cancel_goal.reset();
    parts_->get_result.reset();
    parts_->expiry.reset();
    parts_->state->close();
    parts_.reset();
  }

  /// Made by Node::create_action_server.
  template <class HandleGoal, class HandleCancel, class HandleAccepted>
  static ActionServer create(Node& node, const std::string& requested_name, HandleGoal&& handle_goal, HandleCancel&& handle_cancel,
                             HandleAccepted&& handle_accepted, const ActionServerOptions& options) {
    using Traits = wire::ActionTraits<A>;
    auto state = std::make_shared<detail::ActionServerState<A>>();
    state->handle_goal = std::forward<HandleGoal>(handle_goal);
    state->handle_cancel = std::forward<HandleCancel>(handle_cancel);
    state->handle_accepted = std::forward<HandleAccepted>(handle_accepted);
    state->result_timeout = options.result_timeout;
    state->clock = node.get_clock();
    // rcl_action resolves the action's name once, with the node's remapping rules (`-r fibonacci:=/x`),
    // and derives its services' and topics' names from that.
    const std::string name = node.resolve_topic_name(requested_name);
    // rcl_action's default QoS: feedback as rcl's default topic profile, status
    // rcl_action_qos_profile_status_default (reliable, transient local, keep last 1).
    state->feedback_publisher = node.create_publisher<typename Traits::FeedbackMessage>(name + "/_action/feedback", QoS(10));
    state->status_publisher =
        node.create_publisher<action_msgs::msg::GoalStatusArray>(name + "/_action/status", QoS(1).transient_local());
    auto parts = std::make_unique<Parts>();
    parts->state = state;
    ServiceOptions service_options;
    service_options.callback_group = options.callback_group;
    const std::weak_ptr<detail::ActionServerState<A>> weak = state;
    parts->send_goal = node.create_service<typename Traits::SendGoalService>(
        name + "/_action/send_goal",
        [weak](const typename Traits::SendGoalService::Request& request,
               Responder<typename Traits::SendGoalService> responder) {
          if (auto state = weak.lock()) state->on_send_goal(request, std::move(responder));
        },
        service_options);
    parts->cancel_goal = node.create_service<action_msgs::srv::CancelGoal>(
        name + "/_action/cancel_goal",
        [weak](const action_msgs::srv::CancelGoal::Request& request) {
          auto state = weak.lock();
          return state ? state->on_cancel(request) : action_msgs::srv::CancelGoal::Response{};
        },
        service_options);
    parts->get_result = node.create_service<typename Traits::GetResultService>(
        name + "/_action/get_result",
        [weak](const typename Traits::GetResultService::Request& request,
               Responder<typename Traits::GetResultService> responder) {
          if (auto state = weak.lock()) state->on_get_result(request, std::move(responder));
        },
        service_options);
    // Expired results are also dropped whenever a request arrives; the timer forgets them when none does.
    const auto period = std::max<std::chrono::nanoseconds>(options.result_timeout, std::chrono::milliseconds(10));
    parts->expiry = node.create_wall_timer(
        period, [weak] { if (auto state = weak.lock()) state->expire(); },
        TimerOptions{options.callback_group, true, false});
    ActionServer server;
    server.parts_ = std::move(parts);
    return server;
  }

 private:
  struct Parts {
    std::shared_ptr<detail::ActionServerState<A>> state;
    Service<typename wire::ActionTraits<A>::SendGoalService> send_goal;
    Service<action_msgs::srv::CancelGoal> cancel_goal;
    Service<typename wire::ActionTraits<A>::GetResultService> get_result;
    Timer expiry;
  };
  std::unique_ptr<Parts> parts_;
};

template <wire::Action A, class HandleGoal, class HandleCancel, class HandleAccepted>
ActionServer<A> Node::create_action_server(const std::string& name, HandleGoal&& handle_goal,
                                           HandleCancel&& handle_cancel, HandleAccepted&& handle_accepted,
                                           const ActionServerOptions& options) {
  return ActionServer<A>::create(*this, name, std::forward<HandleGoal>(handle_goal),
                                 std::forward<HandleCancel>(handle_cancel),
                                 std::forward<HandleAccepted>(handle_accepted), options);
}

template <wire::Action A, class HandleGoal, class HandleCancel, class HandleAccepted>
ActionServer<A> Node::create_action_server(const std::string& name, HandleGoal&& handle_goal,
                                           HandleCancel&& handle_cancel, HandleAccepted&& handle_accepted) {
  return create_action_server<A>(name, std::forward<HandleGoal>(handle_goal), std::forward<HandleCancel>(handle_cancel),
                                 std::forward<HandleAccepted>(handle_accepted), ActionServerOptions{});
}

}  // namespace rclite
