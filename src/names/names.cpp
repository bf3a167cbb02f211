#include "rclite/names.hpp"

namespace rclite {

namespace {

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_word(char c) { return is_alpha(c) || is_digit(c) || c == '_'; }

// rmw: RMW_TOPIC_MAX_NAME_LENGTH = 255 - 8 (room for the rt/ rq/ rr/ prefixes and suffixes).
constexpr std::size_t kMaxTopicNameLength = 247;
constexpr std::size_t kMaxNamespaceLength = kMaxTopicNameLength - 2;
constexpr std::size_t kMaxNodeNameLength = 255;

std::string quoted(std::string_view text) { return "'" + std::string(text) + "'"; }

std::optional<std::string> absolute_path_error(std::string_view name, const char* what, std::size_t max) {
  if (name.empty()) return std::string(what) + " must not be empty";
  if (name.front() != '/') return std::string(what) + " " + quoted(name) + " must start with '/'";
  if (name.size() > 1 && name.back() == '/') return std::string(what) + " " + quoted(name) + " must not end with '/'";
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    if (!is_word(c) && c != '/') {
      return std::string(what) + " " + quoted(name) + " contains '" + c + "' at index " +
             std::to_string(i) + " (allowed: letters, digits, '_', '/')";
    }
    if (c == '/' && i + 1 < name.size()) {
      if (name[i + 1] == '/') return std::string(what) + " " + quoted(name) + " contains '//'";
      if (is_digit(name[i + 1])) {
        return std::string(what) + " " + quoted(name) + " has a token starting with a digit at index " +
               std::to_string(i + 1);
      }
    }
  }
  if (name.size() > max) {
    return std::string(what) + " " + quoted(name) + " is longer than " + std::to_string(max) + " characters";
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> node_name_error(std::string_view name) {
  if (name.empty()) return "node name must not be empty";
  if (is_digit(name.front())) return "node name " + quoted(name) + " must not start with a digit";
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (!is_word(name[i])) {
      return "node name " + quoted(name) + " contains '" + name[i] + "' at index " + std::to_string(i) +
             " (allowed: letters, digits, '_')";
    }
  }
  if (name.size() > kMaxNodeNameLength) return "node name " + quoted(name) + " is longer than 255 characters";
  return std::nullopt;
}

std::optional<std::string> namespace_error(std::string_view ns) {
  if (ns == "/") return std::nullopt;
  return absolute_path_error(ns, "namespace", kMaxNamespaceLength);
}

std::optional<std::string> full_name_error(std::string_view name) {
  if (name == "/") return "name '/' is not a valid topic or service name";
  return absolute_path_error(name, "name", kMaxTopicNameLength);
}

std::optional<std::string> relative_name_error(std::string_view name) {
  if (name.empty()) return "name must not be empty";
  if (is_digit(name.front())) return "name " + quoted(name) + " must not start with a digit";
  if (name.back() == '/') return "name " + quoted(name) + " must not end with '/'";
  bool in_substitution = false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    if (in_substitution) {
      if (c == '}') {
        in_substitution = false;
      } else if (c == '{') {
        return "name " + quoted(name) + " nests '{' at index " + std::to_string(i);
      } else if (!is_word(c)) {
        return "name " + quoted(name) + " has '" + c + "' inside a substitution at index " + std::to_string(i);
      } else if (name[i - 1] == '{' && is_digit(c)) {
        return "name " + quoted(name) + " has a substitution starting with a digit";
      }
      continue;
    }
    if (c == '/' && i > 0 && name[i - 1] == '/') {
      return "name " + quoted(name) + " contains '//' at index " + std::to_string(i - 1);
    }
    if (is_digit(c) && i > 0 && name[i - 1] == '/') {
      return "name " + quoted(name) + " has a token starting with a digit at index " + std::to_string(i);
    }
    if (c == '{') {
      in_substitution = true;
    } else if (c == '~') {
      if (i != 0) return "name " + quoted(name) + " may use '~' only as its first character";
      if (name.size() > 1 && name[1] != '/') return "name " + quoted(name) + ": '~' must be followed by '/'";
    } else if (c == '}') {
      return "name " + quoted(name) + " has '}' without '{' at index " + std::to_string(i);
    } else if (!is_word(c) && c != '/') {
      return "name " + quoted(name) + " contains '" + c + "' at index " + std::to_string(i) +
             " (allowed: letters, digits, '_', '/', '~', '{}')";
    }
  }
  if (in_substitution) return "name " + quoted(name) + " has an unclosed '{'";
  return std::nullopt;
}

std::string normalize_namespace(std::string_view ns) {
  std::string normalized = ns.empty() ? "/" : (ns.front() == '/' ? std::string(ns) : "/" + std::string(ns));
  if (auto error = namespace_error(normalized)) throw InvalidNameError(*error);
  return normalized;
}

std::string fully_qualified_node_name(std::string_view ns, std::string_view node) {
  return (ns == "/" ? std::string() : std::string(ns)) + "/" + std::string(node);
}

std::string expand_name(std::string_view name, std::string_view node, std::string_view ns) {
  if (auto error = relative_name_error(name)) throw InvalidNameError(*error);
  const std::string prefix = ns == "/" ? std::string() : std::string(ns);
  std::string expanded;
  if (name.front() == '~') {
    expanded = prefix + "/" + std::string(node) + std::string(name.substr(1));
  } else {
    expanded = std::string(name);
  }
  // Substitutions.
  std::string substituted;
  for (std::size_t i = 0; i < expanded.size(); ++i) {
    if (expanded[i] != '{') {
      substituted += expanded[i];
      continue;
    }
    const std::size_t close = expanded.find('}', i);
    const std::string key = expanded.substr(i + 1, close - i - 1);
    if (key == "node") substituted += node;
    else if (key == "ns" || key == "namespace") substituted += prefix;
    else throw InvalidNameError("name '" + std::string(name) + "' uses unknown substitution '{" + key + "}'");
    i = close;
  }
  if (substituted.empty() || substituted.front() != '/') substituted = prefix + "/" + substituted;
  if (auto error = full_name_error(substituted)) throw InvalidNameError(*error);
  return substituted;
}

}  // namespace rclite
