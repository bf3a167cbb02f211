// The executor core under the idioms rclcpp users write: spin_some loops, one executor per call,
// nodes moved between executors, callbacks that throw, handles destroyed while their callbacks are
// due, cancel() before spin(). Each test names the pattern it guards.
#include <gtest/gtest.h>

#include <std_msgs/msg/int64.hpp>

#include <algorithm>
#include <atomic>
#include <functional>
#include <future>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

#include "rclite/rclite.hpp"
#include "support/add_two_ints.hpp"
#include "support/patience.hpp"
#include "support/log_capture.hpp"
#include "support/test_context.hpp"

using namespace std::chrono_literals;
using rclite::test::add;
using rclite::test::AddTwoInts;
using rclite::test::BackgroundSpin;
using rclite::test::request_of;
using rclite::test::unique_service_name;

namespace {

using Executors = rclite::test::ContextTest;

using rclite::test::kPatience;

// What a callback throws in these tests.
struct CallbackFailure : std::runtime_error {
  CallbackFailure() : std::runtime_error("callback failure") {}
};

// A node whose service answers a + b, in `context`.
struct Server {
  Server(rclite::Context& context, const std::string& name, const std::string& service)
      : node(name, rclite::test::options_in(context)), service(node.create_service<AddTwoInts>(service, add)) {}
  rclite::Node node;
  rclite::Service<AddTwoInts> service;
};

// A client of `name` on `node`, once the service is found (the test fails if it is not).
rclite::Client<AddTwoInts> found_client(rclite::Node& node, const std::string& name) {
  auto client = node.create_client<AddTwoInts>(name);
  EXPECT_TRUE(client.wait_for_service(kPatience)) << "no server for " << name;
  return client;
}

// A Server that an executor of its own spins in the background.
struct SpunServer {
  SpunServer(rclite::Context& context, const std::string& node_name, const std::string& service)
      : server(context, node_name, service), executor(context) {
    executor.add_node(server.node);
    spin = std::make_unique<BackgroundSpin>(executor);
  }
  Server server;
  rclite::SingleThreadedExecutor executor;
  std::unique_ptr<BackgroundSpin> spin;
};

}  // namespace

// Regression: an executor destroyed with the service still queued (here: attach queues every
// executable) left it marked "queued" for good; no later executor ever ran it again.
TEST_F(Executors, AServiceQueuedOnADestroyedExecutorIsServedByTheNextOne) {
  const auto name = unique_service_name("s");
  Server server(*context, "stranded", name);
  {
    rclite::SingleThreadedExecutor first(*context);
    first.add_node(server.node);
  }  // destroyed without spinning
  rclite::Node caller("caller", options());
  auto client = found_client(caller, name);
  auto future = client.async_send_request(request_of(2, 3));
  ASSERT_EQ(rclite::spin_until_future_complete(server.node, future, kPatience), rclite::FutureReturnCode::SUCCESS);
  EXPECT_EQ(future.get().sum, 5);
}

// The README's client pattern, repeated: spin_until_future_complete(node, f) builds and destroys an
// executor per call. The node's own service (here: its parameter services) must keep working.
TEST_F(Executors, RepeatedSpinUntilFutureCompleteOnANodeLosesNothing) {
  const auto name = unique_service_name("s");
  SpunServer server(*context, "repeat_server", name);

  rclite::Node node("repeat_client", options());
  auto own = node.create_service<AddTwoInts>(unique_service_name("own"), add);
  auto client = found_client(node, name);
  for (int i = 0; i < 200; ++i) {
    auto future = client.async_send_request(request_of(i, 1)).share();
    ASSERT_EQ(rclite::spin_until_future_complete(node, future, kPatience), rclite::FutureReturnCode::SUCCESS) << i;
    ASSERT_EQ(future.get().sum, i + 1);
    // Already complete: returns before running anything the temporary executor had queued.
    ASSERT_EQ(rclite::spin_until_future_complete(node, future, kPatience), rclite::FutureReturnCode::SUCCESS);
  }
  // The node's own service still answers once something spins it.
  rclite::Node other("other_caller", options());
  auto own_client = other.create_client<AddTwoInts>(unique_service_name("own"));
  ASSERT_TRUE(own_client.wait_for_service(kPatience));
  auto future = own_client.async_send_request(request_of(20, 22));
  ASSERT_EQ(rclite::spin_until_future_complete(node, future, kPatience), rclite::FutureReturnCode::SUCCESS);
  EXPECT_EQ(future.get().sum, 42);
}

