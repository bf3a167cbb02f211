// The client side of a service. Replies are taken and matched in the DDS listener (no executor
// needed); every pending request ends: reply, deadline, loss of its servers, cancel, shutdown.
#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <map>
#include <mutex>

#include "../dds/raw_cdr_type.hpp"
#include "../dds/tsan_handoff.hpp"
#include "callback_gate.hpp"
#include "node_impl.hpp"
#include "rclite/errors.hpp"
#include "rclite/wire/cdr_reader.hpp"
#include "matched_peers.hpp"
#include "service_endpoints.hpp"
#include "service_event_publisher.hpp"

namespace rclite::detail {

namespace {

using Servers = MatchedPeers::Ids;

class ClientCoreImpl final : public ClientCore, public std::enable_shared_from_this<ClientCoreImpl> {
 public:
  ClientCoreImpl(std::shared_ptr<NodeImpl> node, std::string name, std::shared_ptr<CallbackGroup> group)
      : node_(std::move(node)), name_(std::move(name)), group_(std::move(group)) {}

  ~ClientCoreImpl() override { close(); }

  void open(const ServiceTypeInfo& type, const QoS& qos) {
    endpoints_ = std::make_unique<ServiceEndpoints>(
        *node_, name_, type, Role::Client, qos,
        EndpointListeners{this, &ClientCoreImpl::on_data_available, &ClientCoreImpl::on_reply_writers_changed,
                          &ClientCoreImpl::on_request_readers_changed});
    dds_instance_handle_t handle = 0;
    dds_get_instance_handle(endpoints_->writer(), &handle);
    guid_token_ = handle;  // rmw_cyclonedds uses the request writer's instance handle (spec §3.5)
    gid_ = endpoints_->raw_id();
    servers_.attach(endpoints_->reader(), endpoints_->writer());
    std::weak_ptr<ClientCoreImpl> weak = weak_from_this();
    shutdown_id_ = node_->context().on_shutdown([weak] {
      if (auto self = weak.lock()) self->fail_all(std::make_exception_ptr(ShutdownError("context shut down")));
    });
    opened_ = true;
  }

  const std::string& service_name() const override { return name_; }

  wire::RequestHeader next_header() override { return {guid_token_, ++sequence_}; }

  void send(const wire::RequestHeader& header, std::vector<std::uint8_t>& sample, std::shared_ptr<Pending> pending,
            std::optional<Clock::time_point> deadline) override {
    if (closed_) throw ShutdownError("the client of " + name_ + " was closed");
    if (!node_->context().ok()) throw ShutdownError("the context is shut down");
    // Read before the servers: a match change after it (a server lost between this snapshot and
    // the entry's insertion) is rechecked once the entry is there, below.
    const std::uint64_t generation = servers_.generation();
    Servers servers = servers_.matched_both_ways();
    if (servers->empty()) {
      pending->fail(std::make_exception_ptr(
          ServiceUnavailableError("no server for " + name_ + " is available (call wait_for_service first)")));
      return;
    }
    {
      std::lock_guard lock(mutex_);
      // Checked under the lock fail_all() empties the map under: a request sent while the client
      // closes or the context shuts down is refused here, or failed there, never left behind.
      if (!accepting_) throw ShutdownError(closed_ ? "the client of " + name_ + " was closed" : "the context is shut down");
      Entry& entry = pending_[header.sequence];
      entry.pending = pending;
      entry.servers = std::move(servers);
      if (deadline) {
        std::weak_ptr<ClientCoreImpl> weak = weak_from_this();
        const std::int64_t sequence = header.sequence;
        entry.timer = node_->context().timers().schedule(*deadline, [weak, sequence] {
          if (auto self = weak.lock()) self->expire(sequence);
        });
      }
    }
    // A match change since the snapshot may have been rechecked before the entry was there.
    if (servers_.generation() != generation) schedule_recheck();
    try {
      endpoints_->write_taking(sample);  // no lock held: a local reply may arrive at once
    } catch (...) {
      if (auto entry = extract(header.sequence)) entry->pending->fail(std::current_exception());
      throw;
    }
  }

  bool cancel(std::int64_t sequence) override {
    auto entry = extract(sequence);
    if (!entry) return false;
    entry->pending->fail(std::make_exception_ptr(
        RequestCancelledError("request " + std::to_string(sequence) + " to " + name_ + " was cancelled")));
    return true;
  }

  std::size_t pending_requests() const override {
    std::lock_guard lock(mutex_);
    return pending_.size();
  }

  bool service_is_ready() const override { return !servers_.matched_both_ways()->empty(); }

