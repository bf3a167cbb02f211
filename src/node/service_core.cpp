// The server side of a service: takes requests on the executor, and replies only once the
// client's reply reader is matched (rmw_cyclonedds' guard, spec §7.2).
#include <atomic>
#include <mutex>
#include <shared_mutex>
#include <thread>

#include "../dds/raw_cdr_type.hpp"
#include "../dds/tsan_handoff.hpp"
#include "callback_gate.hpp"
#include "node_impl.hpp"
#include "reader_turn.hpp"
#include "request_gaps.hpp"
#include "rclite/wire/cdr.hpp"
#include "matched_peers.hpp"
#include "service_endpoints.hpp"
#include "service_event_publisher.hpp"

namespace rclite::detail {

namespace {

// rmw_cyclonedds blocks a reply up to 100 ms for the client's reply reader to be matched, then
// drops it. rclite parks such a reply instead (the executor goes on) and sends it as soon as the
// reader matches, for up to this long.
constexpr auto kReplyParkingBudget = std::chrono::seconds(2);

class ServiceCoreImpl final : public ServiceCore, public Executable {
 public:
  ServiceCoreImpl(std::shared_ptr<NodeImpl> node, std::string name, RequestHandler handler,
                  std::shared_ptr<CallbackGroup> group, std::size_t max_queued_requests)
      : Executable(std::move(group)),
        node_(std::move(node)),
        name_(std::move(name)),
        handler_(std::move(handler)),
        max_queued_(static_cast<std::int64_t>(max_queued_requests)) {}

  ~ServiceCoreImpl() override { close(); }

  void open(const ServiceTypeInfo& type, const QoS& qos) {
    endpoints_ = std::make_unique<ServiceEndpoints>(
        *node_, name_, type, Role::Server, qos,
        EndpointListeners{this, &ServiceCoreImpl::on_data_available, &ServiceCoreImpl::on_clients_changed,
                          &ServiceCoreImpl::on_reply_readers_changed});
    clients_.attach(endpoints_->reader(), endpoints_->writer());
    auto self = std::static_pointer_cast<ServiceCoreImpl>(shared_from_this());
    opened_ = true;
    node_->add_executable(self);
    node_->notify_ready(self);  // requests that came during creation
  }

  const std::string& service_name() const override { return name_; }

  Turn execute() override {
    // A listener may queue us while open() runs: endpoints_ may be read only once opened_ says it
    // is set. open() queues us again at its end.
    if (!opened_) return Turn{};
    return run_reader_turn(
        *this, endpoints_->reader(), take_mutex_, [this] { return opened_ && !closed_; },
        [this] {
          if (auto self = std::static_pointer_cast<ServiceCoreImpl>(weak_from_this().lock())) node_->notify_ready(self);
        },
        [this](std::span<const std::uint8_t> sample, const dds_sample_info_t& info) {
          handle(sample, info.publication_handle);
        },
        &waiting_);
  }

  void handle(std::span<const std::uint8_t> sample, dds_instance_handle_t writer_handle) {
    RequestId id;
    try {
      wire::CdrReader reader(sample);
      id.header = wire::read_request_header(reader);
    } catch (const wire::CdrError& error) {
      node_->logger().error("dropping a malformed request on {}: {}", name_, error.what());
      return;
    }
    id.writer_handle = writer_handle;
    count_gaps(id);
    const CallbackGate::Entry running(gate_);  // reset() from another thread waits for the callback
    if (!running) return;                      // closed: the callback never starts
    handler_(*this, sample, id);
  }

  bool send_response(const RequestId& id, std::vector<std::uint8_t>& sample) override {
    std::shared_lock writing(write_mutex_);  // close() cannot delete the writer under us
    if (closed_) return false;
    std::string client_id;
    switch (clients_.reach_of_writer(id.writer_handle, client_id)) {
      case MatchedPeers::Reach::Matched:
        return write(sample, id.header.sequence);
      case MatchedPeers::Reach::NotYet:
        park(client_id, id.header.sequence, std::move(sample));
        return true;
      case MatchedPeers::Reach::Gone:
        break;
    }
    node_->logger().warn("{}: the client of request {} is gone; reply dropped", name_, id.header.sequence);
    return false;
  }

  std::uint64_t dropped_requests() const override { return dropped_.load(); }

  void report_unanswered(const RequestId& id) override {
    if (closed_) return;  // a destroyed service answers nothing, as expected
    node_->logger().warn("{}: request {} was never answered (its Responder was destroyed without sending)", name_,
                         id.header.sequence);
  }

