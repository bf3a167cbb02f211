// Services and clients in one process: every callback form, deferred replies, deadlines, cancel,
// loss of the server, 1,000 requests in flight, and nested calls without deadlock.
#include <gtest/gtest.h>

#include <example_interfaces/srv/add_two_ints.hpp>
#include <std_srvs/srv/trigger.hpp>

#include <atomic>
#include <cstdio>
#include <future>
#include <mutex>

#include "rclite/rclite.hpp"
#include "support/add_two_ints.hpp"
#include "support/log_capture.hpp"
#include "support/test_context.hpp"

using namespace std::chrono_literals;
using rclite::test::kPatience;
using AddTwoInts = example_interfaces::srv::AddTwoInts;
using rclite::test::BackgroundSpin;
using rclite::test::make_test_context;
using rclite::test::unique_service_name;

using rclite::test::add;
using rclite::test::request_of;
namespace {

using Fixture = rclite::test::ContextTest;

using ServiceClient = Fixture;

}  // namespace

TEST_F(ServiceClient, CallReturnsTheServersAnswer) {
  rclite::Node node("adder", options());
  const auto name = unique_service_name("add_two_ints");
  auto service = node.create_service<AddTwoInts>(name, add);
  auto client = node.create_client<AddTwoInts>(name);
  rclite::SingleThreadedExecutor executor(*context);
  executor.add_node(node);
  BackgroundSpin spin(executor);
  ASSERT_TRUE(client.wait_for_service(kPatience));
  EXPECT_EQ(client.call(request_of(41, 1), kPatience).sum, 42);
  EXPECT_EQ(client.call(request_of(-5, 3), kPatience).sum, -2);
  EXPECT_EQ(client.pending_requests(), 0u);
  EXPECT_EQ(service.get_service_name(), name);
}

TEST_F(ServiceClient, AcceptsEveryCallbackForm) {
  rclite::Node node("forms", options());
  auto returning = node.create_service<AddTwoInts>(unique_service_name("returning"), add);
  auto filling = node.create_service<AddTwoInts>(
      unique_service_name("filling"),
      [](const AddTwoInts::Request& request, AddTwoInts::Response& response) { response.sum = request.a * request.b; });
  std::vector<std::thread> workers;
  std::mutex workers_mutex;
  auto deferred = node.create_service<AddTwoInts>(
      unique_service_name("deferred"), [&](const AddTwoInts::Request& request, rclite::Responder<AddTwoInts> responder) {
        std::lock_guard lock(workers_mutex);
        workers.emplace_back([request, responder = std::move(responder)]() mutable {
          std::this_thread::sleep_for(20ms);  // answered later, from another thread
          AddTwoInts::Response response;
          response.sum = request.a - request.b;
          EXPECT_TRUE(responder.send(response));
          EXPECT_FALSE(responder.send(response));  // once only
        });
      });
  rclite::SingleThreadedExecutor executor(*context);
  executor.add_node(node);
  BackgroundSpin spin(executor);
  auto c1 = node.create_client<AddTwoInts>(unique_service_name("returning"));
  auto c2 = node.create_client<AddTwoInts>(unique_service_name("filling"));
  auto c3 = node.create_client<AddTwoInts>(unique_service_name("deferred"));
  ASSERT_TRUE(c1.wait_for_service(kPatience) && c2.wait_for_service(kPatience) && c3.wait_for_service(kPatience));
  EXPECT_EQ(c1.call(request_of(6, 7), kPatience).sum, 13);
  EXPECT_EQ(c2.call(request_of(6, 7), kPatience).sum, 42);
  EXPECT_EQ(c3.call(request_of(6, 7), kPatience).sum, -1);
  std::lock_guard lock(workers_mutex);
  for (auto& worker : workers) worker.join();
}

TEST_F(ServiceClient, AThousandRequestsInFlightAllGetTheirAnswer) {
  rclite::Node server_node("server", options());
  rclite::Node client_node("client", options());
  const auto name = unique_service_name("add_two_ints");
  auto service = server_node.create_service<AddTwoInts>(name, add);
  auto client = client_node.create_client<AddTwoInts>(name);
  ASSERT_TRUE(client.wait_for_service(kPatience));
  // Requests are sent before anything spins: they wait in the server's KEEP_ALL reader.
  std::vector<rclite::ResponseFuture<AddTwoInts::Response>> futures;
  for (int i = 0; i < 1000; ++i) futures.push_back(client.async_send_request(request_of(i, 1000 * i)));
  rclite::SingleThreadedExecutor executor(*context);
  executor.add_node(server_node);
  BackgroundSpin spin(executor);
  for (int i = 0; i < 1000; ++i) {
    ASSERT_EQ(futures[i].wait_for(kPatience), std::future_status::ready) << "request " << i;
    EXPECT_EQ(futures[i].get().sum, 1001 * i);
  }
  EXPECT_EQ(client.pending_requests(), 0u);
}

