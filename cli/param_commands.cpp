// `rclite param list|get|set|describe|dump`: ros2param's verbs, as a client of a node's parameter
// services (rcl_interfaces/srv/ListParameters, GetParameters, SetParameters, DescribeParameters on
// `<node>/<service>`).
#include <algorithm>
#include <cstdio>
#include <regex>

#include <map>

#include <rclite/dynamic/repr.hpp>
#include <rclite/dynamic/yaml.hpp>

#include "common.hpp"

namespace rclite::cli {
namespace {

// rcl_interfaces/msg/ParameterType
enum : std::uint8_t {
  kNotSet = 0, kBool, kInteger, kDouble, kString, kByteArray, kBoolArray, kIntegerArray, kDoubleArray, kStringArray
};

// ros2node.api.get_absolute_node_name: "talker" is "/talker".
std::string absolute_name(const std::string& node_name) {
  return node_name.empty() || node_name.front() == '/' ? node_name : "/" + node_name;
}

std::chrono::nanoseconds to_ns(double seconds) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::duration<double>(seconds));
}

std::vector<std::string> visible_nodes(const Session& session, bool include_hidden) {
  std::vector<std::string> names;
  for (const auto& node : session.node->get_node_names()) {
    const auto name = node.fully_qualified();
    if (include_hidden || !is_hidden_name(name)) names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

// ros2node.api.wait_for_node: the node must be among those the verb considers (hidden nodes only
// with --include-hidden-nodes) within `timeout` (get, set, describe and dump wait their --timeout
// for it; list looks once).
void require_node(const Session& session, const std::string& node_name, bool include_hidden,
                  std::chrono::nanoseconds timeout = {}) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    const auto seen = session.node->get_graph_change_count();
    const auto names = visible_nodes(session, include_hidden);
    if (std::find(names.begin(), names.end(), node_name) != names.end()) return;
    const auto left = deadline - std::chrono::steady_clock::now();
    if (left <= std::chrono::nanoseconds::zero()) throw CommandError("Node not found");
    if (!session.node->wait_for_graph_change(seen, std::chrono::duration_cast<std::chrono::nanoseconds>(left)) &&
        !session.context->ok()) {
      throw CommandError("Node not found");  // Ctrl-C
    }
  }
}

// The parameter services of the node a verb names, once discovery settled and the node is known.
class NodeParameterServices {
 public:
  explicit NodeParameterServices(const ParamOptions& options)
      : node_(absolute_name(options.node_name)), timeout_(to_ns(options.timeout_seconds)) {
    session_.settle();
    require_node(session_, node_, options.include_hidden_nodes, timeout_);
  }

  // Calls `<node>/<service>` of type rcl_interfaces/srv/<type>.
  dynamic::DynamicValue call(const std::string& service, const std::string& type,
                             const std::function<void(dynamic::DynamicValue&)>& fill) {
    try {
      return call_service(session_, node_ + "/" + service, "rcl_interfaces/srv/" + type, fill, timeout_);
    } catch (const ServiceUnavailableError&) {  // ros2param.api's words
      throw CommandError("Wait for service timed out waiting for parameter services for node " + node_);
    }
  }
  const std::string& node() const { return node_; }

 private:
  Session session_;
  std::string node_;
  std::chrono::nanoseconds timeout_;
};

std::string trim(const std::string& text) {
  const auto begin = text.find_first_not_of(" \t");
  if (begin == std::string::npos) return "";
  return text.substr(begin, text.find_last_not_of(" \t") - begin + 1);
}

// The YAML 1.1 scalar kinds ros2's get_parameter_value tells apart (yaml.safe_load); a null is
// taken as the text itself, as rclpy does.
enum class Kind { Bool, Integer, Double, String };
Kind kind_of(const std::string& text) {
  switch (dynamic::resolve_plain_scalar(text)) {
    case dynamic::YamlScalarKind::Bool: return Kind::Bool;
    case dynamic::YamlScalarKind::Integer: return Kind::Integer;
    case dynamic::YamlScalarKind::Float: return Kind::Double;
    case dynamic::YamlScalarKind::Null:
    case dynamic::YamlScalarKind::String: return Kind::String;
  }
  return Kind::String;
}

