// `rclite service call NAME TYPE [VALUES] [-r RATE] [--timeout SECONDS]`: ros2service's call verb
// with a runtime-typed request (rclite/dynamic) on a rclite::GenericClient.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <future>
#include <thread>

#include <rclite/dynamic/repr.hpp>
#include <rclite/dynamic/yaml.hpp>
#include <rclite/generic_client.hpp>

#include "common.hpp"

namespace rclite::cli {
namespace {

using Clock = std::chrono::steady_clock;

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

  std::optional<GenericServiceType> service_type;
  try {
    service_type = GenericServiceType::resolve(type_name->full());
  } catch (const std::exception&) {
    throw CommandError("The passed service type is invalid");
  }
  const dynamic::MessageTypePtr request_type = service_type->request;

  dynamic::DynamicValue request(request_type);
  try {
    request = dynamic::from_yaml(options.values, request_type);
  } catch (const dynamic::NotAMapError& error) {  // rosidl_runtime_py's set_message_fields' words
    throw CommandError("Failed to populate field: Value '" + error.python_str + "' is expected to be a dictionary but is a " +
                       error.python_type);
  } catch (const dynamic::ValueError& error) {
    throw CommandError("Failed to populate field: " + std::string(error.what()));
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
  GenericClient client(*session.node, options.service_name, std::move(*service_type));

  // ros2 prints the waiting line only when the service is not ready right away; give discovery a
  // moment (bounded, returns as soon as the server is matched) before saying so.
  if (!client.wait_for_service(std::min(left(), std::chrono::nanoseconds(kMaxDiscoveryWait)))) {
    if (!session.context->ok()) return 1;
    if (has_deadline && left() == std::chrono::nanoseconds(0)) {
      throw timed_out("waiting for service '" + options.service_name + "' to become available");
    }
    std::printf("waiting for service to become available...\n");
    std::fflush(stdout);
    if (!client.wait_for_service(left())) {
      if (!session.context->ok()) return 1;
      throw timed_out("waiting for service '" + options.service_name + "' to become available");
    }
  }

  const std::string request_repr = dynamic::to_repr(request);
  while (true) {
    const auto last_call = Clock::now();
    std::printf("requester: making request: %s\n\n", request_repr.c_str());
    std::fflush(stdout);

    RequestOptions request_options;  // each request gets the whole timeout
    if (options.timeout_seconds) {
      const auto request_deadline = last_call + std::chrono::duration_cast<Clock::duration>(
                                                    std::chrono::duration<double>(*options.timeout_seconds));
      request_options.timeout = std::max(Clock::duration::zero(), request_deadline - Clock::now());
    }
    auto future = client.async_send_request(request, request_options);
    std::string response_repr;
    try {
      response_repr = dynamic::to_repr(future.get());
    } catch (const TimeoutError&) {
      throw timed_out("waiting for a response from service '" + options.service_name + "'");
    } catch (const ShutdownError&) {
      return 1;
    } catch (const MalformedResponseError& error) {
      throw CommandError(std::string("Malformed response from service: ") + error.what());
    } catch (const ServiceError& error) {
      throw CommandError(std::string("Exception while calling service: ") + error.what());
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
  GenericClient client(*session.node, service_name, service_type);
  auto request = client.make_request();
  fill(request);

  const auto deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(timeout);
  if (!client.wait_for_service(timeout)) {
    throw ServiceUnavailableError("Timed out waiting for service '" + service_name + "'");
  }
  RequestOptions request_options;
  request_options.timeout = deadline - Clock::now();
  auto future = client.async_send_request(request, request_options);
  try {
    return future.get();
  } catch (const TimeoutError&) {
    throw CommandError("Timed out waiting for a response from service '" + service_name + "'");
  } catch (const MalformedResponseError& error) {
    throw std::runtime_error(error.what());  // reported as any other failure ("rclite: ...")
  } catch (const ServiceError& error) {
    throw CommandError(std::string("Exception while calling service: ") + error.what());
  }
}

}  // namespace rclite::cli
