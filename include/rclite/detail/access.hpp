// How rclite's own code (src/, the Python face, tests) reaches the implementation behind a Node or a
// Context: kept off their public surface, one friend for both.
#pragma once

#include <memory>

#include "rclite/context.hpp"
#include "rclite/node.hpp"

namespace rclite::detail {

struct Access {
  static const std::shared_ptr<NodeImpl>& node(const Node& node) { return node.impl_; }
  static const std::shared_ptr<ContextImpl>& context(const Context& context) { return context.impl_; }
};

}  // namespace rclite::detail
