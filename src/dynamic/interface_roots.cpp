#include "rclite/dynamic/interface_roots.hpp"

#include <dlfcn.h>

#include <cstdlib>
#include <string_view>

// Set by CMakeLists.txt for this file only.
#ifndef RCLITE_SOURCE_INTERFACES_DIR
#error "RCLITE_SOURCE_INTERFACES_DIR must be defined by the build"
#endif

namespace rclite::dynamic {

namespace fs = std::filesystem;

namespace {

bool is_existing_dir(const fs::path& path) {
  std::error_code ec;
  return !path.empty() && fs::is_directory(path, ec);
}

// The folder of the shared library or executable this code was linked into.
fs::path own_binary_dir() {
  Dl_info info{};
  if (dladdr(reinterpret_cast<void*>(&own_binary_dir), &info) == 0 || info.dli_fname == nullptr) {
    return {};
  }
  std::error_code ec;
  const fs::path binary = fs::weakly_canonical(fs::path(info.dli_fname), ec);
  return ec ? fs::path() : binary.parent_path();
}

}  // namespace

fs::path bundled_interfaces_dir() {
  if (const char* env = std::getenv("RCLITE_INTERFACES_DIR"); env != nullptr && *env != '\0') {
    if (is_existing_dir(env)) return env;
  }
  // A relocated install: the library sits in <prefix>/<libdir>, an executable it was linked into
  // statically in <prefix>/<bindir>.
  if (const fs::path binary_dir = own_binary_dir(); !binary_dir.empty()) {
    for (const char* relative : {RCLITE_LIB_TO_INTERFACES, RCLITE_BIN_TO_INTERFACES}) {
      const fs::path candidate = (binary_dir / relative).lexically_normal();
      if (is_existing_dir(candidate)) return candidate;
    }
  }
  for (const char* candidate : {RCLITE_SOURCE_INTERFACES_DIR, RCLITE_INSTALLED_INTERFACES_DIR}) {
    if (is_existing_dir(candidate)) return candidate;
  }
  return {};
}

std::vector<fs::path> ament_share_dirs() {
  std::vector<fs::path> roots;
  if (const char* env = std::getenv("AMENT_PREFIX_PATH"); env != nullptr) {
    std::string_view prefixes(env);
    while (!prefixes.empty()) {
      const std::size_t colon = prefixes.find(':');
      const std::string_view prefix = prefixes.substr(0, colon);
      prefixes = colon == std::string_view::npos ? std::string_view() : prefixes.substr(colon + 1);
      if (prefix.empty()) continue;
      fs::path share = fs::path(prefix) / "share";
      if (is_existing_dir(share)) roots.push_back(std::move(share));
    }
  }
  return roots;
}

std::vector<fs::path> interface_roots() {
  std::vector<fs::path> roots = ament_share_dirs();
  if (fs::path bundled = bundled_interfaces_dir(); !bundled.empty()) roots.push_back(std::move(bundled));
  return roots;
}

idl::InterfaceLibrary make_interface_library() { return idl::InterfaceLibrary(interface_roots()); }

}  // namespace rclite::dynamic