// Found by the load test: destroying a client while its reply listener was taking replies made
// the take fail (the reader was being deleted) and the exception left the Cyclone listener:
// std::terminate. Clients destroyed with replies on their way must go quietly.
TEST_F(ServiceClient, AClientDestroyedWhileRepliesArriveGoesQuietly) {
  rclite::Node node("adder", options());
  const auto name = unique_service_name("add_two_ints");
  auto service = node.create_service<AddTwoInts>(name, add);
  rclite::SingleThreadedExecutor executor(*context);
  executor.add_node(node);
  BackgroundSpin spin(executor);
  for (int round = 0; round < 200; ++round) {  // the old code failed about once in 150 rounds
    auto client = node.create_client<AddTwoInts>(name);
    ASSERT_TRUE(client.wait_for_service(kPatience));
    std::vector<rclite::ResponseFuture<AddTwoInts::Response>> futures;
    for (int i = 0; i < 32; ++i) futures.push_back(client.async_send_request(request_of(round, i)));
    futures.front().wait_for(kPatience);  // replies are arriving now
    client.reset();
    for (auto& future : futures) {
      ASSERT_EQ(future.wait_for(kPatience), std::future_status::ready);
      try {
        future.get();
      } catch (const rclite::ShutdownError&) {  // the ones the client did not live to see
      }
    }
  }
}

TEST_F(ServiceClient, ARequestWithNoServerFailsAtOnce) {
  rclite::Node node("lonely", options());
  auto client = node.create_client<AddTwoInts>(unique_service_name("nobody"));
  EXPECT_FALSE(client.service_is_ready());
  EXPECT_FALSE(client.wait_for_service(200ms));
  auto future = client.async_send_request(request_of(1, 2));
  ASSERT_EQ(future.wait_for(kPatience), std::future_status::ready);
  EXPECT_THROW(future.get(), rclite::ServiceUnavailableError);
  EXPECT_EQ(client.pending_requests(), 0u);
}

TEST_F(ServiceClient, APendingRequestFailsAtItsDeadlineAndLeavesNothingBehind) {
  rclite::Node node("silent", options());
  const auto name = unique_service_name("silent");
  std::vector<rclite::Responder<AddTwoInts>> never_answered;
  std::mutex mutex;
  auto service = node.create_service<AddTwoInts>(name, [&](const AddTwoInts::Request&, rclite::Responder<AddTwoInts> r) {
    std::lock_guard lock(mutex);
    never_answered.push_back(std::move(r));
  });
  rclite::SingleThreadedExecutor executor(*context);
  executor.add_node(node);
  BackgroundSpin spin(executor);
  auto client = node.create_client<AddTwoInts>(name);
  ASSERT_TRUE(client.wait_for_service(kPatience));
  const auto start = std::chrono::steady_clock::now();
  EXPECT_THROW(client.call(request_of(1, 1), 300ms), rclite::TimeoutError);
  const auto waited = std::chrono::steady_clock::now() - start;
  EXPECT_GE(waited, 300ms);
  // The server never answers: without the deadline the call would never return. How late the
  // deadline fires depends on the machine's load; the test prints it and bounds it by kPatience.
  EXPECT_LT(waited, kPatience);
  std::printf("a call with a 300 ms deadline failed after %lld ms\n",
              static_cast<long long>(std::chrono::duration_cast<std::chrono::milliseconds>(waited).count()));
  for (int i = 0; i < 50; ++i) client.async_send_request(request_of(i, i), {.timeout = 50ms});
  EXPECT_TRUE(rclite::test::eventually([&] { return client.pending_requests() == 0; }))  // pruned at their deadline
      << client.pending_requests() << " requests left";
}

TEST_F(ServiceClient, CancelEndsTheRequest) {
  rclite::Node node("canceller", options());
  const auto name = unique_service_name("slow");
  std::vector<rclite::Responder<AddTwoInts>> held;
  std::mutex mutex;
  auto service = node.create_service<AddTwoInts>(name, [&](const AddTwoInts::Request&, rclite::Responder<AddTwoInts> r) {
    std::lock_guard lock(mutex);
    held.push_back(std::move(r));
  });
  auto client = node.create_client<AddTwoInts>(name);
  ASSERT_TRUE(client.wait_for_service(kPatience));
  auto future = client.async_send_request(request_of(1, 2));
  EXPECT_TRUE(client.cancel(future.request_id()));
  EXPECT_FALSE(client.cancel(future.request_id()));
  EXPECT_THROW(future.get(), rclite::RequestCancelledError);
  EXPECT_EQ(client.pending_requests(), 0u);
}

