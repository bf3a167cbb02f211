/// @file
/// A service server whose type is only known at run time, working on serialized samples: the
/// request's CDR body is read with a wire::CdrReader and the response's written with a
/// wire::CdrWriter, by code that knows the type at run time (the Python face's codec).
///
/// @code{.unparsed}
///   rclite::GenericService service(node, "/add_two_ints", "example_interfaces/srv/AddTwoInts",
///       [](rclite::wire::CdrReader& request, rclite::GenericResponder responder) {
///         std::int64_t a, b;
///         request.read(a);
///         request.read(b);
///         responder.send([&](rclite::wire::CdrWriter& response) { response.write(a + b); });
///       });
/// @endcode
///
/// It goes through the same service core as Service<Srv>: same endpoints, QoS, graph entries and
/// lifetime rules (no callback after reset() returns), and the same service events when introspected
/// (configure_introspection). Its type is described on ~/get_type_description as far as the library
/// that loaded it can (GenericServiceType::definitions).
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "rclite/detail/entities.hpp"
#include "rclite/detail/handle.hpp"
#include "rclite/generic_client.hpp"
#include "rclite/node.hpp"
#include "rclite/serialized.hpp"
#include "rclite/wire/cdr_reader.hpp"
#include "rclite/wire/cdr_writer.hpp"

namespace rclite {

/// Sends the response to one request of a GenericService, once, from any thread. Move-only.
class GenericResponder {
 public:
  /// Bound to request `id` of a service (GenericService's callback gets it); `type`, when given,
  /// decodes the response for the service's RESPONSE_SENT event with contents.
  GenericResponder(std::weak_ptr<detail::ServiceCore> core, detail::RequestId id,
                   std::shared_ptr<const GenericServiceType> type = nullptr);
  /// Moves the duty to answer; the moved-from responder is empty.
  GenericResponder(GenericResponder&& other) noexcept = default;
  /// Replaces this responder by `other` (this one's request is reported unanswered if unsent).
  GenericResponder& operator=(GenericResponder&& other) noexcept;
  GenericResponder(const GenericResponder&) = delete;
  GenericResponder& operator=(const GenericResponder&) = delete;
  /// A responder destroyed without sending leaves its client waiting (until its deadline): logged.
  ~GenericResponder();

  /// Writes the response with `write_body` and sends it. False when the service was destroyed,
  /// the client went away, or a response was already sent. What `write_body` throws (a value out
  /// of its type's range, a bound exceeded) propagates and nothing is sent; the responder stays
  /// usable.
  bool send(const BodyWriter& write_body);

  /// The request's header: the client's GUID and sequence number.
  const wire::RequestHeader& request_header() const { return id_.header; }

 private:
  void report_unanswered() noexcept;
  std::weak_ptr<detail::ServiceCore> core_;
  detail::RequestId id_;
  std::shared_ptr<const GenericServiceType> type_;
};

/// A server of a service type known only at run time, on serialized samples.
class GenericService {
 public:
  /// Called with each request, on the executor spinning the node: `request` is positioned at the
  /// request's body. Answer now or later through the responder. What the callback throws
  /// propagates out of the executor's spin, as for Service<Srv>.
  using Callback = std::function<void(wire::CdrReader& request, GenericResponder responder)>;

  GenericService() = default;
  /// A server of `service_name` (expanded and remapped for `node`) of type `type`.
  GenericService(Node& node, const std::string& service_name, GenericServiceType type, Callback callback,
                 const ServiceOptions& options = {});
  /// The same, loading `service_type` ("pkg/srv/Name") through `library`. Throws
  /// idl::UnknownTypeError for an unknown type.
  GenericService(Node& node, const std::string& service_name, const std::string& service_type,
                 idl::InterfaceLibrary& library, Callback callback, const ServiceOptions& options = {});
  /// Moves the server; the moved-from one is empty.
  GenericService(GenericService&&) noexcept = default;
  /// Replaces this server by `other` (this one is reset() first).
  GenericService& operator=(GenericService&& other) noexcept;
  GenericService(const GenericService&) = delete;
  GenericService& operator=(const GenericService&) = delete;
  ~GenericService() { reset(); }

  /// The resolved service name.
  const std::string& get_service_name() const { return core().service_name(); }
  /// The resolved service type.
  const GenericServiceType& get_service_type() const { return *type_; }
  /// False when empty (moved from, or reset()).
  explicit operator bool() const { return core_ != nullptr; }
  /// Requests dropped unhandled because ServiceOptions::max_queued_requests of them were waiting.
  std::uint64_t dropped_requests() const { return core().dropped_requests(); }
  /// Publishes REQUEST_RECEIVED and RESPONSE_SENT events on "<service>/_service_event" with `qos`
  /// (spec §8.2), as Service<Srv> does; Off deletes that publisher. Thread-safe. Throws
  /// idl::UnknownTypeError when the service's event type could not be loaded.
  void configure_introspection(const QoS& qos, IntrospectionState state);
  /// Stops serving: the DDS endpoints are deleted and the graph updated.
  void reset();

 private:
  detail::ServiceCore& core() const { return detail::checked_core(core_, "rclite::GenericService"); }
  std::shared_ptr<const GenericServiceType> type_;
  std::shared_ptr<detail::ServiceCore> core_;
};

}  // namespace rclite