bool bool_of(const std::string& text) {
  static const std::regex truths("yes|Yes|YES|true|True|TRUE|on|On|ON");
  return std::regex_match(text, truths);
}

std::string unquote(const std::string& text) {
  if (text.size() >= 2 && (text.front() == '\'' || text.front() == '"') && text.back() == text.front()) {
    return text.substr(1, text.size() - 2);
  }
  return text;
}

std::int64_t integer_of(std::string text) {
  text.erase(std::remove(text.begin(), text.end(), '_'), text.end());
  bool negative = false;
  if (!text.empty() && (text[0] == '-' || text[0] == '+')) {
    negative = text[0] == '-';
    text.erase(0, 1);
  }
  int base = 10;
  if (text.starts_with("0x")) base = 16, text.erase(0, 2);
  else if (text.starts_with("0o")) base = 8, text.erase(0, 2);
  else if (text.starts_with("0b")) base = 2, text.erase(0, 2);
  else if (text.size() > 1 && text[0] == '0') base = 8;
  const auto value = static_cast<std::int64_t>(std::stoull(text, nullptr, base));
  return negative ? -value : value;
}

double double_of(std::string text) {
  text.erase(std::remove(text.begin(), text.end(), '_'), text.end());
  const std::string lower = [&] {
    std::string out = text;
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
  }();
  if (lower.ends_with(".nan")) return std::numeric_limits<double>::quiet_NaN();
  if (lower.ends_with(".inf")) {
    return lower.starts_with("-") ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
  }
  return std::stod(text);
}

// Fills a ParameterValue from the command line text as ros2 param set reads it (YAML scalars and
// flat lists of one kind; anything else is a string).
void fill_value(dynamic::DynamicValue& value, const std::string& raw) {
  const std::string text = trim(raw);
  if (text.size() >= 2 && text.front() == '[' && text.back() == ']') {
    std::vector<std::string> items;
    const std::string inner = trim(text.substr(1, text.size() - 2));
    if (!inner.empty()) {
      std::size_t start = 0;
      while (true) {
        const auto comma = inner.find(',', start);
        items.push_back(trim(inner.substr(start, comma - start)));
        if (comma == std::string::npos) break;
        start = comma + 1;
      }
    }
    // rclpy's get_parameter_value: the first of "all bool", "all int" (a bool is an int in Python),
    // "all float", "all str" that holds ([] is all bool); a mixed list is one string.
    const auto all = [&items](auto&& test) {
      return std::all_of(items.begin(), items.end(), [&](const std::string& item) { return test(kind_of(item)); });
    };
    Kind kind;
    if (all([](Kind k) { return k == Kind::Bool; })) kind = Kind::Bool;
    else if (all([](Kind k) { return k == Kind::Bool || k == Kind::Integer; })) kind = Kind::Integer;
    else if (all([](Kind k) { return k == Kind::Double; })) kind = Kind::Double;
    else if (all([](Kind k) { return k == Kind::String; })) kind = Kind::String;
    else {
      value["type"].set(std::uint8_t{kString});
      value["string_value"].set(raw);
      return;
    }
    switch (kind) {
      case Kind::Bool:
        value["type"].set(std::uint8_t{kBoolArray});
        for (const auto& item : items) value["bool_array_value"].append().set(bool_of(item));
        break;
      case Kind::Integer:
        value["type"].set(std::uint8_t{kIntegerArray});
        for (const auto& item : items) {
          value["integer_array_value"].append().set(kind_of(item) == Kind::Bool ? std::int64_t{bool_of(item)}
                                                                                : integer_of(item));
        }
        break;
      case Kind::Double:
        value["type"].set(std::uint8_t{kDoubleArray});
        for (const auto& item : items) value["double_array_value"].append().set(double_of(item));
        break;
      case Kind::String:
        value["type"].set(std::uint8_t{kStringArray});
        for (const auto& item : items) value["string_array_value"].append().set(unquote(item));
        break;
    }
    return;
  }
  switch (kind_of(text)) {
    case Kind::Bool:
      value["type"].set(std::uint8_t{kBool});
      value["bool_value"].set(bool_of(text));
      break;
    case Kind::Integer:
      value["type"].set(std::uint8_t{kInteger});
      value["integer_value"].set(integer_of(text));
      break;
    case Kind::Double:
      value["type"].set(std::uint8_t{kDouble});
      value["double_value"].set(double_of(text));
      break;
    case Kind::String:
      value["type"].set(std::uint8_t{kString});
      value["string_value"].set(unquote(text));
      break;
  }
}

}  // namespace