TEST_F(ServiceClient, PendingRequestsFailWhenTheServerGoesAway) {
  rclite::Node server_node("doomed", options());
  rclite::Node client_node("waiting", options());
  const auto name = unique_service_name("doomed");
  auto service = server_node.create_service<AddTwoInts>(name, add);  // never spun: requests stay queued
  auto client = client_node.create_client<AddTwoInts>(name);
  ASSERT_TRUE(client.wait_for_service(kPatience));
  auto future = client.async_send_request(request_of(1, 2));
  std::this_thread::sleep_for(50ms);
  const auto start = std::chrono::steady_clock::now();
  service.reset();
  // The request has no deadline: only the server's loss can end it.
  ASSERT_EQ(future.wait_for(kPatience), std::future_status::ready);
  std::printf("the server went away: the pending call failed after %lld ms\n",
              static_cast<long long>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                         std::chrono::steady_clock::now() - start).count()));
  EXPECT_THROW(future.get(), rclite::ServiceUnavailableError);
  EXPECT_FALSE(client.service_is_ready());
}

TEST_F(ServiceClient, ResponseCallbacksRunOnTheExecutor) {
  rclite::Node node("callbacks", options());
  const auto name = unique_service_name("add");
  auto service = node.create_service<AddTwoInts>(name, add);
  auto client = node.create_client<AddTwoInts>(name);
  ASSERT_TRUE(client.wait_for_service(kPatience));
  std::promise<std::pair<std::int64_t, std::thread::id>> seen;
  client.async_send_request(request_of(2, 3), [&](std::shared_future<AddTwoInts::Response> future) {
    seen.set_value({future.get().sum, std::this_thread::get_id()});
  });
  rclite::SingleThreadedExecutor executor(*context);
  executor.add_node(node);
  auto result = seen.get_future();
  EXPECT_EQ(executor.spin_until_future_complete(result, kPatience), rclite::FutureReturnCode::SUCCESS);
  const auto [sum, thread] = result.get();
  EXPECT_EQ(sum, 5);
  EXPECT_EQ(thread, std::this_thread::get_id());
}

TEST_F(ServiceClient, SpinUntilFutureCompleteTimesOut) {
  rclite::Node node("timeouts", options());
  rclite::SingleThreadedExecutor executor(*context);
  executor.add_node(node);
  std::promise<int> never;
  auto future = never.get_future();
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(executor.spin_until_future_complete(future, 200ms), rclite::FutureReturnCode::TIMEOUT);
  EXPECT_GE(std::chrono::steady_clock::now() - start, 200ms);
}

// The documented pattern for a service that needs another service: reply from the nested call's
// response callback (a deferred response). Works on a single-threaded executor.
TEST_F(ServiceClient, NestedCallWithADeferredResponseDoesNotDeadlock) {
  rclite::Node node("chain", options());
  const auto inner_name = unique_service_name("inner");
  const auto outer_name = unique_service_name("outer");
  auto inner = node.create_service<AddTwoInts>(inner_name, add);
  auto inner_client = node.create_client<AddTwoInts>(inner_name);
  auto outer = node.create_service<AddTwoInts>(
      outer_name, [&](const AddTwoInts::Request& request, rclite::Responder<AddTwoInts> responder) {
        auto shared = std::make_shared<rclite::Responder<AddTwoInts>>(std::move(responder));
        inner_client.async_send_request(request_of(request.a, request.b),
                                        [shared](std::shared_future<AddTwoInts::Response> sum) {
                                          AddTwoInts::Response doubled;
                                          doubled.sum = 2 * sum.get().sum;
                                          shared->send(doubled);
                                        });
      });
  rclite::SingleThreadedExecutor executor(*context);
  executor.add_node(node);
  BackgroundSpin spin(executor);
  auto client = node.create_client<AddTwoInts>(outer_name);
  ASSERT_TRUE(client.wait_for_service(kPatience) && inner_client.wait_for_service(kPatience));
  EXPECT_EQ(client.call(request_of(20, 1), kPatience).sum, 42);
}