  void configure_introspection(const MessageTypeInfo& event_type, const QoS& qos,
                               IntrospectionState state) override {
    if (closed_) return;
    if (state == IntrospectionState::Off) state_.store(state, std::memory_order_release);
    events_.configure(node_, name_, event_type, qos, state != IntrospectionState::Off);
    state_.store(state, std::memory_order_release);
  }

  void publish_event(std::span<const std::uint8_t> event_sample) override { events_.publish(event_sample, node_->logger()); }

  void close() override {
    if (closed_.exchange(true)) return;
    gate_.close();  // from here on no callback starts; those running elsewhere have ended
    state_.store(IntrospectionState::Off, std::memory_order_release);
    events_.close();
    std::lock_guard take_lock(take_mutex_);    // no request is being taken meanwhile
    std::unique_lock writing(write_mutex_);    // nor a reply written (a Responder, the timer thread)
    if (endpoints_) endpoints_->close();       // waits for running listeners
    dds::taken_over(this);                   // back from the listeners
    if (opened_) node_->remove_executable(this);
  }

 private:
  static void on_data_available(dds_entity_t reader, void* arg) {
    dds::CallbackTurn turn(arg);
    auto* self = static_cast<ServiceCoreImpl*>(arg);
    // Cyclone calls this once per sample stored; the takes of execute() count them down.
    if (self->waiting_.fetch_add(1) + 1 > self->max_queued_ && self->max_queued_ > 0) self->drop_oldest(reader);
    if (auto alive = std::static_pointer_cast<ServiceCoreImpl>(self->weak_from_this().lock())) {
      self->node_->notify_ready(alive);
    }
  }

  static void on_clients_changed(dds_entity_t, const dds_subscription_matched_status_t status, void* arg) {
    dds::CallbackTurn turn(arg);
    auto* self = static_cast<ServiceCoreImpl*>(arg);
    const bool some_left = status.current_count_change < 0;
    self->clients_.writers_changed(some_left);
    if (some_left) {
      std::lock_guard lock(self->gaps_mutex_);
      self->gaps_ = RequestGaps{};  // forget writers that left: bounded by the clients matched (the totals restart)
    }
  }

  static void on_reply_readers_changed(dds_entity_t, const dds_publication_matched_status_t, void* arg) {
    dds::CallbackTurn turn(arg);
    auto* self = static_cast<ServiceCoreImpl*>(arg);
    self->clients_.readers_changed();
    if (self->has_parked_.load()) self->schedule_flush(std::chrono::steady_clock::now());
  }

  // In the listener, with more than max_queued_ requests waiting: the oldest goes (rclcpp's KEEP_LAST
  // rule, applied in memory: the KEEP_ALL history announced stays). Counted and logged at the first
  // drop, then at most once a second. An executor thread taking meanwhile (try_lock fails) shrinks
  // the queue anyway; close() holds take_mutex_ while it waits for this listener, hence no blocking.
  void drop_oldest(dds_entity_t reader) {
    std::unique_lock take_lock(take_mutex_, std::try_to_lock);
    if (!take_lock.owns_lock() || closed_) return;
    dds::detail::TakeBatch batch;
    if (batch.take(reader, 1) == 0) {
      waiting_.store(0);  // the count drifted (samples that never called us): it is 0 in fact
      return;
    }
    waiting_.fetch_sub(1);
    if (!batch.info(0).valid_data) return;  // a writer's unregistration: no request lost
    const std::uint64_t total = dropped_.fetch_add(1) + 1;
    std::int64_t sequence = 0;
    try {
      wire::CdrReader cdr(batch.bytes(0));
      sequence = wire::read_request_header(cdr).sequence;
      // Its sequence counts as seen: the client's next request is no network loss (count_gaps).
      std::lock_guard lock(gaps_mutex_);
      gaps_.missing_before(batch.info(0).publication_handle, sequence);
    } catch (const wire::CdrError&) {
      // a malformed request: dropped all the same
    }
    const auto now = std::chrono::steady_clock::now();
    {
      std::lock_guard lock(gaps_mutex_);
      if (now < next_drop_log_) return;
      next_drop_log_ = now + std::chrono::seconds(1);
    }
    take_lock.unlock();
    node_->logger().warn("{}: {} requests were waiting (ServiceOptions::max_queued_requests): dropped the oldest, "
                         "request {} of a client; {} dropped in all",
                         name_, max_queued_, sequence, total);
  }

  // Requests lost on the way (request_gaps.hpp): logged at the first loss, then at most once a second.
  void count_gaps(const RequestId& id) {
    std::int64_t missing = 0;
    std::uint64_t total = 0;
    bool log = false;
    {
      std::lock_guard lock(gaps_mutex_);
      missing = gaps_.missing_before(id.writer_handle, id.header.sequence);
      if (missing == 0) return;
      total = gaps_.total();
      const auto now = std::chrono::steady_clock::now();
      log = now >= next_gap_log_;
      if (log) next_gap_log_ = now + std::chrono::seconds(1);
    }
    if (log) {
      node_->logger().warn("{}: {} request(s) of a client never arrived (before its request {}), {} in all: "
                           "dropped on the way by a full KEEP_LAST history",
                           name_, missing, id.header.sequence, total);
    }
  }

