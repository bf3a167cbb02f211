/// @file
/// An action client: `node.create_action_client<Action>(name)`, with rclcpp_action's API.
///
///   auto client = node.create_action_client<Fibonacci>("fibonacci");
///   client.wait_for_action_server(10s);
///   rclite::ActionClient<Fibonacci>::SendGoalOptions options;
///   options.feedback_callback = [](auto handle, auto feedback) { ... };
///   options.result_callback = [](const auto& wrapped) { ... };
///   auto goal_handle = client.async_send_goal(goal, options);  // a shared_future
///
/// Every callback runs on the executor spinning the client's node, and the futures are completed
/// there. An accepted goal's result is asked for at once (get_result), so a result future ends with
/// the result, or with the error that ended the get_result request: ServiceUnavailableError when
/// the server died (about 0.2 s on this host, the lease elsewhere), TimeoutError when
/// SendGoalOptions::result_timeout passed, ShutdownError when the client was destroyed.
#pragma once

#include <action_msgs/msg/goal_status_array.hpp>
#include <action_msgs/srv/cancel_goal.hpp>

#include <chrono>
#include <exception>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>

#include "rclite/detail/action_goals.hpp"
#include "rclite/node.hpp"

namespace rclite {

/// How a goal ended (rclcpp_action::ResultCode): its terminal status.
enum class ResultCode : std::int8_t {
  UNKNOWN = action_msgs::msg::GoalStatus::STATUS_UNKNOWN,
  SUCCEEDED = action_msgs::msg::GoalStatus::STATUS_SUCCEEDED,
  CANCELED = action_msgs::msg::GoalStatus::STATUS_CANCELED,
  ABORTED = action_msgs::msg::GoalStatus::STATUS_ABORTED,
};

/// Options of create_action_client.
struct ActionClientOptions {
  std::shared_ptr<CallbackGroup> callback_group;  ///< the node's default group when null
};

template <wire::Action A>
class ActionClient;

/// One goal as its client sees it (rclcpp_action::ClientGoalHandle). Thread-safe.
template <wire::Action A>
class ClientGoalHandle {
 public:
  /// The action's result and feedback types.
  using Result = typename wire::ActionTraits<A>::Result;
  using Feedback = typename wire::ActionTraits<A>::Feedback;  ///< @copydoc Result
  /// A goal's end (rclcpp_action's WrappedResult).
  struct WrappedResult {
    GoalUUID goal_id{};  ///< the goal
    ResultCode code = ResultCode::UNKNOWN;  ///< its terminal status
    std::shared_ptr<Result> result;  ///< what the server returned (empty when the request failed)
  };
  /// `feedback_callback(handle, feedback)`.
  using FeedbackCallback = std::function<void(std::shared_ptr<ClientGoalHandle>, std::shared_ptr<const Feedback>)>;
  /// `result_callback(wrapped_result)`.
  using ResultCallback = std::function<void(const WrappedResult&)>;

  /// Made by ActionClient when the server accepted the goal.
  ClientGoalHandle(const GoalUUID& id, const builtin_interfaces::msg::Time& stamp, FeedbackCallback feedback,
                   ResultCallback result)
      : id_(id), stamp_(stamp), feedback_callback_(std::move(feedback)), result_callback_(std::move(result)),
        result_future_(result_promise_.get_future().share()) {}

  /// The goal's id.
  const GoalUUID& get_goal_id() const { return id_; }
  /// When the server accepted the goal.
  Time get_goal_stamp() const { return Time(stamp_); }
  /// The last status the server published for this goal (action_msgs/GoalStatus STATUS_*).
  std::int8_t get_status() const {
    std::lock_guard lock(mutex_);
    return status_;
  }
  /// True once the client asked for the result (always, after acceptance).
  bool is_result_aware() const {
    std::lock_guard lock(mutex_);
    return result_aware_;
  }

 private:
  friend class ActionClient<A>;

  void set_status(std::int8_t status) {
    std::lock_guard lock(mutex_);
    if (!ended_) status_ = status;
  }
  void call_feedback(const std::shared_ptr<ClientGoalHandle>& self, std::shared_ptr<const Feedback> feedback) {
    FeedbackCallback callback;
    {
      std::lock_guard lock(mutex_);
      callback = feedback_callback_;
    }
    if (callback) callback(self, std::move(feedback));
  }
  void set_result_callback(ResultCallback callback) {
    std::lock_guard lock(mutex_);
    result_callback_ = std::move(callback);
  }
  // The result arrived (or the request for it failed: `error`); `notify` false when the client is
  // being destroyed (its callbacks are not called any more).
  void finish(WrappedResult wrapped, std::exception_ptr error, bool notify = true) {
    ResultCallback callback;
    {
      std::lock_guard lock(mutex_);
      if (ended_) return;
      ended_ = true;
      status_ = static_cast<std::int8_t>(wrapped.code);
      callback = result_callback_;
    }
    if (error) {
      result_promise_.set_exception(error);
    } else {
      result_promise_.set_value(wrapped);
    }
    if (callback && notify) callback(wrapped);
  }

