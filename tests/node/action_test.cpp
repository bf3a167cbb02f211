// Actions in one process: the life cycles of a goal (succeed, abort, reject, cancel while executing,
// cancel rejected, cancel of an ended goal), feedback order, 100 concurrent goals, results cached and
// expired, and a client or server destroyed while a goal runs.
#include <gtest/gtest.h>

#include <action_msgs/msg/goal_status_array.hpp>
#include <example_interfaces/action/fibonacci.hpp>
#include <type_description_interfaces/srv/get_type_description.hpp>

#include <atomic>
#include <cstdlib>
#include <mutex>
#include <sstream>
#include <thread>
#include <vector>

#include "rclite/action_client.hpp"
#include "rclite/action_server.hpp"
#include "rclite/rclite.hpp"
#include "support/hex.hpp"
#include "support/observer.hpp"
#include "support/test_context.hpp"

using namespace std::chrono_literals;
using example_interfaces::action::Fibonacci;
using GoalStatus = action_msgs::msg::GoalStatus;
using rclite::test::BackgroundSpin;
using rclite::test::eventually;
using rclite::test::kPatience;
using rclite::test::unique_service_name;
using ServerHandle = rclite::ServerGoalHandle<Fibonacci>;
using ClientHandle = rclite::ClientGoalHandle<Fibonacci>;
using CancelGoalResponse = action_msgs::srv::CancelGoal::Response;

namespace {

// The tutorial's server: accepts every goal, computes the sequence on a thread of its own with one
// feedback message per step, and honours cancel requests between steps.
class FibonacciServer {
 public:
  FibonacciServer(rclite::Node& node, const std::string& name, rclite::ActionServerOptions options = {},
                  std::chrono::milliseconds step = 1ms)
      : step_(step) {
    server_ = node.create_action_server<Fibonacci>(
        name,
        [this](const rclite::GoalUUID&, std::shared_ptr<const Fibonacci::Goal> goal) {
          if (goal->order < 0) return rclite::GoalResponse::REJECT;
          return defer_ ? rclite::GoalResponse::ACCEPT_AND_DEFER : rclite::GoalResponse::ACCEPT_AND_EXECUTE;
        },
        [this](std::shared_ptr<ServerHandle>) {
          return accept_cancel_ ? rclite::CancelResponse::ACCEPT : rclite::CancelResponse::REJECT;
        },
        [this](std::shared_ptr<ServerHandle> handle) {
          std::lock_guard lock(mutex_);
          threads_.emplace_back([this, handle] { execute(handle); });
        },
        options);
  }
  ~FibonacciServer() { join(); }

  void join() {
    std::vector<std::thread> threads;
    {
      std::lock_guard lock(mutex_);
      threads.swap(threads_);
    }
    for (auto& thread : threads) thread.join();
  }

  std::atomic<bool> accept_cancel_{true};
  std::atomic<bool> defer_{false};
  std::atomic<bool> abort_{false};
  std::atomic<bool> hold_{false};  // goals wait (for a cancel) before their first step
  rclite::ActionServer<Fibonacci> server_;

 private:
  void execute(const std::shared_ptr<ServerHandle>& handle) {
    try {
      if (defer_) handle->execute();
      Fibonacci::Feedback feedback;
      feedback.sequence = {0, 1};
      const auto order = handle->get_goal()->order;
      const auto hold_until = std::chrono::steady_clock::now() + kPatience;
      while (hold_ && !handle->is_canceling() && std::chrono::steady_clock::now() < hold_until) {
        std::this_thread::sleep_for(1ms);
      }
      for (int i = 1; i < order; ++i) {
        if (handle->is_canceling()) {
          Fibonacci::Result result;
          result.sequence = feedback.sequence;
          handle->canceled(result);
          return;
        }
        feedback.sequence.push_back(feedback.sequence[i] + feedback.sequence[i - 1]);
        handle->publish_feedback(feedback);
        std::this_thread::sleep_for(step_);
      }
      Fibonacci::Result result;
      result.sequence = feedback.sequence;
      if (abort_) {
        handle->abort(result);
      } else {
        handle->succeed(result);
      }
    } catch (const rclite::ActionError&) {  // the server was destroyed meanwhile
    }
  }

