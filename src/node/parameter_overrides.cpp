#include "parameter_overrides.hpp"

#include <yaml-cpp/yaml.h>

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <span>
#include <sstream>
#include <string_view>

namespace rclite::detail {

namespace {

bool is_word(std::string_view text, std::initializer_list<std::string_view> words) {
  for (auto word : words) {
    if (text == word) return true;
  }
  return false;
}

// rcl's yaml parser: a plain scalar is tried as a bool, then strtoll (base 0), then strtod.
ParameterValue scalar_value(const YAML::Node& node, const std::string& where) {
  const std::string& text = node.Scalar();
  if (node.Tag() == "!") return text;  // quoted: always a string
  if (text.empty() || node.IsNull()) throw ArgumentError(where + ": has no value");
  if (is_word(text, {"y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"})) return true;
  if (is_word(text, {"n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"})) return false;
  char* end = nullptr;
  errno = 0;
  const long long integer = std::strtoll(text.c_str(), &end, 0);
  if (*end == '\0') {
    if (errno == ERANGE) throw ArgumentError(where + ": integer '" + text + "' is out of range");
    return static_cast<std::int64_t>(integer);
  }
  if (is_word(text, {".nan", ".NaN", ".NAN"})) return std::numeric_limits<double>::quiet_NaN();
  if (is_word(text, {".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"})) return std::numeric_limits<double>::infinity();
  if (is_word(text, {"-.inf", "-.Inf", "-.INF"})) return -std::numeric_limits<double>::infinity();
  const double real = std::strtod(text.c_str(), &end);
  if (*end == '\0') return real;
  return text;
}

template <class T>
std::vector<T> collect(const std::vector<ParameterValue>& items) {
  std::vector<T> out;
  out.reserve(items.size());
  for (const auto& item : items) out.push_back(item.get<T>());
  return out;
}

ParameterValue sequence_value(const YAML::Node& node, const std::string& where) {
  if (node.size() == 0) throw ArgumentError(where + ": an empty list has no type; give at least one value");
  std::vector<ParameterValue> items;
  for (const auto& element : node) {
    if (!element.IsScalar()) throw ArgumentError(where + ": list elements must be plain values");
    items.push_back(scalar_value(element, where));
    if (items.back().get_type() != items.front().get_type()) {
      throw ArgumentError(where + ": list elements must all be of one type (" + to_string(items.front().get_type()) +
                          ", then " + to_string(items.back().get_type()) + ")");
    }
  }
  switch (items.front().get_type()) {
    case ParameterType::Bool: return collect<bool>(items);
    case ParameterType::Integer: return collect<std::int64_t>(items);
    case ParameterType::Double: return collect<double>(items);
    default: return collect<std::string>(items);
  }
}

ParameterValue value_of(const YAML::Node& node, const std::string& where) {
  if (node.IsSequence()) return sequence_value(node, where);
  if (node.IsScalar()) return scalar_value(node, where);
  throw ArgumentError(where + ": expected a value or a list of values");
}

std::string at_line(const YAML::Node& node) {
  const auto mark = node.Mark();
  return mark.is_null() ? std::string() : ", line " + std::to_string(mark.line + 1);
}

void collect_parameters(const YAML::Node& map, const std::string& prefix, const std::string& file,
                        ParameterOverrides& out) {
  for (const auto& entry : map) {
    const std::string name = prefix + entry.first.as<std::string>();
    if (entry.second.IsMap()) {
      collect_parameters(entry.second, name + ".", file, out);
    } else {
      out[name] = value_of(entry.second, file + at_line(entry.second) + ": parameter '" + name + "'");
    }
  }
}

std::vector<std::string_view> tokens(std::string_view name) {
  std::vector<std::string_view> out;
  while (!name.empty()) {
    if (name.front() == '/') {
      name.remove_prefix(1);
      continue;
    }
    const auto slash = name.find('/');
    out.push_back(name.substr(0, slash));
    name = slash == std::string_view::npos ? std::string_view() : name.substr(slash);
  }
  return out;
}

// "*" matches one token, "**" any number (none too).
bool tokens_match(std::span<const std::string_view> pattern, std::span<const std::string_view> name) {
  if (pattern.empty()) return name.empty();
  if (pattern.front() == "**") {
    for (std::size_t skip = 0; skip <= name.size(); ++skip) {
      if (tokens_match(pattern.subspan(1), name.subspan(skip))) return true;
    }
    return false;
  }
  if (name.empty()) return false;
  if (pattern.front() != "*" && pattern.front() != name.front()) return false;
  return tokens_match(pattern.subspan(1), name.subspan(1));
}

bool node_matches(const std::string& pattern, const std::string& node_fqn) {
  const auto pattern_tokens = tokens(pattern);
  const auto name_tokens = tokens(node_fqn);
  return tokens_match(pattern_tokens, name_tokens);
}

// Top-level keys are node names, or namespaces holding further levels.
void collect_nodes(const YAML::Node& map, const std::string& prefix, const std::string& node_fqn,
                   const std::string& file, ParameterOverrides& out) {
  if (!map.IsMap()) throw ArgumentError(file + at_line(map) + ": expected a map of node names");
  for (const auto& entry : map) {
    const std::string key = entry.first.as<std::string>();
    const std::string name = prefix + "/" + key;
    if (!entry.second.IsMap()) {
      throw ArgumentError(file + at_line(entry.second) + ": '" + name + "' must hold 'ros__parameters' or nodes");
    }
    if (const auto parameters = entry.second["ros__parameters"]) {
      if (entry.second.size() != 1) {
        throw ArgumentError(file + at_line(entry.second) + ": '" + name + "' holds more than 'ros__parameters'");
      }
      if (!parameters.IsMap()) {
        throw ArgumentError(file + at_line(parameters) + ": 'ros__parameters' of '" + name + "' must be a map");
      }
      if (node_matches(name, node_fqn)) collect_parameters(parameters, "", file, out);
    } else {
      collect_nodes(entry.second, name, node_fqn, file, out);
    }
  }
}

void apply_arguments(const Arguments& arguments, const std::string& node_fqn, ParameterOverrides& out) {
  for (const auto& file : arguments.parameter_files) {
    for (auto& [name, value] : read_parameters_file(file, node_fqn)) out[name] = std::move(value);
  }
  for (const auto& rule : arguments.parameter_overrides) {
    const std::size_t assign = rule.find(":=");
    std::string name = rule.substr(0, assign);
    // "[node:]name:=value": a rule for one node only.
    if (const std::size_t colon = name.find(':'); colon != std::string::npos) {
      const std::string node = name.substr(0, colon);
      name = name.substr(colon + 1);
      if (!node_matches(node, node_fqn)) continue;
    }
    out[name] = parameter_value_from_yaml(rule.substr(assign + 2), "parameter override '" + rule + "'");
  }
}

}  // namespace

ParameterValue parameter_value_from_yaml(const std::string& text, const std::string& where) {
  YAML::Node node;
  try {
    node = YAML::Load(text);
  } catch (const YAML::Exception& error) {
    throw ArgumentError(where + ": invalid YAML: " + error.msg);
  }
  return value_of(node, where);
}

ParameterOverrides read_parameters_file(const std::string& path, const std::string& node_fqn) {
  std::ifstream in(path);
  if (!in) throw ArgumentError("parameters file '" + path + "' cannot be read");
  std::ostringstream text;
  text << in.rdbuf();
  const std::string where = "parameters file '" + path + "'";
  ParameterOverrides out;
  try {
    const YAML::Node root = YAML::Load(text.str());
    if (!root.IsDefined() || root.IsNull()) return out;
    collect_nodes(root, "", node_fqn, where, out);
  } catch (const YAML::Exception& error) {
    const std::string line = error.mark.is_null() ? "" : ", line " + std::to_string(error.mark.line + 1);
    throw ArgumentError(where + line + ": " + error.msg);
  }
  return out;
}

ParameterOverrides resolve_parameter_overrides(const std::string& node_fqn, const Arguments* global,
                                               const Arguments& local,
                                               const std::vector<Parameter>& explicit_overrides) {
  ParameterOverrides out;
  if (global != nullptr) apply_arguments(*global, node_fqn, out);
  apply_arguments(local, node_fqn, out);
  for (const auto& parameter : explicit_overrides) out[parameter.get_name()] = parameter.get_parameter_value();
  return out;
}

}  // namespace rclite::detail
