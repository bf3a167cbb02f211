// A subscription: a reader on "rt/<topic>" whose samples the executor spinning the node takes and
// hands, still serialized, to the typed handler.
#include <atomic>
#include <mutex>

#include "../dds/participant.hpp"
#include "../dds/raw_cdr_type.hpp"
#include "node_impl.hpp"
#include "topic_endpoint.hpp"

namespace rclite::detail {

namespace {

// Samples a mutually exclusive subscription handles per executor turn.
constexpr std::size_t kBatch = 16;

struct ListenerDeleter {
  void operator()(dds_listener_t* listener) const { dds_delete_listener(listener); }
};

class SubscriptionCoreImpl final : public SubscriptionCore,
                                   public Executable,
                                   public std::enable_shared_from_this<SubscriptionCoreImpl> {
 public:
  SubscriptionCoreImpl(std::shared_ptr<NodeImpl> node, std::string name, SampleHandler handler,
                       std::shared_ptr<CallbackGroup> group)
      : Executable(std::move(group)), node_(std::move(node)), name_(std::move(name)), handler_(std::move(handler)) {}

  ~SubscriptionCoreImpl() override { close(); }

  void open(const MessageTypeInfo& type, const QoS& qos, bool ignore_local) {
    const dds_entity_t topic = create_topic(*node_, name_, type);
    auto settings = topic_endpoint_qos(*node_, qos, type);
    settings.ignore_local = ignore_local;
    const auto dds_qos = dds::make_qos(settings);
    std::unique_ptr<dds_listener_t, ListenerDeleter> listener(dds_create_listener(this));
    dds_lset_data_available(listener.get(), &SubscriptionCoreImpl::on_data_available);
    reader_ = dds_create_reader(node_->context().participant().subscriber(), topic, dds_qos.get(), listener.get());
    if (reader_ < 0) throw dds::DdsError(reader_, "creating the reader of " + name_);
    try {
      guid_ = dds::guid_of(reader_);
    } catch (...) {
      dds_delete(reader_);
      throw;
    }
    node_->add_endpoints({guid_}, {});
    opened_ = true;
    auto self = shared_from_this();
    node_->add_executable(self);
    node_->notify_ready(self);  // samples that came during creation (transient-local ones)
  }

  const std::string& topic_name() const override { return name_; }

  std::size_t publisher_count() const override {
    std::lock_guard lock(take_mutex_);
    if (closed_ || !opened_) return 0;
    dds_subscription_matched_status_t status{};
    if (dds_get_subscription_matched_status(reader_, &status) < 0) return 0;
    return status.current_count;
  }

  bool execute() override {
    // As ServiceCoreImpl::execute: a batch per turn in a mutually exclusive group, one sample (and
    // queued again at once) in a reentrant one.
    const bool reentrant = group().type() == CallbackGroupType::Reentrant;
    dds::detail::TakeBatch batch;  // holds references to the samples, valid after close() too
    {
      std::lock_guard take_lock(take_mutex_);
      if (closed_ || !opened_) return false;
      if (batch.take(reader_, reentrant ? 1 : kBatch) == 0) return false;
    }
    if (reentrant) {
      if (auto self = weak_from_this().lock()) node_->notify_ready(self);
    }
    for (std::size_t i = 0; i < batch.size(); ++i) {
      if (batch.info(i).valid_data) handler_(batch.bytes(i));
    }
    return true;  // there may be more
  }

  void close() override {
    if (closed_.exchange(true)) return;
    std::lock_guard take_lock(take_mutex_);  // no sample is being taken meanwhile
    if (!opened_) return;
    dds_delete(reader_);  // waits for a running listener
    node_->remove_endpoints({guid_}, {});
    node_->remove_executable(this);
  }

 private:
  static void on_data_available(dds_entity_t, void* arg) {
    auto* self = static_cast<SubscriptionCoreImpl*>(arg);
    if (auto alive = self->weak_from_this().lock()) self->node_->notify_ready(alive);
  }

  std::shared_ptr<NodeImpl> node_;
  std::string name_;
  SampleHandler handler_;
  dds_entity_t reader_ = 0;
  dds::Guid guid_{};
  std::atomic<bool> closed_{false};
  std::atomic<bool> opened_{false};
  mutable std::mutex take_mutex_;
};

}  // namespace

std::shared_ptr<SubscriptionCore> create_subscription_core(const std::shared_ptr<NodeImpl>& node,
                                                           const std::string& topic, const MessageTypeInfo& type,
                                                           const QoS& qos, SubscriptionCore::SampleHandler handler,
                                                           const SubscriptionCoreOptions& options) {
  auto core = std::make_shared<SubscriptionCoreImpl>(node, node->resolve_topic_name(topic), std::move(handler),
                                                     options.callback_group ? options.callback_group
                                                                            : node->default_group());
  core->open(type, qos, options.ignore_local_publications);
  return core;
}

}  // namespace rclite::detail