  std::chrono::milliseconds step_;
  std::mutex mutex_;
  std::vector<std::thread> threads_;
};

Fibonacci::Goal goal_of(int order) {
  Fibonacci::Goal goal;
  goal.order = order;
  return goal;
}

struct Action : rclite::test::ContextTest {
  rclite::Node node{"action_test", options()};
  rclite::MultiThreadedExecutor executor{*context, 4};
  std::string name = unique_service_name("fibonacci");

  void SetUp() override { executor.add_node(node); }
};

template <class Future>
bool ready(const Future& future) {
  return future.wait_for(kPatience) == std::future_status::ready;
}

}  // namespace

TEST_F(Action, GoalSucceedsWithItsFeedbackInOrder) {
  FibonacciServer server(node, name);
  auto client = node.create_action_client<Fibonacci>(name);
  BackgroundSpin spin(executor);
  ASSERT_TRUE(client.wait_for_action_server(kPatience));

  std::mutex mutex;
  std::vector<std::vector<std::int32_t>> feedback;
  std::atomic<int> responses{0};
  rclite::ActionClient<Fibonacci>::SendGoalOptions options;
  options.goal_response_callback = [&](std::shared_ptr<ClientHandle> handle) { responses += handle ? 1 : 100; };
  options.feedback_callback = [&](std::shared_ptr<ClientHandle>, std::shared_ptr<const Fibonacci::Feedback> message) {
    std::lock_guard lock(mutex);
    feedback.push_back(message->sequence);
  };
  std::atomic<int> results{0};
  options.result_callback = [&](const ClientHandle::WrappedResult& result) {
    if (result.code == rclite::ResultCode::SUCCEEDED) ++results;
  };
  auto goal_handle = client.async_send_goal(goal_of(6), options);
  ASSERT_TRUE(ready(goal_handle));
  const auto handle = goal_handle.get();
  ASSERT_TRUE(handle);
  EXPECT_EQ(responses, 1);
  auto result = client.async_get_result(handle);
  ASSERT_TRUE(ready(result));
  EXPECT_EQ(result.get().code, rclite::ResultCode::SUCCEEDED);
  EXPECT_EQ(result.get().result->sequence, (std::vector<std::int32_t>{0, 1, 1, 2, 3, 5, 8}));
  EXPECT_EQ(result.get().goal_id, handle->get_goal_id());
  EXPECT_TRUE(eventually([&] { return results == 1; }));
  EXPECT_EQ(handle->get_status(), GoalStatus::STATUS_SUCCEEDED);
  // Feedback is published before the result; a reliable topic keeps its order.
  EXPECT_TRUE(eventually([&] {
    std::lock_guard lock(mutex);
    return feedback.size() == 5;
  }));
  std::lock_guard lock(mutex);
  for (std::size_t i = 0; i < feedback.size(); ++i) EXPECT_EQ(feedback[i].size(), i + 3) << i << " of " << feedback.size();
}

TEST_F(Action, RejectedGoalGivesNoHandle) {
  FibonacciServer server(node, name);
  auto client = node.create_action_client<Fibonacci>(name);
  BackgroundSpin spin(executor);
  ASSERT_TRUE(client.wait_for_action_server(kPatience));
  std::atomic<int> null_responses{0};
  rclite::ActionClient<Fibonacci>::SendGoalOptions options;
  options.goal_response_callback = [&](std::shared_ptr<ClientHandle> handle) {
    if (!handle) ++null_responses;
  };
  auto goal_handle = client.async_send_goal(goal_of(-1), options);
  ASSERT_TRUE(ready(goal_handle));
  EXPECT_EQ(goal_handle.get(), nullptr);
  EXPECT_EQ(null_responses, 1);
}

