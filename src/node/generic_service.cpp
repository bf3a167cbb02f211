// GenericService: the runtime-typed server on the untyped service core, on serialized samples
// (the typed Service<Srv> decodes with generated code instead).
#include "rclite/generic_service.hpp"

#include <utility>
#include <vector>

#include "rclite/wire/cdr_error.hpp"
#include "rclite/wire/cdr.hpp"
#include "rclite/detail/access.hpp"

namespace rclite {

GenericResponder::GenericResponder(std::weak_ptr<detail::ServiceCore> core, detail::RequestId id)
    : core_(std::move(core)), id_(id) {}

GenericResponder& GenericResponder::operator=(GenericResponder&& other) noexcept {
  if (this != &other) {
    report_unanswered();
    core_ = std::move(other.core_);
    id_ = other.id_;
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
  return core->send_response(id_, buffer);
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
  auto handler = [callback = std::move(callback), logger = node.get_logger(), type_name = type_->name](
                     detail::ServiceCore& core, std::span<const std::uint8_t> sample, const detail::RequestId& id) {
    wire::CdrReader reader(sample);  // the core has read the header of this sample once already
    (void)wire::read_request_header(reader);
    try {
      callback(reader, GenericResponder(core.weak_from_this(), id));
    } catch (const wire::CdrError& error) {
      // Thrown while the callback read the request: a malformed request, dropped as Service<Srv> does.
      logger.error("dropping a malformed {} request: {}", type_name, error.what());
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

void GenericService::reset() {
  if (core_) core_->close();
  core_.reset();
}

}  // namespace rclite