// One executor per call, as some rclcpp code does: each lets go of the node when it goes.
TEST_F(Executors, OneExecutorPerCallServesEveryCall) {
  const auto name = unique_service_name("s");
  Server server(*context, "per_call_server", name);
  rclite::Node caller("per_call_caller", options());
  auto client = found_client(caller, name);
  for (int i = 0; i < 200; ++i) {
    auto future = client.async_send_request(request_of(i, 2));
    rclite::SingleThreadedExecutor executor(*context);
    executor.add_node(server.node);
    ASSERT_EQ(executor.spin_until_future_complete(future, kPatience), rclite::FutureReturnCode::SUCCESS) << i;
    ASSERT_EQ(future.get().sum, i + 2);
  }
}

// `while (ok()) { spin_some(node); other_work(); }` against a client calling from elsewhere.
TEST_F(Executors, ASpinSomeLoopKeepsServing) {
  const auto name = unique_service_name("s");
  Server server(*context, "spin_some_server", name);
  std::atomic<bool> stop{false};
  std::thread loop([&] {
    while (!stop) {
      rclite::spin_some(server.node);
      std::this_thread::yield();  // other work
    }
  });
  rclite::Node caller("spin_some_caller", options());
  auto client = found_client(caller, name);
  for (int i = 0; i < 2000; ++i) ASSERT_EQ(client.call(request_of(i, i), kPatience).sum, 2 * i) << i;
  stop = true;
  loop.join();
}

TEST_F(Executors, ANodeMovedBetweenExecutorsIsServedByEach) {
  const auto name = unique_service_name("s");
  Server server(*context, "moving", name);
  rclite::Node caller("mover", options());
  auto client = found_client(caller, name);
  rclite::SingleThreadedExecutor single(*context);
  rclite::MultiThreadedExecutor multi(*context, 2);
  for (int round = 0; round < 6; ++round) {
    rclite::Executor& executor = round % 2 == 0 ? static_cast<rclite::Executor&>(single) : multi;
    executor.add_node(server.node);
    {
      BackgroundSpin spin(executor);
      ASSERT_EQ(client.call(request_of(round, 1), kPatience).sum, round + 1) << round;
    }
    // A request left waiting while no executor has the node is served after the move.
    auto waiting = client.async_send_request(request_of(round, 2));
    executor.remove_node(server.node);
    rclite::Executor& next = round % 2 == 0 ? static_cast<rclite::Executor&>(multi) : single;
    next.add_node(server.node);
    ASSERT_EQ(next.spin_until_future_complete(waiting, kPatience), rclite::FutureReturnCode::SUCCESS) << round;
    EXPECT_EQ(waiting.get().sum, round + 2);
    next.remove_node(server.node);
  }
}

TEST_F(Executors, ANodeInTwoExecutorsAtOnceIsAnError) {
  rclite::Node node("twice", options());
  rclite::SingleThreadedExecutor first(*context);
  rclite::SingleThreadedExecutor second(*context);
  first.add_node(node);
  EXPECT_THROW(second.add_node(node), std::logic_error);
  EXPECT_THROW(rclite::spin_some(node), std::logic_error);
  first.remove_node(node);
  EXPECT_NO_THROW(second.add_node(node));
}