TEST_F(Action, AbortedGoalEndsAborted) {
  FibonacciServer server(node, name);
  server.abort_ = true;
  auto client = node.create_action_client<Fibonacci>(name);
  BackgroundSpin spin(executor);
  ASSERT_TRUE(client.wait_for_action_server(kPatience));
  auto goal_handle = client.async_send_goal(goal_of(3));
  ASSERT_TRUE(ready(goal_handle));
  auto result = client.async_get_result(goal_handle.get());
  ASSERT_TRUE(ready(result));
  EXPECT_EQ(result.get().code, rclite::ResultCode::ABORTED);
  EXPECT_EQ(result.get().result->sequence, (std::vector<std::int32_t>{0, 1, 1, 2}));
}

TEST_F(Action, DeferredGoalIsExecutedByItsHandle) {
  FibonacciServer server(node, name);
  server.defer_ = true;
  auto client = node.create_action_client<Fibonacci>(name);
  BackgroundSpin spin(executor);
  ASSERT_TRUE(client.wait_for_action_server(kPatience));
  auto goal_handle = client.async_send_goal(goal_of(4));
  ASSERT_TRUE(ready(goal_handle));
  auto result = client.async_get_result(goal_handle.get());
  ASSERT_TRUE(ready(result));
  EXPECT_EQ(result.get().code, rclite::ResultCode::SUCCEEDED);
}

TEST_F(Action, CancelWhileExecutingEndsCanceled) {
  FibonacciServer server(node, name);
  server.hold_ = true;
  auto client = node.create_action_client<Fibonacci>(name);
  BackgroundSpin spin(executor);
  ASSERT_TRUE(client.wait_for_action_server(kPatience));
  auto goal_handle = client.async_send_goal(goal_of(10));
  ASSERT_TRUE(ready(goal_handle));
  const auto handle = goal_handle.get();
  auto cancel = client.async_cancel_goal(handle);
  ASSERT_TRUE(ready(cancel));
  EXPECT_EQ(cancel.get().return_code, CancelGoalResponse::ERROR_NONE);
  ASSERT_EQ(cancel.get().goals_canceling.size(), 1u);
  EXPECT_EQ(cancel.get().goals_canceling[0].goal_id.uuid, handle->get_goal_id());
  EXPECT_EQ(rclite::Time(cancel.get().goals_canceling[0].stamp), handle->get_goal_stamp());
  auto result = client.async_get_result(handle);
  ASSERT_TRUE(ready(result));
  EXPECT_EQ(result.get().code, rclite::ResultCode::CANCELED);
  EXPECT_EQ(handle->get_status(), GoalStatus::STATUS_CANCELED);
}

TEST_F(Action, CancelTheServerRejectsLeavesTheGoalRunning) {
  FibonacciServer server(node, name);
  server.accept_cancel_ = false;
  auto client = node.create_action_client<Fibonacci>(name);
  BackgroundSpin spin(executor);
  ASSERT_TRUE(client.wait_for_action_server(kPatience));
  auto goal_handle = client.async_send_goal(goal_of(20));
  ASSERT_TRUE(ready(goal_handle));
  auto cancel = client.async_cancel_all_goals();
  ASSERT_TRUE(ready(cancel));
  auto result = client.async_get_result(goal_handle.get());
  ASSERT_TRUE(ready(result));
  EXPECT_EQ(result.get().code, rclite::ResultCode::SUCCEEDED);
  // The goal may have ended before the request came: then there was nothing to cancel.
  EXPECT_TRUE(cancel.get().return_code == CancelGoalResponse::ERROR_REJECTED ||
              cancel.get().return_code == CancelGoalResponse::ERROR_NONE);
  EXPECT_TRUE(cancel.get().goals_canceling.empty());
}

