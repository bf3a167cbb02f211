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
#include "../dds/user_data.hpp"
#include "rclite/wire/cdr.hpp"

namespace rclite::graph {

namespace {

constexpr std::string_view kDiscoveryTopic = "ros_discovery_info";
constexpr std::size_t kMaxNameLength = 256;  // string<=256 in NodeEntitiesInfo.msg
using Info = rmw_dds_common::msg::ParticipantEntitiesInfo;
using Clock = std::chrono::steady_clock;

// --- decoding ---

// Reads one gid of `size` bytes into `out` (its first 16 bytes); false if a Humble gid's padding is not zero.
bool read_gid(wire::CdrReader& reader, GidSize size, dds::Guid& out) {
  bool padding_zero = true;
  for (std::size_t i = 0; i < static_cast<std::size_t>(size); ++i) {
    const auto byte = reader.read_primitive<std::uint8_t>();
    if (i < out.size()) out[i] = byte;
    else if (byte != 0) padding_zero = false;
  }
  return padding_zero;
}

bool read_name(wire::CdrReader& reader, std::string& out) {
  reader.read_string(out);
  return out.size() <= kMaxNameLength;
}

bool read_gids(wire::CdrReader& reader, GidSize size, std::vector<dds::Guid>& out) {
  const std::size_t count = reader.read_length(static_cast<std::size_t>(size));
  out.resize(count);
  for (auto& gid : out) {
    if (!read_gid(reader, size, gid)) return false;
  }
  return true;
}

std::optional<ParticipantEntities> parse_with(std::span<const std::uint8_t> sample, GidSize size) {
  try {
    wire::CdrReader reader(sample);
    ParticipantEntities info;
    info.gid_size = size;
    if (!read_gid(reader, size, info.participant)) return std::nullopt;
    // A node takes at least 16 bytes: two string lengths and two sequence lengths.
    const std::size_t nodes = reader.read_length(16);
    info.nodes.resize(nodes);
    for (auto& node : info.nodes) {
      if (!read_name(reader, node.node_namespace) || !read_name(reader, node.node_name)) return std::nullopt;
      if (!read_gids(reader, size, node.readers) || !read_gids(reader, size, node.writers)) return std::nullopt;
    }
    // Exactly consumed: at most the padding to a multiple of 4 may remain.
    if (reader.remaining() >= 4) return std::nullopt;
    return info;
  } catch (const wire::CdrError&) {
    return std::nullopt;
  }
}

// --- demangling ---

std::string replace_colons(std::string_view ns) {
  std::string out;
  out.reserve(ns.size());
  for (std::size_t i = 0; i < ns.size(); ++i) {
    if (ns.compare(i, 2, "::") == 0) {
      out += '/';
      ++i;
    } else {
      out += ns[i];
    }
  }
  return out;
}

// `prefix` + "/..." + `suffix` -> "/..." (rmw_cyclonedds _demangle_service_from_topic).
std::string strip(std::string_view dds_topic, std::string_view prefix, std::string_view suffix) {
  if (dds_topic.size() <= prefix.size() || !dds_topic.starts_with(prefix) || dds_topic[prefix.size()] != '/') return {};
  std::string_view name = dds_topic.substr(prefix.size());
  if (!name.ends_with(suffix)) return {};
  name.remove_suffix(suffix.size());
  return std::string(name);
}

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

std::string hex(const dds::Guid& gid) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (std::uint8_t byte : gid) {
    out += kHex[byte >> 4];
    out += kHex[byte & 0xf];
  }
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

std::optional<ParticipantEntities> decode_participant_entities(std::span<const std::uint8_t> sample) {
  // At most one layout passes (see the header), so the order does not matter.
  if (auto jazzy = parse_with(sample, GidSize::Jazzy)) return jazzy;
  return parse_with(sample, GidSize::Humble);
}

std::string demangle_topic(std::string_view dds_topic) { return strip(dds_topic, "rt", ""); }
std::string demangle_service_request(std::string_view dds_topic) { return strip(dds_topic, "rq", "Request"); }
std::string demangle_service_reply(std::string_view dds_topic) { return strip(dds_topic, "rr", "Reply"); }

std::string demangle_service(std::string_view dds_topic) {
  std::string name = demangle_service_reply(dds_topic);
  return name.empty() ? demangle_service_request(dds_topic) : name;
}

std::string demangle_type(std::string_view dds_type) {
  if (dds_type.empty() || dds_type.back() != '_') return std::string(dds_type);
  const std::size_t marker = dds_type.find("dds_::");
  if (marker == std::string_view::npos) return std::string(dds_type);
  const std::size_t start = marker + 6;
  if (start > dds_type.size() - 1) return std::string(dds_type);
  return replace_colons(dds_type.substr(0, marker)) + std::string(dds_type.substr(start, dds_type.size() - 1 - start));
}

std::string demangle_service_type(std::string_view dds_type) {
  const std::size_t marker = dds_type.find("dds_::");
  if (marker == std::string_view::npos) return {};
  std::size_t suffix = 0;
  if (dds_type.ends_with("_Response_")) suffix = std::string_view("_Response_").size();
  else if (dds_type.ends_with("_Request_")) suffix = std::string_view("_Request_").size();
  else return {};
  const std::size_t start = marker + 6;
  if (dds_type.size() - suffix <= start) return {};
  return replace_colons(dds_type.substr(0, marker)) + std::string(dds_type.substr(start, dds_type.size() - suffix - start));
}

// --- GraphState ------------------------------------------------------------------------------------

bool GraphState::participant_alive(const dds::Guid& participant, std::string_view user_data) {
  if (gone_.erase(participant) > 0) std::erase(gone_order_, participant);
  const auto values = dds::parse_user_data(user_data);
  const auto enclave = values.find("enclave");
  const bool ros = enclave != values.end();
  auto& record = participants_[participant];
  const bool changed = !record.alive || record.ros != ros || (ros && record.enclave != enclave->second);
  record.alive = true;
  record.ros = ros;
  record.enclave = ros ? enclave->second : std::string();
  return changed;
}

bool GraphState::participant_gone(const dds::Guid& participant) {
  bool changed = participants_.erase(participant) > 0;
  changed |= std::erase_if(endpoints_, [&](const auto& entry) { return entry.second.participant == participant; }) > 0;
  bury(participant);
  return changed;
}

void GraphState::bury(const dds::Guid& participant) {
  constexpr std::size_t kRemembered = 4096;
  if (!gone_.insert(participant).second) return;
  gone_order_.push_back(participant);
  if (gone_order_.size() > kRemembered) {
    gone_.erase(gone_order_.front());
    gone_order_.pop_front();
  }
}

bool GraphState::endpoint_alive(const dds::Guid& endpoint, EndpointRecord record) {
  if (gone_.contains(record.participant)) return false;  // a late notification of a participant that left
  auto [it, inserted] = endpoints_.try_emplace(endpoint, record);
  if (inserted) return true;
  if (it->second == record) return false;
  it->second = std::move(record);
  return true;
}

bool GraphState::endpoint_gone(const dds::Guid& endpoint) { return endpoints_.erase(endpoint) > 0; }

bool GraphState::participant_entities(ParticipantEntities info) {
  if (gone_.contains(info.participant)) return false;
  auto& record = participants_[info.participant];
  if (record.has_entities && record.gid_size == info.gid_size && record.nodes == info.nodes) return false;
  record.has_entities = true;
  record.gid_size = info.gid_size;
  record.nodes = std::move(info.nodes);
  return true;
}

std::vector<NodeName> GraphState::node_names() const {
  std::vector<NodeName> names;
  for (const auto& [gid, participant] : participants_) {
    for (const auto& node : participant.nodes) names.push_back(NodeName{node.node_namespace, node.node_name});
  }
  std::sort(names.begin(), names.end());
  return names;
}

NamesAndTypes GraphState::topic_names_and_types() const {
  NamesAndTypes result;
  for (const auto& [gid, endpoint] : endpoints_) {
    std::string name = demangle_topic(endpoint.topic_name);
    if (!name.empty()) result[std::move(name)].insert(demangle_type(endpoint.type_name));
  }
  return result;
}

NamesAndTypes GraphState::service_names_and_types() const {
  NamesAndTypes result;
  for (const auto& [gid, endpoint] : endpoints_) {
    std::string name = demangle_service(endpoint.topic_name);
    if (name.empty()) continue;
    std::string type = demangle_service_type(endpoint.type_name);
    if (!type.empty()) result[std::move(name)].insert(std::move(type));
  }
  return result;
}

const DiscoveredNode* GraphState::find_node(const NodeName& node) const {
  for (const auto& [gid, participant] : participants_) {
    for (const auto& entry : participant.nodes) {
      if (entry.node_name == node.name && entry.node_namespace == node.ns) return &entry;
    }
  }
  return nullptr;
}

std::optional<NamesAndTypes> GraphState::by_node(const NodeName& node, bool readers,
                                                 std::string (*demangle_name)(std::string_view),
                                                 std::string (*demangle_types)(std::string_view)) const {
  const DiscoveredNode* entry = find_node(node);
  if (entry == nullptr) return std::nullopt;
  NamesAndTypes result;
  for (const auto& gid : readers ? entry->readers : entry->writers) {
    const auto it = endpoints_.find(gid);
    if (it == endpoints_.end() || it->second.is_reader != readers) continue;
    std::string name = demangle_name(it->second.topic_name);
    if (name.empty()) continue;
    std::string type = demangle_types(it->second.type_name);
    if (!type.empty()) result[std::move(name)].insert(std::move(type));
  }
  return result;
}

std::optional<NamesAndTypes> GraphState::service_names_and_types_by_node(const NodeName& node) const {
  return by_node(node, true, &demangle_service_request, &demangle_service_type);
}

std::optional<NamesAndTypes> GraphState::client_names_and_types_by_node(const NodeName& node) const {
  return by_node(node, true, &demangle_service_reply, &demangle_service_type);
}

std::optional<NamesAndTypes> GraphState::publisher_names_and_types_by_node(const NodeName& node) const {
  return by_node(node, false, &demangle_topic, &demangle_type);
}

std::optional<NamesAndTypes> GraphState::subscriber_names_and_types_by_node(const NodeName& node) const {
  return by_node(node, true, &demangle_topic, &demangle_type);
}

std::size_t GraphState::count(const std::string& dds_topic, bool readers) const {
  return static_cast<std::size_t>(std::count_if(endpoints_.begin(), endpoints_.end(), [&](const auto& entry) {
    return entry.second.is_reader == readers && entry.second.topic_name == dds_topic;
  }));
}

std::size_t GraphState::count_services(std::string_view service) const {
  return count("rq" + std::string(service) + "Request", true);
}

std::size_t GraphState::count_clients(std::string_view service) const {
  return count("rq" + std::string(service) + "Request", false);
}

std::size_t GraphState::count_publishers(std::string_view topic) const { return count("rt" + std::string(topic), false); }

std::size_t GraphState::count_subscribers(std::string_view topic) const { return count("rt" + std::string(topic), true); }

std::vector<TopicEndpointInfo> GraphState::topic_endpoints(std::string_view topic, bool readers) const {
  const std::string dds_topic = "rt" + std::string(topic);
  std::vector<TopicEndpointInfo> result;
  for (const auto& [gid, endpoint] : endpoints_) {
    if (endpoint.is_reader != readers || endpoint.topic_name != dds_topic) continue;
    TopicEndpointInfo info;
    info.kind = readers ? TopicEndpointInfo::Kind::Subscription : TopicEndpointInfo::Kind::Publisher;
    info.gid = gid;
    info.topic_type = demangle_type(endpoint.type_name);
    if (auto hash = endpoint.user_data.find("typehash"); hash != endpoint.user_data.end()) info.type_hash = hash->second;
    info.qos = endpoint.qos;
    const auto participant = participants_.find(endpoint.participant);
    if (participant == participants_.end() || (!participant->second.ros && !participant->second.has_entities)) {
      info.node_name = info.node_namespace = "_CREATED_BY_BARE_DDS_APP_";
    } else {
      info.node_name = "_NODE_NAME_UNKNOWN_";
      info.node_namespace = "_NODE_NAMESPACE_UNKNOWN_";
      for (const auto& node : participant->second.nodes) {
        const auto& gids = readers ? node.readers : node.writers;
        if (std::find(gids.begin(), gids.end(), gid) != gids.end()) {
          info.node_name = node.node_name;
          info.node_namespace = node.node_namespace;
          break;
        }
      }
    }
    result.push_back(std::move(info));
  }
  return result;
}

bool GraphState::complete(std::vector<std::string>* why) const {
  bool complete = true;
  std::set<dds::Guid> with_discovery_writer;
  for (const auto& [gid, endpoint] : endpoints_) {
    if (!endpoint.is_reader && endpoint.topic_name == kDiscoveryTopic) with_discovery_writer.insert(endpoint.participant);
  }
  for (const auto& [gid, participant] : participants_) {
    if (participant.alive && !participant.has_entities && (participant.ros || with_discovery_writer.contains(gid))) {
      complete = false;
      if (why == nullptr) return false;
      why->push_back("participant " + hex(gid) + ": no ros_discovery_info sample yet");
    }
    for (const auto& node : participant.nodes) {
      for (const auto* gids : {&node.readers, &node.writers}) {
        for (const auto& endpoint : *gids) {
          if (endpoints_.contains(endpoint)) continue;
          complete = false;
          if (why == nullptr) return false;
          why->push_back("node " + fully_qualified_name(node) + ": " + (gids == &node.readers ? "reader " : "writer ") +
                         hex(endpoint) + " not discovered yet");
        }
      }
    }
  }
  return complete;
}

std::string GraphState::fully_qualified_name(const DiscoveredNode& node) {
  return NodeName{node.node_namespace, node.node_name}.fully_qualified();
}

// --- GraphCache ------------------------------------------------------------------------------------

GraphCache::GraphCache(const dds::Participant& participant, bool with_type_hash)
    : created_(Clock::now()), last_change_(created_), own_(participant.guid()) {
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
        if (!first_peer_ && gid != own_) first_peer_ = Clock::now();
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
        EndpointRecord record;
        record.is_reader = readers;
        record.participant = guid_from(sample->participant_key);
        if (sample->topic_name != nullptr) record.topic_name = sample->topic_name;
        if (sample->type_name != nullptr) record.type_name = sample->type_name;
        // Cyclone's own topics (DCPS*) are not part of the ROS graph, as in rmw_cyclonedds.
        if (!record.topic_name.starts_with("DCPS")) {
          record.user_data = dds::parse_user_data(user_data_of(sample->qos));
          record.qos = qos_of(sample->qos);
          changed |= state_.endpoint_alive(gid, std::move(record));
        }
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
  last_change_ = Clock::now();
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
  const auto quiet = std::chrono::duration_cast<Clock::duration>(std::max(quiet_period, std::chrono::nanoseconds::zero()));
  std::unique_lock lock(mutex_);
  for (;;) {
    if (interrupted_) return false;
    const auto now = Clock::now();
    const bool complete = state_.complete();
    // No peer yet: quiet since creation for kFirstPeerWait. A peer: quiet since the last change for
    // the quiet period, or for as long as the first peer took to answer.
    const auto quiet_since = first_peer_ ? last_change_ : std::max(created_, last_change_);
    const auto first_peer_wait = std::chrono::duration_cast<Clock::duration>(kFirstPeerWait);
    const auto needed = std::max(quiet, first_peer_ ? std::min(*first_peer_ - created_, first_peer_wait) : first_peer_wait);
    if (complete && now - quiet_since >= needed) return true;
    if (now >= deadline) return false;
    // Incomplete: only a change can help. Complete: a change, or the end of the quiet period.
    changed_.wait_until(lock, complete ? std::min(deadline, quiet_since + needed) : deadline);
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
