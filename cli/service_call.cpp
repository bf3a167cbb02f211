// `rclite service call NAME TYPE [VALUES] [-r RATE] [--timeout SECONDS]`: ros2service's call verb
// with a runtime-typed request (rclite/dynamic) on an untyped client core.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <future>
#include <thread>

#include <rclite/dynamic/cdr.hpp>
#include <rclite/dynamic/interface_roots.hpp>
#include <rclite/dynamic/repr.hpp>
#include <rclite/dynamic/yaml.hpp>

#include "common.hpp"

namespace rclite::cli {
namespace {

using Clock = std::chrono::steady_clock;

// The reply sample of one request, delivered by rclite's listener.
struct RawPending : detail::ClientCore::Pending {
  std::promise<std::vector<std::uint8_t>> promise;
  void complete(std::span<const std::uint8_t> sample) override {
    promise.set_value(std::vector<std::uint8_t>(sample.begin(), sample.end()));
  }
  void fail(std::exception_ptr error) override { promise.set_exception(std::move(error)); }
};

// Names and hashes that ServiceTypeInfo views (kept alive as long as the client).
struct TypeStrings {
  std::string service_type, request_dds_type, response_dds_type, request_hash, response_hash;
  detail::ServiceTypeInfo info() const {
    return {service_type, request_dds_type, response_dds_type, request_hash, response_hash};
  }
};

std::string seconds_text(double seconds) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%g", seconds);
  return buffer;
}

}  // namespace

int service_call(const CallOptions& options) {
  if (options.rate && !(*options.rate > 0)) throw CommandError("rate must be greater than zero");
  if (options.timeout_seconds && !(*options.timeout_seconds > 0)) {
    throw CommandError("timeout must be greater than zero");
  }

  // ros2: "pkg/Name" means "pkg/srv/Name".
  std::string type_text = options.service_type;
  if (std::count(type_text.begin(), type_text.end(), '/') == 1) {
    type_text.insert(type_text.find('/'), "/srv");
  }
  const auto type_name = idl::parse_type_name(type_text);
  if (!type_name || type_name->subfolder != "srv") throw CommandError("The passed service type is invalid");

  auto library = dynamic::make_interface_library();
  const idl::ServiceSpec* spec = nullptr;
  dynamic::MessageTypePtr request_type, response_type;
  TypeStrings strings;
  try {
    spec = &library.service(*type_name);
    request_type = dynamic::MessageType::resolve(spec->request, library);
    response_type = dynamic::MessageType::resolve(spec->response, library);
    const std::string dds_prefix = type_name->package + "::srv::dds_::" + type_name->name;
    strings = TypeStrings{type_name->full(), dds_prefix + "_Request_", dds_prefix + "_Response_",
                          library.hash_of(spec->request), library.hash_of(spec->response)};
  } catch (const std::exception&) {
    throw CommandError("The passed service type is invalid");
  }

  dynamic::DynamicValue request(request_type);
  try {
    request = dynamic::from_yaml(options.values, request_type);
  } catch (const dynamic::ValueError& error) {
    const std::string what = error.what();
    if (what.starts_with("expected a map")) {
      throw CommandError("The passed value needs to be a dictionary in YAML format");
    }
    throw CommandError("Failed to populate field: " + what);
  }

  // No optional here: GCC 12 warns (maybe-uninitialized) about optional<time_point> arithmetic.
  const bool has_deadline = options.timeout_seconds.has_value();
  const Clock::time_point deadline =
      has_deadline ? Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                        std::chrono::duration<double>(*options.timeout_seconds))
                   : Clock::time_point::max();
  const auto left = [&]() -> std::chrono::nanoseconds {
    if (!has_deadline) return std::chrono::nanoseconds::max();
    return std::max(std::chrono::nanoseconds(0),
                    std::chrono::duration_cast<std::chrono::nanoseconds>(deadline - Clock::now()));
  };
  const auto timed_out = [&](const std::string& what) {
    return CommandError("Timed out after " + seconds_text(*options.timeout_seconds) + " s " + what);
  };

  Session session("_rclite_cli_requester_" + type_name->package + "_" + type_name->name);
  auto client = detail::create_client_core(session.node->impl(), options.service_name, strings.info(), {});
  struct CloseClient {
    detail::ClientCore& core;
    ~CloseClient() { core.close(); }
  } close_client{*client};

  // ros2 prints the waiting line only when the service is not ready right away; give discovery a
  // moment (bounded, returns as soon as the server is matched) before saying so.
  if (!client->wait_for_service(std::min(left(), std::chrono::nanoseconds(kMaxDiscoveryWait)))) {
    if (!session.context->ok()) return 1;
    if (has_deadline && left() == std::chrono::nanoseconds(0)) {
      throw timed_out("waiting for service '" + options.service_name + "' to become available");
    }
    std::printf("waiting for service to become available...\n");
    std::fflush(stdout);
    if (!client->wait_for_service(left())) {
      if (!session.context->ok()) return 1;
      throw timed_out("waiting for service '" + options.service_name + "' to become available");
    }
  }

  const std::string request_repr = dynamic::to_repr(request);
  while (true) {
    const auto last_call = Clock::now();
    std::printf("requester: making request: %s\n\n", request_repr.c_str());
    std::fflush(stdout);

    std::vector<std::uint8_t> sample;
    const wire::RequestHeader header = client->next_header();
    dynamic::encode_service_sample(header, request, sample);
    auto pending = std::make_shared<RawPending>();
    auto future = pending->promise.get_future();
    std::optional<Clock::time_point> request_deadline;  // each request gets the whole timeout
    if (options.timeout_seconds) {
      request_deadline = last_call + std::chrono::duration_cast<Clock::duration>(
                                         std::chrono::duration<double>(*options.timeout_seconds));
    }
    client->send(header, sample, pending, request_deadline);
    std::vector<std::uint8_t> reply;
    try {
      reply = future.get();
    } catch (const TimeoutError&) {
      throw timed_out("waiting for a response from service '" + options.service_name + "'");
    } catch (const ShutdownError&) {
      return 1;
    } catch (const ServiceError& error) {
      throw CommandError(std::string("Exception while calling service: ") + error.what());
    }
    std::string response_repr;
    try {
      response_repr = dynamic::to_repr(dynamic::decode_service_sample(reply, response_type).message);
    } catch (const std::exception& error) {
      throw CommandError(std::string("Malformed response from service: ") + error.what());
    }
    std::printf("response:\n%s\n\n", response_repr.c_str());
    std::fflush(stdout);

    if (!options.rate || !session.context->ok()) break;
    const auto next = last_call + std::chrono::duration_cast<Clock::duration>(
                                      std::chrono::duration<double>(1.0 / *options.rate));
    while (session.context->ok() && Clock::now() < next) {
      std::this_thread::sleep_for(std::min<Clock::duration>(next - Clock::now(), std::chrono::milliseconds(50)));
    }
    if (!session.context->ok()) break;
  }
  return 0;
}