TEST_F(Action, CancelOfAnEndedGoalSaysTerminatedAndOfAnUnknownOneSaysUnknown) {
  FibonacciServer server(node, name);
  auto client = node.create_action_client<Fibonacci>(name);
  BackgroundSpin spin(executor);
  ASSERT_TRUE(client.wait_for_action_server(kPatience));
  auto goal_handle = client.async_send_goal(goal_of(2));
  ASSERT_TRUE(ready(goal_handle));
  const auto handle = goal_handle.get();
  ASSERT_TRUE(ready(client.async_get_result(handle)));
  auto cancel = client.async_cancel_goal(handle);
  ASSERT_TRUE(ready(cancel));
  EXPECT_EQ(cancel.get().return_code, CancelGoalResponse::ERROR_GOAL_TERMINATED);

  auto raw = node.create_client<action_msgs::srv::CancelGoal>(name + "/_action/cancel_goal");
  action_msgs::srv::CancelGoal::Request request;
  request.goal_info.goal_id.uuid[0] = 42;
  EXPECT_EQ(raw.call(request, kPatience).return_code, CancelGoalResponse::ERROR_UNKNOWN_GOAL_ID);
}

TEST_F(Action, CancelByStampCancelsTheGoalsAcceptedUpToIt) {
  FibonacciServer server(node, name);
  server.hold_ = true;
  auto client = node.create_action_client<Fibonacci>(name);
  BackgroundSpin spin(executor);
  ASSERT_TRUE(client.wait_for_action_server(kPatience));
  auto first = client.async_send_goal(goal_of(5));
  ASSERT_TRUE(ready(first));
  auto second = client.async_send_goal(goal_of(5));
  ASSERT_TRUE(ready(second));
  auto cancel = client.async_cancel_goals_before(first.get()->get_goal_stamp());
  ASSERT_TRUE(ready(cancel));
  ASSERT_EQ(cancel.get().goals_canceling.size(), 1u);
  EXPECT_EQ(cancel.get().goals_canceling[0].goal_id.uuid, first.get()->get_goal_id());
  server.hold_ = false;
  auto first_result = client.async_get_result(first.get());
  auto second_result = client.async_get_result(second.get());
  ASSERT_TRUE(ready(first_result));
  ASSERT_TRUE(ready(second_result));
  EXPECT_EQ(first_result.get().code, rclite::ResultCode::CANCELED);
  EXPECT_EQ(second_result.get().code, rclite::ResultCode::SUCCEEDED);
}

TEST_F(Action, HundredConcurrentGoalsAllSucceed) {
  FibonacciServer server(node, name, {}, 2ms);
  auto client = node.create_action_client<Fibonacci>(name);
  BackgroundSpin spin(executor);
  ASSERT_TRUE(client.wait_for_action_server(kPatience));
  std::vector<std::shared_future<std::shared_ptr<ClientHandle>>> goals;
  for (int i = 0; i < 100; ++i) goals.push_back(client.async_send_goal(goal_of(5 + i % 5)));
  for (std::size_t i = 0; i < goals.size(); ++i) {
    ASSERT_TRUE(ready(goals[i])) << i;
    ASSERT_TRUE(goals[i].get()) << i;
    auto result = client.async_get_result(goals[i].get());
    ASSERT_TRUE(ready(result)) << i;
    EXPECT_EQ(result.get().code, rclite::ResultCode::SUCCEEDED) << i;
    EXPECT_EQ(result.get().result->sequence.size(), 6 + i % 5) << i;
  }
}

