// GenericClient: BasicClient over the runtime-typed codec (rclite/dynamic/cdr.hpp), and that codec.
#include "rclite/generic_client.hpp"

#include <exception>
#include <optional>
#include <span>
#include <utility>
#include <vector>

#include "rclite/detail/pending_request.hpp"
#include "rclite/detail/service_events.hpp"
#include "rclite/detail/time_msg.hpp"
#include "rclite/dynamic/cdr.hpp"
#include "rclite/dynamic/interface_roots.hpp"
#include "dynamic_service_events.hpp"
#include "runtime_type_definitions.hpp"
#include "rclite/detail/access.hpp"

namespace rclite {

namespace {

// Keeps a reply sample as it came, for the caller's own decoder (async_send_serialized).
struct SampleCopier {
  SerializedServiceSample operator()(std::span<const std::uint8_t> sample) const {
    return SerializedServiceSample(std::vector<std::uint8_t>(sample.begin(), sample.end()));
  }
};
using SerializedPromisePending = detail::PromisePending<SerializedServiceSample, SampleCopier>;
using SerializedCallbackPending = detail::CallbackPending<SerializedServiceSample, SampleCopier>;

[[noreturn]] void unknown_type(const std::string& service_type, const std::string& why) {
  throw idl::UnknownTypeError("unknown service type '" + service_type + "': " + why);
}

}  // namespace

GenericServiceType GenericServiceType::resolve(const std::string& service_type, idl::InterfaceLibrary& library) {
  const auto name = idl::parse_type_name(service_type);
  // The services of an action (pkg/action/Name_SendGoal, pkg/action/Name_GetResult) are services too.
  const bool is_service_name =
      name && (name->subfolder == "srv" || (name->subfolder == "action" && (name->name.ends_with("_SendGoal") ||
                                                                            name->name.ends_with("_GetResult"))));
  if (!is_service_name) unknown_type(service_type, "not a service type name (pkg/srv/Name)");
  GenericServiceType type;
  try {
    const idl::ServiceSpec& spec = library.service(*name);
    type.request = dynamic::MessageType::resolve(spec.request, library);
    type.response = dynamic::MessageType::resolve(spec.response, library);
    type.request_hash = library.hash_of(spec.request);
    type.response_hash = library.hash_of(spec.response);
  } catch (const std::exception& error) {
    unknown_type(service_type, error.what());
  }
  try {
    // Only ~/get_type_description needs them, and the service's hash covers its event, which nests
    // service_msgs: a library may not have it.
    const idl::ServiceSpec& spec = library.service(*name);
    type.service_hash = library.hash_of(spec);
    type.definitions = detail::runtime_service_definitions(spec, library);
  } catch (const std::exception&) {
    type.service_hash.clear();
    type.definitions = nullptr;
  }
  type.name = name->full();
  const std::string dds_prefix = name->package + "::" + name->subfolder + "::dds_::" + name->name;
  type.request_dds_type = dds_prefix + "_Request_";
  type.response_dds_type = dds_prefix + "_Response_";
  type.event_name = type.name + "_Event";
  type.event_dds_type = dds_prefix + "_Event_";
  try {
    // Only introspection needs it, and it nests service_msgs, which a library may not have.
    idl::TypeName event_name = *name;
    event_name.name += "_Event";
    type.event_hash = library.hash_of(library.message(event_name));
  } catch (const std::exception&) {
    type.event_hash.clear();
  }
  return type;
}

GenericServiceType GenericServiceType::resolve(const std::string& service_type) {
  auto library = dynamic::make_interface_library();
  return resolve(service_type, library);
}

namespace detail {

void DynamicClientCodec::encode_request(const Request& request, wire::CdrWriter& writer) const {
  if (!request.is_message() || !(request.message_type().name() == type_->request->name())) {
    throw dynamic::ValueError("the request of " + type_->name + " must be a " + type_->request->name().full() +
                              ", not a " + request.type().to_string());
  }
  dynamic::encode(request, writer);
}

DynamicClientCodec::Response DynamicClientCodec::decode_response(std::span<const std::uint8_t> sample) const {
  return dynamic::decode_service_sample(sample, type_->response).message;
}

MessageTypeInfo DynamicClientCodec::event_type() const { return event_type_info(*type_); }

void DynamicClientCodec::publish_request_sent(ClientCore& core, IntrospectionState state, std::int64_t sequence,
                                              const Request* request, std::span<const std::uint8_t> sample) const {
  std::optional<dynamic::DynamicValue> sent;
  if (request == nullptr && state == IntrospectionState::Contents) {
    // A serialized request (async_send_serialized): read back what was written.
    sent = decode_for_event(sample, type_->request);
    if (sent) request = &*sent;
  }
  publish_dynamic_event(core, state, ServiceEventType::RequestSent, core.gid(), sequence, request, nullptr);
}

void DynamicClientCodec::publish_response_received(ClientCore& core, std::span<const std::uint8_t> sample,
                                                   std::int64_t sequence) const {
  std::optional<dynamic::DynamicValue> response;
  try {
    response = decode_response(sample);
  } catch (const std::exception&) {
    return;  // the pending request fails with the decoding error on its own
  }
  publish_dynamic_event(core, core.introspection_state(), ServiceEventType::ResponseReceived, core.gid(), sequence,
                        nullptr, &*response);
}

}  // namespace detail

GenericClient::GenericClient(Node& node, const std::string& service_name, const std::string& service_type,
                             const ClientOptions& options)
    : GenericClient(node, service_name, GenericServiceType::resolve(service_type), options) {}

GenericClient::GenericClient(Node& node, const std::string& service_name, const std::string& service_type,
                             idl::InterfaceLibrary& library, const ClientOptions& options)
    : GenericClient(node, service_name, GenericServiceType::resolve(service_type, library), options) {}

GenericClient::GenericClient(Node& node, const std::string& service_name, GenericServiceType type,
                             const ClientOptions& options)
    : GenericClient(node, service_name, std::make_shared<const GenericServiceType>(std::move(type)), options) {}

GenericClient::GenericClient(Node& node, const std::string& service_name,
                             std::shared_ptr<const GenericServiceType> type, const ClientOptions& options)
    : BasicClient(detail::create_client_core(detail::Access::node(node), service_name,
                                             detail::ServiceTypeInfo{type->name, type->request_dds_type,
                                                                     type->response_dds_type, type->request_hash,
                                                                     type->response_hash, type->service_hash,
                                                                     type->definitions},
                                             options),
                  detail::DynamicClientCodec(type)) {}

dynamic::DynamicValue GenericClient::make_request() const { return dynamic::DynamicValue(codec().type()->request); }

ResponseFuture<SerializedServiceSample> GenericClient::async_send_serialized(const BodyWriter& write_body,
                                                                            RequestOptions options) {
  auto pending = std::make_shared<SerializedPromisePending>();
  auto future = pending->get_future();
  const auto id = send(write_body, std::move(pending), options, /*request=*/nullptr);
  return ResponseFuture<SerializedServiceSample>(std::move(future), id);
}

std::int64_t GenericClient::async_send_serialized(
    const BodyWriter& write_body, std::function<void(std::shared_future<SerializedServiceSample>)> callback,
    RequestOptions options) {
  auto pending = std::make_shared<SerializedCallbackPending>(SampleCopier{}, shared_core(), std::move(callback));
  return send(write_body, std::move(pending), options, /*request=*/nullptr);
}

}  // namespace rclite