// Posted work (a response callback) waiting on an executor that lets go of the node runs on the next.
TEST_F(Executors, AResponseCallbackWaitingOnARemovedExecutorRunsOnTheNext) {
  const auto name = unique_service_name("s");
  SpunServer server(*context, "callback_server", name);
  rclite::Node caller("callback_caller", options());
  auto client = found_client(caller, name);
  std::promise<std::int64_t> got;
  auto first = std::make_unique<rclite::SingleThreadedExecutor>(*context);
  first->add_node(caller);
  client.async_send_request(request_of(4, 5), [&](std::shared_future<AddTwoInts::Response> f) {
    got.set_value(f.get().sum);
  });
  EXPECT_TRUE(rclite::test::eventually([&] { return client.pending_requests() == 0; }));
  first.reset();  // the callback was queued there, never run
  auto sum = got.get_future();
  rclite::SingleThreadedExecutor second(*context);
  second.add_node(caller);
  ASSERT_EQ(second.spin_until_future_complete(sum, kPatience), rclite::FutureReturnCode::SUCCESS);
  EXPECT_EQ(sum.get(), 9);
}

// rclcpp drops the callbacks of a destroyed client; running them is a use-after-free for [this].
TEST_F(Executors, NoResponseCallbackRunsAfterItsClientIsDestroyed) {
  const auto name = unique_service_name("s");
  rclite::Node server_node("late_server", options());
  std::mutex held_mutex;
  std::vector<rclite::Responder<AddTwoInts>> held;
  auto service = server_node.create_service<AddTwoInts>(
      name, [&](const AddTwoInts::Request&, rclite::Responder<AddTwoInts> responder) {
        std::lock_guard lock(held_mutex);
        held.push_back(std::move(responder));
      });
  rclite::SingleThreadedExecutor serving(*context);
  serving.add_node(server_node);
  BackgroundSpin spin(serving);

  rclite::Node caller("forgetful", options());
  rclite::SingleThreadedExecutor executor(*context);
  executor.add_node(caller);
  std::atomic<int> callbacks{0};
  auto client = found_client(caller, name);
  for (int i = 0; i < 3; ++i) client.async_send_request(request_of(i, 0), [&](auto) { ++callbacks; });
  auto held_future = client.async_send_request(request_of(9, 0));
  ASSERT_TRUE(rclite::test::eventually([&] {
    std::lock_guard lock(held_mutex);
    return held.size() == 4;
  }));
  client.reset();
  // The future still held ends with ShutdownError; the callbacks end silently.
  EXPECT_THROW(held_future.get(), rclite::ShutdownError);
  for (int i = 0; i < 10; ++i) executor.spin_some();
  {
    std::lock_guard lock(held_mutex);
    for (auto& responder : held) responder.send(AddTwoInts::Response{});
  }
  for (int i = 0; i < 10; ++i) executor.spin_some();
  EXPECT_EQ(callbacks.load(), 0);
}

TEST_F(Executors, AResponseCallbackMayDestroyItsOwnClient) {
  const auto name = unique_service_name("s");
  Server server(*context, "self_server", name);
  rclite::MultiThreadedExecutor executor(*context, 2);
  executor.add_node(server.node);
  rclite::Node caller("self_destroying", options());
  executor.add_node(caller);
  auto client = std::make_unique<rclite::Client<AddTwoInts>>(caller.create_client<AddTwoInts>(name));
  ASSERT_TRUE(client->wait_for_service(kPatience));
  std::promise<std::int64_t> got;
  client->async_send_request(request_of(1, 2), [&](std::shared_future<AddTwoInts::Response> f) {
    client->reset();  // from inside its own callback
    got.set_value(f.get().sum);
  });
  auto sum = got.get_future();
  ASSERT_EQ(executor.spin_until_future_complete(sum, kPatience), rclite::FutureReturnCode::SUCCESS);
  EXPECT_EQ(sum.get(), 3);
  EXPECT_FALSE(*client);
}