TEST_F(Action, ResultIsKeptAfterTheGoalEndedUntilResultTimeout) {
  rclite::ActionServerOptions options;
  options.result_timeout = 1s;
  FibonacciServer server(node, name, options);
  auto client = node.create_action_client<Fibonacci>(name);
  auto get_result = node.create_client<Fibonacci::Impl::GetResultService>(name + "/_action/get_result");
  std::mutex mutex;
  action_msgs::msg::GoalStatusArray last_status;
  auto status = node.create_subscription<action_msgs::msg::GoalStatusArray>(
      name + "/_action/status", rclite::QoS(1).transient_local(), [&](const action_msgs::msg::GoalStatusArray& message) {
        std::lock_guard lock(mutex);
        last_status = message;
      });
  BackgroundSpin spin(executor);
  ASSERT_TRUE(client.wait_for_action_server(kPatience));
  auto goal_handle = client.async_send_goal(goal_of(3));
  ASSERT_TRUE(ready(goal_handle));
  ASSERT_TRUE(ready(client.async_get_result(goal_handle.get())));
  const auto ended = std::chrono::steady_clock::now();

  Fibonacci::Impl::GetResultService::Request request;
  request.goal_id.uuid = goal_handle.get()->get_goal_id();
  const auto cached = get_result.call(request, kPatience);  // a second client, after the goal ended
  EXPECT_EQ(cached.status, GoalStatus::STATUS_SUCCEEDED);
  EXPECT_EQ(cached.result.sequence, (std::vector<std::int32_t>{0, 1, 1, 2}));
  EXPECT_TRUE(eventually([&] {
    std::lock_guard lock(mutex);
    return last_status.status_list.size() == 1 && last_status.status_list[0].status == GoalStatus::STATUS_SUCCEEDED;
  }));
  if (std::chrono::steady_clock::now() - ended < 900ms) {
    // Expired: forgotten, and the status array says so.
    EXPECT_TRUE(eventually([&] {
      std::lock_guard lock(mutex);
      return last_status.status_list.empty();
    }));
    EXPECT_GE(std::chrono::steady_clock::now() - ended, 1s);
  }
  EXPECT_EQ(get_result.call(request, kPatience).status, GoalStatus::STATUS_UNKNOWN);
}

TEST_F(Action, ClientDestroyedMidGoalEndsItsFuturesWithShutdownError) {
  FibonacciServer server(node, name);
  server.hold_ = true;
  std::shared_future<ClientHandle::WrappedResult> result;
  {
    auto client = node.create_action_client<Fibonacci>(name);
    BackgroundSpin spin(executor);
    ASSERT_TRUE(client.wait_for_action_server(kPatience));
    auto goal_handle = client.async_send_goal(goal_of(5));
    ASSERT_TRUE(ready(goal_handle));
    result = client.async_get_result(goal_handle.get());
  }
  ASSERT_TRUE(ready(result));
  EXPECT_THROW(result.get(), rclite::ShutdownError);
  server.hold_ = false;
  server.join();  // the server's goal still ends, with nobody to tell
}

// Its get_result request loses its server: the result fails at once, as a service call does.
TEST_F(Action, ServerDestroyedMidGoalFailsTheResultWithServiceUnavailable) {
  auto server = std::make_unique<FibonacciServer>(node, name);
  server->hold_ = true;
  auto client = node.create_action_client<Fibonacci>(name);
  BackgroundSpin spin(executor);
  ASSERT_TRUE(client.wait_for_action_server(kPatience));
  auto goal_handle = client.async_send_goal(goal_of(5));
  ASSERT_TRUE(ready(goal_handle));
  auto result = client.async_get_result(goal_handle.get());
  std::atomic<int> callbacks{0};
  client.async_get_result(goal_handle.get(), [&](const ClientHandle::WrappedResult& wrapped) {
    if (wrapped.code == rclite::ResultCode::UNKNOWN && !wrapped.result) ++callbacks;
  });
  server->server_.reset();
  ASSERT_TRUE(ready(result));
  EXPECT_THROW(result.get(), rclite::ServiceUnavailableError);
  EXPECT_TRUE(eventually([&] { return callbacks == 1; }));
  server->hold_ = false;
  server.reset();
}