  struct ParkedReply {
    std::string client_id;
    std::int64_t sequence;
    std::vector<std::uint8_t> sample;
    std::chrono::steady_clock::time_point deadline;
  };

  void park(const std::string& client_id, std::int64_t sequence, std::vector<std::uint8_t> sample) {
    const auto deadline = std::chrono::steady_clock::now() + kReplyParkingBudget;
    {
      std::lock_guard lock(parked_mutex_);
      parked_.push_back(ParkedReply{client_id, sequence, std::move(sample), deadline});
      has_parked_.store(true);
    }
    schedule_flush(deadline);
    // The reader may have matched between the check and the parking.
    schedule_flush(std::chrono::steady_clock::now());
  }

  // Runs on the context's timer thread, never inside a DDS listener.
  void schedule_flush(std::chrono::steady_clock::time_point when) {
    std::weak_ptr<ServiceCore> weak = weak_from_this();
    node_->context().timers().schedule(when, [weak] {
      if (auto self = weak.lock()) static_cast<ServiceCoreImpl&>(*self).flush_parked();
    });
  }

  void flush_parked() {
    std::vector<ParkedReply> ready, expired;
    {
      std::lock_guard lock(parked_mutex_);
      const auto now = std::chrono::steady_clock::now();
      for (auto it = parked_.begin(); it != parked_.end();) {
        if (closed_) {
          // The service is gone: its replies go with it, as expected (not logged).
        } else if (clients_.reader_matched(it->client_id)) {
          ready.push_back(std::move(*it));
        } else if (now >= it->deadline) {
          expired.push_back(std::move(*it));
        } else {
          ++it;
          continue;
        }
        it = parked_.erase(it);
      }
      has_parked_.store(!parked_.empty());
    }
    if (!ready.empty()) {
      std::shared_lock writing(write_mutex_);
      for (auto& reply : ready) {
        if (closed_) break;
        write(reply.sample, reply.sequence);
      }
    }
    for (auto& reply : expired) {
      node_->logger().warn("{}: the reply reader of client {} was not matched within {} s; reply {} dropped", name_,
                           reply.client_id, kReplyParkingBudget.count(), reply.sequence);
    }
  }

  // Under write_mutex_ (shared), with closed_ false. A failed write is logged, never thrown: it
  // runs in a Responder's send (documented to return false) and on the timer thread.
  bool write(std::vector<std::uint8_t>& sample, std::int64_t sequence) {
    try {
      endpoints_->write_taking(sample);
      return true;
    } catch (const std::exception& error) {
      node_->logger().error("{}: reply {} could not be sent: {}", name_, sequence, error.what());
      return false;
    }
  }

  std::shared_ptr<NodeImpl> node_;
  std::string name_;
  RequestHandler handler_;
  std::unique_ptr<ServiceEndpoints> endpoints_;
  ServiceEventPublisher events_;
  std::atomic<bool> closed_{false};
  std::atomic<bool> opened_{false};
  CallbackGate gate_;
  std::mutex gaps_mutex_;
  RequestGaps gaps_;
  std::chrono::steady_clock::time_point next_gap_log_{};
  std::chrono::steady_clock::time_point next_drop_log_{};  // under gaps_mutex_
  const std::int64_t max_queued_;   // 0: no bound
  std::atomic<std::int64_t> waiting_{0};   // requests stored in the reader and not taken yet
  std::atomic<std::uint64_t> dropped_{0};
  std::shared_mutex write_mutex_;
  std::mutex take_mutex_;
  MatchedPeers clients_{"clientid"};  // whose reply reader is matched (spec §7.2)
  std::mutex parked_mutex_;
  std::vector<ParkedReply> parked_;
  std::atomic<bool> has_parked_{false};
};

}  // namespace

std::shared_ptr<ServiceCore> create_service_core(const std::shared_ptr<NodeImpl>& node, const std::string& name,
                                                 const ServiceTypeInfo& type, ServiceCore::RequestHandler handler,
                                                 const ServiceOptions& options) {
  auto core = std::make_shared<ServiceCoreImpl>(node, node->resolve_service_name(name), std::move(handler),
                                                options.callback_group ? options.callback_group : node->default_group(),
                                                options.max_queued_requests);
  core->open(type, options.qos);
  return core;
}

}  // namespace rclite::detail
