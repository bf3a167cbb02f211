// `rclite interface show|list|package|packages`: ros2interface's verbs over the definitions found on
// AMENT_PREFIX_PATH and rclite's bundled ones (rclite/dynamic/interface_roots.hpp).
#include <algorithm>
#include <cstdio>
#include <regex>
#include <set>
#include <sstream>

#include <rclite/dynamic/interface_roots.hpp>

#include "common.hpp"

namespace rclite::cli {
namespace {

const std::set<std::string>& primitive_names() {
  static const std::set<std::string> names{"bool",   "byte",    "char",   "float32", "float64", "int8",
                                           "uint8",  "int16",   "uint16", "int32",   "uint32",  "int64",
                                           "uint64", "string",  "wstring"};
  return names;
}

std::string trim(const std::string& text) {
  const auto begin = text.find_first_not_of(" \t\r");
  if (begin == std::string::npos) return "";
  const auto end = text.find_last_not_of(" \t\r");
  return text.substr(begin, end - begin + 1);
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  return lines;
}

// The nested message type a field line declares, if any ("pkg/Name x", "Name[] x", "Header h").
std::optional<idl::TypeName> nested_type_of(const std::string& line, const std::string& package) {
  const std::string content = trim(line.substr(0, line.find('#')));
  if (content.empty()) return std::nullopt;
  const auto space = content.find_first_of(" \t");
  if (space == std::string::npos) return std::nullopt;
  // A constant ("int32 X=1") has no nested type; its type is primitive anyway.
  std::string type = content.substr(0, space);
  type = type.substr(0, type.find('['));
  type = type.substr(0, type.find("<="));
  if (primitive_names().contains(type)) return std::nullopt;
  const auto slash = type.find('/');
  if (slash == std::string::npos) {
    if (type == "Header") return idl::TypeName{"std_msgs", "msg", "Header"};
    return idl::TypeName{package, "msg", type};
  }
  auto name = idl::parse_type_name(type);
  if (!name) return std::nullopt;
  return name;
}

// A comment's text without its leading '#'s.
std::string after_hashes(const std::string& text) {
  const auto start = text.find_first_not_of('#');
  return start == std::string::npos ? "" : text.substr(start);
}

// What rosidl_adapter's parser keeps of a comment's text: a "[unit]" is taken out when it is the
// only one, and a comment left empty is no comment at all (process_comments drops empty lines).
// So "#", "##" and "# [m]" are not comments to `ros2 interface show`.
std::string comment_text(std::string text) {
  static const std::regex unit(R"(\s*\[[^,\]]+\])");
  const auto units = std::distance(std::sregex_iterator(text.begin(), text.end(), unit), std::sregex_iterator());
  if (units == 1) text = std::regex_replace(text, unit, "");
  return text;
}

// One line (trailing blanks removed) as ros2interface prints it when comments are hidden: its
// InterfaceTextLine, rosidl_adapter's parse of the line alone, decides. Nothing for empty and
// comment lines; an empty string is printed as an empty line.
std::optional<std::string> without_comments(const std::string& line) {
  if (line.empty()) return std::nullopt;
  if (line.front() == '#') {  // a whole-line comment, unless its text is empty
    if (!comment_text(after_hashes(line)).empty()) return std::nullopt;
    return line;
  }
  const auto hash = line.find('#');
  if (hash == std::string::npos) return line;
  if (trim(line.substr(0, hash)).empty()) return line;  // an indented comment: the parser files it nowhere
  // A trailing comment. ros2 cuts the line one character before the first place where the
  // comment's text (its '#'s and leading blanks gone, tabs read as spaces) occurs in the line, so
  // "int32 a # b" shows as "int32 a #".
  std::string comment = after_hashes(line.substr(hash));
  std::replace(comment.begin(), comment.end(), '\t', ' ');
  comment = comment_text(comment);
  if (comment.empty()) return line;
  comment.erase(0, comment.find_first_not_of(' '));
  const auto found = line.find(comment);
  // Python's text[:found - 1] (find gives -1 when not found; a negative end counts from the back).
  long end = (found == std::string::npos ? -1L : static_cast<long>(found)) - 1;
  if (end < 0) end = std::max(0L, end + static_cast<long>(line.size()));
  return trim(line.substr(0, static_cast<std::size_t>(end)));
}

// ros2 interface show: each line of the definition with trailing blanks removed, nested types
// expanded below their field with one tab per level (their comments only with --all-comments).
void show_lines(idl::InterfaceLibrary& library, const std::string& text, const std::string& package, int level,
                bool keep_comments, bool all_comments) {
  const std::string indent(static_cast<std::size_t>(level), '\t');
  for (const auto& raw : split_lines(text)) {
    std::string line = raw;
    line.erase(line.find_last_not_of(" \t\r\f\v") + 1);
    const std::optional<std::string> shown = keep_comments ? std::optional(line) : without_comments(line);
    if (shown) {
      if (shown->empty()) std::printf("\n");  // print(): no indentation
      else std::printf("%s%s\n", indent.c_str(), shown->c_str());
    }
    if (const auto nested = nested_type_of(raw, package)) {
      const auto& spec = library.message(*nested);
      show_lines(library, spec.source, nested->package, level + 1, all_comments, all_comments);
    }
  }
}

struct Found {
  std::vector<idl::TypeName> messages, services, actions;
};

Found list_package(const idl::InterfaceLibrary& library, const std::string& package) {
  return Found{library.list(package, "msg"), library.list(package, "srv"), library.list(package, "action")};
}

// ros2interface's checks of the name (show.py, rosidl_runtime_py.get_interface_path), with its words.
void check_interface_name(const std::string& type, const idl::InterfaceLibrary& library) {
  std::vector<std::string> parts;
  for (std::size_t start = 0;;) {
    const auto slash = type.find('/', start);
    parts.push_back(type.substr(start, slash - start));
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  if (parts.size() != 3) throw CommandError("Invalid name '" + type + "'. Expected three parts separated by '/'");
  if (std::find(parts.begin(), parts.end(), "") != parts.end()) {
    throw CommandError("Invalid name '" + type + "'. Must not contain empty parts");
  }
  if (std::find(parts.begin(), parts.end(), "..") != parts.end()) {
    throw CommandError("Invalid name '" + type + "'. Must not contain '..'");
  }
  const auto packages = library.packages();
  if (std::find(packages.begin(), packages.end(), parts[0]) == packages.end()) {
    throw CommandError("Unknown package '" + parts[0] + "'");
  }
  for (const auto& root : library.roots()) {
    std::error_code ignored;
    if (!std::filesystem::is_directory(root / parts[0], ignored)) continue;
    const auto folder = root / parts[0] / parts[1];
    if (std::filesystem::is_regular_file(folder / (parts[2] + "." + parts[1]), ignored)) return;
    // ros2 names the last file it tried, in the package's first share folder.
    throw CommandError("Could not find the interface '" + (folder / (parts[2] + ".idl")).string() + "'");
  }
}

}  // namespace

int interface_show(const std::string& type, bool all_comments, bool no_comments) {
  auto library = dynamic::make_interface_library();
  check_interface_name(type, library);
  const auto name = idl::parse_type_name(type);
  if (!name || (name->subfolder != "msg" && name->subfolder != "srv" && name->subfolder != "action")) {
    throw CommandError("Cannot show the interface '" + type + "': only messages, services and actions are supported");
  }
  try {
    const std::string& source = name->subfolder == "srv"      ? library.service(*name).source
                                : name->subfolder == "action" ? library.action(*name).source
                                                              : library.message(*name).source;
    show_lines(library, source, name->package, 0, !no_comments, all_comments && !no_comments);
  } catch (const std::exception& error) {
    throw CommandError("Cannot show the interface '" + type + "': " + error.what());
  }
  return 0;
}

int interface_list(bool only_msgs, bool only_srvs, bool only_actions) {
  const bool all = !only_msgs && !only_srvs && !only_actions;
  auto library = dynamic::make_interface_library();
  Found found;
  for (const auto& package : library.packages()) {
    auto one = list_package(library, package);
    found.messages.insert(found.messages.end(), one.messages.begin(), one.messages.end());
    found.services.insert(found.services.end(), one.services.begin(), one.services.end());
    found.actions.insert(found.actions.end(), one.actions.begin(), one.actions.end());
  }
  const auto print = [](const char* title, const std::vector<idl::TypeName>& names) {
    std::printf("%s:\n", title);
    for (const auto& name : names) std::printf("    %s\n", name.full().c_str());
  };
  if (all || only_msgs) print("Messages", found.messages);
  if (all || only_srvs) print("Services", found.services);
  if (all || only_actions) print("Actions", found.actions);
  return 0;
}

int interface_package(const std::string& package) {
  auto library = dynamic::make_interface_library();
  const auto packages = library.packages();
  if (std::find(packages.begin(), packages.end(), package) == packages.end()) {
    throw CommandError("Unknown package '" + package + "'");
  }
  const auto found = list_package(library, package);
  std::vector<std::string> names;
  for (const auto* list : {&found.messages, &found.services, &found.actions}) {
    for (const auto& name : *list) names.push_back(name.full());
  }
  std::sort(names.begin(), names.end());
  for (const auto& name : names) std::printf("%s\n", name.c_str());
  return 0;
}

int interface_packages(bool only_msgs, bool only_srvs, bool only_actions) {
  auto library = dynamic::make_interface_library();
  for (const auto& package : library.packages()) {
    const auto found = list_package(library, package);
    if ((only_msgs && found.messages.empty()) || (only_srvs && found.services.empty()) ||
        (only_actions && found.actions.empty())) {
      continue;
    }
    std::printf("%s\n", package.c_str());
  }
  return 0;
}

}  // namespace rclite::cli