int param_list(const ParamOptions& options) {
  Session session;
  session.settle();
  std::vector<std::string> nodes;
  if (!absolute_name(options.node_name).empty()) {
    require_node(session, absolute_name(options.node_name), options.include_hidden_nodes);
    nodes.push_back(absolute_name(options.node_name));
  } else {
    const auto services = session.node->get_service_names_and_types();
    for (const auto& node : visible_nodes(session, options.include_hidden_nodes)) {
      const auto it = services.find(node + "/list_parameters");
      if (it != services.end() && it->second.contains("rcl_interfaces/srv/ListParameters")) nodes.push_back(node);
    }
  }
  for (const auto& node : nodes) {
    std::optional<dynamic::DynamicValue> response;
    try {
      response.emplace(call_service(session, node + "/list_parameters", "rcl_interfaces/srv/ListParameters",
                                    [](dynamic::DynamicValue&) {}, to_ns(options.timeout_seconds)));
    } catch (const ServiceUnavailableError&) {
      // ros2 says so on stdout, naming the node by its NodeName tuple, and goes on (list.py).
      const auto slash = node.rfind('/');
      std::printf("Wait for service timed out waiting for parameter services for node NodeName(name='%s', "
                  "namespace='%s', full_name='%s')\n",
                  node.substr(slash + 1).c_str(), slash == 0 ? "/" : node.substr(0, slash).c_str(), node.c_str());
      continue;
    }
    const auto& names = (*response)["result"]["names"];
    std::vector<std::string> sorted;
    for (std::size_t i = 0; i < names.size(); ++i) sorted.push_back(names[i].as_string());
    std::sort(sorted.begin(), sorted.end());
    // ros2 heads a node's names with "<node>:" only when it lists every node (and the node has some).
    if (options.node_name.empty() && !sorted.empty()) std::printf("%s:\n", node.c_str());
    for (const auto& name : sorted) std::printf("  %s\n", name.c_str());
  }
  return 0;
}

int param_get(const ParamOptions& options) {
  NodeParameterServices services(options);
  const auto response = services.call("get_parameters", "GetParameters", [&](dynamic::DynamicValue& request) {
    request["names"].append().set(options.parameter_name);
  });
  const auto& values = response["values"];
  if (values.size() == 0) throw CommandError("Parameter not set");  // not declared
  const auto& value = values[0];
  std::string label, text;
  bool has_value = true;
  switch (value["type"].get<std::uint8_t>()) {
    case kBool: label = "Boolean value is:", text = dynamic::to_repr(value["bool_value"]); break;
    case kInteger: label = "Integer value is:", text = dynamic::to_repr(value["integer_value"]); break;
    case kDouble: label = "Double value is:", text = dynamic::to_repr(value["double_value"]); break;
    case kString: label = "String value is:", text = value["string_value"].as_string(); break;
    case kByteArray: label = "Byte values are:", text = dynamic::to_repr(value["byte_array_value"]); break;
    case kBoolArray: label = "Boolean values are:", text = dynamic::to_repr(value["bool_array_value"]); break;
    // ros2param prints these .tolist(): [1, 2], not array('q', [1, 2]).
    case kIntegerArray: label = "Integer values are:", text = dynamic::to_repr(value["integer_array_value"]); break;
    case kDoubleArray: label = "Double values are:", text = dynamic::to_repr(value["double_array_value"]); break;
    case kStringArray: label = "String values are:", text = dynamic::to_repr(value["string_array_value"]); break;
    case kNotSet: label = "Parameter not set.", has_value = false; break;
    default:
      throw CommandError("Unknown parameter type '" + std::to_string(value["type"].get<std::uint8_t>()) + "'");
  }
  if (options.hide_type) {
    std::printf("%s\n", has_value ? text.c_str() : "None");
  } else if (has_value) {
    std::printf("%s %s\n", label.c_str(), text.c_str());
  } else {
    std::printf("%s\n", label.c_str());
  }
  return 0;
}

