// A client for multi-process tests and the soak script, against rclite_test_server:
//
//   rclite_test_client SERVICE load CALLS WINDOW   CALLS AddTwoInts calls, at most WINDOW outstanding;
//                                                  every sum is checked. Prints
//                                                  "DONE calls=N wrong=W failed=F seconds=S" and
//                                                  exits 0 only if all N were answered correctly.
//   rclite_test_client SERVICE run SECONDS WINDOW  the same for SECONDS seconds (soak); prints
//                                                  "READY" once the service is found.
//   rclite_test_client SERVICE probe DEADLINE_MS   one call every 100 ms, each with that deadline,
//                                                  forever; prints "ok <ms>" or
//                                                  "fail <error> <ms>" per call (ms: call duration).
//   rclite_test_client SERVICE count               waits for the graph to settle and prints
//                                                  "services=<count_services(SERVICE)>".
//
// Exit status 2 on bad arguments, 3 when the service is not found within kPatience
// (tests/support/patience.hpp), 4 when `count` finds the graph unsettled after kPatience. Each call
// of `load` and `run` has a deadline of kPatience: only a lost call reaches it.
#include <example_interfaces/srv/add_two_ints.hpp>
#include <rclite/rclite.hpp>

#include <chrono>
#include <cstdio>
#include <deque>
#include <string>
#include <thread>

#include "../support/patience.hpp"

using AddTwoInts = example_interfaces::srv::AddTwoInts;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;
using rclite::test::kPatience;

namespace {

long long milliseconds_since(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
}

struct Tally {
  long long calls = 0;
  long long wrong = 0;
  long long failed = 0;
};

// Keeps up to `window` calls in flight until `more()` says stop, checking every sum.
template <class More>
Tally pipeline(rclite::Client<AddTwoInts>& client, std::size_t window, More more) {
  struct InFlight {
    rclite::ResponseFuture<AddTwoInts::Response> future;
    std::int64_t expected;
  };
  Tally tally;
  std::deque<InFlight> in_flight;
  std::int64_t next = 0;
  auto finish_one = [&] {
    InFlight call = std::move(in_flight.front());
    in_flight.pop_front();
    try {
      if (call.future.get().sum != call.expected) ++tally.wrong;
    } catch (const rclite::ServiceError& error) {
      if (tally.failed++ < 5) std::fprintf(stderr, "call failed: %s\n", error.what());
    }
    ++tally.calls;
  };
  while (more(tally.calls + static_cast<long long>(in_flight.size()))) {
    AddTwoInts::Request request;
    request.a = next * 7 + 1;
    request.b = -next * 3;
    ++next;
    in_flight.push_back({client.async_send_request(request, {.timeout = kPatience}), request.a + request.b});
    if (in_flight.size() >= window) finish_one();
  }
  while (!in_flight.empty()) finish_one();
  return tally;
}

int report(const Tally& tally, Clock::time_point start, long long expected_calls) {
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  std::printf("DONE calls=%lld wrong=%lld failed=%lld seconds=%.3f\n", tally.calls, tally.wrong, tally.failed,
              seconds);
  std::fflush(stdout);
  const bool all = expected_calls < 0 || tally.calls == expected_calls;
  return all && tally.wrong == 0 && tally.failed == 0 ? 0 : 1;
}

int usage() {
  std::fprintf(stderr,
               "usage: rclite_test_client SERVICE load CALLS WINDOW | run SECONDS WINDOW | probe DEADLINE_MS | "
               "count\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  rclite::init(argc, argv);
  const auto args = rclite::remove_ros_arguments(argc, argv);
  if (args.size() < 3) return usage();
  const std::string& service = args[1];
  const std::string& mode = args[2];
  rclite::Node node("test_client");

  if (mode == "count" && args.size() == 3) {
    const bool settled = node.wait_for_graph_settled(kPatience);
    std::printf("services=%zu\n", node.count_services(service));
    return settled ? 0 : 4;
  }

  auto client = node.create_client<AddTwoInts>(service);
  if (!client.wait_for_service(kPatience)) {
    std::fprintf(stderr, "rclite_test_client: no server for %s within %lld s\n", service.c_str(),
                 static_cast<long long>(kPatience.count()));
    return 3;
  }

  if (mode == "load" && args.size() == 5) {
    const long long calls = std::stoll(args[3]);
    const auto window = static_cast<std::size_t>(std::stoul(args[4]));
    if (calls <= 0 || window == 0) return usage();
    const auto start = Clock::now();
    const Tally tally = pipeline(client, window, [calls](long long sent) { return sent < calls; });
    return report(tally, start, calls);
  }
  if (mode == "run" && args.size() == 5) {
    const auto seconds = std::chrono::seconds(std::stoll(args[3]));
    const auto window = static_cast<std::size_t>(std::stoul(args[4]));
    if (window == 0) return usage();
    std::printf("READY\n");
    std::fflush(stdout);
    const auto start = Clock::now();
    const Tally tally =
        pipeline(client, window, [&](long long) { return rclite::ok() && Clock::now() - start < seconds; });
    return report(tally, start, -1);
  }
  if (mode == "probe" && args.size() == 4) {
    const auto deadline = std::chrono::milliseconds(std::stoll(args[3]));
    for (std::int64_t i = 0; rclite::ok(); ++i) {
      const auto start = Clock::now();
      AddTwoInts::Request request;
      request.a = i;
      request.b = 1;
      try {
        const auto response = client.call(request, deadline);
        if (response.sum != i + 1) {
          std::printf("wrong %lld\n", milliseconds_since(start));
        } else {
          std::printf("ok %lld\n", milliseconds_since(start));
        }
      } catch (const rclite::TimeoutError&) {
        std::printf("fail timeout %lld\n", milliseconds_since(start));
      } catch (const rclite::ServiceUnavailableError&) {
        std::printf("fail unavailable %lld\n", milliseconds_since(start));
      }
      std::fflush(stdout);
      std::this_thread::sleep_for(100ms);
    }
    return 0;
  }
  return usage();
}