TEST_F(Action, ResultDeadlineFailsTheResultWithTimeoutError) {
  FibonacciServer server(node, name);
  server.hold_ = true;
  auto client = node.create_action_client<Fibonacci>(name);
  BackgroundSpin spin(executor);
  ASSERT_TRUE(client.wait_for_action_server(kPatience));
  rclite::ActionClient<Fibonacci>::SendGoalOptions options;
  options.result_timeout = 100ms;
  auto goal_handle = client.async_send_goal(goal_of(5), options);
  ASSERT_TRUE(ready(goal_handle));
  auto result = client.async_get_result(goal_handle.get());
  ASSERT_TRUE(ready(result));
  EXPECT_THROW(result.get(), rclite::TimeoutError);
  server.hold_ = false;
}

// The node describes the types of its action's entities (~/get_type_description, as rcl registers
// the services' and topics' types): the derived services parse back from their generated texts.
TEST_F(Action, NodeDescribesTheTypesOfItsActionEntities) {
  FibonacciServer server(node, name);
  using GetTypeDescription = type_description_interfaces::srv::GetTypeDescription;
  auto describe = node.create_client<GetTypeDescription>("/action_test/get_type_description");
  BackgroundSpin spin(executor);
  ASSERT_TRUE(describe.wait_for_service(kPatience));
  for (const std::string_view hash :
       {rclite::wire::ServiceTraits<Fibonacci::Impl::SendGoalService>::type_hash,
        rclite::wire::ServiceTraits<Fibonacci::Impl::GetResultService>::type_hash,
        rclite::wire::MessageTraits<Fibonacci::Impl::FeedbackMessage>::type_hash,
        rclite::wire::ServiceTraits<action_msgs::srv::CancelGoal>::type_hash}) {
    GetTypeDescription::Request request;
    request.type_hash = std::string(hash);
    request.include_type_sources = true;
    const auto response = describe.call(request, kPatience);
    EXPECT_TRUE(response.successful) << hash << ": " << response.failure_reason;
  }
}

// The five entities of an action with our server and client on one node, seen by another DDS
// participant, against the Jazzy capture's (rclpy server and client of /fibonacci): the same
// topics, DDS types and hashes on both sides, and the topics' QoS (status: reliable, transient
// local, keep last 1; feedback: reliable, volatile, keep last 10). The services' history differs on
// purpose (KEEP_ALL, ARCHITECTURE.md "Wire choices").
TEST_F(Action, EndpointsEqualTheJazzyCapture) {
  FibonacciServer server(node, "fibonacci");
  auto client = node.create_action_client<Fibonacci>("fibonacci");
  struct Captured {
    std::string topic, type, hash;
  };
  std::vector<Captured> writers, readers;
  for (const auto& line : rclite::test::data_lines("jazzy_fibonacci_action_graph.txt")) {
    const auto value = [&line](const std::string& key) {
      const auto begin = line.find(key) + key.size();
      return line.substr(begin, line.find_first_of(" ;'", begin) - begin);
    };
    const Captured captured{value(" topic="), value(" type="), value("typehash=")};
    (line.find(" writer ") != std::string::npos ? writers : readers).push_back(captured);
  }
  ASSERT_EQ(writers.size(), 8u);
  ASSERT_EQ(readers.size(), 8u);
  const bool humble = std::getenv("ROS_DISTRO") != nullptr && std::string(std::getenv("ROS_DISTRO")) == "humble";
  rclite::test::Observer observer(context->domain_id());
  for (auto [builtin, captured] : {std::pair{DDS_BUILTIN_TOPIC_DCPSPUBLICATION, &writers},
                                   std::pair{DDS_BUILTIN_TOPIC_DCPSSUBSCRIPTION, &readers}}) {
    std::vector<std::string> topics;
    for (const auto& endpoint : *captured) topics.push_back(endpoint.topic);
    const auto ours = observer.endpoints(builtin, topics);
    for (const auto& endpoint : *captured) {
      SCOPED_TRACE(endpoint.topic);
      const auto found = ours.find(endpoint.topic);
      ASSERT_NE(found, ours.end());
      EXPECT_EQ(found->second.first, endpoint.type);
      if (!humble) {
        EXPECT_NE(found->second.second.find("typehash=" + endpoint.hash + ";"), std::string::npos);
      }
    }
  }
  using Qos = rclite::EndpointQos;
  const auto expect_qos = [](const std::vector<rclite::TopicEndpointInfo>& infos, Qos::Durability durability,
                             int depth) {
    ASSERT_EQ(infos.size(), 1u);
    EXPECT_EQ(infos[0].qos.reliability, Qos::Reliability::Reliable);
    EXPECT_EQ(infos[0].qos.durability, durability);
    EXPECT_EQ(infos[0].qos.history, Qos::History::KeepLast);
    EXPECT_EQ(infos[0].qos.depth, depth);
  };
  ASSERT_TRUE(eventually([&] {
    return node.get_publishers_info_by_topic("/fibonacci/_action/status").size() == 1 &&
           node.get_subscriptions_info_by_topic("/fibonacci/_action/status").size() == 1 &&
           node.get_publishers_info_by_topic("/fibonacci/_action/feedback").size() == 1 &&
           node.get_subscriptions_info_by_topic("/fibonacci/_action/feedback").size() == 1;
  }));
  expect_qos(node.get_publishers_info_by_topic("/fibonacci/_action/status"), Qos::Durability::TransientLocal, 1);
  expect_qos(node.get_subscriptions_info_by_topic("/fibonacci/_action/status"), Qos::Durability::TransientLocal, 1);
  expect_qos(node.get_publishers_info_by_topic("/fibonacci/_action/feedback"), Qos::Durability::Volatile, 10);
  expect_qos(node.get_subscriptions_info_by_topic("/fibonacci/_action/feedback"), Qos::Durability::Volatile, 10);
}