// Destroying a service from another thread while its callback runs waits for the callback; after
// it returns, no callback starts.
TEST_F(Executors, ResettingAServiceWaitsForItsRunningCallbackAndNoneStartsAfter) {
  const auto name = unique_service_name("s");
  rclite::Node node("busy_server", options());
  std::atomic<bool> inside{false}, finished{false}, after_reset{false};
  std::atomic<int> started{0};
  std::promise<void> entered;
  auto service = node.create_service<AddTwoInts>(name, [&](const AddTwoInts::Request& request) {
    EXPECT_FALSE(after_reset.load()) << "a callback started after reset() returned";
    if (started++ == 0) {
      inside = true;
      entered.set_value();
      std::this_thread::sleep_for(100ms);  // reset() is called meanwhile
      finished = true;
    }
    return add(request);
  });
  rclite::MultiThreadedExecutor executor(*context, 3);
  executor.add_node(node);
  BackgroundSpin spin(executor);
  rclite::Node caller("busy_caller", options());
  auto client = found_client(caller, name);
  std::vector<rclite::ResponseFuture<AddTwoInts::Response>> futures;
  futures.push_back(client.async_send_request(request_of(1, 1), {.timeout = 10s}));
  entered.get_future().wait();
  for (int i = 0; i < 20; ++i) futures.push_back(client.async_send_request(request_of(i, 1), {.timeout = 10s}));
  service.reset();
  after_reset = true;
  EXPECT_TRUE(finished.load()) << "reset() returned while the callback was still running";
  for (auto& future : futures) future.wait();  // answered, or failed: the service is gone
}

// A throwing callback in a mutually exclusive group used to take the rest of its batch (up to 16
// requests) with it, and the service was never queued again.
TEST_F(Executors, AThrowingServiceCallbackLeavesSpinAndLosesNoOtherRequest) {
  const auto name = unique_service_name("s");
  rclite::Node node("throwing_server", options());
  auto service = node.create_service<AddTwoInts>(name, [](const AddTwoInts::Request& request) {
    if (request.a == 0) throw CallbackFailure();
    return add(request);
  });
  auto client = found_client(node, name);
  std::vector<rclite::ResponseFuture<AddTwoInts::Response>> futures;
  // In one participant, a request is in the server's reader when async_send_request returns.
  for (int a = 0; a < 10; ++a) futures.push_back(client.async_send_request(request_of(a, 100), {.timeout = kPatience}));
  rclite::SingleThreadedExecutor executor(*context);
  executor.add_node(node);
  EXPECT_THROW(executor.spin_some(), CallbackFailure);
  for (int a = 1; a < 10; ++a) {
    ASSERT_EQ(executor.spin_until_future_complete(futures[a], kPatience), rclite::FutureReturnCode::SUCCESS) << a;
    EXPECT_EQ(futures[a].get().sum, a + 100);
  }
  EXPECT_EQ(client.pending_requests(), 1u);  // the request whose callback threw is not answered
}

// On a MultiThreadedExecutor the exception used to escape a pool thread: std::terminate.
TEST_F(Executors, AThrowingCallbackInAReentrantGroupLeavesMultiThreadedSpinInTheCallingThread) {
  const auto name = unique_service_name("s");
  rclite::Node node("reentrant_thrower", options());
  auto group = node.create_callback_group(rclite::CallbackGroupType::Reentrant);
  std::atomic<int> thrown{0};
  auto service = node.create_service<AddTwoInts>(
      name,
      [&](const AddTwoInts::Request& request) {
        if (request.a < 0) {
          ++thrown;
          throw CallbackFailure();
        }
        return add(request);
      },
      rclite::ServiceOptions{.callback_group = group});
  rclite::Node caller("reentrant_caller", options());
  auto client = found_client(caller, name);
  rclite::MultiThreadedExecutor executor(*context, 4);
  executor.add_node(node);
  for (int round = 0; round < 3; ++round) {
    auto bad = client.async_send_request(request_of(-1, 0), {.timeout = kPatience});
    std::vector<rclite::ResponseFuture<AddTwoInts::Response>> good;
    for (int a = 0; a < 8; ++a) good.push_back(client.async_send_request(request_of(a, round), {.timeout = kPatience}));
    EXPECT_THROW(executor.spin(), CallbackFailure) << round;
    // The next spin goes on with what is left.
    std::thread canceller([&] {
      for (auto& future : good) future.wait();
      executor.cancel();
    });
    EXPECT_NO_THROW(executor.spin());
    canceller.join();
    for (int a = 0; a < 8; ++a) EXPECT_EQ(good[a].get().sum, a + round);
  }
  EXPECT_EQ(thrown.load(), 3);
}

