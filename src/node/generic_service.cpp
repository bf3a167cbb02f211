// GenericService: the runtime-typed server on the untyped service core, on serialized samples
// (the typed Service<Srv> decodes with generated code instead).
#include "rclite/generic_service.hpp"

#include <optional>
#include <utility>
#include <vector>

#include "dynamic_service_events.hpp"
#include "rclite/wire/cdr_error.hpp"
#include "rclite/wire/cdr.hpp"
#include "rclite/detail/access.hpp"

namespace rclite {

namespace {

// A server-side event of request `id` (RequestReceived or ResponseSent, as Service<Srv> publishes
// them): `sample` is decoded as the request or response only for a Contents event, and only when
// the service type is known (a GenericResponder made without it shows no contents).
void publish_server_event(detail::ServiceCore& core, IntrospectionState state, detail::ServiceEventType type,
                          const detail::RequestId& id, std::span<const std::uint8_t> sample,
                          const GenericServiceType* service) {
  if (state == IntrospectionState::Off) return;
  const bool is_request = type == detail::ServiceEventType::RequestReceived;
  std::optional<dynamic::DynamicValue> contents;
  if (state == IntrospectionState::Contents && service != nullptr) {
    contents = detail::decode_for_event(sample, is_request ? service->request : service->response);
  }
  const dynamic::DynamicValue* value = contents ? &*contents : nullptr;
  detail::publish_dynamic_event(core, state, type, detail::server_side_client_gid(id.header.guid, id.writer_handle),
                                id.header.sequence, is_request ? value : nullptr, is_request ? nullptr : value);
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
  if (introspection == IntrospectionState::Off) return core->send_response(id_, buffer);  // may take it over
  std::vector<std::uint8_t> sent = buffer;  // the event reads the reply after it is sent
  if (!core->send_response(id_, sent)) return false;
  publish_server_event(*core, introspection, detail::ServiceEventType::ResponseSent, id_, buffer, type_.get());
  return true;
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
    publish_server_event(core, core.introspection_state(), detail::ServiceEventType::RequestReceived, id, sample,
                         type.get());
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
