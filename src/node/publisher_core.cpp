// A publisher: a writer on "rt/<topic>" that writes samples rclite already encoded.
#include <algorithm>
#include <chrono>
#include <limits>
#include <mutex>
#include <shared_mutex>
#include <stdexcept>

#include "../dds/participant.hpp"
#include "../dds/raw_cdr_type.hpp"
#include "node_impl.hpp"
#include "endpoint_qos.hpp"
#include "topic_endpoint.hpp"

namespace rclite::detail {

std::string topic_dds_name(const std::string& topic) { return "rt" + topic; }

dds::EndpointQos topic_endpoint_qos(const NodeImpl& node, const QoS& qos, const MessageTypeInfo& type) {
  dds::EndpointQos settings = endpoint_qos(qos);
  if (node.context().distro() == Distro::Jazzy && !type.hash.empty()) {
    settings.user_data = "typehash=" + std::string(type.hash) + ";";
  }
  return settings;
}

dds_entity_t create_topic(const NodeImpl& node, const std::string& topic, const MessageTypeInfo& type) {
  return dds::create_raw_topic(node.context().participant().participant(), topic_dds_name(topic),
                               std::string(type.dds_type));
}

namespace {

class PublisherCoreImpl final : public PublisherCore {
 public:
  PublisherCoreImpl(std::shared_ptr<NodeImpl> node, std::string name, const MessageTypeInfo& type, const QoS& qos)
      : node_(std::move(node)), name_(std::move(name)) {
    const dds_entity_t topic = create_topic(*node_, name_, type);
    const auto dds_qos = dds::make_qos(topic_endpoint_qos(*node_, qos, type));
    writer_ = dds_create_writer(node_->context().participant().publisher(), topic, dds_qos.get(), nullptr);
    if (writer_ < 0) throw dds::DdsError(writer_, "creating the writer of " + name_);
    try {
      raw_writer_ = dds::RawWriter(writer_);
      guid_ = dds::guid_of(writer_);
    } catch (...) {
      dds_delete(writer_);
      throw;
    }
    node_->add_endpoints({}, {guid_});
    type_hash_ = type.hash;
    node_->types().add(type_hash_, type.definitions);
  }

  ~PublisherCoreImpl() override { close(); }

  const std::string& topic_name() const override { return name_; }

  void publish(std::span<const std::uint8_t> sample) override {
    std::shared_lock lock(mutex_);
    if (closed_) throw std::runtime_error("publishing on " + name_ + ": the publisher is closed");
    raw_writer_.write(sample);
  }

  std::size_t subscription_count() const override {
    std::shared_lock lock(mutex_);
    if (closed_) return 0;
    dds_publication_matched_status_t status{};
    if (dds_get_publication_matched_status(writer_, &status) < 0) return 0;
    return status.current_count;
  }

  void close() override {
    std::unique_lock lock(mutex_);  // no write in progress
    if (closed_) return;
    closed_ = true;
    dds_delete(writer_);
    node_->remove_endpoints({}, {guid_});
    node_->types().remove(type_hash_);
  }

 private:
  std::shared_ptr<NodeImpl> node_;
  std::string name_;
  dds_entity_t writer_ = 0;
  dds::RawWriter raw_writer_;
  dds::Guid guid_{};
  std::string type_hash_;  // registered with the node's type cache
  mutable std::shared_mutex mutex_;
  bool closed_ = false;
};

}  // namespace

std::shared_ptr<PublisherCore> create_publisher_core(const std::shared_ptr<NodeImpl>& node, const std::string& topic,
                                                     const MessageTypeInfo& type, const QoS& qos) {
  return std::make_shared<PublisherCoreImpl>(node, node->resolve_topic_name(topic), type, qos);
}

}  // namespace rclite::detail
