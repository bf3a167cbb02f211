// GenericClient: the runtime-typed client on the untyped client core (as Client<Srv>, with the
// dynamic CDR codec in place of generated code).
#include "rclite/generic_client.hpp"

#include <exception>
#include <span>
#include <utility>
#include <vector>

#include "rclite/dynamic/cdr.hpp"
#include "rclite/dynamic/interface_roots.hpp"
#include "rclite/detail/pending_request.hpp"
#include "runtime_type_definitions.hpp"

namespace rclite {

namespace {

using SteadyClock = detail::ClientCore::Clock;

// Decodes a reply sample with the runtime-typed codec.
struct DynamicDecoder {
  dynamic::MessageTypePtr response_type;
  dynamic::DynamicValue operator()(std::span<const std::uint8_t> sample) const {
    return dynamic::decode_service_sample(sample, response_type).message;
  }
};
using PromisePending = detail::PromisePending<dynamic::DynamicValue, DynamicDecoder>;
using CallbackPending = detail::CallbackPending<dynamic::DynamicValue, DynamicDecoder>;

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
    type.service_hash = library.hash_of(spec);
    type.definitions = detail::runtime_service_definitions(spec, library);
  } catch (const std::exception& error) {
    unknown_type(service_type, error.what());
  }
  type.name = name->full();
  const std::string dds_prefix = name->package + "::" + name->subfolder + "::dds_::" + name->name;
  type.request_dds_type = dds_prefix + "_Request_";
  type.response_dds_type = dds_prefix + "_Response_";
  return type;
}

GenericServiceType GenericServiceType::resolve(const std::string& service_type) {
  auto library = dynamic::make_interface_library();
  return resolve(service_type, library);
}

GenericClient::GenericClient(Node& node, const std::string& service_name, const std::string& service_type,
                             const ClientOptions& options)
    : GenericClient(node, service_name, GenericServiceType::resolve(service_type), options) {}

GenericClient::GenericClient(Node& node, const std::string& service_name, const std::string& service_type,
                             idl::InterfaceLibrary& library, const ClientOptions& options)
    : GenericClient(node, service_name, GenericServiceType::resolve(service_type, library), options) {}

GenericClient::GenericClient(Node& node, const std::string& service_name, GenericServiceType type,
                             const ClientOptions& options)
    : type_(std::make_shared<const GenericServiceType>(std::move(type))) {
  const detail::ServiceTypeInfo info{type_->name, type_->request_dds_type, type_->response_dds_type,
                                     type_->request_hash, type_->response_hash,
                                     type_->service_hash, type_->definitions};
  core_ = detail::create_client_core(node.impl(), service_name, info, options);
}

GenericClient& GenericClient::operator=(GenericClient&& other) noexcept {
  if (this != &other) {
    reset();
    type_ = std::move(other.type_);
    core_ = std::move(other.core_);
  }
  return *this;
}

const std::string& GenericClient::get_service_name() const { return core().service_name(); }

dynamic::DynamicValue GenericClient::make_request() const { return dynamic::DynamicValue(type_->request); }

bool GenericClient::service_is_ready() const { return core().service_is_ready(); }

bool GenericClient::wait_for_service_ns(std::chrono::nanoseconds timeout) const {
  return core().wait_for_service(timeout);
}

ResponseFuture<dynamic::DynamicValue> GenericClient::async_send_request(const dynamic::DynamicValue& request,
                                                                        RequestOptions options) {
  auto pending = std::make_shared<PromisePending>(DynamicDecoder{type_->response});
  auto future = pending->get_future();
  const auto id = send(request, pending, options);
  return ResponseFuture<dynamic::DynamicValue>(std::move(future), id);
}

std::int64_t GenericClient::send_with_callback(const dynamic::DynamicValue& request,
                                               std::function<void(SharedFuture)> callback,
                                               const RequestOptions& options) {
  auto pending = std::make_shared<CallbackPending>(DynamicDecoder{type_->response}, core_, std::move(callback));
  return send(request, pending, options);
}

std::int64_t GenericClient::send(const dynamic::DynamicValue& request,
                                 std::shared_ptr<detail::ClientCore::Pending> pending, const RequestOptions& options) {
  if (!request.is_message() || !(request.message_type().name() == type_->request->name())) {
    throw dynamic::ValueError("the request of " + type_->name + " must be a " + type_->request->name().full() +
                              ", not a " + request.type().to_string());
  }
  return send([&request](wire::CdrWriter& writer) { dynamic::encode(request, writer); }, std::move(pending), options);
}

ResponseFuture<SerializedServiceSample> GenericClient::async_send_serialized(const BodyWriter& write_body,
                                                                            RequestOptions options) {
  auto pending = std::make_shared<SerializedPromisePending>();
  auto future = pending->get_future();
  const auto id = send(write_body, pending, options);
  return ResponseFuture<SerializedServiceSample>(std::move(future), id);
}

std::int64_t GenericClient::async_send_serialized(
    const BodyWriter& write_body, std::function<void(std::shared_future<SerializedServiceSample>)> callback,
    RequestOptions options) {
  auto pending = std::make_shared<SerializedCallbackPending>(SampleCopier{}, core_, std::move(callback));
  return send(write_body, pending, options);
}

std::int64_t GenericClient::send(const BodyWriter& write_body, std::shared_ptr<detail::ClientCore::Pending> pending,
                                 const RequestOptions& options) {
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
  std::optional<SteadyClock::time_point> deadline;
  if (options.timeout) deadline = SteadyClock::now() + *options.timeout;
  core.send(header, buffer, std::move(pending), deadline);
  return header.sequence;
}

bool GenericClient::cancel(std::int64_t request_id) { return core().cancel(request_id); }

std::size_t GenericClient::pending_requests() const { return core().pending_requests(); }

void GenericClient::reset() {
  if (core_) core_->close();
  core_.reset();
}

}  // namespace rclite