int param_set(const ParamOptions& options) {
  NodeParameterServices services(options);
  const auto response = services.call("set_parameters", "SetParameters", [&](dynamic::DynamicValue& request) {
    auto& parameter = request["parameters"].append();
    parameter["name"].set(options.parameter_name);
    fill_value(parameter["value"], options.value);
  });
  const auto& results = response["results"];
  if (results.size() == 0) throw CommandError("Setting parameter failed");
  const auto& result = results[0];
  const std::string reason = result["reason"].as_string();
  if (result["successful"].get<bool>()) {
    std::printf("Set parameter successful%s\n", reason.empty() ? "" : (": " + reason).c_str());
  } else {
    // ros2 prints the node's refusal on stderr and still exits 0: the call itself worked.
    std::fprintf(stderr, "Setting parameter failed%s\n", reason.empty() ? "" : (": " + reason).c_str());
  }
  return 0;
}

namespace {

// ros2param.api.get_parameter_type_string
const char* type_string(std::uint8_t type) {
  static const char* const names[] = {"not set",      "boolean",       "integer",       "double",
                                      "string",       "byte array",    "boolean array", "integer array",
                                      "double array", "string array"};
  return type < std::size(names) ? names[type] : "unknown";
}

// What ros2param.api.get_value gives yaml.dump for a ParameterValue.
dynamic::YamlTree yaml_of(const dynamic::DynamicValue& value) {
  using dynamic::YamlTree;
  const auto list = [](const dynamic::DynamicValue& items, auto&& item) {
    YamlTree tree;
    tree.kind = YamlTree::Kind::Sequence;
    for (std::size_t i = 0; i < items.size(); ++i) tree.items.push_back(item(items[i]));
    return tree;
  };
  const auto boolean = [](const dynamic::DynamicValue& v) { return YamlTree::scalar(v.get<bool>() ? "true" : "false"); };
  const auto integer = [](const dynamic::DynamicValue& v) { return YamlTree::scalar(dynamic::to_repr(v)); };
  const auto real = [](const dynamic::DynamicValue& v) { return YamlTree::number(v.get<double>()); };
  const auto text = [](const dynamic::DynamicValue& v) { return YamlTree::string(v.as_string()); };
  switch (value["type"].get<std::uint8_t>()) {
    case kBool: return boolean(value["bool_value"]);
    case kInteger: return integer(value["integer_value"]);
    case kDouble: return real(value["double_value"]);
    case kString: return text(value["string_value"]);
    case kByteArray: return list(value["byte_array_value"], integer);
    case kBoolArray: return list(value["bool_array_value"], boolean);
    case kIntegerArray: return list(value["integer_array_value"], integer);
    case kDoubleArray: return list(value["double_array_value"], real);
    case kStringArray: return list(value["string_array_value"], text);
    default: return YamlTree::scalar("null");
  }
}

// Dotted names become nested maps ("a.b: 1" is "a: {b: 1}"), keys sorted as yaml.dump sorts them.
struct ParameterTree {
  std::map<std::string, ParameterTree> children;
  std::optional<dynamic::YamlTree> value;

