/// @file
/// A service server: `node.create_service<Srv>(name, callback)`.
///
/// The callback may be any of
///   Response(const Request&)                    answer by returning
///   void(const Request&, Response&)             answer by filling the response
///   void(const Request&, Responder<Srv>)        answer later, from any thread (deferred)
/// A request that cannot be decoded is dropped with a log line; the callback never sees it.
#pragma once

#include <memory>
#include <string>
#include <type_traits>
#include <vector>

#include "rclite/detail/entities.hpp"
#include "rclite/detail/handle.hpp"
#include "rclite/logging.hpp"
#include "rclite/qos.hpp"
#include "rclite/service_introspection.hpp"
#include "rclite/wire/cdr.hpp"

namespace rclite {

/// Sends the response to one request, once, from any thread. Move-only.
template <wire::Service Srv>
class Responder {
 public:
  /// The response message type.
  using Response = typename wire::ServiceTraits<Srv>::Response;

  /// Bound to request `id` of a service (Service's callback gets it).
  Responder(std::weak_ptr<detail::ServiceCore> core, detail::RequestId id) : core_(std::move(core)), id_(id) {}
  /// Moves the duty to answer; the moved-from responder is empty.
  Responder(Responder&&) noexcept = default;
  /// Replaces this responder by `other`.
  Responder& operator=(Responder&& other) noexcept {
    if (this != &other) {
      report_unanswered();
      core_ = std::move(other.core_);
      id_ = other.id_;
    }
    return *this;
  }
  Responder(const Responder&) = delete;
  Responder& operator=(const Responder&) = delete;
  /// A Responder destroyed without sending leaves its client waiting (until its deadline): logged.
  ~Responder() { report_unanswered(); }

  /// False when the service was destroyed, the client went away, or a response was already sent.
  bool send(const Response& response) {
    auto core = core_.lock();
    if (!core) return false;
    core_.reset();
    std::vector<std::uint8_t> sample;
    wire::encode_service_sample(id_.header, response, sample);
    const auto introspection = core->introspection_state();
    const bool sent = core->send_response(id_, sample);
    if (sent) {
      detail::publish_service_event<Srv>(*core, introspection, detail::ServiceEventType::ResponseSent,
                                         detail::server_side_client_gid(id_.header.guid, id_.writer_handle),
                                         id_.header.sequence, nullptr, &response);
    }
    return sent;
  }

  /// The request's header: the client's GUID and sequence number.
  const wire::RequestHeader& request_header() const { return id_.header; }

 private:
  void report_unanswered() noexcept {
    if (auto core = core_.lock()) {
      try {
        core->report_unanswered(id_);
      } catch (...) {  // logging failed: nothing more to do in a destructor
      }
    }
  }

  std::weak_ptr<detail::ServiceCore> core_;
  detail::RequestId id_;
};

/// A server of service type `Srv`, made by Node::create_service. Move-only; destroying it removes it.
template <wire::Service Srv>
class Service {
 public:
  /// The generated traits of `Srv`.
  using Traits = wire::ServiceTraits<Srv>;
  /// The request message type.
  using Request = typename Traits::Request;
  /// The response message type.
  using Response = typename Traits::Response;

  Service() = default;
  /// Wraps the implementation (Node::create_service makes it).
  explicit Service(std::shared_ptr<detail::ServiceCore> core) : core_(std::move(core)) {}
  /// Moves the server; the moved-from one is empty.
  Service(Service&&) noexcept = default;
  /// Replaces this server by `other` (this one is removed first).
  Service& operator=(Service&& other) noexcept {
    if (this != &other) {
      reset();
      core_ = std::move(other.core_);
    }
    return *this;
  }
  ~Service() { reset(); }

  /// The fully qualified, remapped name ("/add_two_ints").
  const std::string& get_service_name() const { return core().service_name(); }
  /// False when empty (default-constructed, moved from, or reset()).
  explicit operator bool() const { return core_ != nullptr; }

  /// Requests dropped unhandled because ServiceOptions::max_queued_requests of them were waiting
  /// (the oldest waiting one goes; each drop is logged too). Thread-safe.
  std::uint64_t dropped_requests() const { return core().dropped_requests(); }

  /// Publishes REQUEST_RECEIVED and RESPONSE_SENT events on "<service>/_service_event" with `qos`
  /// (spec §8.2); Off deletes that publisher. Thread-safe.
  void configure_introspection(const QoS& qos, IntrospectionState state) {
    core().configure_introspection(detail::message_type_info<typename Traits::Event>(), qos, state);
  }

  /// Stops serving: the DDS endpoints are deleted and the graph updated.
  void reset() {
    if (core_) core_->close();
    core_.reset();
  }

  /// Builds the untyped handler that decodes, calls `callback` and encodes the answer.
  template <class Callback>
  static detail::ServiceCore::RequestHandler make_handler(Callback callback, Logger logger) {
    return [callback = std::move(callback), logger = std::move(logger)](
               detail::ServiceCore& core, std::span<const std::uint8_t> sample, const detail::RequestId& id) mutable {
      Request request;
      try {
        wire::decode_service_sample(sample, request);
      } catch (const wire::CdrError& error) {
        logger.error("dropping a malformed {} request: {}", Traits::ros_type_name, error.what());
        return;
      }
      detail::publish_service_event<Srv>(core, core.introspection_state(), detail::ServiceEventType::RequestReceived,
                                         detail::server_side_client_gid(id.header.guid, id.writer_handle),
                                         id.header.sequence, &request, nullptr);
      if constexpr (std::is_invocable_v<Callback&, const Request&, Responder<Srv>>) {
        callback(request, Responder<Srv>(core.weak_from_this(), id));
      } else {
        Response response{};
        if constexpr (std::is_invocable_r_v<Response, Callback&, const Request&>) {
          response = callback(request);
        } else {
          static_assert(std::is_invocable_v<Callback&, const Request&, Response&>,
                        "service callback must be Response(const Request&), void(const Request&, Response&) "
                        "or void(const Request&, Responder<Srv>)");
          callback(request, response);
        }
        thread_local std::vector<std::uint8_t> buffer;  // reused: no allocation per reply
        try {
          wire::encode_service_sample(id.header, response, buffer);
        } catch (const wire::CdrError& error) {
          logger.error("cannot send the {} response: {}", Traits::ros_type_name, error.what());
          return;
        }
        const auto introspection = core.introspection_state();
        if (core.send_response(id, buffer)) {
          detail::publish_service_event<Srv>(core, introspection, detail::ServiceEventType::ResponseSent,
                                             detail::server_side_client_gid(id.header.guid, id.writer_handle),
                                             id.header.sequence, nullptr, &response);
        }
      }
    };
  }

 private:
  detail::ServiceCore& core() const { return detail::checked_core(core_, "rclite::Service"); }
  std::shared_ptr<detail::ServiceCore> core_;
};

}  // namespace rclite
