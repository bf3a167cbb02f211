/// @file
/// Callbacks on a node's parameter changes (rclcpp's names). An on-set callback sees every change
/// before it happens and may reject it (SetParametersResult::successful = false with a reason); a
/// post-set callback sees each accepted change. The callback stays registered while its handle lives.
#pragma once

#include <functional>
#include <vector>

#include "rclite/parameter.hpp"

namespace rclite {

/// Checks parameters about to be set; a result with `successful = false` rejects them.
using OnSetParametersCallback = std::function<SetParametersResult(const std::vector<Parameter>&)>;
/// Told of parameters that were set.
using PostSetParametersCallback = std::function<void(const std::vector<Parameter>&)>;

/// Keeps an on-set callback registered while held (Node::add_on_set_parameters_callback).
struct OnSetParametersCallbackHandle {
  OnSetParametersCallback callback;  ///< the registered callback
};

/// Keeps a post-set callback registered while held (Node::add_post_set_parameters_callback).
struct PostSetParametersCallbackHandle {
  PostSetParametersCallback callback;  ///< the registered callback
};

}  // namespace rclite