  bool wait_for_service(std::chrono::nanoseconds timeout) override {
    const bool forever = timeout == std::chrono::nanoseconds::max();
    const auto deadline = forever ? Clock::time_point::max() : Clock::now() + timeout;
    std::unique_lock lock(availability_mutex_);
    while (true) {
      lock.unlock();
      const bool ready = service_is_ready();
      lock.lock();
      if (ready) return true;
      if (!node_->context().ok() || closed_) return false;
      // Listeners notify on every match change; the periodic look is a safety net.
      const auto next = Clock::now() + std::chrono::milliseconds(100);
      if (!forever && Clock::now() >= deadline) return false;
      availability_changed_.wait_until(lock, forever ? next : std::min(next, deadline));
    }
  }

  // Response callbacks run inside the client's gate: once the client is closed, none starts.
  void post(std::function<void()> callback) override {
    if (gate_->closed()) return;
    node_->post(
        [gate = gate_, callback = std::move(callback)] {
          const CallbackGate::Entry running(*gate);
          if (running) callback();
        },
        group_);
  }

  const ClientGid& gid() const override { return gid_; }

  void configure_introspection(const MessageTypeInfo& event_type, const QoS& qos, IntrospectionState state,
                               ReplyEventPublisher on_reply) override {
    if (closed_) return;
    if (state == IntrospectionState::Off) state_.store(state, std::memory_order_release);
    {
      std::lock_guard lock(on_reply_mutex_);
      on_reply_ = std::make_shared<const ReplyEventPublisher>(std::move(on_reply));
    }
    events_.configure(node_, name_, event_type, qos, state != IntrospectionState::Off);
    state_.store(state, std::memory_order_release);
  }

  void publish_event(std::span<const std::uint8_t> event_sample) override { events_.publish(event_sample, node_->logger()); }

  void close() override {
    if (closed_.exchange(true)) return;
    // First: no response callback starts from here on (those running elsewhere have ended), so the
    // requests failed below end silently for callbacks, with ShutdownError for futures.
    gate_->close();
    state_.store(IntrospectionState::Off, std::memory_order_release);
    events_.close();
    fail_all(std::make_exception_ptr(ShutdownError("the client of " + name_ + " was destroyed")));
    if (endpoints_) endpoints_->close();  // waits for running listeners
    dds::taken_over(this);                // back from the listeners
    if (opened_) node_->context().remove_on_shutdown(shutdown_id_);
    availability_changed_.notify_all();
  }

 private:
  struct Entry {
    std::shared_ptr<Pending> pending;
    Servers servers;  // who could answer when it was sent
    TimerQueue::TimerId timer = 0;
  };

  static void on_data_available(dds_entity_t, void* arg) {
    dds::CallbackTurn turn(arg);
    static_cast<ClientCoreImpl*>(arg)->take_replies();
  }

  // Match changes: the work (DDS queries) runs on the context's timer thread.
  static void on_reply_writers_changed(dds_entity_t, const dds_subscription_matched_status_t status, void* arg) {
    dds::CallbackTurn turn(arg);
    auto* self = static_cast<ClientCoreImpl*>(arg);
    self->servers_.writers_changed(status.current_count_change < 0);
    self->schedule_recheck();
  }

  static void on_request_readers_changed(dds_entity_t, const dds_publication_matched_status_t, void* arg) {
    dds::CallbackTurn turn(arg);
    auto* self = static_cast<ClientCoreImpl*>(arg);
    self->servers_.readers_changed();
    self->schedule_recheck();
  }

  // Runs in a Cyclone listener, so it must not throw. A take fails when the client is being
  // destroyed while the listener runs (dds_delete of the reader waits for the listener to end, but
  // the handle is no longer valid meanwhile): then there is nothing left to do.
  void take_replies() noexcept {
    try {
      take_replies_or_throw();
    } catch (const std::exception& error) {
      if (!closed_) node_->logger().error("taking replies on {}: {}", name_, error.what());
    }
  }

  void take_replies_or_throw() {
    // The reply reader exists before open() has set endpoints_, and other clients' replies may
    // arrive at once; ours cannot (nothing sent yet). What is left is taken on the next call.
    if (!opened_) return;
    bool completed = false;
    dds::detail::TakeBatch batch;
    while (batch.take(endpoints_->reader(), dds::detail::TakeBatch::kCapacity) > 0) {
      for (std::size_t i = 0; i < batch.size(); ++i) {
        if (!batch.info(i).valid_data) continue;
        wire::RequestHeader header;
        try {
          wire::CdrReader reader(batch.bytes(i));
          reader.read(header.guid);
          reader.read(header.sequence);
        } catch (const wire::CdrError& error) {
          node_->logger().error("dropping a malformed reply on {}: {}", name_, error.what());
          continue;
        }
        if (header.guid != guid_token_) continue;  // another client's reply (spec §3.5 routing)
        if (introspection_state() != IntrospectionState::Off) {
          // rcl publishes RESPONSE_RECEIVED for every reply it takes, before matching it.
          const auto on_reply = reply_event_publisher();
          if (on_reply && *on_reply) (*on_reply)(*this, batch.bytes(i), header.sequence);
        }
        // A second reply to the same request (several servers) finds nothing: rclcpp keeps the first.
        if (auto entry = extract(header.sequence)) {
          entry->pending->complete(batch.bytes(i));
          completed = true;
        }
      }
      if (batch.size() < dds::detail::TakeBatch::kCapacity) break;
    }
    if (completed) node_->context().wake_all();  // executors waiting in spin_until_future_complete
  }

