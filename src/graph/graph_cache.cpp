#include "graph_cache.hpp"

#include <rmw_dds_common/msg/participant_entities_info.hpp>

#include <algorithm>
#include <cstring>
#include <limits>
#include <utility>

#include "../dds/dds_error.hpp"
#include "../dds/qos.hpp"
#include "../dds/raw_cdr_type.hpp"
#include "../dds/tsan_handoff.hpp"
#include "rclite/wire/cdr.hpp"

namespace rclite::graph {

namespace {

using Info = rmw_dds_common::msg::ParticipantEntitiesInfo;
using Clock = std::chrono::steady_clock;

// --- DDS built-in topic samples ---

std::string user_data_of(const dds_qos_t* qos) {
  void* data = nullptr;
  std::size_t size = 0;
  std::string text;
  if (qos != nullptr && dds_qget_userdata(qos, &data, &size) && data != nullptr) {
    text.assign(static_cast<const char*>(data), size);
  }
  dds_free(data);
  return text;
}

std::chrono::nanoseconds duration_of(dds_duration_t duration) {
  return duration == DDS_INFINITY ? EndpointQos::kInfinite : std::chrono::nanoseconds(duration);
}

EndpointQos qos_of(const dds_qos_t* qos) {
  EndpointQos out;
  if (qos == nullptr) return out;
  dds_reliability_kind_t reliability;
  dds_duration_t blocking;
  if (dds_qget_reliability(qos, &reliability, &blocking)) {
    out.reliability = reliability == DDS_RELIABILITY_RELIABLE ? EndpointQos::Reliability::Reliable
                                                              : EndpointQos::Reliability::BestEffort;
  }
  dds_durability_kind_t durability;
  if (dds_qget_durability(qos, &durability)) {
    switch (durability) {
      case DDS_DURABILITY_VOLATILE: out.durability = EndpointQos::Durability::Volatile; break;
      case DDS_DURABILITY_TRANSIENT_LOCAL: out.durability = EndpointQos::Durability::TransientLocal; break;
      case DDS_DURABILITY_TRANSIENT: out.durability = EndpointQos::Durability::Transient; break;
      case DDS_DURABILITY_PERSISTENT: out.durability = EndpointQos::Durability::Persistent; break;
    }
  }
  dds_history_kind_t history;
  std::int32_t depth = 0;
  if (dds_qget_history(qos, &history, &depth)) {
    out.history = history == DDS_HISTORY_KEEP_ALL ? EndpointQos::History::KeepAll : EndpointQos::History::KeepLast;
    out.depth = history == DDS_HISTORY_KEEP_ALL ? 0 : depth;
  }
  dds_duration_t duration;
  if (dds_qget_deadline(qos, &duration)) out.deadline = duration_of(duration);
  if (dds_qget_lifespan(qos, &duration)) out.lifespan = duration_of(duration);
  dds_liveliness_kind_t liveliness;
  if (dds_qget_liveliness(qos, &liveliness, &duration)) {
    switch (liveliness) {
      case DDS_LIVELINESS_AUTOMATIC: out.liveliness = EndpointQos::Liveliness::Automatic; break;
      case DDS_LIVELINESS_MANUAL_BY_PARTICIPANT: out.liveliness = EndpointQos::Liveliness::ManualByParticipant; break;
      case DDS_LIVELINESS_MANUAL_BY_TOPIC: out.liveliness = EndpointQos::Liveliness::ManualByTopic; break;
    }
    out.liveliness_lease_duration = duration_of(duration);
  }
  return out;
}

dds::Guid guid_from(const dds_guid_t& key) {
  dds::Guid out;
  std::memcpy(out.data(), key.v, out.size());
  return out;
}

Clock::time_point deadline_after(Clock::time_point start, std::chrono::nanoseconds wait) {
  if (wait < std::chrono::nanoseconds::zero()) wait = std::chrono::nanoseconds::zero();
  if (wait >= Clock::time_point::max() - start) return Clock::time_point::max();
  return start + std::chrono::duration_cast<Clock::duration>(wait);
}

dds_entity_t create_listening_reader(dds_entity_t parent, dds_entity_t topic, const dds_qos_t* qos, void* arg,
                                     void (*on_data)(dds_entity_t, void*), const char* what) {
  dds_listener_t* listener = dds_create_listener(arg);
  dds_lset_data_available(listener, on_data);
  dds::handed_over(arg);  // to the listener, on Cyclone's threads
  const dds_entity_t reader = dds_create_reader(parent, topic, qos, listener);
  dds_delete_listener(listener);
  if (reader < 0) throw dds::DdsError(reader, what);
  return reader;
}

}  // namespace

// --- GraphCache ------------------------------------------------------------------------------------

GraphCache::GraphCache(const dds::Participant& participant, bool with_type_hash)
    : settle_(Clock::now()), own_(participant.guid()) {
  try {
    participants_reader_ = create_listening_reader(participant.participant(), DDS_BUILTIN_TOPIC_DCPSPARTICIPANT, nullptr,
                                                   this, &on_participants, "creating the DCPSParticipant reader");
    publications_reader_ = create_listening_reader(participant.participant(), DDS_BUILTIN_TOPIC_DCPSPUBLICATION, nullptr,
                                                   this, &on_publications, "creating the DCPSPublication reader");
    subscriptions_reader_ = create_listening_reader(participant.participant(), DDS_BUILTIN_TOPIC_DCPSSUBSCRIPTION,
                                                    nullptr, this, &on_subscriptions,
                                                    "creating the DCPSSubscription reader");
    discovery_topic_ = dds::create_raw_topic(participant.participant(), std::string(kDiscoveryTopic),
                                             std::string(wire::MessageTraits<Info>::dds_type_name));
    // rmw's reader QoS (spec §6.1) but without ignore-local: this context's own nodes are part of the graph.
    dds::EndpointQos settings;
    settings.keep_all = true;
    settings.transient_local = true;
    if (with_type_hash) settings.user_data = "typehash=" + std::string(wire::MessageTraits<Info>::type_hash) + ";";
    const auto qos = dds::make_qos(settings);
    discovery_reader_ = create_listening_reader(participant.subscriber(), discovery_topic_, qos.get(), this,
                                                &on_discovery_info, "creating the ros_discovery_info reader");
  } catch (...) {
    delete_readers();
    throw;
  }
  // Whatever arrived before the listeners were attached (normally nothing: they are set at creation).
  take_participants(participants_reader_);
  take_endpoints(publications_reader_, false);
  take_endpoints(subscriptions_reader_, true);
  take_discovery_info(discovery_reader_);
}

GraphCache::~GraphCache() { delete_readers(); }

void GraphCache::delete_readers() noexcept {
  // dds_delete waits for listener calls in progress, so no listener runs on a destroyed cache.
  for (dds_entity_t* entity :
       {&discovery_reader_, &subscriptions_reader_, &publications_reader_, &participants_reader_, &discovery_topic_}) {
    if (*entity > 0) dds_delete(*entity);
    *entity = 0;
  }
  dds::taken_over(this);  // back from the listeners
}

void GraphCache::on_participants(dds_entity_t reader, void* arg) {
  dds::CallbackTurn turn(arg);
  try {
    static_cast<GraphCache*>(arg)->take_participants(reader);
  } catch (...) {  // never into Cyclone's thread
  }
}

void GraphCache::on_publications(dds_entity_t reader, void* arg) {
  dds::CallbackTurn turn(arg);
  try {
    static_cast<GraphCache*>(arg)->take_endpoints(reader, false);
  } catch (...) {
  }
}

void GraphCache::on_subscriptions(dds_entity_t reader, void* arg) {
  dds::CallbackTurn turn(arg);
  try {
    static_cast<GraphCache*>(arg)->take_endpoints(reader, true);
  } catch (...) {
  }
}

void GraphCache::on_discovery_info(dds_entity_t reader, void* arg) {
  dds::CallbackTurn turn(arg);
  try {
    static_cast<GraphCache*>(arg)->take_discovery_info(reader);
  } catch (...) {
  }
}

namespace {
constexpr int kTakeBatch = 32;
}

// The lock is held across take and update so that samples of one reader are applied in reader order
// even when two threads (a listener and the constructor) take concurrently.
void GraphCache::take_participants(dds_entity_t reader) {
  std::lock_guard lock(mutex_);
  bool changed = false;
  for (;;) {
    void* samples[kTakeBatch] = {};  // null: Cyclone lends its own buffer
    dds_sample_info_t infos[kTakeBatch];
    const dds_return_t n = dds_take(reader, samples, infos, kTakeBatch, kTakeBatch);
    if (n <= 0) break;
    for (dds_return_t i = 0; i < n; ++i) {
      const auto* sample = static_cast<const dds_builtintopic_participant_t*>(samples[i]);
      const dds_sample_info_t& info = infos[i];
      if (info.valid_data) {
        const dds::Guid gid = guid_from(sample->key);
        participant_handles_[info.instance_handle] = gid;
        changed |= state_.participant_alive(gid, user_data_of(sample->qos));
        if (gid != own_) settle_.peer_seen(Clock::now());
      }
      // A sample may carry data and already say the instance is gone; or be a bare notification.
      if (info.instance_state != DDS_IST_ALIVE) {
        const auto known = participant_handles_.find(info.instance_handle);
        const dds::Guid gid = known != participant_handles_.end() ? known->second : guid_from(sample->key);
        if (known != participant_handles_.end()) participant_handles_.erase(known);
        changed |= state_.participant_gone(gid);
      }
    }
    dds_return_loan(reader, samples, n);
    if (n < kTakeBatch) break;
  }
  if (changed) changed_locked();
}

void GraphCache::take_endpoints(dds_entity_t reader, bool readers) {
  std::lock_guard lock(mutex_);
  bool changed = false;
  for (;;) {
    void* samples[kTakeBatch] = {};
    dds_sample_info_t infos[kTakeBatch];
    const dds_return_t n = dds_take(reader, samples, infos, kTakeBatch, kTakeBatch);
    if (n <= 0) break;
    for (dds_return_t i = 0; i < n; ++i) {
      const auto* sample = static_cast<const dds_builtintopic_endpoint_t*>(samples[i]);
      const dds_sample_info_t& info = infos[i];
      if (info.valid_data) {
        const dds::Guid gid = guid_from(sample->key);
        endpoint_handles_[info.instance_handle] = gid;
        const std::string user_data = user_data_of(sample->qos);
        const BuiltinEndpoint endpoint{.participant = guid_from(sample->participant_key),
                                       .topic_name = sample->topic_name != nullptr ? sample->topic_name : "",
                                       .type_name = sample->type_name != nullptr ? sample->type_name : "",
                                       .user_data = user_data,
                                       .qos = qos_of(sample->qos)};
        if (auto record = endpoint_record(endpoint, readers)) changed |= state_.endpoint_alive(gid, std::move(*record));
      }
      if (info.instance_state != DDS_IST_ALIVE) {
        const auto known = endpoint_handles_.find(info.instance_handle);
        const dds::Guid gid = known != endpoint_handles_.end() ? known->second : guid_from(sample->key);
        if (known != endpoint_handles_.end()) endpoint_handles_.erase(known);
        changed |= state_.endpoint_gone(gid);
      }
    }
    dds_return_loan(reader, samples, n);
    if (n < kTakeBatch) break;
  }
  if (changed) changed_locked();
}

void GraphCache::take_discovery_info(dds_entity_t reader) {
  std::lock_guard lock(mutex_);
  bool changed = false;
  // From a Cyclone listener: nothing may escape. The take fails when the reader is being deleted
  // (the context shutting down) while the listener runs; there is nothing left to read then.
  try {
    dds::take_raw(
      reader,
      [&](std::span<const std::uint8_t> bytes, const dds_sample_info_t&) {
        if (auto info = decode_participant_entities(bytes)) changed |= state_.participant_entities(std::move(*info));
        else ++rejected_;
      },
      std::numeric_limits<std::size_t>::max());
  } catch (const dds::DdsError&) {
  }
  if (changed) changed_locked();
}

void GraphCache::changed_locked() {
  ++changes_;
  settle_.changed(Clock::now());
  changed_.notify_all();
}

std::uint64_t GraphCache::change_count() const {
  std::lock_guard lock(mutex_);
  return changes_;
}

bool GraphCache::wait_for_change(std::uint64_t since, std::chrono::nanoseconds timeout) const {
  const auto deadline = deadline_after(Clock::now(), timeout);
  std::unique_lock lock(mutex_);
  const auto done = [&] { return changes_ > since || interrupted_; };
  if (deadline == Clock::time_point::max()) changed_.wait(lock, done);
  else changed_.wait_until(lock, deadline, done);
  return changes_ > since;
}

bool GraphCache::wait_until_settled(std::chrono::nanoseconds max_wait, std::chrono::nanoseconds quiet_period) const {
  const auto deadline = deadline_after(Clock::now(), max_wait);
  std::unique_lock lock(mutex_);
  for (;;) {
    if (interrupted_) return false;
    const auto now = Clock::now();
    const bool complete = state_.complete();
    const auto settled_at = settle_.settled_at(quiet_period);
    if (complete && now >= settled_at) return true;
    if (now >= deadline) return false;
    // Incomplete: only a change can help. Complete: a change, or the end of the quiet period.
    changed_.wait_until(lock, complete ? std::min(deadline, settled_at) : deadline);
  }
}

std::vector<std::string> GraphCache::unsettled() const {
  std::lock_guard lock(mutex_);
  std::vector<std::string> why;
  state_.complete(&why);
  return why;
}

void GraphCache::interrupt() {
  std::lock_guard lock(mutex_);
  interrupted_ = true;
  changed_.notify_all();
}

std::uint64_t GraphCache::rejected_samples() const {
  std::lock_guard lock(mutex_);
  return rejected_;
}

}  // namespace rclite::graph
