// The raw Cyclone DDS floor: a service as two topics written and read with Cyclone's own C API,
// types from idlc, rclite's QoS, waitsets. No rclite code runs on this path.
#pragma once

#include <dds/dds.h>

#include <array>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

#include "statistics.hpp"

namespace service_bench {

inline constexpr std::chrono::seconds kStallTimeout{5};  // no reply for this long ends a run (the rest is lost)

void check_dds(dds_return_t rc, const char* what);

// A domain with the loopback-only configuration (loopback.hpp) and a participant in it. Created
// before rclite's context, which then joins the domain (as rclite does with an existing domain).
class RawDomain {
 public:
  explicit RawDomain(std::uint32_t domain_id);
  ~RawDomain();
  RawDomain(const RawDomain&) = delete;
  RawDomain& operator=(const RawDomain&) = delete;
  dds_entity_t participant() const { return participant_; }

 private:
  dds_entity_t domain_ = 0;
  dds_entity_t participant_ = 0;
};

// Reader and writer of one side of a raw service (topics rq<service>Request and rr<service>Reply,
// as rmw names them), plus a waitset on the reader's data and a guard condition to wake it.
class RawEndpoints {
 public:
  RawEndpoints(dds_entity_t participant, const std::string& service, const dds_topic_descriptor_t* request_type,
               const dds_topic_descriptor_t* response_type, bool server);
  ~RawEndpoints();
  RawEndpoints(const RawEndpoints&) = delete;
  RawEndpoints& operator=(const RawEndpoints&) = delete;

  dds_entity_t reader() const { return reader_; }
  dds_entity_t writer() const { return writer_; }
  void wait(dds_duration_t timeout) const { dds_waitset_wait(waitset_, nullptr, 0, timeout); }
  void wake() const { dds_set_guardcondition(guard_, true); }

 private:
  dds_entity_t request_topic_ = 0, reply_topic_ = 0, reader_ = 0, writer_ = 0, waitset_ = 0, guard_ = 0;
};

inline constexpr std::size_t kRawBatch = 64;  // samples per dds_take

// Samples that dds_take fills and that keep what Cyclone allocated in them (sequence buffers)
// from one take to the next, freed at the end.
template <class Sample>
class RawSamples {
 public:
  explicit RawSamples(const dds_topic_descriptor_t* type) : type_(type), samples_(kRawBatch) {
    for (std::size_t i = 0; i < kRawBatch; ++i) pointers_[i] = &samples_[i];
  }
  ~RawSamples() {
    for (auto& sample : samples_) dds_sample_free(&sample, type_, DDS_FREE_CONTENTS);
  }
  RawSamples(const RawSamples&) = delete;
  RawSamples& operator=(const RawSamples&) = delete;

  // Up to kRawBatch samples; returns how many (valid or not: see info()).
  std::size_t take(dds_entity_t reader, const char* what) {
    const dds_return_t n = dds_take(reader, pointers_.data(), infos_.data(), kRawBatch, kRawBatch);
    check_dds(n, what);
    return static_cast<std::size_t>(n);
  }
  const Sample& operator[](std::size_t i) const { return samples_[i]; }
  const dds_sample_info_t& info(std::size_t i) const { return infos_[i]; }

 private:
  const dds_topic_descriptor_t* type_;
  std::vector<Sample> samples_;  // value-initialised: empty sequences
  std::array<void*, kRawBatch> pointers_{};
  std::array<dds_sample_info_t, kRawBatch> infos_{};
};

template <class Workload>
class RawServer {
 public:
  RawServer(dds_entity_t participant, const std::string& service, Workload workload = {})
      : endpoints_(participant, service, Workload::raw_request_type(), Workload::raw_response_type(), true),
        workload_(std::move(workload)) {}

  // Serves until `stop_signal` or `stop` is set (then call wake(), or wait up to 100 ms).
  void run(const volatile std::sig_atomic_t& stop_signal, const std::atomic<bool>& stop) {
    RawSamples<typename Workload::RawRequest> requests(Workload::raw_request_type());
    typename Workload::RawResponse reply{};
    while (!stop.load() && stop_signal == 0) {
      endpoints_.wait(DDS_MSECS(100));
      std::size_t n = kRawBatch;
      while (n == kRawBatch) {
        n = requests.take(endpoints_.reader(), "dds_take (server)");
        for (std::size_t i = 0; i < n; ++i) {
          if (!requests.info(i).valid_data) continue;
          reply.guid = requests[i].guid;
          reply.seq = requests[i].seq;
          workload_.answer(requests[i], reply);
          check_dds(dds_write(endpoints_.writer(), &reply), "dds_write (reply)");
        }
      }
    }
  }
  void wake() const { endpoints_.wake(); }

