/// @file
/// A service client: `node.create_client<Srv>(name)`.
///
/// Replies are matched and delivered by rclite's own DDS listener, not by an executor, so a
/// future completes even when nothing spins — and a blocking call() from inside a callback does
/// not deadlock. Every request ends exactly once: its reply, its deadline (TimeoutError), the loss
/// of every server it was sent to (ServiceUnavailableError), cancel() (RequestCancelledError), the
/// client's destruction or shutdown (ShutdownError). A request without a deadline whose server is
/// alive but never answers it (a Responder destroyed unsent, a reply the server could not deliver:
/// both logged by the server) waits until one of the last three: give requests a timeout.
///
/// Response callbacks run on the executor spinning the client's node. Once the client is destroyed
/// or reset(), none starts, from any thread (one running elsewhere is waited for); its pending
/// requests then end silently for callbacks and with ShutdownError for futures still held. A
/// callback may destroy its own client.
#pragma once

#include <chrono>
#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "rclite/detail/entities.hpp"
#include "rclite/detail/handle.hpp"
#include "rclite/detail/pending_request.hpp"
#include "rclite/errors.hpp"
#include "rclite/qos.hpp"
#include "rclite/service_introspection.hpp"
#include "rclite/wire/cdr.hpp"

namespace rclite {

/// Options of one request.
struct RequestOptions {
  /// The request fails with TimeoutError when no reply came by then. None: no deadline.
  std::optional<std::chrono::steady_clock::duration> timeout;
};

/// The future of one request and its id (rclcpp's FutureAndRequestId).
template <class Response>
class ResponseFuture {
 public:
  /// Wraps the future of request `request_id`.
  ResponseFuture(std::future<Response> future, std::int64_t request_id)
      : future_(std::move(future)), request_id_(request_id) {}

  /// Waits for the reply and returns it, or throws the request's ServiceError.
  Response get() { return future_.get(); }
  /// Waits until the request ended.
  void wait() const { future_.wait(); }
  /// Waits at most `timeout` (std::future::wait_for).
  template <class Rep, class Period>
  std::future_status wait_for(const std::chrono::duration<Rep, Period>& timeout) const {
    return future_.wait_for(timeout);
  }
  /// Waits until `deadline` (std::future::wait_until).
  template <class Clock, class Duration>
  std::future_status wait_until(const std::chrono::time_point<Clock, Duration>& deadline) const {
    return future_.wait_until(deadline);
  }
  /// False after get() or share().
  bool valid() const { return future_.valid(); }
  /// The request's sequence number (cancel() takes it).
  std::int64_t request_id() const { return request_id_; }
  /// A shared future of the same result; this one becomes invalid.
  std::shared_future<Response> share() { return future_.share(); }

 private:
  std::future<Response> future_;
  std::int64_t request_id_;
};

/// A client of service type `Srv`, made by Node::create_client. Move-only; an empty one throws on use.
template <wire::Service Srv>
class Client {
 public:
  /// The generated traits of `Srv`.
  using Traits = wire::ServiceTraits<Srv>;
  /// The request message type.
  using Request = typename Traits::Request;
  /// The response message type.
  using Response = typename Traits::Response;
  /// What callback-style async_send_request hands its callback.
  using SharedFuture = std::shared_future<Response>;

  Client() = default;
  /// Wraps the implementation (Node::create_client makes it).
  explicit Client(std::shared_ptr<detail::ClientCore> core) : core_(std::move(core)) {}
  /// Moves the client; the moved-from one is empty.
  Client(Client&&) noexcept = default;
  /// Replaces this client by `other` (this one is reset() first).
  Client& operator=(Client&& other) noexcept {
    if (this != &other) {
      reset();
      core_ = std::move(other.core_);
    }
    return *this;
  }
  ~Client() { reset(); }

  /// The resolved service name.
  const std::string& get_service_name() const { return core().service_name(); }
  /// False when empty (default-constructed, moved from, or reset()).
  explicit operator bool() const { return core_ != nullptr; }