dynamic::DynamicValue call_service(Session& session, const std::string& service_name,
                                   const std::string& service_type,
                                   const std::function<void(dynamic::DynamicValue&)>& fill,
                                   std::chrono::nanoseconds timeout) {
  const auto type_name = idl::parse_type_name(service_type);
  if (!type_name) throw CommandError("The passed service type is invalid");
  auto library = dynamic::make_interface_library();
  const auto& spec = library.service(*type_name);
  const auto request_type = dynamic::MessageType::resolve(spec.request, library);
  const auto response_type = dynamic::MessageType::resolve(spec.response, library);
  const std::string dds_prefix = type_name->package + "::srv::dds_::" + type_name->name;
  const TypeStrings strings{type_name->full(), dds_prefix + "_Request_", dds_prefix + "_Response_",
                            library.hash_of(spec.request), library.hash_of(spec.response)};
  dynamic::DynamicValue request(request_type);
  fill(request);

  const auto deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(timeout);
  auto client = detail::create_client_core(session.node->impl(), service_name, strings.info(), {});
  struct CloseClient {
    detail::ClientCore& core;
    ~CloseClient() { core.close(); }
  } close_client{*client};
  if (!client->wait_for_service(timeout)) {
    throw CommandError("Timed out waiting for service '" + service_name + "'");
  }
  std::vector<std::uint8_t> sample;
  const wire::RequestHeader header = client->next_header();
  dynamic::encode_service_sample(header, request, sample);
  auto pending = std::make_shared<RawPending>();
  auto future = pending->promise.get_future();
  client->send(header, sample, pending, deadline);
  try {
    const auto reply = future.get();
    return dynamic::decode_service_sample(reply, response_type).message;
  } catch (const TimeoutError&) {
    throw CommandError("Timed out waiting for a response from service '" + service_name + "'");
  } catch (const ServiceError& error) {
    throw CommandError(std::string("Exception while calling service: ") + error.what());
  }
}

}  // namespace rclite::cli
