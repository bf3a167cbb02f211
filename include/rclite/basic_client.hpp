/// @file
/// The one implementation of a service client, whatever its types: Client<Srv> (generated code)
/// and GenericClient (runtime-typed values) are a BasicClient over a different `Codec`, the
/// only part that knows how a request is encoded and a reply decoded.
///
/// Replies are matched and delivered by rclite's own DDS listener, not by an executor, so a
/// future completes even when nothing spins — and a blocking call() from inside a callback does
/// not deadlock. Every request ends exactly once: its reply, its deadline (TimeoutError), the loss
/// of every server it was sent to (ServiceUnavailableError), cancel() (RequestCancelledError) or the
/// client's destruction or shutdown (ShutdownError); a reply that does not decode as the response
/// type ends it with MalformedResponseError. A request without a deadline whose server is alive
/// but never answers it (a Responder destroyed unsent, a reply the server could not deliver: both
/// logged by the server) waits until one of the last three: give requests a timeout.
///
/// Response callbacks run on the executor spinning the client's node. Once the client is destroyed
/// or reset(), none starts, from any thread (one running elsewhere is waited for); its pending
/// requests then end silently for callbacks and with ShutdownError for futures still held. A
/// callback may destroy its own client.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <utility>
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

/// A service client over `Codec`, the types' side of a call. Use Client<Srv> or GenericClient.
///
/// A `Codec` is copyable (each request's decoder keeps a copy) and has:
/// - `Request`, `Response`: the message types, and `kHandleName`: the class named when an empty
///   client is used;
/// - `void encode_request(const Request&, wire::CdrWriter&) const`: writes the request's body; what
///   it throws propagates and nothing is sent;
/// - `Response decode_response(std::span<const std::uint8_t> sample) const`: reads a whole reply
///   sample; what it throws ends the request with MalformedResponseError;
/// - for introspection, `detail::MessageTypeInfo event_type() const` (the `<Srv>_Event` type),
///   `publish_request_sent(core, state, sequence, request, sample)` (`request` may be null: the
///   request is then read from `sample`) and `publish_response_received(core, sample, sequence)`.
template <class Codec>
class BasicClient {
 public:
  /// The request message type.
  using Request = typename Codec::Request;
  /// The response message type.
  using Response = typename Codec::Response;
  /// What callback-style async_send_request hands its callback.
  using SharedFuture = std::shared_future<Response>;

  BasicClient() = default;
  /// Wraps the implementation (Node::create_client and GenericClient make it).
  BasicClient(std::shared_ptr<detail::ClientCore> core, Codec codec)
      : core_(std::move(core)), codec_(std::move(codec)) {}
  /// Moves the client; the moved-from one is empty.
  BasicClient(BasicClient&&) noexcept = default;
  /// Replaces this client by `other` (this one is reset() first).
  BasicClient& operator=(BasicClient&& other) noexcept {
    if (this != &other) {
      reset();
      core_ = std::move(other.core_);
      codec_ = std::move(other.codec_);
    }
    return *this;
  }
  ~BasicClient() { reset(); }

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

  /// Sends `request`; the future holds the reply or the error that ended the request. Throws what
  /// encoding throws (nothing is sent then) and ShutdownError after shutdown.
  ResponseFuture<Response> async_send_request(const Request& request, RequestOptions options = {}) {
    auto pending = std::make_shared<detail::PromisePending<Response, Decode>>(Decode{codec_});
    auto future = pending->get_future();
    const auto id = send_request(request, std::move(pending), options);
    return ResponseFuture<Response>(std::move(future), id);
  }

  /// `callback(std::shared_future<Response>)` runs on the executor spinning this client's node.
  template <class Callback>
  std::int64_t async_send_request(const Request& request, Callback callback, RequestOptions options = {}) {
    auto pending = std::make_shared<detail::CallbackPending<Response, Decode>>(
        Decode{codec_}, core_, std::function<void(SharedFuture)>(std::move(callback)));
    return send_request(request, std::move(pending), options);
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
    core().configure_introspection(
        codec_.event_type(), qos, state,
        [codec = codec_](detail::ClientCore& core, std::span<const std::uint8_t> sample, std::int64_t sequence) {
          codec.publish_response_received(core, sample, sequence);
        });
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

 protected:
  /// The types' side of this client.
  const Codec& codec() const { return codec_; }
  /// The implementation; std::logic_error when empty.
  detail::ClientCore& core() const { return detail::checked_core(core_, Codec::kHandleName); }
  /// For callback-style requests: the posted callback holds the client weakly.
  const std::shared_ptr<detail::ClientCore>& shared_core() const { return core_; }

  /// Sends the request whose body `write_body(wire::CdrWriter&)` writes, for `pending`. `request`
  /// is what the REQUEST_SENT event shows (null: the codec reads it back from the sample).
  template <class WriteBody>
  std::int64_t send(const WriteBody& write_body, std::shared_ptr<detail::ClientCore::Pending> pending,
                    const RequestOptions& options, const Request* request) {
    auto& core = this->core();
    // The body is encoded before a sequence number is taken: a request that does not encode (a
    // bound exceeded) leaves no gap in the sequence, which servers would count as a lost request.
    thread_local std::vector<std::uint8_t> buffer;  // reused: no allocation per request
    wire::CdrWriter writer(buffer);
    wire::write_request_header(writer, wire::RequestHeader{});
    write_body(writer);
    writer.finish();
    const wire::RequestHeader header = core.next_header();
    wire::patch_request_header(buffer, header);
    std::optional<detail::ClientCore::Clock::time_point> deadline;
    if (options.timeout) deadline = detail::ClientCore::Clock::now() + *options.timeout;
    const auto introspection = core.introspection_state();  // before the reply can arrive
    if (introspection == IntrospectionState::Off) {
      core.send(header, buffer, std::move(pending), deadline);  // may take a large buffer over
      return header.sequence;
    }
    std::vector<std::uint8_t> sent = buffer;  // the event reads the request after it is sent
    core.send(header, sent, std::move(pending), deadline);
    codec_.publish_request_sent(core, introspection, header.sequence, request, buffer);
    return header.sequence;
  }

 private:
  // Each request's decoder: the codec's decode_response.
  struct Decode {
    Codec codec;
    Response operator()(std::span<const std::uint8_t> sample) const { return codec.decode_response(sample); }
  };

  std::int64_t send_request(const Request& request, std::shared_ptr<detail::ClientCore::Pending> pending,
                            const RequestOptions& options) {
    return send([&](wire::CdrWriter& writer) { codec_.encode_request(request, writer); }, std::move(pending), options,
                &request);
  }

  std::shared_ptr<detail::ClientCore> core_;
  Codec codec_;
};

}  // namespace rclite