  GoalUUID id_;
  builtin_interfaces::msg::Time stamp_;
  mutable std::mutex mutex_;
  std::int8_t status_ = action_msgs::msg::GoalStatus::STATUS_ACCEPTED;
  bool result_aware_ = false;
  bool ended_ = false;
  FeedbackCallback feedback_callback_;
  ResultCallback result_callback_;
  std::promise<WrappedResult> result_promise_;
  std::shared_future<WrappedResult> result_future_;
};

namespace detail {

/// What an action client and its DDS callbacks share.
template <wire::Action A>
struct ActionClientState {
  using Traits = wire::ActionTraits<A>;
  using Handle = ClientGoalHandle<A>;

  Client<typename Traits::SendGoalService> send_goal;
  Client<typename Traits::GetResultService> get_result;
  Client<action_msgs::srv::CancelGoal> cancel_goal;
  Subscription<typename Traits::FeedbackMessage> feedback;
  Subscription<action_msgs::msg::GoalStatusArray> status;

  std::mutex mutex;
  std::map<GoalUUID, std::weak_ptr<Handle>> goals;  // accepted goals whose result has not come
  // Goals sent and not answered yet: their feedback may come before the send_goal reply is handled
  // (another executor thread, or the reply's callback queued after the feedback's), and waits here.
  std::map<GoalUUID, std::vector<std::shared_ptr<const typename Traits::Feedback>>> awaiting;
  // The futures of send_goal and cancel_goal requests whose callbacks have not run: a client being
  // closed drops those callbacks unrun, so reset() ends these futures with ShutdownError. A callback
  // that runs claims its entry first; one that finds it gone (reset() ended it) does nothing.
  std::map<std::uint64_t, std::function<void(std::exception_ptr)>> unanswered;
  std::uint64_t next_unanswered = 0;
  bool closed = false;  // reset() began: a goal accepted from now on is not followed

  template <class Promise>
  std::uint64_t expect(const std::shared_ptr<Promise>& promise) {
    std::lock_guard lock(mutex);
    unanswered.emplace(++next_unanswered, [promise](std::exception_ptr error) { promise->set_exception(error); });
    return next_unanswered;
  }
  bool claim(std::uint64_t key) {
    std::lock_guard lock(mutex);
    return unanswered.erase(key) == 1;
  }

  std::shared_ptr<Handle> find(const GoalUUID& id) {
    std::lock_guard lock(mutex);
    auto found = goals.find(id);
    return found == goals.end() ? nullptr : found->second.lock();
  }
  void forget(const GoalUUID& id) {
    std::lock_guard lock(mutex);
    goals.erase(id);
  }
  void forget_awaiting(const GoalUUID& id) {
    std::lock_guard lock(mutex);
    awaiting.erase(id);
  }
};

}  // namespace detail

/// A client of action `A`, made by Node::create_action_client. Move-only; destroying it ends its
/// pending futures (goal handles not answered yet, results, cancel requests) with ShutdownError,
/// and their callbacks are not called. Any of its callbacks may destroy it.
template <wire::Action A>
class ActionClient {
 public:
  using Traits = wire::ActionTraits<A>;  ///< the generated traits
  using Goal = typename Traits::Goal;  ///< the goal message
  using GoalHandle = ClientGoalHandle<A>;  ///< a goal's handle
  using WrappedResult = typename GoalHandle::WrappedResult;  ///< a goal's end
  using CancelResponse = action_msgs::srv::CancelGoal::Response;  ///< the answer to a cancel request

  /// Callbacks of one goal (rclcpp_action's SendGoalOptions) and its deadlines.
  struct SendGoalOptions {
    /// The server's answer: the goal's handle, or null when it rejected the goal.
    std::function<void(std::shared_ptr<GoalHandle>)> goal_response_callback;
    /// Each feedback message of the goal.
    typename GoalHandle::FeedbackCallback feedback_callback;
    /// The goal's end.
    typename GoalHandle::ResultCallback result_callback;
    /// The send_goal request fails with TimeoutError when the server did not answer by then.
    std::optional<std::chrono::steady_clock::duration> goal_response_timeout;
    /// The goal's result fails with TimeoutError when it did not come by then (from acceptance).
    std::optional<std::chrono::steady_clock::duration> result_timeout;
  };

