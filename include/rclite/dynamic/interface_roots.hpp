/// @file
/// Where runtime-typed values find their interface definitions: the `share/` folders of the ROS
/// installs on AMENT_PREFIX_PATH, and rclite's bundled definitions (std_msgs, example_interfaces,
/// rcl_interfaces, ...), for an InterfaceLibrary.
#pragma once

#include <filesystem>
#include <vector>

#include "rclite/idl/interface_library.hpp"

namespace rclite::dynamic {

/// rclite's bundled interface definitions (laid out as `<pkg>/msg/<Name>.msg`), the first that
/// exists of:
/// @code{.unparsed}
///   $RCLITE_INTERFACES_DIR;
///   share/rclite/interfaces of the install this library runs from (found relative to it);
///   the source tree's interfaces/ folder, for builds run from the build tree;
///   share/rclite/interfaces under the install prefix the library was built for.
/// @endcode
/// Empty when none exists.
std::filesystem::path bundled_interfaces_dir();

/// `<prefix>/share` for every prefix of AMENT_PREFIX_PATH that has one, in order.
std::vector<std::filesystem::path> ament_share_dirs();

/// `<prefix>/share` for every prefix of AMENT_PREFIX_PATH that has one, in order, then the bundled
/// definitions: a sourced ROS install's own definitions come first, since its nodes use them.
std::vector<std::filesystem::path> interface_roots();

/// An InterfaceLibrary over interface_roots().
idl::InterfaceLibrary make_interface_library();

}  // namespace rclite::dynamic