// A blocking call() inside a callback: replies are delivered by rclite's listener, so with a
// second executor thread for the inner service nothing waits on the blocked one.
TEST_F(ServiceClient, BlockingCallInsideACallbackDoesNotDeadlockOnAMultiThreadedExecutor) {
  rclite::Node node("blocking_chain", options());
  const auto inner_name = unique_service_name("inner");
  const auto outer_name = unique_service_name("outer");
  auto inner = node.create_service<AddTwoInts>(inner_name, add);
  auto inner_client = node.create_client<AddTwoInts>(inner_name);
  auto group = node.create_callback_group(rclite::CallbackGroupType::MutuallyExclusive);
  auto outer = node.create_service<AddTwoInts>(
      outer_name,
      [&](const AddTwoInts::Request& request) {
        AddTwoInts::Response response;
        response.sum = 2 * inner_client.call(request, kPatience).sum;
        return response;
      },
      rclite::ServiceOptions{group});
  rclite::MultiThreadedExecutor executor(*context, 2);
  executor.add_node(node);
  BackgroundSpin spin(executor);
  auto client = node.create_client<AddTwoInts>(outer_name);
  ASSERT_TRUE(client.wait_for_service(kPatience) && inner_client.wait_for_service(kPatience));
  EXPECT_EQ(client.call(request_of(20, 1), kPatience).sum, 42);
}

TEST_F(ServiceClient, MutuallyExclusiveCallbacksNeverOverlapAndReentrantOnesDo) {
  rclite::Node node("groups", options());
  std::atomic<int> running{0};
  std::atomic<int> most{0};
  const auto slow = [&](const AddTwoInts::Request& request) {
    const int now = ++running;
    int seen = most.load();
    while (now > seen && !most.compare_exchange_weak(seen, now)) {
    }
    std::this_thread::sleep_for(30ms);
    --running;
    return add(request);
  };
  const auto run = [&](std::shared_ptr<rclite::CallbackGroup> group) {
    running = 0;
    most = 0;
    const auto name = unique_service_name(group->type() == rclite::CallbackGroupType::Reentrant ? "re" : "mx");
    auto service = node.create_service<AddTwoInts>(name, slow, rclite::ServiceOptions{group});
    auto client = node.create_client<AddTwoInts>(name);
    EXPECT_TRUE(client.wait_for_service(kPatience));
    std::vector<rclite::ResponseFuture<AddTwoInts::Response>> futures;
    for (int i = 0; i < 6; ++i) futures.push_back(client.async_send_request(request_of(i, i)));
    rclite::MultiThreadedExecutor executor(*context, 3);
    executor.add_node(node);
    {
      BackgroundSpin spin(executor);
      for (auto& future : futures) EXPECT_EQ(future.wait_for(kPatience), std::future_status::ready);
    }
    executor.remove_node(node);
    return most.load();
  };
  EXPECT_EQ(run(node.create_callback_group(rclite::CallbackGroupType::MutuallyExclusive)), 1);
  EXPECT_GE(run(node.create_callback_group(rclite::CallbackGroupType::Reentrant)), 2);
}

TEST_F(ServiceClient, ShutdownEndsSpinAndFailsPendingRequests) {
  rclite::Node node("shutdown", options());
  const auto name = unique_service_name("held");
  std::vector<rclite::Responder<AddTwoInts>> held;
  auto service = node.create_service<AddTwoInts>(
      name, [&](const AddTwoInts::Request&, rclite::Responder<AddTwoInts> r) { held.push_back(std::move(r)); });
  auto client = node.create_client<AddTwoInts>(name);
  ASSERT_TRUE(client.wait_for_service(kPatience));
  rclite::SingleThreadedExecutor executor(*context);
  executor.add_node(node);
  std::thread spinner([&] { executor.spin(); });
  auto future = client.async_send_request(request_of(1, 1));
  std::this_thread::sleep_for(100ms);
  context->shutdown("test");
  spinner.join();  // spin() returned
  ASSERT_EQ(future.wait_for(kPatience), std::future_status::ready);
  EXPECT_THROW(future.get(), rclite::ShutdownError);
}

TEST_F(ServiceClient, RemappingRenamesTheService) {
  rclite::NodeOptions node_options = options();
  node_options.arguments = {"--ros-args", "-r", "add_two_ints:=/renamed_sum", "-r", "__ns:=/robot"};
  rclite::Node node("remapped", node_options);
  EXPECT_EQ(node.get_namespace(), "/robot");
  EXPECT_EQ(node.get_fully_qualified_name(), "/robot/remapped");
  EXPECT_EQ(node.resolve_service_name("add_two_ints"), "/renamed_sum");
  EXPECT_EQ(node.resolve_service_name("~/private"), "/robot/remapped/private");
  auto service = node.create_service<AddTwoInts>("add_two_ints", add);
  EXPECT_EQ(service.get_service_name(), "/renamed_sum");
}