TEST_F(Executors, AThrowingSubscriptionCallbackLeavesSpinAndTheNextSampleIsDelivered) {
  using Int64 = std_msgs::msg::Int64;
  rclite::Node node("throwing_listener", options());
  std::vector<std::int64_t> received;
  auto subscription = node.create_subscription<Int64>("numbers", rclite::QoS(100), [&](const Int64& message) {
    if (message.data == 0) throw CallbackFailure();
    received.push_back(message.data);
  });
  auto publisher = node.create_publisher<Int64>("numbers", rclite::QoS(100));
  ASSERT_TRUE(rclite::test::eventually([&] { return publisher.get_subscription_count() == 1; }));
  for (std::int64_t i = 0; i < 5; ++i) {
    Int64 message;
    message.data = i;
    publisher.publish(message);
  }
  rclite::SingleThreadedExecutor executor(*context);
  executor.add_node(node);
  EXPECT_THROW(executor.spin_some(), CallbackFailure);
  while (received.size() < 4) ASSERT_TRUE(executor.spin_once(kPatience));
  EXPECT_EQ(received, (std::vector<std::int64_t>{1, 2, 3, 4}));
}

TEST_F(Executors, CancelBeforeSpinMakesTheNextSpinReturn) {
  rclite::SingleThreadedExecutor executor(*context);
  executor.cancel();
  auto returned = std::async(std::launch::async, [&] { executor.spin(); });
  const bool ended = returned.wait_for(kPatience) == std::future_status::ready;
  if (!ended) executor.cancel();  // do not hang the suite
  EXPECT_TRUE(ended);
  // Consumed: the next spin waits again, until its own cancel.
  auto again = std::async(std::launch::async, [&] { executor.spin(); });
  EXPECT_EQ(again.wait_for(50ms), std::future_status::timeout);
  executor.cancel();
  EXPECT_EQ(again.wait_for(kPatience), std::future_status::ready);
}

TEST_F(Executors, CancelEndsSpinUntilFutureCompleteAsInterrupted) {
  rclite::SingleThreadedExecutor executor(*context);
  std::promise<void> never;
  auto future = never.get_future();
  executor.cancel();
  EXPECT_EQ(executor.spin_until_future_complete(future, kPatience), rclite::FutureReturnCode::INTERRUPTED);
}

// A response callback that sends the next request keeps the executor busy forever: spin_some()
// runs what was ready when it began, and returns.
TEST_F(Executors, SpinSomeReturnsUnderContinuousLoad) {
  const auto name = unique_service_name("s");
  Server server(*context, "loaded_server", name);
  rclite::Node caller("loading_caller", options());
  auto client = found_client(caller, name);
  rclite::SingleThreadedExecutor executor(*context);
  executor.add_node(server.node);
  executor.add_node(caller);
  std::atomic<long> answered{0};
  std::function<void(std::shared_future<AddTwoInts::Response>)> again = [&](auto) {
    ++answered;
    client.async_send_request(request_of(1, 1), again, {.timeout = kPatience});
  };
  for (int i = 0; i < 4; ++i) client.async_send_request(request_of(1, 1), again, {.timeout = kPatience});
  auto spun = std::async(std::launch::async, [&] {
    for (int i = 0; i < 100; ++i) executor.spin_some();
  });
  const bool returned = spun.wait_for(kPatience) == std::future_status::ready;
  if (!returned) context->shutdown();  // ends the spin_some that never returns
  EXPECT_TRUE(returned);
  spun.wait();
  EXPECT_GT(answered.load(), 0);
}

