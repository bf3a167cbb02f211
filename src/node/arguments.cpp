#include "rclite/arguments.hpp"

#include "rclite/names.hpp"

namespace rclite {

namespace {

RemapRule parse_remap_rule(const std::string& text) {
  const std::size_t assign = text.find(":=");
  if (assign == std::string::npos) {
    throw ArgumentError("remap rule '" + text + "' has no ':=' (expected [node:]from:=to)");
  }
  RemapRule rule;
  std::string lhs = text.substr(0, assign);
  rule.replacement = text.substr(assign + 2);
  // An optional "node:" prefix; "rostopic://" and "rosservice://" also contain ':'.
  for (const auto& [scheme, kind] : {std::pair{"rostopic://", RemapRule::Kind::TopicOnly},
                                     std::pair{"rosservice://", RemapRule::Kind::ServiceOnly}}) {
    const std::size_t at = lhs.find(scheme);
    if (at != std::string::npos) {
      rule.kind = kind;
      if (at > 0) {
        if (lhs[at - 1] != ':') throw ArgumentError("malformed remap rule '" + text + "'");
        rule.node = lhs.substr(0, at - 1);
      }
      lhs = lhs.substr(at + std::string_view(scheme).size());
      break;
    }
  }
  if (rule.kind == RemapRule::Kind::Name) {
    if (const std::size_t colon = lhs.find(':'); colon != std::string::npos) {
      rule.node = lhs.substr(0, colon);
      lhs = lhs.substr(colon + 1);
    }
  }
  if (!rule.node.empty()) {
    if (auto error = node_name_error(rule.node)) throw ArgumentError("remap rule '" + text + "': " + *error);
  }
  if (lhs == "__node" || lhs == "__name") {
    rule.kind = RemapRule::Kind::NodeName;
    if (auto error = node_name_error(rule.replacement)) throw ArgumentError("remap rule '" + text + "': " + *error);
  } else if (lhs == "__ns") {
    rule.kind = RemapRule::Kind::Namespace;
    if (auto error = namespace_error(rule.replacement)) throw ArgumentError("remap rule '" + text + "': " + *error);
  } else {
    if (auto error = relative_name_error(lhs)) throw ArgumentError("remap rule '" + text + "': " + *error);
    if (auto error = relative_name_error(rule.replacement)) {
      throw ArgumentError("remap rule '" + text + "': " + *error);
    }
    // What the rules of single names cannot see (unknown substitutions, the length of the whole
    // name): both sides must expand for a node in the root namespace.
    for (const std::string* name : {&lhs, &rule.replacement}) {
      try {
        expand_name(*name, "node", "/");
      } catch (const InvalidNameError& error) {
        throw ArgumentError("remap rule '" + text + "': " + error.what());
      }
    }
  }
  rule.match = lhs;
  return rule;
}

void parse_log_level(Arguments& arguments, const std::string& text) {
  const std::size_t assign = text.find(":=");
  const std::string level_text = assign == std::string::npos ? text : text.substr(assign + 2);
  const auto level = severity_from_string(level_text);
  if (!level) {
    throw ArgumentError("--log-level '" + text + "': unknown severity (expected debug, info, warn, error, fatal)");
  }
  if (assign == std::string::npos) arguments.log_level = *level;
  else arguments.logger_levels[text.substr(0, assign)] = *level;
}

const RemapRule* find_node_rule(const std::vector<RemapRule>& rules, RemapRule::Kind kind, const std::string& node) {
  for (const auto& rule : rules) {
    if (rule.kind == kind && (rule.node.empty() || rule.node == node)) return &rule;
  }
  return nullptr;
}

}  // namespace

Arguments parse_arguments(std::span<const std::string> argv) {
  Arguments arguments;
  bool in_ros_args = false;
  for (std::size_t i = 0; i < argv.size(); ++i) {
    const std::string& arg = argv[i];
    if (!in_ros_args) {
      if (arg == "--ros-args") in_ros_args = true;
      else arguments.non_ros_arguments.push_back(arg);
      continue;
    }
    if (arg == "--") {
      in_ros_args = false;
      continue;
    }
    if (arg == "--ros-args") continue;
    const auto value = [&]() -> const std::string& {
      if (i + 1 >= argv.size()) throw ArgumentError("'" + arg + "' needs a value");
      return argv[++i];
    };
    if (arg == "-r" || arg == "--remap") {
      arguments.remap_rules.push_back(parse_remap_rule(value()));
    } else if (arg == "-p" || arg == "--param") {
      const std::string& rule = value();
      const std::size_t assign = rule.find(":=");
      if (assign == std::string::npos || assign == 0) {
        throw ArgumentError("parameter override '" + rule + "' is not of the form name:=value");
      }
      arguments.parameter_overrides.push_back(rule);
    } else if (arg == "--params-file") {
      arguments.parameter_files.push_back(value());
    } else if (arg == "-e" || arg == "--enclave") {
      arguments.enclave = value();
    } else if (arg == "--log-level") {
      parse_log_level(arguments, value());
    } else if (arg == "--enable-rosout-logs" || arg == "--disable-rosout-logs" ||
               arg == "--enable-stdout-logs" || arg == "--disable-stdout-logs" ||
               arg == "--enable-external-lib-logs" || arg == "--disable-external-lib-logs") {
      // Accepted for compatibility with rcl's flags.
    } else if (arg == "--log-config-file") {
      value();
    } else {
      throw ArgumentError("unknown ROS argument '" + arg + "'");
    }
  }
  return arguments;
}

Arguments parse_arguments(int argc, const char* const* argv) {
  std::vector<std::string> args;
  for (int i = 0; i < argc; ++i) args.emplace_back(argv[i] != nullptr ? argv[i] : "");
  return parse_arguments(args);
}

std::optional<std::string> remap_name(const std::vector<RemapRule>& rules, const std::string& expanded_name,
                                      bool is_service, const std::string& node_name,
                                      const std::string& node_namespace) {
  for (const auto& rule : rules) {
    if (!rule.node.empty() && rule.node != node_name) continue;
    if (rule.kind == RemapRule::Kind::NodeName || rule.kind == RemapRule::Kind::Namespace) continue;
    if (rule.kind == RemapRule::Kind::TopicOnly && is_service) continue;
    if (rule.kind == RemapRule::Kind::ServiceOnly && !is_service) continue;
    if (expand_name(rule.match, node_name, node_namespace) != expanded_name) continue;
    return expand_name(rule.replacement, node_name, node_namespace);
  }
  return std::nullopt;
}

std::optional<std::string> remapped_node_name(const std::vector<RemapRule>& rules, const std::string& node_name) {
  if (const auto* rule = find_node_rule(rules, RemapRule::Kind::NodeName, node_name)) return rule->replacement;
  return std::nullopt;
}

std::optional<std::string> remapped_namespace(const std::vector<RemapRule>& rules, const std::string& node_name) {
  if (const auto* rule = find_node_rule(rules, RemapRule::Kind::Namespace, node_name)) return rule->replacement;
  return std::nullopt;
}

}  // namespace rclite
