// GenericService: the runtime-typed server on the untyped service core, on serialized samples
// (the typed Service<Srv> decodes with generated code instead).
#include "rclite/generic_service.hpp"

#include <exception>
#include <optional>
#include <utility>
#include <vector>

#include "dynamic_service_events.hpp"
#include "rclite/dynamic/cdr.hpp"

#include "rclite/wire/cdr_error.hpp"
#include "rclite/wire/cdr.hpp"
#include "rclite/detail/access.hpp"

namespace rclite {

namespace {

// The request or response in `sample` for an event with contents; nullopt when it does not decode
// (a malformed request is dropped, and reported, on its own account).
std::optional<dynamic::DynamicValue> decoded(std::span<const std::uint8_t> sample,
                                             const dynamic::MessageTypePtr& type) {
  try {
    return dynamic::decode_service_sample(sample, type).message;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

detail::ClientGid client_gid(const detail::RequestId& id) {
  return detail::server_side_client_gid(id.header.guid, id.writer_handle);
}

}  // namespace

GenericResponder::GenericResponder(std::weak_ptr<detail::ServiceCore> core, detail::RequestId id,
                                   std::shared_ptr<const GenericServiceType> type)
    : core_(std::move(core)), id_(id), type_(std::move(type)) {}

GenericResponder& GenericResponder::operator=(GenericResponder&& other) noexcept {
  if (this != &other) {
    report_unanswered();
    core_ = std::move(other.core_);
    id_ = other.id_;
    type_ = std::move(other.type_);
  }
  return *this;
}

GenericResponder::~GenericResponder() { report_unanswered(); }

bool GenericResponder::send(const BodyWriter& write_body) {
  auto core = core_.lock();
  if (!core) return false;
  thread_local std::vector<std::uint8_t> buffer;  // reused: no allocation per reply
  wire::CdrWriter writer(buffer);
  wire::write_request_header(writer, id_.header);
  write_body(writer);  // may throw: the responder keeps its duty to answer
  writer.finish();
  core_.reset();
  const auto introspection = core->introspection_state();
  const bool sent = core->send_response(id_, buffer);
  if (sent && introspection != IntrospectionState::Off) {
    std::optional<dynamic::DynamicValue> response;
    if (introspection == IntrospectionState::Contents && type_) response = decoded(buffer, type_->response);
    detail::publish_dynamic_event(*core, introspection, detail::ServiceEventType::ResponseSent, client_gid(id_),
                                  id_.header.sequence, nullptr, response ? &*response : nullptr);
  }
  return sent;
}

void GenericResponder::report_unanswered() noexcept {
  if (auto core = core_.lock()) {
    try {
      core->report_unanswered(id_);
    } catch (...) {  // logging failed: nothing more to do in a destructor
    }
  }
}

GenericService::GenericService(Node& node, const std::string& service_name, const std::string& service_type,
                               idl::InterfaceLibrary& library, Callback callback, const ServiceOptions& options)
    : GenericService(node, service_name, GenericServiceType::resolve(service_type, library), std::move(callback),
                     options) {}

GenericService::GenericService(Node& node, const std::string& service_name, GenericServiceType type,
                               Callback callback, const ServiceOptions& options)
    : type_(std::make_shared<const GenericServiceType>(std::move(type))) {
  const detail::ServiceTypeInfo info{type_->name, type_->request_dds_type, type_->response_dds_type,
                                     type_->request_hash, type_->response_hash,
                                     type_->service_hash, type_->definitions};
  auto handler = [callback = std::move(callback), logger = node.get_logger(), type = type_](
                     detail::ServiceCore& core, std::span<const std::uint8_t> sample, const detail::RequestId& id) {
    if (const auto introspection = core.introspection_state(); introspection != IntrospectionState::Off) {
      std::optional<dynamic::DynamicValue> request;
      if (introspection == IntrospectionState::Contents) request = decoded(sample, type->request);
      detail::publish_dynamic_event(core, introspection, detail::ServiceEventType::RequestReceived, client_gid(id),
                                    id.header.sequence, request ? &*request : nullptr, nullptr);
    }
    wire::CdrReader reader(sample);  // the core has read the header of this sample once already
    (void)wire::read_request_header(reader);
    try {
      callback(reader, GenericResponder(core.weak_from_this(), id, type));
    } catch (const wire::CdrError& error) {
      // Thrown while the callback read the request: a malformed request, dropped as Service<Srv> does.
      logger.error("dropping a malformed {} request: {}", type->name, error.what());
    }
  };
  core_ = detail::create_service_core(detail::Access::node(node), service_name, info, std::move(handler), options);
}

GenericService& GenericService::operator=(GenericService&& other) noexcept {
  if (this != &other) {
    reset();
    type_ = std::move(other.type_);
    core_ = std::move(other.core_);
  }
  return *this;
}

void GenericService::configure_introspection(const QoS& qos, IntrospectionState state) {
  core().configure_introspection(detail::event_type_info(*type_), qos, state);
}

void GenericService::reset() {
  if (core_) core_->close();
  core_.reset();
}

}  // namespace rclite
