// The types a node uses (rcl's node type cache): what its services, clients, publishers and
// subscriptions registered, by RIHS01 hash, with a count per hash since several entities may share a
// type. ~/get_type_description answers from it.
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <string_view>

#include "rclite/detail/type_definitions.hpp"

namespace rclite::detail {

class NodeTypeCache {
 public:
  // Counts one more user of the type `hash` (no-op for an empty hash); the first non-null
  // collector describes it.
  void add(std::string_view hash, DefinitionCollector definitions);
  void remove(std::string_view hash);
  // Null when no entity of the node uses the type, or none of its users can describe it.
  DefinitionCollector find(std::string_view hash) const;

 private:
  struct Entry {
    DefinitionCollector definitions = nullptr;
    int users = 0;
  };
  mutable std::mutex mutex_;
  std::map<std::string, Entry, std::less<>> types_;
};

}  // namespace rclite::detail