  /// True when a server is matched both ways (its request reader and reply writer, spec §7.1).
  bool service_is_ready() const { return core().service_is_ready(); }
  /// Waits at most `timeout` for service_is_ready(); false on timeout or shutdown.
  template <class Rep, class Period>
  bool wait_for_service(std::chrono::duration<Rep, Period> timeout) const {
    return core().wait_for_service(std::chrono::duration_cast<std::chrono::nanoseconds>(timeout));
  }
  /// Waits for service_is_ready() without a timeout; false on shutdown.
  bool wait_for_service() const { return core().wait_for_service(std::chrono::nanoseconds::max()); }

  /// Sends `request`; the future holds the reply or the error that ended the request.
  ResponseFuture<Response> async_send_request(const Request& request, RequestOptions options = {}) {
    auto pending = std::make_shared<PromisePending>();
    auto future = pending->get_future();
    const auto id = send(request, pending, options);
    return ResponseFuture<Response>(std::move(future), id);
  }

  /// `callback(std::shared_future<Response>)` runs on the executor spinning this client's node.
  template <class Callback>
  std::int64_t async_send_request(const Request& request, Callback callback, RequestOptions options = {}) {
    auto pending = std::make_shared<CallbackPending>(GeneratedDecoder{}, core_,
                                                     std::function<void(SharedFuture)>(std::move(callback)));
    return send(request, pending, options);
  }

  /// Blocks until the reply, and throws TimeoutError after `timeout` (or another ServiceError).
  template <class Rep, class Period>
  Response call(const Request& request, std::chrono::duration<Rep, Period> timeout) {
    RequestOptions options;
    options.timeout = std::chrono::duration_cast<std::chrono::steady_clock::duration>(timeout);
    return async_send_request(request, options).get();
  }

  /// Publishes REQUEST_SENT and RESPONSE_RECEIVED events on "<service>/_service_event" with `qos`
  /// (spec §8.2); Off deletes that publisher. Thread-safe.
  void configure_introspection(const QoS& qos, IntrospectionState state) {
    core().configure_introspection(detail::message_type_info<typename Traits::Event>(), qos, state, &publish_reply_event);
  }

  /// Fails the request with RequestCancelledError; false when it had already ended.
  bool cancel(std::int64_t request_id) { return core().cancel(request_id); }
  /// Requests sent and not yet ended.
  std::size_t pending_requests() const { return core().pending_requests(); }

  /// Closes the client (see the file comment); it becomes empty.
  void reset() {
    if (core_) core_->close();
    core_.reset();
  }

 private:
  /// Decodes a reply sample with the generated code.
  struct GeneratedDecoder {
    Response operator()(std::span<const std::uint8_t> sample) const {
      Response response;
      wire::decode_service_sample(sample, response);
      return response;
    }
  };
  using PromisePending = detail::PromisePending<Response, GeneratedDecoder>;
  using CallbackPending = detail::CallbackPending<Response, GeneratedDecoder>;

  std::int64_t send(const Request& request, std::shared_ptr<detail::ClientCore::Pending> pending,
                    const RequestOptions& options) {
    const wire::RequestHeader header = core().next_header();
    thread_local std::vector<std::uint8_t> buffer;  // reused: no allocation per request
    wire::encode_service_sample(header, request, buffer);
    std::optional<detail::ClientCore::Clock::time_point> deadline;
    if (options.timeout) deadline = detail::ClientCore::Clock::now() + *options.timeout;
    const auto introspection = core().introspection_state();  // before the reply can arrive
    core().send(header, buffer, std::move(pending), deadline);
    detail::publish_service_event<Srv>(core(), introspection, detail::ServiceEventType::RequestSent, core().gid(),
                                       header.sequence, &request, nullptr);
    return header.sequence;
  }

  static void publish_reply_event(detail::ClientCore& core, std::span<const std::uint8_t> sample, std::int64_t sequence) {
    Response response;
    try {
      wire::decode_service_sample(sample, response);
    } catch (const wire::CdrError&) {
      return;  // the pending request fails with the decoding error on its own
    }
    detail::publish_service_event<Srv>(core, core.introspection_state(), detail::ServiceEventType::ResponseReceived,
                                       core.gid(), sequence, nullptr, &response);
  }

  detail::ClientCore& core() const { return detail::checked_core(core_, "rclite::Client"); }
  std::shared_ptr<detail::ClientCore> core_;
};

}  // namespace rclite
