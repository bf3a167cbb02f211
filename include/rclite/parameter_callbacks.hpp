/// @file
/// Callbacks on a node's parameter changes (rclcpp's names). An on-set callback sees every change
/// before it happens and may reject it (SetParametersResult::successful = false with a reason); a
/// post-set callback sees each accepted change. The callback stays registered while its handle lives.
#pragma once

#include <functional>
#include <vector>

#include "rclite/parameter.hpp"

namespace rclite {

using OnSetParametersCallback = std::function<SetParametersResult(const std::vector<Parameter>&)>;
using PostSetParametersCallback = std::function<void(const std::vector<Parameter>&)>;

struct OnSetParametersCallbackHandle {
  OnSetParametersCallback callback;
};

struct PostSetParametersCallbackHandle {
  PostSetParametersCallback callback;
};

}  // namespace rclite