TEST_F(Action, GraphListsActionsAndTheNodesServingAndUsingThem) {
  FibonacciServer server(node, name);
  auto client = node.create_action_client<Fibonacci>(name);
  const rclite::NamesAndTypes expected{{name, {"example_interfaces/action/Fibonacci"}}};
  EXPECT_TRUE(eventually([&] { return node.get_action_names_and_types() == expected; }));
  EXPECT_TRUE(eventually([&] { return node.get_action_server_names_and_types_by_node("action_test", "/") == expected; }));
  EXPECT_TRUE(eventually([&] { return node.get_action_client_names_and_types_by_node("action_test", "/") == expected; }));
  client.reset();
  EXPECT_TRUE(eventually([&] { return node.get_action_client_names_and_types_by_node("action_test", "/").empty(); }));
}

// rcl_action resolves an action's name with the node's remapping rules, then derives its five
// entities' names from it: `-r fibonacci:=/elsewhere` moves all of them.
TEST_F(Action, TheActionNameIsRemappedAsAWhole) {
  const std::string target = unique_service_name("remapped");
  auto options = rclite::test::options_in(*context);
  options.arguments = {"--ros-args", "-r", "fib:=" + target};
  rclite::Node remapped("action_remapped", options);
  executor.add_node(remapped);
  FibonacciServer server(remapped, "fib");
  auto client = remapped.create_action_client<Fibonacci>("fib");
  auto direct = node.create_action_client<Fibonacci>(target);  // reaches it under the new name
  BackgroundSpin spin(executor);
  ASSERT_TRUE(direct.wait_for_action_server(kPatience));
  ASSERT_TRUE(client.wait_for_action_server(kPatience));
  auto goal_handle = direct.async_send_goal(goal_of(2));
  ASSERT_TRUE(ready(goal_handle));
  ASSERT_TRUE(goal_handle.get());
  EXPECT_EQ(node.count_services(target + "/_action/send_goal"), 1u);
  EXPECT_EQ(node.count_services("/fib/_action/send_goal"), 0u);
}