  // Only while introspection is on: a lock per reply then, none otherwise.
  std::shared_ptr<const ReplyEventPublisher> reply_event_publisher() const {
    std::lock_guard lock(on_reply_mutex_);
    return on_reply_;
  }

  std::optional<Entry> extract(std::int64_t sequence) {
    std::optional<Entry> entry;
    {
      std::lock_guard lock(mutex_);
      auto found = pending_.find(sequence);
      if (found == pending_.end()) return std::nullopt;
      entry = std::move(found->second);
      pending_.erase(found);
    }
    if (entry->timer != 0) node_->context().timers().cancel(entry->timer);
    return entry;
  }

  void expire(std::int64_t sequence) {
    if (auto entry = extract(sequence)) {
      entry->pending->fail(std::make_exception_ptr(
          TimeoutError("no reply from " + name_ + " to request " + std::to_string(sequence) + " before its deadline")));
      node_->context().wake_all();
    }
  }

  void fail_all(std::exception_ptr error) {
    std::map<std::int64_t, Entry> all;
    {
      std::lock_guard lock(mutex_);
      accepting_ = false;
      all.swap(pending_);
    }
    for (auto& [sequence, entry] : all) {
      if (entry.timer != 0) node_->context().timers().cancel(entry.timer);
      entry.pending->fail(error);
    }
    node_->context().wake_all();
  }

  void schedule_recheck() {
    std::weak_ptr<ClientCoreImpl> weak = weak_from_this();
    node_->context().timers().schedule(Clock::now(), [weak] {
      if (auto self = weak.lock()) self->recheck_servers();
    });
  }

  void recheck_servers() {
    if (closed_) return;
    // Fail the requests none of whose servers is still there (a killed server process).
    std::vector<Entry> orphans;
    {
      std::lock_guard lock(mutex_);
      // Computed under the lock send() inserts under: a request sent meanwhile (with a newer
      // snapshot, e.g. right after its server's second endpoint matched) is never judged against
      // an older list of servers and failed as "went away".
      const Servers servers = servers_.matched_both_ways();
      for (auto it = pending_.begin(); it != pending_.end();) {
        const auto& sent_to = *it->second.servers;
        const bool any_left = std::any_of(sent_to.begin(), sent_to.end(), [&](const std::string& server) {
          return std::find(servers->begin(), servers->end(), server) != servers->end();
        });
        if (any_left) {
          ++it;
        } else {
          orphans.push_back(std::move(it->second));
          it = pending_.erase(it);
        }
      }
    }
    {
      std::lock_guard lock(availability_mutex_);
    }
    availability_changed_.notify_all();
    for (auto& entry : orphans) {
      if (entry.timer != 0) node_->context().timers().cancel(entry.timer);
      entry.pending->fail(std::make_exception_ptr(
          ServiceUnavailableError("the server of " + name_ + " went away before replying")));
    }
    if (!orphans.empty()) node_->context().wake_all();
  }

  std::shared_ptr<NodeImpl> node_;
  std::string name_;
  std::shared_ptr<CallbackGroup> group_;
  std::unique_ptr<ServiceEndpoints> endpoints_;
  std::uint64_t guid_token_ = 0;
  ClientGid gid_{};
  ServiceEventPublisher events_;
  mutable std::mutex on_reply_mutex_;
  std::shared_ptr<const ReplyEventPublisher> on_reply_;  // replaced by configure_introspection
  std::atomic<std::int64_t> sequence_{0};
  std::atomic<bool> closed_{false};
  std::atomic<bool> opened_{false};
  int shutdown_id_ = 0;

  std::shared_ptr<CallbackGate> gate_ = std::make_shared<CallbackGate>();  // posted callbacks may outlive us

  mutable std::mutex mutex_;
  std::map<std::int64_t, Entry> pending_;
  bool accepting_ = true;  // false once fail_all() ran (close, shutdown)

  MatchedPeers servers_{"serviceid"};  // the servers matched both ways (spec §7.1)

  std::mutex availability_mutex_;
  std::condition_variable availability_changed_;
};

}  // namespace

std::shared_ptr<ClientCore> create_client_core(const std::shared_ptr<NodeImpl>& node, const std::string& name,
                                               const ServiceTypeInfo& type, const ClientOptions& options) {
  auto core = std::make_shared<ClientCoreImpl>(node, node->resolve_service_name(name),
                                               options.callback_group ? options.callback_group : node->default_group());
  core->open(type, options.qos);
  return core;
}

}  // namespace rclite::detail
