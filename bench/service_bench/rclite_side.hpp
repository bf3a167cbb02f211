// rclite's side of every scenario: a service whose handler is the workload's answer, and a client
// that measures calls through futures (async_send_request) or Client::call.
#pragma once

#include <deque>
#include <future>
#include <rclite/rclite.hpp>
#include <string>

#include "log.hpp"
#include "raw_cyclone.hpp"  // kStallTimeout
#include "statistics.hpp"

namespace service_bench {

inline rclite::NodeOptions in_context(rclite::Context& context) {
  rclite::NodeOptions options;
  options.context = &context;
  return options;
}

template <class Workload>
rclite::Service<typename Workload::Srv> make_rclite_service(rclite::Node& node, const std::string& service) {
  return node.create_service<typename Workload::Srv>(
      service, [](const typename Workload::Srv::Request& request) { return Workload::answer(request); });
}

template <class Workload>
class RcliteClient {
 public:
  using Srv = typename Workload::Srv;

  RcliteClient(rclite::Context& context, const std::string& service, Workload workload = {})
      : node_("service_bench_client", in_context(context)),
        client_(node_.create_client<Srv>(service)),
        workload_(std::move(workload)) {}

  bool wait_for_service(Clock::duration timeout) const { return client_.wait_for_service(timeout); }

  bool warm_up() {
    for (int attempt = 0; attempt < 10; ++attempt) {
      if (run(1, 1, false, std::chrono::seconds(2)).answered == 1) return true;
    }
    return false;
  }

  // `use_call`: Client::call(request, timeout) (depth 1 only); else async_send_request + futures,
  // `depth` kept outstanding, the oldest waited for first.
  RunStats run(std::size_t calls, std::size_t depth, bool use_call = false, Clock::duration stall_timeout = kStallTimeout) {
    RunStats stats;
    stats.calls = calls;
    stats.latency_ns.reserve(calls);
    const auto start = Clock::now();
    if (use_call) {
      run_calls(stats, stall_timeout);
    } else {
      run_futures(stats, depth, stall_timeout);
    }
    stats.elapsed_s = std::chrono::duration<double>(Clock::now() - start).count();
    return stats;
  }

 private:
  void run_calls(RunStats& stats, Clock::duration stall_timeout) {
    for (std::size_t i = 0; i < stats.calls; ++i) {
      workload_.fill(request_, i);
      const auto sent = Clock::now();
      ++stats.sent;
      try {
        const auto response = client_.call(request_, stall_timeout);
        stats.record_latency(sent, Clock::now());
        if (workload_.check(response, i)) ++stats.answered;
        else ++stats.wrong;
      } catch (const rclite::TimeoutError&) {
        stats.stalled = true;
        break;
      } catch (const std::exception& error) {
        log("call failed: %s", error.what());
        ++stats.wrong;
      }
    }
  }

  void run_futures(RunStats& stats, std::size_t depth, Clock::duration stall_timeout) {
    struct InFlight {
      rclite::ResponseFuture<typename Srv::Response> future;
      Clock::time_point sent;
      std::size_t index;
    };
    std::deque<InFlight> in_flight;
    const auto send_one = [&] {
      const std::size_t i = stats.sent;
      workload_.fill(request_, i);
      const auto sent = Clock::now();
      in_flight.push_back(InFlight{client_.async_send_request(request_), sent, i});
      ++stats.sent;
    };
    while (stats.sent < stats.calls && in_flight.size() < depth) send_one();
    while (!in_flight.empty()) {
      if (in_flight.front().future.wait_for(stall_timeout) != std::future_status::ready) {
        stats.stalled = true;
        break;
      }
      const auto now = Clock::now();
      do {
        InFlight& done = in_flight.front();
        stats.record_latency(done.sent, now);
        try {
          if (workload_.check(done.future.get(), done.index)) ++stats.answered;
          else ++stats.wrong;
        } catch (const std::exception& error) {
          log("request failed: %s", error.what());
          ++stats.wrong;
        }
        in_flight.pop_front();
      } while (!in_flight.empty() && in_flight.front().future.wait_for(std::chrono::seconds(0)) == std::future_status::ready);
      while (stats.sent < stats.calls && in_flight.size() < depth) send_one();
    }
  }

  rclite::Node node_;
  rclite::Client<Srv> client_;
  Workload workload_;
  typename Srv::Request request_{};
};

}  // namespace service_bench
