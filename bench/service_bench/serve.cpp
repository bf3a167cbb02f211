#include "serve.hpp"

#include <atomic>
#include <chrono>

#include "raw_cyclone.hpp"
#include "rclite_side.hpp"
#include "server_child.hpp"
#include "workloads.hpp"

namespace service_bench {

namespace {

constexpr std::chrono::seconds kChildLifetime{600};  // a server child exits after this, whatever happens

// An rclite server spun by a SingleThreadedExecutor, in a context of its own.
template <class Workload>
int serve_rclite(const std::string& service) {
  rclite::Context context;  // SIGTERM/SIGINT shut it down: spin() returns
  rclite::Node node("service_bench_server", in_context(context));
  auto server = make_rclite_service<Workload>(node, service);
  rclite::SingleThreadedExecutor executor(context);
  executor.add_node(node);
  announce_ready();
  executor.spin();
  return 0;
}

// A raw server in a domain of its own.
template <class Workload>
int serve_raw(std::uint32_t domain_id, const std::string& service) {
  const volatile std::sig_atomic_t& stop_signal = stop_on_sigterm();
  RawDomain domain(domain_id);
  RawServer<Workload> server(domain.participant(), service);
  announce_ready();
  const std::atomic<bool> never{false};
  server.run(stop_signal, never);
  return 0;
}

}  // namespace

std::optional<int> serve_if_asked(std::uint32_t domain_id, const std::vector<std::string>& args) {
  if (args.size() != 2) return std::nullopt;
  const std::string& mode = args[0];
  const std::string& service = args[1];
  if (mode != kServeRclite && mode != kServeRaw && mode != kServePayload && mode != kServeRawPayload) {
    return std::nullopt;
  }
  become_server_child(kChildLifetime);
  if (mode == kServeRclite) return serve_rclite<AddTwoIntsWorkload>(service);
  if (mode == kServeRaw) return serve_raw<AddTwoIntsWorkload>(domain_id, service);
  if (mode == kServePayload) return serve_rclite<PayloadWorkload>(service);
  return serve_raw<PayloadWorkload>(domain_id, service);
}

}  // namespace service_bench