TEST_F(Executors, EmptyHandlesAreAClearError) {
  rclite::Client<AddTwoInts> client;
  rclite::Service<AddTwoInts> service;
  rclite::Subscription<std_msgs::msg::Int64> subscription;
  rclite::Publisher<std_msgs::msg::Int64> publisher;
  EXPECT_THROW(client.get_service_name(), std::logic_error);
  EXPECT_THROW(client.service_is_ready(), std::logic_error);
  EXPECT_THROW(client.async_send_request(request_of(1, 2)), std::logic_error);
  EXPECT_THROW(service.get_service_name(), std::logic_error);
  EXPECT_THROW(subscription.get_topic_name(), std::logic_error);
  EXPECT_THROW(publisher.publish(std_msgs::msg::Int64{}), std::logic_error);
  EXPECT_NO_THROW(client.reset());
}

// Shutdown racing with requests sent from other threads: every request ends (none is inserted after
// shutdown failed the pending ones, where a request with no deadline would wait forever).
TEST_F(Executors, RequestsSentWhileTheContextShutsDownAllEnd) {
  for (int round = 0; round < 20; ++round) {
    auto local = rclite::test::make_test_context();
    const auto name = unique_service_name("s" + std::to_string(round));
    rclite::Node server_node("racing_server", rclite::test::options_in(*local));
    auto service = server_node.create_service<AddTwoInts>(
        name, [](const AddTwoInts::Request&, rclite::Responder<AddTwoInts>) {});  // never answers
    rclite::Node caller("racing_caller", rclite::test::options_in(*local));
    auto client = found_client(caller, name);
    std::mutex futures_mutex;
    std::vector<rclite::ResponseFuture<AddTwoInts::Response>> futures;
    std::vector<std::thread> senders;
    std::atomic<bool> go{false};
    for (int t = 0; t < 3; ++t) {
      senders.emplace_back([&, t] {
        while (!go) std::this_thread::yield();
        for (int i = 0; i < 200; ++i) {
          try {
            auto future = client.async_send_request(request_of(i, t));
            std::lock_guard lock(futures_mutex);
            futures.push_back(std::move(future));
          } catch (const rclite::ShutdownError&) {
            return;  // refused: fine
          }
        }
      });
    }
    go = true;
    std::this_thread::yield();
    local->shutdown();
    for (auto& sender : senders) sender.join();
    for (auto& future : futures) {
      ASSERT_EQ(future.wait_for(kPatience), std::future_status::ready) << "round " << round;
      EXPECT_THROW(future.get(), rclite::ShutdownError);
    }
  }
}