  ActionClient() = default;
  /// Moves the client; the moved-from one is empty.
  ActionClient(ActionClient&&) noexcept = default;
  /// Replaces this client by `other` (this one is reset() first).
  ActionClient& operator=(ActionClient&& other) noexcept {
    if (this != &other) {
      reset();
      state_ = std::move(other.state_);
    }
    return *this;
  }
  ~ActionClient() { reset(); }

  /// False when empty (default-constructed, moved from, or reset()).
  explicit operator bool() const { return state_ != nullptr; }

  /// Closes the client: no callback runs afterwards, and the result futures of its goals end with
  /// ShutdownError.
  void reset() {
    if (!state_) return;
    // Held here: closing the clients drops their pending callbacks, which hold the handles too.
    std::vector<std::shared_ptr<GoalHandle>> goals;
    {
      std::lock_guard lock(state_->mutex);
      for (auto& [id, weak] : state_->goals) {
        if (auto handle = weak.lock()) goals.push_back(std::move(handle));
      }
      state_->goals.clear();
      state_->awaiting.clear();
      state_->closed = true;
    }
    state_->feedback.reset();
    state_->status.reset();
    state_->send_goal.reset();
    state_->get_result.reset();
    state_->cancel_goal.reset();
    std::map<std::uint64_t, std::function<void(std::exception_ptr)>> unanswered;
    {
      // A goal accepted meanwhile (its callback ran before send_goal was closed); the user holds its handle.
      std::lock_guard lock(state_->mutex);
      for (auto& [id, weak] : state_->goals) {
        if (auto handle = weak.lock()) goals.push_back(std::move(handle));
      }
      state_->goals.clear();
      unanswered.swap(state_->unanswered);
    }
    for (auto& [key, fail] : unanswered) fail(std::make_exception_ptr(ShutdownError("the action client was destroyed")));
    for (auto& handle : goals) {
      WrappedResult wrapped;
      wrapped.goal_id = handle->get_goal_id();
      handle->finish(std::move(wrapped), std::make_exception_ptr(ShutdownError("the action client was destroyed")),
                     false);
    }
    state_.reset();
  }

