/// @file
/// The context: one per ROS "process instance". It owns the DDS participant (one for all nodes,
/// as rmw_cyclonedds does), the parsed --ros-args, and the shutdown state.
#pragma once

#include <chrono>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "rclite/arguments.hpp"

namespace rclite {

namespace detail {
class ContextImpl;
}

struct InitOptions {
  /// Install SIGINT/SIGTERM handlers that shut the context down (so spin() returns).
  bool install_signal_handlers = true;
};

class Context {
 public:
  /// Parses `argv` (throws ArgumentError) and reads the ROS environment (throws on bad values).
  explicit Context(std::span<const std::string> argv = {}, InitOptions options = {});
  Context(int argc, const char* const* argv, InitOptions options = {});
  ~Context();
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;

  bool ok() const;
  /// Wakes every spin and wait of this context; pending requests fail with ShutdownError.
  void shutdown(const std::string& reason = "user called shutdown");

  const Arguments& arguments() const;
  std::uint32_t domain_id() const;

  std::shared_ptr<detail::ContextImpl> impl() const { return impl_; }

 private:
  std::shared_ptr<detail::ContextImpl> impl_;
};

/// The default context, used by nodes created without one (as rclcpp::init does).
void init(int argc, const char* const* argv, InitOptions options = {});
void shutdown();
bool ok();
/// The default context; throws std::logic_error before init().
Context& default_context();

/// The non-ROS arguments (argv[0] and everything outside --ros-args) of the default context.
std::vector<std::string> remove_ros_arguments(int argc, const char* const* argv);

}  // namespace rclite
