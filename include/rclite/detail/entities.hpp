// The untyped cores behind services (Service<Srv>, GenericService) and clients (BasicClient): they
// move serialized samples and know nothing of the message types. Implemented in src/node; no DDS type appears here.
#pragma once

#include <chrono>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "rclite/callback_group.hpp"
#include "rclite/detail/service_events.hpp"
#include "rclite/detail/topic_entities.hpp"
#include "rclite/detail/type_definitions.hpp"
#include "rclite/service_options.hpp"
#include "rclite/wire/message_traits.hpp"
#include "rclite/wire/request_header.hpp"

namespace rclite::detail {

class NodeImpl;

// Names and hashes of a service type, taken from the generated ServiceTraits.
struct ServiceTypeInfo {
  std::string_view service_type;       // "example_interfaces/srv/AddTwoInts"
  std::string_view request_dds_type;   // "example_interfaces::srv::dds_::AddTwoInts_Request_"
  std::string_view response_dds_type;
  std::string_view request_hash;       // RIHS01 of the _Request message
  std::string_view response_hash;
  std::string_view service_hash;           // RIHS01 of the service (what ~/get_type_description knows it by)
  DefinitionCollector definitions = nullptr;  // null for runtime-typed services
};

// Where a request came from: the header the client wrote, and the server-local handle of the
// client's request writer (which tells whom to wait for before replying, spec §7.2).
struct RequestId {
  wire::RequestHeader header;
  std::uint64_t writer_handle = 0;
};

class ServiceCore : public ServiceEventSink, public std::enable_shared_from_this<ServiceCore> {
 public:
  using RequestHandler =
      std::function<void(ServiceCore& core, std::span<const std::uint8_t> sample, const RequestId& id)>;
  virtual ~ServiceCore() = default;
  virtual const std::string& service_name() const = 0;
  // Thread-safe; false (logged) when the reply cannot be delivered: the service was closed, the
  // client went away (the reply is dropped, as rmw does), the write failed. The bytes of a large
  // `sample` are taken over rather than copied: read it no more (it is left empty or as it was).
  virtual bool send_response(const RequestId& id, std::vector<std::uint8_t>& sample) = 0;
  // Logs, once, that request `id` will never be answered (a Responder destroyed unsent).
  virtual void report_unanswered(const RequestId& id) = 0;
  // Requests dropped unhandled because max_queued_requests were waiting (thread-safe).
  virtual std::uint64_t dropped_requests() const = 0;
  // Creates (or, for Off, deletes) the publisher of "<service>/_service_event" for `event_type`.
  virtual void configure_introspection(const MessageTypeInfo& event_type, const QoS& qos,
                                       IntrospectionState state) = 0;
  virtual void close() = 0;
};

std::shared_ptr<ServiceCore> create_service_core(const std::shared_ptr<NodeImpl>& node, const std::string& name,
                                                 const ServiceTypeInfo& type, ServiceCore::RequestHandler handler,
                                                 const ServiceOptions& options);

class ClientCore : public ServiceEventSink {
 public:
  // The typed side of one outstanding request; exactly one of the two is called, once.
  class Pending {
   public:
    virtual ~Pending() = default;
    virtual void complete(std::span<const std::uint8_t> reply_sample) = 0;
    virtual void fail(std::exception_ptr error) = 0;
  };
  using Clock = std::chrono::steady_clock;
  // Publishes the RESPONSE_RECEIVED event of a reply sample (the codec's; see BasicClient).
  using ReplyEventPublisher =
      std::function<void(ClientCore& core, std::span<const std::uint8_t> reply_sample, std::int64_t sequence)>;

  virtual ~ClientCore() = default;
  virtual const std::string& service_name() const = 0;
  virtual wire::RequestHeader next_header() = 0;
  // Registers `pending` under header.sequence and writes the sample (taken over when large, as by
  // ServiceCore::send_response). Throws on write failure.
  virtual void send(const wire::RequestHeader& header, std::vector<std::uint8_t>& sample,
                    std::shared_ptr<Pending> pending, std::optional<Clock::time_point> deadline) = 0;
  virtual bool cancel(std::int64_t sequence) = 0;
  virtual std::size_t pending_requests() const = 0;
  virtual bool service_is_ready() const = 0;
  virtual bool wait_for_service(std::chrono::nanoseconds timeout) = 0;
  // Runs `callback` on the executor spinning the client's node (response callbacks).
  virtual void post(std::function<void()> callback) = 0;
  // The client's 16-byte id (its "clientid", spec §5): the client_gid of its events.
  virtual const ClientGid& gid() const = 0;
  // As ServiceCore's; `on_reply` publishes each reply's event while introspection is on.
  virtual void configure_introspection(const MessageTypeInfo& event_type, const QoS& qos, IntrospectionState state,
                                       ReplyEventPublisher on_reply) = 0;
  virtual void close() = 0;
};

std::shared_ptr<ClientCore> create_client_core(const std::shared_ptr<NodeImpl>& node, const std::string& name,
                                               const ServiceTypeInfo& type, const ClientOptions& options);

template <class Srv, class Traits>
ServiceTypeInfo service_type_info() {
  using Request = typename Traits::Request;
  using Response = typename Traits::Response;
  return ServiceTypeInfo{Traits::ros_type_name, wire::MessageTraits<Request>::dds_type_name,
                         wire::MessageTraits<Response>::dds_type_name, wire::MessageTraits<Request>::type_hash,
                         wire::MessageTraits<Response>::type_hash, Traits::type_hash, service_definitions<Srv>()};
}

}  // namespace rclite::detail