  /// True when the three services have a server and its feedback and status publishers are matched
  /// (rcl_action_server_is_available).
  bool action_server_is_ready() const {
    auto& state = checked();
    return state.send_goal.service_is_ready() && state.get_result.service_is_ready() &&
           state.cancel_goal.service_is_ready() && state.feedback.get_publisher_count() > 0 &&
           state.status.get_publisher_count() > 0;
  }
  /// Waits at most `timeout` for action_server_is_ready(); false on timeout or shutdown.
  template <class Rep, class Period>
  bool wait_for_action_server(std::chrono::duration<Rep, Period> timeout) const {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    if (!checked().send_goal.wait_for_service(timeout)) return false;
    while (!action_server_is_ready()) {
      if (std::chrono::steady_clock::now() >= deadline) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return true;
  }
  /// Waits for action_server_is_ready() without a timeout; false on shutdown.
  bool wait_for_action_server() const { return wait_for_action_server(std::chrono::hours(24 * 365)); }

  /// Sends `goal`. The future holds the goal's handle, or null when the server rejected it; it
  /// throws the ServiceError that ended the send_goal request.
  std::shared_future<std::shared_ptr<GoalHandle>> async_send_goal(const Goal& goal) {
    return async_send_goal(goal, SendGoalOptions());
  }
  /// @copydoc async_send_goal(const Goal&)
  std::shared_future<std::shared_ptr<GoalHandle>> async_send_goal(const Goal& goal, const SendGoalOptions& options) {
    auto state = checked_shared();
    typename Traits::SendGoalService::Request request;
    request.goal_id.uuid = detail::random_goal_id();
    request.goal = goal;
    auto promise = std::make_shared<std::promise<std::shared_ptr<GoalHandle>>>();
    auto future = promise->get_future().share();
    RequestOptions request_options;
    request_options.timeout = options.goal_response_timeout;
    const std::weak_ptr<detail::ActionClientState<A>> weak = state;
    {
      std::lock_guard lock(state->mutex);
      state->awaiting[request.goal_id.uuid];
    }
    const std::uint64_t key = state->expect(promise);
    auto on_reply = [weak, promise, options, id = request.goal_id.uuid, key](
                        std::shared_future<typename Traits::SendGoalService::Response> reply) {
      auto state = weak.lock();
      if (!state || !state->claim(key)) return;  // the client was destroyed: its future ended then
      typename Traits::SendGoalService::Response response;
      try {
        response = reply.get();
      } catch (...) {
        state->forget_awaiting(id);
        promise->set_exception(std::current_exception());
        return;
      }
      if (!response.accepted) {
        state->forget_awaiting(id);
        if (options.goal_response_callback) options.goal_response_callback(nullptr);
        promise->set_value(nullptr);
        return;
      }
      auto handle = std::make_shared<GoalHandle>(id, response.stamp, options.feedback_callback, options.result_callback);
      if (options.goal_response_callback) options.goal_response_callback(handle);
      promise->set_value(handle);
      // Feedback that came first goes out now, in order; then the goal takes its own.
      bool closed = false;
      while (true) {
        std::vector<std::shared_ptr<const typename Traits::Feedback>> early;
        {
          std::lock_guard lock(state->mutex);
          // The client was reset meanwhile (from a callback, this one's included): the goal's
          // result future ends as reset() ends the others', and no callback of it runs.
          if (state->closed) {
            closed = true;
            break;
          }
          auto awaiting = state->awaiting.find(id);
          if (awaiting == state->awaiting.end() || awaiting->second.empty()) {
            state->awaiting.erase(id);
            state->goals[id] = handle;
            break;
          }
          early.swap(awaiting->second);
        }
        for (auto& feedback : early) {
          {
            // A feedback callback may destroy the client: the rest is not delivered.
            std::lock_guard lock(state->mutex);
            if (state->closed) break;
          }
          handle->call_feedback(handle, std::move(feedback));
        }
      }
      if (closed) {
        WrappedResult wrapped;
        wrapped.goal_id = id;
        handle->finish(std::move(wrapped),
                       std::make_exception_ptr(ShutdownError("the action client was destroyed")), false);
        return;
      }
      request_result(state, handle, options.result_timeout);
    };
    try {
      state->send_goal.async_send_request(request, std::move(on_reply), request_options);
    } catch (...) {
      state->claim(key);
      state->forget_awaiting(request.goal_id.uuid);
      throw;
    }
    return future;
  }

  /// The goal's result; `result_callback` (if given) replaces the one of SendGoalOptions.
  std::shared_future<WrappedResult> async_get_result(const std::shared_ptr<GoalHandle>& goal_handle,
                                                     typename GoalHandle::ResultCallback result_callback = {}) {
    if (!goal_handle) throw std::invalid_argument("async_get_result: no goal handle");
    if (result_callback) goal_handle->set_result_callback(std::move(result_callback));
    return goal_handle->result_future_;
  }

  /// Asks the server to cancel the goal. `callback` (if given) gets the server's answer.
  std::shared_future<CancelResponse> async_cancel_goal(const std::shared_ptr<GoalHandle>& goal_handle,
                                                       std::function<void(const CancelResponse&)> callback = {}) {
    if (!goal_handle) throw std::invalid_argument("async_cancel_goal: no goal handle");
    action_msgs::msg::GoalInfo info;
    info.goal_id.uuid = goal_handle->get_goal_id();
    return send_cancel(info, std::move(callback));
  }
  /// Asks the server to cancel every goal.
  std::shared_future<CancelResponse> async_cancel_all_goals(std::function<void(const CancelResponse&)> callback = {}) {
    return send_cancel(action_msgs::msg::GoalInfo{}, std::move(callback));
  }
  /// Asks the server to cancel every goal accepted at or before `stamp`.
  std::shared_future<CancelResponse> async_cancel_goals_before(const Time& stamp,
                                                               std::function<void(const CancelResponse&)> callback = {}) {
    action_msgs::msg::GoalInfo info;
    info.stamp = stamp;
    return send_cancel(info, std::move(callback));
  }

  /// Made by Node::create_action_client.
  static ActionClient create(Node& node, const std::string& requested_name, const ActionClientOptions& options) {
    auto state = std::make_shared<detail::ActionClientState<A>>();
    // rcl_action resolves the action's name once, with the node's remapping rules (`-r fibonacci:=/x`),
    // and derives its services' and topics' names from that.
    const std::string name = node.resolve_topic_name(requested_name);
    ClientOptions client_options;
    client_options.callback_group = options.callback_group;
    state->send_goal = node.create_client<typename Traits::SendGoalService>(name + "/_action/send_goal", client_options);
    state->cancel_goal = node.create_client<action_msgs::srv::CancelGoal>(name + "/_action/cancel_goal", client_options);
    state->get_result = node.create_client<typename Traits::GetResultService>(name + "/_action/get_result", client_options);
    SubscriptionOptions subscription_options;
    subscription_options.callback_group = options.callback_group;
    const std::weak_ptr<detail::ActionClientState<A>> weak = state;
    state->feedback = node.create_subscription<typename Traits::FeedbackMessage>(
        name + "/_action/feedback", QoS(10),
        [weak](const typename Traits::FeedbackMessage& message) {
          auto state = weak.lock();
          if (!state) return;
          auto feedback = std::make_shared<const typename Traits::Feedback>(message.feedback);
          std::shared_ptr<GoalHandle> handle;
          {
            std::lock_guard lock(state->mutex);
            if (auto awaiting = state->awaiting.find(message.goal_id.uuid); awaiting != state->awaiting.end()) {
              awaiting->second.push_back(std::move(feedback));
              return;
            }
            if (auto found = state->goals.find(message.goal_id.uuid); found != state->goals.end()) {
              handle = found->second.lock();
            }
          }
          if (handle) handle->call_feedback(handle, std::move(feedback));
        },
        subscription_options);
    state->status = node.create_subscription<action_msgs::msg::GoalStatusArray>(
        name + "/_action/status", QoS(1).transient_local(),
        [weak](const action_msgs::msg::GoalStatusArray& message) {
          auto state = weak.lock();
          if (!state) return;
          for (const auto& status : message.status_list) {
            if (auto handle = state->find(status.goal_info.goal_id.uuid)) handle->set_status(status.status);
          }
        },
        subscription_options);
    ActionClient client;
    client.state_ = std::move(state);
    return client;
  }

 private:
  static void request_result(const std::shared_ptr<detail::ActionClientState<A>>& state,
                             const std::shared_ptr<GoalHandle>& handle,
                             const std::optional<std::chrono::steady_clock::duration>& timeout) {
    {
      std::lock_guard lock(handle->mutex_);
      handle->result_aware_ = true;
    }
    typename Traits::GetResultService::Request request;
    request.goal_id.uuid = handle->get_goal_id();
    RequestOptions options;
    options.timeout = timeout;
    // The handle is held until the result comes: a goal whose handle the user dropped still ends.
    state->get_result.async_send_request(
        request,
        [handle, weak = std::weak_ptr<detail::ActionClientState<A>>(state)](
            std::shared_future<typename Traits::GetResultService::Response> reply) {
          WrappedResult wrapped;
          wrapped.goal_id = handle->get_goal_id();
          std::exception_ptr error;
          try {
            const auto& response = reply.get();
            wrapped.code = static_cast<ResultCode>(response.status);
            wrapped.result = std::make_shared<typename Traits::Result>(response.result);
          } catch (...) {
            error = std::current_exception();
          }
          if (auto state = weak.lock()) state->forget(wrapped.goal_id);
          handle->finish(std::move(wrapped), error);
        },
        options);
  }

  std::shared_future<CancelResponse> send_cancel(const action_msgs::msg::GoalInfo& info,
                                                 std::function<void(const CancelResponse&)> callback) {
    auto promise = std::make_shared<std::promise<CancelResponse>>();
    auto future = promise->get_future().share();
    action_msgs::srv::CancelGoal::Request request;
    request.goal_info = info;
    auto state = checked_shared();
    const std::uint64_t key = state->expect(promise);
    auto on_reply = [promise, callback = std::move(callback), key,
                     weak = std::weak_ptr<detail::ActionClientState<A>>(state)](std::shared_future<CancelResponse> reply) {
      auto state = weak.lock();
      if (!state || !state->claim(key)) return;  // the client was destroyed: its future ended then
      try {
        const CancelResponse& response = reply.get();
        if (callback) callback(response);
        promise->set_value(response);
      } catch (...) {
        promise->set_exception(std::current_exception());
      }
    };
    try {
      state->cancel_goal.async_send_request(request, std::move(on_reply));
    } catch (...) {
      state->claim(key);
      throw;
    }
    return future;
  }

  detail::ActionClientState<A>& checked() const { return *checked_shared(); }
  std::shared_ptr<detail::ActionClientState<A>> checked_shared() const {
    if (!state_) throw std::logic_error("rclite::ActionClient is empty (moved from or reset)");
    return state_;
  }

  std::shared_ptr<detail::ActionClientState<A>> state_;
};

template <wire::Action A>
ActionClient<A> Node::create_action_client(const std::string& name, const ActionClientOptions& options) {
  return ActionClient<A>::create(*this, name, options);
}

template <wire::Action A>
ActionClient<A> Node::create_action_client(const std::string& name) {
  return ActionClient<A>::create(*this, name, ActionClientOptions{});
}

}  // namespace rclite