TEST_F(ServiceClient, InvalidNamesAreRejected) {
  EXPECT_THROW(rclite::Node("bad-name", options()), rclite::InvalidNameError);
  EXPECT_THROW(rclite::Node("ok", "bad ns", options()), rclite::InvalidNameError);
  rclite::Node node("namer", options());
  EXPECT_THROW(node.create_service<AddTwoInts>("bad//name", add), rclite::InvalidNameError);
  EXPECT_THROW(node.create_client<AddTwoInts>("{unknown}", {}), rclite::InvalidNameError);
}

// Issue #16: with the KEEP_ALL history, ServiceOptions::max_queued_requests bounds the requests
// waiting: beyond it the oldest is dropped, counted and logged as such (not as loss on the way),
// and the newest are answered.
TEST_F(ServiceClient, RequestsBeyondTheQueueBoundDropTheOldestCountedAndLogged) {
  rclite::Node node("bounded", options());
  const auto name = unique_service_name("s");
  rclite::ServiceOptions bounded;
  bounded.max_queued_requests = 10;
  auto service = node.create_service<AddTwoInts>(name, add, bounded);
  auto client = node.create_client<AddTwoInts>(name);
  ASSERT_TRUE(client.wait_for_service(rclite::test::kPatience));
  rclite::test::LogCapture log([](const rclite::LogRecord& record) {
    return record.message.find("max_queued_requests") != std::string::npos ||
           record.message.find("never arrived") != std::string::npos;
  });
  // In one participant a request is in the reader when async_send_request returns: 100 sent before
  // the executor runs, the 10 newest kept.
  std::vector<rclite::ResponseFuture<AddTwoInts::Response>> flood;
  for (int i = 0; i < 100; ++i) flood.push_back(client.async_send_request(request_of(i, 0), {.timeout = 1s}));
  EXPECT_EQ(service.dropped_requests(), 90u);
  rclite::SingleThreadedExecutor executor(*context);
  executor.add_node(node);
  for (int i = 90; i < 100; ++i) {
    ASSERT_EQ(executor.spin_until_future_complete(flood[i], rclite::test::kPatience),
              rclite::FutureReturnCode::SUCCESS);
    EXPECT_EQ(flood[i].get().sum, i);
  }
  log.stop();
  const auto lines = log.lines();
  ASSERT_FALSE(lines.empty());  // the first drop; then at most one line a second
  EXPECT_NE(lines[0].find("dropped the oldest, request 1 of a client; 1 dropped in all"), std::string::npos)
      << lines[0];
  for (const auto& line : lines) EXPECT_EQ(line.find("never arrived"), std::string::npos) << line;
}

// Issue #16: with rclcpp's KEEP_LAST policy (ServiceOptions::qos = ServicesQoS().keep_last(5)) a
// flood overflows the request history; the requests lost on the way are counted and logged by the
// service, not silent.
TEST_F(ServiceClient, RequestsLostToAKeepLastHistoryAreLogged) {
  rclite::Node node("keep_last", options());
  const auto name = unique_service_name("s");
  rclite::ServiceOptions keep_last;
  keep_last.qos = rclite::ServicesQoS().keep_last(5);
  auto service = node.create_service<AddTwoInts>(name, add, keep_last);
  auto client = node.create_client<AddTwoInts>(name);
  ASSERT_TRUE(client.wait_for_service(rclite::test::kPatience));
  rclite::test::LogCapture log(rclite::test::LogCapture::containing("never arrived"));
  rclite::SingleThreadedExecutor executor(*context);
  executor.add_node(node);
  auto first = client.async_send_request(request_of(1, 1));
  ASSERT_EQ(executor.spin_until_future_complete(first, rclite::test::kPatience), rclite::FutureReturnCode::SUCCESS);
  // In one participant a request is in the reader when async_send_request returns: 100 sent before the
  // executor runs, 5 kept (the newest), 95 lost.
  std::vector<rclite::ResponseFuture<AddTwoInts::Response>> flood;
  for (int i = 0; i < 100; ++i) flood.push_back(client.async_send_request(request_of(i, 0), {.timeout = 1s}));
  ASSERT_EQ(executor.spin_until_future_complete(flood.back(), rclite::test::kPatience),
            rclite::FutureReturnCode::SUCCESS);
  log.stop();
  const auto lines = log.lines();
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_NE(lines[0].find("95 request(s) of a client never arrived"), std::string::npos) << lines[0];
}
