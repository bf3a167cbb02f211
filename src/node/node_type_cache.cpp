#include "node_type_cache.hpp"

namespace rclite::detail {

// Every user counts, with or without definitions, so that add and remove stay symmetric: a user
// without definitions leaving must not take the count of one that described the type.
void NodeTypeCache::add(std::string_view hash, DefinitionCollector definitions) {
  if (hash.empty()) return;
  std::lock_guard lock(mutex_);
  auto [entry, inserted] = types_.try_emplace(std::string(hash), Entry{});
  if (entry->second.definitions == nullptr) entry->second.definitions = std::move(definitions);
  ++entry->second.users;
}

void NodeTypeCache::remove(std::string_view hash) {
  std::lock_guard lock(mutex_);
  auto entry = types_.find(hash);
  if (entry == types_.end()) return;
  if (--entry->second.users == 0) types_.erase(entry);
}

DefinitionCollector NodeTypeCache::find(std::string_view hash) const {
  std::lock_guard lock(mutex_);
  auto entry = types_.find(hash);
  return entry == types_.end() ? nullptr : entry->second.definitions;
}

}  // namespace rclite::detail