// A goal the server has not answered yet (nothing spins the server) ends with the client: its
// handle's future fails with ShutdownError, as the result futures do.
TEST_F(Action, ClientDestroyedBeforeTheGoalResponseEndsTheGoalFutureWithShutdownError) {
  rclite::Node server_node("action_test_unspun", options());
  FibonacciServer server(server_node, name);
  std::shared_future<std::shared_ptr<ClientHandle>> goal_handle;
  {
    auto client = node.create_action_client<Fibonacci>(name);
    ASSERT_TRUE(client.wait_for_action_server(kPatience));
    goal_handle = client.async_send_goal(goal_of(5));
  }
  ASSERT_TRUE(ready(goal_handle));
  EXPECT_THROW(goal_handle.get(), rclite::ShutdownError);
}

// A goal response callback may destroy its client (as any callback may): the goal's result future
// then ends with ShutdownError, as the other goals' do, and nothing escapes into the executor.
TEST_F(Action, ClientDestroyedFromItsGoalResponseCallbackEndsTheResultWithShutdownError) {
  FibonacciServer server(node, name);
  auto client = node.create_action_client<Fibonacci>(name);
  ASSERT_TRUE(client.wait_for_action_server(kPatience));
  std::shared_ptr<ClientHandle> accepted;
  std::atomic<bool> answered{false};
  rclite::ActionClient<Fibonacci>::SendGoalOptions options;
  options.goal_response_callback = [&](std::shared_ptr<ClientHandle> handle) {
    accepted = std::move(handle);
    client.reset();
    answered = true;
  };
  std::atomic<int> results{0};
  options.result_callback = [&](const ClientHandle::WrappedResult&) { ++results; };
  auto goal_handle = client.async_send_goal(goal_of(3), options);
  std::exception_ptr escaped;
  {
    const auto deadline = std::chrono::steady_clock::now() + kPatience;
    while (!answered && std::chrono::steady_clock::now() < deadline) {
      try {
        executor.spin_once(10ms);
      } catch (...) {
        escaped = std::current_exception();
        break;
      }
    }
  }
  EXPECT_FALSE(escaped) << "an exception escaped from the action client's callback";
  ASSERT_TRUE(answered);
  ASSERT_TRUE(ready(goal_handle));
  ASSERT_EQ(goal_handle.get(), accepted);
  auto result = rclite::ActionClient<Fibonacci>().async_get_result(accepted);
  ASSERT_TRUE(ready(result));
  EXPECT_THROW(result.get(), rclite::ShutdownError);
  EXPECT_EQ(results, 0);
  server.join();
}

// A deferred goal (still ACCEPTED) whose handle the server drops ends ABORTED, as an executing
// one does: rcl_action has no ACCEPTED -> ABORTED transition, and the goal used to stay ACCEPTED,
// its client's result waiting forever.
TEST_F(Action, DroppedHandleOfADeferredGoalAbortsIt) {
  auto server = node.create_action_server<Fibonacci>(
      name, [](const rclite::GoalUUID&, std::shared_ptr<const Fibonacci::Goal>) { return rclite::GoalResponse::ACCEPT_AND_DEFER; },
      [](std::shared_ptr<ServerHandle>) { return rclite::CancelResponse::ACCEPT; },
      [](std::shared_ptr<ServerHandle>) {});  // the handle is dropped here
  auto client = node.create_action_client<Fibonacci>(name);
  BackgroundSpin spin(executor);
  ASSERT_TRUE(client.wait_for_action_server(kPatience));
  auto goal_handle = client.async_send_goal(goal_of(3));
  ASSERT_TRUE(ready(goal_handle));
  ASSERT_TRUE(goal_handle.get());
  auto result = client.async_get_result(goal_handle.get());
  ASSERT_TRUE(ready(result));
  EXPECT_EQ(result.get().code, rclite::ResultCode::ABORTED);
}
