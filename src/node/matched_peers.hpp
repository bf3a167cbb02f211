// The peers of a service's endpoint pair, known by the id in their endpoints' USER_DATA (spec §5,
// §7): for a client, the servers ("serviceid") whose request reader and reply writer are both
// matched with ours; for a server, the clients ("clientid") and whether a client's reply reader is
// matched yet. Shared by ClientCoreImpl and ServiceCoreImpl.
//
// The match-status listeners only tell this object that a side changed (no DDS call inside a
// listener); the lists are read again from DDS, side by side, the next time they are asked for.
#pragma once

#include <dds/dds.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace rclite::detail {

class MatchedPeers {
 public:
  using Ids = std::shared_ptr<const std::vector<std::string>>;

  // `id_key` is the USER_DATA key the peers announce their id under ("serviceid", "clientid").
  explicit MatchedPeers(const char* id_key) : id_key_(id_key) {}

  // Our endpoints, once they exist: until then no peer is matched.
  void attach(dds_entity_t reader, dds_entity_t writer);

  // --- From the match-status listeners (Cyclone's threads): no DDS call, no lock unless writers left.
  // The remote writers matched by our reader changed; `some_left`: at least one unmatched.
  void writers_changed(bool some_left);
  // The remote readers matched by our writer changed.
  void readers_changed();
  // Counts the changes of both sides (a caller that read it before a look can tell whether a
  // change came meanwhile).
  std::uint64_t generation() const { return generation_.load(); }

  // --- A client's view. The ids of the peers whose reader is matched by our writer and whose
  // writer is matched by our reader. Peers without an id count when no matched reader has one
  // (non-Cyclone or legacy peers): they share one name. Cached until the next change.
  Ids matched_both_ways() const;

  // --- A server's view. Whether the peer that wrote with `writer_handle` (a writer matched by
  // our reader) can be written to: its reader is matched by our writer.
  enum class Reach {
    Matched,     // its reader is matched (or it announces no id: nothing to wait for)
    NotYet,      // it announces `id`, and no reader with that id is matched yet
    Gone,        // the writer is no longer matched
  };
  // `id` receives the peer's id when NotYet. The steady state (seen matched since the last
  // change of our writer's matches) costs one lock and one hash lookup.
  Reach reach_of_writer(std::uint64_t writer_handle, std::string& id);
  // True when a reader announcing `id` is matched by our writer.
  bool reader_matched(const std::string& id) const;

 private:
  using MaybeIds = std::vector<std::optional<std::string>>;
  struct Writer {
    std::optional<std::string> id;  // nullopt: a peer that does not announce one
    std::uint64_t reader_seen_at = 0;  // readers_generation_ when its reader was seen matched
  };

  // Under mutex_: the lists of a side marked stale are read again from DDS.
  void refresh_locked() const;
  std::optional<std::string> writer_id(std::uint64_t handle, bool& present);
  void remember_reader_matched(std::uint64_t handle);

  const char* id_key_;
  std::atomic<dds_entity_t> reader_{0};
  std::atomic<dds_entity_t> writer_{0};

  std::atomic<std::uint64_t> generation_{0};
  std::atomic<std::uint64_t> readers_generation_{1};  // 0 marks a reader never seen matched
  // Set before generation_ moves: whoever reads the new generation finds the side stale.
  mutable std::atomic<bool> readers_stale_{true};
  mutable std::atomic<bool> writers_stale_{true};

  mutable std::mutex mutex_;
  mutable MaybeIds readers_;       // ids of the remote readers matched by our writer
  mutable MaybeIds writers_;       // ids of the remote writers matched by our reader
  mutable Ids both_ways_;          // null: to be computed from the two lists
  std::unordered_map<std::uint64_t, Writer> writers_by_handle_;  // ids learned on demand
};

}  // namespace rclite::detail
