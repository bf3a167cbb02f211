/// @file
/// ROS names: validation and expansion, with the rules of rmw/rcl (spec §1.2, §1.3).
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace rclite {

class InvalidNameError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

/// Each returns why the name is invalid, or nullopt when it is valid.
std::optional<std::string> node_name_error(std::string_view name);
/// Why the namespace is invalid, or nullopt.
std::optional<std::string> namespace_error(std::string_view ns);
std::optional<std::string> full_name_error(std::string_view name);  ///< an expanded topic/service name
std::optional<std::string> relative_name_error(std::string_view name);  ///< before expansion

/// "" -> "/", "foo" -> "/foo" (rcl_node_init); then validated. Throws InvalidNameError.
std::string normalize_namespace(std::string_view ns);

/// Expands `name` for node `node` in namespace `ns`: `~` is the node's private namespace,
/// `{node}` / `{ns}` / `{namespace}` are substituted, relative names are put under `ns`.
/// Throws InvalidNameError when `name` or the result is invalid.
std::string expand_name(std::string_view name, std::string_view node, std::string_view ns);

/// "/ns" + "/" + "node" as `ros2 node list` prints it.
std::string fully_qualified_node_name(std::string_view ns, std::string_view node);

}  // namespace rclite
