#include "node_type_cache.hpp"

namespace rclite::detail {

void NodeTypeCache::add(std::string_view hash, DefinitionCollector definitions) {
  if (hash.empty() || definitions == nullptr) return;
  std::lock_guard lock(mutex_);
  auto [entry, inserted] = types_.try_emplace(std::string(hash), Entry{definitions, 0});
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