  void insert(const std::string& name, dynamic::YamlTree leaf) {
    const auto dot = name.find('.');
    if (dot == std::string::npos) children[name].value = std::move(leaf);
    else children[name.substr(0, dot)].insert(name.substr(dot + 1), std::move(leaf));
  }
  dynamic::YamlTree to_yaml() const {
    if (value) return *value;
    dynamic::YamlTree tree;
    tree.kind = dynamic::YamlTree::Kind::Mapping;
    for (const auto& [key, child] : children) {
      tree.keys.push_back(key);
      tree.items.push_back(child.to_yaml());
    }
    return tree;
  }
};

}  // namespace

int param_describe(const ParamOptions& options) {
  NodeParameterServices services(options);
  const auto response =
      services.call("describe_parameters", "DescribeParameters", [&](dynamic::DynamicValue& request) {
        for (const auto& name : options.parameter_names) request["names"].append().set(name);
      });
  const auto& descriptors = response["descriptors"];
  for (std::size_t i = 0; i < descriptors.size(); ++i) {
    const auto& descriptor = descriptors[i];
    std::printf("Parameter name: %s\n", descriptor["name"].as_string().c_str());
    std::printf("  Type: %s\n", type_string(descriptor["type"].get<std::uint8_t>()));
    if (const auto description = descriptor["description"].as_string(); !description.empty()) {
      std::printf("  Description: %s\n", description.c_str());
    }
    std::printf("  Constraints:\n");
    if (descriptor["read_only"].get<bool>()) std::printf("    Read only: true\n");
    // ros2 looks at the floating-point range first.
    const auto& ranges = descriptor["floating_point_range"].size() > 0 ? descriptor["floating_point_range"]
                                                                        : descriptor["integer_range"];
    if (ranges.size() > 0) {
      const auto& range = ranges[0];
      std::printf("    Min value: %s\n", dynamic::to_repr(range["from_value"]).c_str());
      std::printf("    Max value: %s\n", dynamic::to_repr(range["to_value"]).c_str());
      const auto step = dynamic::to_repr(range["step"]);
      if (step != "0" && step != "0.0") std::printf("    Step: %s\n", step.c_str());
    }
    if (const auto more = descriptor["additional_constraints"].as_string(); !more.empty()) {
      std::printf("    Additional constraints: %s\n", more.c_str());
    }
  }
  return 0;
}

int param_dump(const ParamOptions& options) {
  NodeParameterServices services(options);
  const auto listed = services.call("list_parameters", "ListParameters", [](dynamic::DynamicValue&) {});
  std::vector<std::string> names;
  for (std::size_t i = 0; i < listed["result"]["names"].size(); ++i) {
    names.push_back(listed["result"]["names"][i].as_string());
  }
  std::sort(names.begin(), names.end());
  const auto got = services.call("get_parameters", "GetParameters", [&](dynamic::DynamicValue& request) {
    for (const auto& name : names) request["names"].append().set(name);
  });
  const auto& values = got["values"];
  ParameterTree parameters;
  for (std::size_t i = 0; i < names.size() && i < values.size(); ++i) parameters.insert(names[i], yaml_of(values[i]));
  dynamic::YamlTree node_entry;
  node_entry.kind = dynamic::YamlTree::Kind::Mapping;
  node_entry.keys = {"ros__parameters"};
  node_entry.items = {parameters.to_yaml()};
  if (parameters.children.empty()) node_entry.items[0].kind = dynamic::YamlTree::Kind::Mapping;
  dynamic::YamlTree document;
  document.kind = dynamic::YamlTree::Kind::Mapping;
  document.keys = {services.node()};
  document.items = {node_entry};
  std::printf("%s\n", dynamic::to_yaml(document).c_str());  // print() after yaml.dump's own newline
  return 0;
}

}  // namespace rclite::cli
