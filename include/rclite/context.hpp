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
struct Access;
}

/// Options of a Context (and of init()).
struct InitOptions {
  /// Install SIGINT/SIGTERM handlers that shut the context down (so spin() returns).
  bool install_signal_handlers = true;
};

/// One ROS 2 context: the DDS participant, the ROS arguments and environment, shutdown (rclcpp::Context).
class Context {
 public:
  /// Parses `argv` (throws ArgumentError) and reads the ROS environment (throws on bad values).
  explicit Context(std::span<const std::string> argv = {}, InitOptions options = {});
  /// The same from C's argc/argv.
  Context(int argc, const char* const* argv, InitOptions options = {});
  ~Context();
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;

  /// False once shut down.
  bool ok() const;
  /// Wakes every spin and wait of this context; pending requests fail with ShutdownError.
  void shutdown(const std::string& reason = "user called shutdown");

  /// The parsed ROS arguments.
  const Arguments& arguments() const;
  /// The DDS domain id the context uses (ROS_DOMAIN_ID).
  std::uint32_t domain_id() const;

 private:
  friend struct detail::Access;  // rclite's own code reaches the implementation (rclite/detail/access.hpp)
  std::shared_ptr<detail::ContextImpl> impl_;
};

/// The default context, used by nodes created without one (as rclcpp::init does).
void init(int argc, const char* const* argv, InitOptions options = {});
/// Shuts the default context down.
void shutdown();
/// False once the default context is shut down (or before init()).
bool ok();
/// The default context; throws std::logic_error before init().
Context& default_context();

/// The non-ROS arguments (argv[0] and everything outside --ros-args) of the default context.
std::vector<std::string> remove_ros_arguments(int argc, const char* const* argv);

}  // namespace rclite
