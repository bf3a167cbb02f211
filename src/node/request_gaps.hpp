// Requests that never reached a service: clients number their requests 1, 2, 3, ... per client
// (rmw_cyclonedds and rclite alike), and one client's requests arrive in order, so a jump in its
// sequence means requests lost on the way (a KEEP_LAST history that overflowed: rclcpp's service
// QoS, or ours with ServiceOptions::keep_all = false). Counted so that such loss is never silent.
// Pure bookkeeping: no DDS, no lock (the caller holds one).
#pragma once

#include <cstdint>
#include <unordered_map>

namespace rclite::detail {

class RequestGaps {
 public:
  // How many requests of the client writing with `writer` went missing right before `sequence`.
  // The first request seen from a writer counts nothing: what came before it (sent before this
  // service was matched, or failed at the client) was never meant for us.
  std::int64_t missing_before(std::uint64_t writer, std::int64_t sequence) {
    auto [it, first] = last_.try_emplace(writer, sequence);
    if (first) return 0;
    const std::int64_t missing = sequence > it->second + 1 ? sequence - it->second - 1 : 0;
    if (sequence > it->second) it->second = sequence;
    total_ += static_cast<std::uint64_t>(missing);
    return missing;
  }
  std::uint64_t total() const { return total_; }
  // Forgets `writer` (its client went away).
  void forget(std::uint64_t writer) { last_.erase(writer); }

 private:
  std::unordered_map<std::uint64_t, std::int64_t> last_;
  std::uint64_t total_ = 0;
};

}  // namespace rclite::detail