// ContextImpl handed out ids of wakers (executors) and shutdown callbacks (clients) from one counter
// under two mutexes (TSan: a data race). Creating both from several threads at once must be clean.
TEST_F(Executors, ExecutorsAndClientsCreatedFromSeveralThreadsAtOnce) {
  rclite::Node node("crowd", options());
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 20; ++i) {
        if (t % 2 == 0) {
          rclite::SingleThreadedExecutor executor(*context);
        } else {
          auto client = node.create_client<AddTwoInts>(unique_service_name("nobody"));
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  SUCCEED();
}

// A Responder destroyed unsent leaves its client waiting: the server logs it, once, by name.
TEST_F(Executors, AResponderDroppedUnsentIsLogged) {
  const auto name = unique_service_name("s");
  rclite::Node node("dropping_server", options());
  auto service = node.create_service<AddTwoInts>(name, [](const AddTwoInts::Request&, rclite::Responder<AddTwoInts>) {});
  auto client = found_client(node, name);
  rclite::test::LogCapture log;
  auto future = client.async_send_request(request_of(1, 1), {.timeout = 200ms});
  rclite::SingleThreadedExecutor executor(*context);
  executor.add_node(node);
  executor.spin_until_future_complete(future, kPatience);
  EXPECT_THROW(future.get(), rclite::TimeoutError);
  log.stop();
  const auto lines = log.lines();
  const auto count = std::count_if(lines.begin(), lines.end(), [&](const std::string& line) {
    return line.find(name) != std::string::npos && line.find("never answered") != std::string::npos;
  });
  EXPECT_EQ(count, 1);
}

// Deferred replies sent from other threads while the service is destroyed: each send() returns true
// or false, never throws (the writer used to be deleted between the send's check and its write).
TEST_F(Executors, DeferredRepliesRacingTheServicesDestructionNeverThrow) {
  for (int round = 0; round < 20; ++round) {
    const auto name = unique_service_name("s" + std::to_string(round));
    rclite::Node node("racing_responders", options());
    std::mutex held_mutex;
    std::vector<rclite::Responder<AddTwoInts>> held;
    auto service = node.create_service<AddTwoInts>(
        name, [&](const AddTwoInts::Request&, rclite::Responder<AddTwoInts> responder) {
          std::lock_guard lock(held_mutex);
          held.push_back(std::move(responder));
        });
    auto client = found_client(node, name);
    std::vector<rclite::ResponseFuture<AddTwoInts::Response>> futures;
    for (int i = 0; i < 200; ++i) futures.push_back(client.async_send_request(request_of(i, 0)));
    rclite::SingleThreadedExecutor executor(*context);
    executor.add_node(node);
    while (true) {
      {
        std::lock_guard lock(held_mutex);
        if (held.size() == futures.size()) break;
      }
      ASSERT_TRUE(executor.spin_once(kPatience));
    }
    std::atomic<int> thrown{0};
    std::atomic<int> ready{0};
    std::vector<std::thread> senders;
    for (int t = 0; t < 4; ++t) {
      senders.emplace_back([&, t] {
        ++ready;
        while (ready.load() < 5) std::this_thread::yield();
        for (std::size_t i = static_cast<std::size_t>(t); i < held.size(); i += 4) {
          try {
            held[i].send(AddTwoInts::Response{});
          } catch (...) {
            ++thrown;
          }
        }
      });
    }
    while (ready.load() < 4) std::this_thread::yield();
    ++ready;
    std::this_thread::sleep_for(std::chrono::microseconds(50 * (round % 10)));  // somewhere in the sends
    service.reset();
    for (auto& sender : senders) sender.join();
    EXPECT_EQ(thrown.load(), 0) << "round " << round;
  }
}

// Issue #16: a node that nothing spins keeps at most 10,000 posted callbacks (response callbacks);
// beyond that the oldest are dropped, and the drops are logged, not silent.
TEST_F(Executors, PostedCallbacksOfANodeNothingSpinsAreBoundedAndTheDropsLogged) {
  const auto name = unique_service_name("s");
  // 10,010 requests in flight at once, more than a service keeps waiting by default: this server
  // keeps them all (ServiceOptions::max_queued_requests = 0), so that every reply is posted.
  rclite::Node server_node("bound_server", options());
  rclite::ServiceOptions unbounded;
  unbounded.max_queued_requests = 0;
  auto service = server_node.create_service<AddTwoInts>(name, add, unbounded);
  rclite::SingleThreadedExecutor server_executor(*context);
  server_executor.add_node(server_node);
  BackgroundSpin spin(server_executor);
  rclite::Node caller("unspun_caller", options());
  auto client = found_client(caller, name);
  rclite::test::LogCapture log(rclite::test::LogCapture::containing("posted callback"));
  constexpr int kBound = 10000, kRequests = kBound + 10;
  std::vector<std::int64_t> answered;
  for (int i = 0; i < kRequests; ++i) {
    client.async_send_request(request_of(i, 0), [&](std::shared_future<AddTwoInts::Response> f) {
      answered.push_back(f.get().sum);
    });
  }
  ASSERT_TRUE(rclite::test::eventually([&] { return client.pending_requests() == 0; }));
  log.stop();
  rclite::SingleThreadedExecutor executor(*context);
  executor.add_node(caller);
  while (answered.size() < kBound) ASSERT_TRUE(executor.spin_once(kPatience));
  EXPECT_FALSE(executor.spin_once(0s));  // nothing more: the 10 oldest were dropped
  EXPECT_EQ(answered.size(), static_cast<std::size_t>(kBound));
  EXPECT_EQ(answered.front(), kRequests - kBound);  // the newest were kept
  const auto lines = log.lines();
  ASSERT_EQ(lines.size(), 1u);  // the first drop; the next line would come at the 1,001st
  EXPECT_NE(lines[0].find("1 posted callback(s)"), std::string::npos) << lines[0];
}
