// What the handles (Client, Service, Subscription, Publisher and their runtime-typed twins) share:
// a use of an empty handle is a clear error, not a null dereference.
#pragma once

#include <memory>
#include <stdexcept>
#include <string>

namespace rclite::detail {

// `*core`, or std::logic_error naming the handle when it is empty (default-constructed, moved from
// or reset).
template <class Core>
Core& checked_core(const std::shared_ptr<Core>& core, const char* handle) {
  if (!core) throw std::logic_error(std::string(handle) + " is empty (default-constructed, moved from or reset)");
  return *core;
}

}  // namespace rclite::detail
