/// @file
/// A service client of a generated type: `node.create_client<Srv>(name)`.
///
/// Client<Srv> is a BasicClient (rclite/basic_client.hpp: what a call guarantees, how replies
/// and response callbacks are delivered) whose requests and replies are the generated structs.
#pragma once

#include <cstdint>
#include <span>

#include "rclite/basic_client.hpp"
#include "rclite/detail/entities.hpp"
#include "rclite/detail/service_events.hpp"
#include "rclite/service_introspection.hpp"
#include "rclite/wire/cdr.hpp"

namespace rclite {

namespace detail {

// Client<Srv>'s side of a call: the generated code encodes and decodes (BasicClient's Codec).
template <wire::Service Srv>
struct GeneratedClientCodec {
  using Request = typename wire::ServiceTraits<Srv>::Request;
  using Response = typename wire::ServiceTraits<Srv>::Response;
  static constexpr const char* kHandleName = "rclite::Client";

  void encode_request(const Request& request, wire::CdrWriter& writer) const { writer.write(request); }

  Response decode_response(std::span<const std::uint8_t> sample) const {
    Response response;
    wire::decode_service_sample(sample, response);
    return response;
  }

  MessageTypeInfo event_type() const { return message_type_info<typename wire::ServiceTraits<Srv>::Event>(); }

  // `request` is never null: Client<Srv> sends only what it encodes.
  void publish_request_sent(ClientCore& core, IntrospectionState state, std::int64_t sequence, const Request* request,
                            std::span<const std::uint8_t> /*sample*/) const {
    publish_service_event<Srv>(core, state, ServiceEventType::RequestSent, core.gid(), sequence, request, nullptr);
  }

  void publish_response_received(ClientCore& core, std::span<const std::uint8_t> sample, std::int64_t sequence) const {
    Response response;
    try {
      wire::decode_service_sample(sample, response);
    } catch (const wire::CdrError&) {
      return;  // the pending request fails with the decoding error on its own
    }
    publish_service_event<Srv>(core, core.introspection_state(), ServiceEventType::ResponseReceived, core.gid(),
                               sequence, nullptr, &response);
  }
};

}  // namespace detail

/// A client of service type `Srv`, made by Node::create_client. Move-only; an empty one throws on
/// use. Everything it does is BasicClient's.
template <wire::Service Srv>
class Client : public BasicClient<detail::GeneratedClientCodec<Srv>> {
 public:
  /// The generated traits of `Srv`.
  using Traits = wire::ServiceTraits<Srv>;

  Client() = default;
  /// Wraps the implementation (Node::create_client makes it).
  explicit Client(std::shared_ptr<detail::ClientCore> core)
      : BasicClient<detail::GeneratedClientCodec<Srv>>(std::move(core), {}) {}
};

}  // namespace rclite