 private:
  RawEndpoints endpoints_;
  Workload workload_;
};

template <class Workload>
class RawClient {
 public:
  RawClient(dds_entity_t participant, const std::string& service, Workload workload = {})
      : endpoints_(participant, service, Workload::raw_request_type(), Workload::raw_response_type(), false),
        workload_(std::move(workload)),
        replies_(Workload::raw_response_type()) {
    dds_instance_handle_t handle = 0;
    check_dds(dds_get_instance_handle(endpoints_.writer(), &handle), "dds_get_instance_handle");
    guid_ = handle;
  }

  // Both directions matched from here; the server may still lag (warm_up() covers that).
  bool wait_for_service(Clock::duration timeout) const {
    const auto deadline = Clock::now() + timeout;
    while (Clock::now() < deadline) {
      dds_publication_matched_status_t writer_status{};
      dds_subscription_matched_status_t reader_status{};
      dds_get_publication_matched_status(endpoints_.writer(), &writer_status);
      dds_get_subscription_matched_status(endpoints_.reader(), &reader_status);
      if (writer_status.current_count > 0 && reader_status.current_count > 0) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
  }

  // Single calls with a short deadline until one is answered: the server has matched us too.
  bool warm_up() {
    for (int attempt = 0; attempt < 30; ++attempt) {
      if (run(1, 1, std::chrono::milliseconds(500)).answered == 1) return true;
    }
    return false;
  }

  // `calls` calls, `depth` of them kept outstanding (replenished as replies come).
  RunStats run(std::size_t calls, std::size_t depth, Clock::duration stall_timeout = kStallTimeout) {
    RunStats stats;
    stats.calls = calls;
    stats.latency_ns.reserve(calls);
    std::vector<Clock::time_point> sent_at(calls);
    std::vector<std::uint8_t> done(calls, 0);
    const std::int64_t base = next_sequence_;
    next_sequence_ += static_cast<std::int64_t>(calls);
    std::size_t outstanding = 0;
    typename Workload::RawRequest request{};
    request.guid = guid_;
    const auto send_one = [&] {
      const std::size_t i = stats.sent;
      request.seq = base + static_cast<std::int64_t>(i);
      workload_.fill(request, i);
      sent_at[i] = Clock::now();
      check_dds(dds_write(endpoints_.writer(), &request), "dds_write (request)");
      ++stats.sent;
      ++outstanding;
    };

    const auto start = Clock::now();
    auto last_progress = start;
    while (stats.sent < calls && outstanding < depth) send_one();
    while (outstanding > 0) {
      endpoints_.wait(DDS_MSECS(100));
      bool progress = false;
      std::size_t n = kRawBatch;
      while (n == kRawBatch) {
        n = replies_.take(endpoints_.reader(), "dds_take (client)");
        const auto now = Clock::now();
        for (std::size_t k = 0; k < n; ++k) {
          if (!replies_.info(k).valid_data || replies_[k].guid != guid_) continue;
          const std::int64_t index = replies_[k].seq - base;
          if (index < 0 || index >= static_cast<std::int64_t>(calls)) continue;  // an earlier run's
          const auto i = static_cast<std::size_t>(index);
          if (done[i] != 0) continue;
          done[i] = 1;
          --outstanding;
          progress = true;
          stats.record_latency(sent_at[i], now);
          if (workload_.check(replies_[k], i)) ++stats.answered;
          else ++stats.wrong;
        }
      }
      if (progress) {
        last_progress = Clock::now();
        while (stats.sent < calls && outstanding < depth) send_one();
      } else if (Clock::now() - last_progress > stall_timeout) {
        stats.stalled = true;
        break;
      }
    }
    stats.elapsed_s = std::chrono::duration<double>(Clock::now() - start).count();
    return stats;
  }

 private:
  RawEndpoints endpoints_;
  Workload workload_;
  RawSamples<typename Workload::RawResponse> replies_;
  std::uint64_t guid_ = 0;
  std::int64_t next_sequence_ = 1;
};

}  // namespace service_bench
