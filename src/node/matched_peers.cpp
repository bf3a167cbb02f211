#include "matched_peers.hpp"

#include <algorithm>
#include <string_view>

#include "../dds/user_data.hpp"

namespace rclite::detail {

namespace {

// Peers matched both ways that announce no id (only when none does) are listed under this name.
constexpr const char* kPeerWithoutId = "<peer without an id>";

// The value of `key` in an endpoint's USER_DATA, read with the parser the graph cache uses.
std::optional<std::string> user_data_value(const dds_qos_t* qos, const char* key) {
  void* data = nullptr;
  size_t size = 0;
  if (qos == nullptr || !dds_qget_userdata(qos, &data, &size) || data == nullptr) return std::nullopt;
  const auto values = dds::parse_user_data(std::string_view(static_cast<const char*>(data), size));
  dds_free(data);
  const auto found = values.find(key);
  if (found == values.end()) return std::nullopt;
  return found->second;
}

// The value of `key` of each remote endpoint matched by `entity` (a writer's matched readers, or a
// reader's matched writers); nullopt for endpoints without that key.
std::vector<std::optional<std::string>> matched_ids(dds_entity_t entity, bool entity_is_writer, const char* key) {
  std::vector<dds_instance_handle_t> handles(16);
  while (true) {
    const dds_return_t n = entity_is_writer ? dds_get_matched_subscriptions(entity, handles.data(), handles.size())
                                            : dds_get_matched_publications(entity, handles.data(), handles.size());
    if (n < 0) return {};
    if (static_cast<std::size_t>(n) <= handles.size()) {
      handles.resize(static_cast<std::size_t>(n));
      break;
    }
    handles.resize(static_cast<std::size_t>(n));
  }
  std::vector<std::optional<std::string>> values;
  for (const auto handle : handles) {
    dds_builtintopic_endpoint_t* endpoint = entity_is_writer ? dds_get_matched_subscription_data(entity, handle)
                                                             : dds_get_matched_publication_data(entity, handle);
    if (endpoint == nullptr) continue;  // unmatched meanwhile
    values.push_back(user_data_value(endpoint->qos, key));
    dds_builtintopic_free_endpoint(endpoint);
  }
  return values;
}

}  // namespace

void MatchedPeers::attach(dds_entity_t reader, dds_entity_t writer) {
  reader_.store(reader);
  writer_.store(writer);
}

void MatchedPeers::writers_changed(bool some_left) {
  if (some_left) {
    std::lock_guard lock(mutex_);
    writers_by_handle_.clear();  // forget writers that left; relearned on demand
  }
  writers_stale_.store(true);
  generation_.fetch_add(1);  // after the stale mark: a reader of the new value looks again
}

void MatchedPeers::readers_changed() {
  readers_stale_.store(true);
  readers_generation_.fetch_add(1);
  generation_.fetch_add(1);
}

MatchedPeers::Ids MatchedPeers::matched_both_ways() const {
  const dds_entity_t reader = reader_.load();
  const dds_entity_t writer = writer_.load();
  if (reader == 0 || writer == 0) return std::make_shared<const std::vector<std::string>>();
  std::lock_guard lock(mutex_);
  if (readers_stale_.exchange(false)) {
    readers_ = matched_ids(writer, /*entity_is_writer=*/true, id_key_);
    both_ways_.reset();
  }
  if (writers_stale_.exchange(false)) {
    writers_ = matched_ids(reader, /*entity_is_writer=*/false, id_key_);
    both_ways_.reset();
  }
  if (both_ways_) return both_ways_;
  auto peers = std::make_shared<std::vector<std::string>>();
  if (!readers_.empty() && !writers_.empty()) {
    const bool any_id = std::any_of(readers_.begin(), readers_.end(), [](auto& id) { return id.has_value(); });
    if (!any_id) {
      peers->push_back(kPeerWithoutId);  // no id anywhere: both sides matched is enough
    } else {
      for (const auto& reader_id : readers_) {
        if (!reader_id) continue;
        const bool writer_too =
            std::any_of(writers_.begin(), writers_.end(), [&](auto& writer_id) { return writer_id == reader_id; });
        if (writer_too && std::find(peers->begin(), peers->end(), *reader_id) == peers->end()) {
          peers->push_back(*reader_id);
        }
      }
    }
  }
  both_ways_ = std::move(peers);
  return both_ways_;
}

MatchedPeers::Reach MatchedPeers::reach_of_writer(std::uint64_t writer_handle, std::string& id) {
  {
    std::lock_guard lock(mutex_);
    const auto found = writers_by_handle_.find(writer_handle);
    if (found != writers_by_handle_.end() && found->second.reader_seen_at == readers_generation_.load()) {
      return Reach::Matched;  // the steady state
    }
  }
  bool present = false;
  auto peer_id = writer_id(writer_handle, present);
  if (!present) return Reach::Gone;
  if (peer_id && !reader_matched(*peer_id)) {
    id = std::move(*peer_id);
    return Reach::NotYet;
  }
  remember_reader_matched(writer_handle);
  return Reach::Matched;
}

bool MatchedPeers::reader_matched(const std::string& id) const {
  std::lock_guard lock(mutex_);
  if (readers_stale_.exchange(false)) {
    readers_ = matched_ids(writer_.load(), /*entity_is_writer=*/true, id_key_);
    both_ways_.reset();
  }
  return std::find(readers_.begin(), readers_.end(), id) != readers_.end();
}

// The id of the remote writer `handle` (nullopt: a peer that does not announce one); `present` is
// false when it is no longer matched.
std::optional<std::string> MatchedPeers::writer_id(std::uint64_t handle, bool& present) {
  {
    std::lock_guard lock(mutex_);
    if (auto found = writers_by_handle_.find(handle); found != writers_by_handle_.end()) {
      present = true;
      return found->second.id;
    }
  }
  dds_builtintopic_endpoint_t* endpoint = dds_get_matched_publication_data(reader_.load(), handle);
  present = endpoint != nullptr;
  if (!present) return std::nullopt;
  auto value = user_data_value(endpoint->qos, id_key_);
  dds_builtintopic_free_endpoint(endpoint);
  std::lock_guard lock(mutex_);
  writers_by_handle_.emplace(handle, Writer{value, 0});
  return value;
}

void MatchedPeers::remember_reader_matched(std::uint64_t handle) {
  std::lock_guard lock(mutex_);
  if (auto found = writers_by_handle_.find(handle); found != writers_by_handle_.end()) {
    found->second.reader_seen_at = readers_generation_.load();
  }
}

}  // namespace rclite::detail
