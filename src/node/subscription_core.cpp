// A subscription: a reader on "rt/<topic>" whose samples the executor spinning the node takes and
// hands, still serialized, to the typed handler.
#include <atomic>
#include <mutex>

#include "../dds/participant.hpp"
#include "../dds/raw_cdr_type.hpp"
#include "../dds/tsan_handoff.hpp"
#include "callback_gate.hpp"
#include "node_impl.hpp"
#include "reader_turn.hpp"
#include "topic_endpoint.hpp"

namespace rclite::detail {

namespace {

class SubscriptionCoreImpl final : public SubscriptionCore,
                                   public Executable,
                                   public std::enable_shared_from_this<SubscriptionCoreImpl> {
 public:
  SubscriptionCoreImpl(std::shared_ptr<NodeImpl> node, std::string name, SampleHandler handler,
                       std::shared_ptr<CallbackGroup> group, bool take_in_listener)
      : Executable(std::move(group)),
        node_(std::move(node)),
        name_(std::move(name)),
        handler_(std::move(handler)),
        take_in_listener_(take_in_listener) {}

  ~SubscriptionCoreImpl() override { close(); }

  void open(const MessageTypeInfo& type, const QoS& qos, bool ignore_local) {
    const dds_entity_t topic = create_topic(*node_, name_, type);
    auto settings = topic_endpoint_qos(*node_, qos, type);
    settings.ignore_local = ignore_local;
    const auto dds_qos = dds::make_qos(settings);
    ListenerPtr listener(dds_create_listener(this));
    dds_lset_data_available(listener.get(), &SubscriptionCoreImpl::on_data_available);
    dds::handed_over(this);  // to the listener, on Cyclone's threads
    reader_ = dds_create_reader(node_->context().participant().subscriber(), topic, dds_qos.get(), listener.get());
    if (reader_ < 0) throw dds::DdsError(reader_, "creating the reader of " + name_);
    try {
      guid_ = dds::guid_of(reader_);
    } catch (...) {
      dds_delete(reader_);
      throw;
    }
    node_->add_endpoints({guid_}, {});
    type_hash_ = type.hash;
    node_->types().add(type_hash_, type.definitions);
    opened_ = true;
    if (take_in_listener_) {
      take_all();  // samples that came during creation
      return;
    }
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

  Turn execute() override {
    // A listener may queue us while open() runs (transient-local samples arrive during
    // dds_create_reader): reader_ may be read only once opened_ says it is written. open()
    // queues us again at its end.
    if (!opened_) return Turn{};
    return run_reader_turn(
        *this, reader_, take_mutex_, [this] { return opened_ && !closed_; },
        [this] {
          if (auto self = weak_from_this().lock()) node_->notify_ready(self);
        },
        [this](std::span<const std::uint8_t> sample, const dds_sample_info_t&) {
          const CallbackGate::Entry running(gate_);  // reset() from another thread waits for the callback
          if (running) handler_(sample);             // closed: the callback never starts
        });
  }

  void close() override {
    if (closed_.exchange(true)) return;
    gate_.close();  // from here on no callback starts; those running elsewhere have ended
    std::lock_guard take_lock(take_mutex_);  // no sample is being taken meanwhile
    if (!opened_) return;
    dds_delete(reader_);  // waits for a running listener
    dds::taken_over(this);
    node_->remove_endpoints({guid_}, {});
    node_->types().remove(type_hash_);
    if (!take_in_listener_) node_->remove_executable(this);
  }

 private:
  static void on_data_available(dds_entity_t, void* arg) {
    dds::CallbackTurn turn(arg);
    auto* self = static_cast<SubscriptionCoreImpl*>(arg);
    if (self->take_in_listener_) {
      // Before open() finished, reader_ may not be written yet: open() takes what came.
      if (self->opened_) self->take_all();
      return;
    }
    if (auto alive = self->weak_from_this().lock()) self->node_->notify_ready(alive);
  }

  // Handles every sample waiting, in this thread (take_in_listener).
  void take_all() {
    while (true) {
      dds::detail::TakeBatch batch;
      {
        std::lock_guard take_lock(take_mutex_);
        if (closed_ || batch.take(reader_, 1) == 0) return;
      }
      if (!batch.info(0).valid_data) continue;
      const CallbackGate::Entry running(gate_);
      if (!running) return;
      handler_(batch.bytes(0));
    }
  }

  std::shared_ptr<NodeImpl> node_;
  std::string name_;
  SampleHandler handler_;
  const bool take_in_listener_;
  dds_entity_t reader_ = 0;
  dds::Guid guid_{};
  std::string type_hash_;  // registered with the node's type cache
  std::atomic<bool> closed_{false};
  std::atomic<bool> opened_{false};
  CallbackGate gate_;
  mutable std::mutex take_mutex_;
};

}  // namespace

std::shared_ptr<SubscriptionCore> create_subscription_core(const std::shared_ptr<NodeImpl>& node,
                                                           const std::string& topic, const MessageTypeInfo& type,
                                                           const QoS& qos, SubscriptionCore::SampleHandler handler,
                                                           const SubscriptionCoreOptions& options) {
  auto core = std::make_shared<SubscriptionCoreImpl>(node, node->resolve_topic_name(topic), std::move(handler),
                                                     options.callback_group ? options.callback_group
                                                                            : node->default_group(),
                                                     options.take_in_listener);
  core->open(type, qos, options.ignore_local_publications);
  return core;
}

}  // namespace rclite::detail
