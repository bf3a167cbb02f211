// `rclite service list|type|find|info`, `rclite topic list`, `rclite node list|info`: the graph as
// ros2cli prints it (ros2service, ros2topic and ros2node verbs, --no-daemon behaviour).
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <sstream>

#include "common.hpp"

namespace rclite::cli {

Session::Session(const std::string& node_name_prefix, bool append_pid) {
  InitOptions init;
  init.install_signal_handlers = true;  // Ctrl-C ends waits and `service call -r` loops
  context = std::make_unique<Context>(std::span<const std::string>{}, init);
  NodeOptions options;
  options.context = context.get();
  options.use_global_arguments = false;
  // As ros2cli's direct node: a tool's hidden node needs none of the default entities that would
  // show in the graph (parameter services and events, /rosout, ~/get_type_description).
  options.start_parameter_services = false;
  options.start_parameter_event_publisher = false;
  options.enable_rosout = false;
  options.start_type_description_service = false;
  node = std::make_unique<Node>(append_pid ? node_name_prefix + "_" + std::to_string(::getpid()) : node_name_prefix,
                                options);
}

void Session::settle() const { node->wait_for_graph_settled(kMaxDiscoveryWait); }

bool is_hidden_name(const std::string& name) {
  std::size_t start = 0;
  while (start <= name.size()) {
    const std::size_t end = std::min(name.find('/', start), name.size());
    if (end > start && name[start] == '_') return true;
    start = end + 1;
  }
  return false;
}

namespace {

std::string join(const std::set<std::string>& items, const char* separator) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

NamesAndTypes visible(const NamesAndTypes& all, bool include_hidden) {
  if (include_hidden) return all;
  NamesAndTypes out;
  for (const auto& [name, types] : all) {
    if (!is_hidden_name(name)) out.emplace(name, types);
  }
  return out;
}

void print_names(const NamesAndTypes& names, const ListOptions& options) {
  if (options.count) {
    std::printf("%zu\n", names.size());
    return;
  }
  for (const auto& [name, types] : names) {
    if (options.show_types) {
      std::printf("%s [%s]\n", name.c_str(), join(types, ", ").c_str());
    } else {
      std::printf("%s\n", name.c_str());
    }
  }
}

NamesAndTypes services(const ListOptions& options) {
  Session session;
  session.settle();
  return visible(session.node->get_service_names_and_types(), options.include_hidden);
}

}  // namespace

int service_list(const ListOptions& options) {
  print_names(services(options), options);
  return 0;
}

int service_type(const std::string& service_name) {
  const auto all = services(ListOptions{.include_hidden = true});
  const auto it = all.find(service_name);
  if (it == all.end()) return 1;  // as ros2: nothing printed, exit code 1
  for (const auto& type : it->second) std::printf("%s\n", type.c_str());
  return 0;
}

int service_find(const std::string& service_type, bool count, bool include_hidden) {
  std::vector<std::string> found;
  for (const auto& [name, types] : services(ListOptions{.include_hidden = include_hidden})) {
    if (types.contains(service_type)) found.push_back(name);
  }
  if (count) {
    std::printf("%zu\n", found.size());
  } else {
    for (const auto& name : found) std::printf("%s\n", name.c_str());
  }
  return 0;
}

int service_info(const std::string& service_name) {
  Session session;
  session.settle();
  const auto all = session.node->get_service_names_and_types();
  const auto it = all.find(service_name);
  if (it == all.end()) throw CommandError("Unknown service '" + service_name + "'");
  // ros2 prints the one type, or the Python list of several: ['a/srv/A', 'b/srv/B'].
  const std::string types = it->second.size() == 1 ? *it->second.begin() : "['" + join(it->second, "', '") + "']";
  std::printf("Type: %s\n", types.c_str());
  std::printf("Clients count: %zu\n", session.node->count_clients(service_name));
  std::printf("Services count: %zu\n", session.node->count_services(service_name));
  return 0;
}

// `ros2 action list`: hidden actions too, as ros2action (it has no --include-hidden).
int action_list(const ListOptions& options) {
  Session session;
  session.settle();
  print_names(session.node->get_action_names_and_types(), options);
  return 0;
}

// `ros2 action type`: nothing printed and exit code 1 for an unknown action.
int action_type(const std::string& action_name) {
  Session session;
  session.settle();
  const auto actions = session.node->get_action_names_and_types();
  const auto found = actions.find(action_name);
  if (found == actions.end()) return 1;
  for (const auto& type : found->second) std::printf("%s\n", type.c_str());
  return 0;
}

// `ros2 action info` (ros2action's get_action_clients_and_servers): every node that serves or uses
// the action, by its fully qualified name. (ros2action builds that name with '/'.join(namespace),
// which mangles namespaces other than the root; we print the proper name.)
int action_info(const std::string& action_name, const ListOptions& options) {
  Session session;
  session.settle();
  std::string expanded;
  try {
    expanded = session.node->resolve_topic_name(action_name);
  } catch (const std::exception& error) {
    throw CommandError(error.what());
  }
  std::vector<std::pair<std::string, std::set<std::string>>> clients, servers;
  for (const auto& node : session.node->get_node_names()) {
    try {
      for (const auto& [name, types] : session.node->get_action_client_names_and_types_by_node(node.name, node.ns)) {
        if (name == expanded) clients.emplace_back(node.fully_qualified(), types);
      }
      for (const auto& [name, types] : session.node->get_action_server_names_and_types_by_node(node.name, node.ns)) {
        if (name == expanded) servers.emplace_back(node.fully_qualified(), types);
      }
    } catch (const NodeNotFoundError&) {  // gone meanwhile
    }
  }
  const auto print = [&options](const char* title, const auto& entries) {
    std::printf("%s: %zu\n", title, entries.size());
    if (options.count) return;
    for (const auto& [node, types] : entries) {
      if (options.show_types) {
        std::printf("    %s [%s]\n", node.c_str(), join(types, ", ").c_str());
      } else {
        std::printf("    %s\n", node.c_str());
      }
    }
  };
  std::printf("Action: %s\n", action_name.c_str());
  print("Action clients", clients);
  print("Action servers", servers);
  return 0;
}

int topic_list(const ListOptions& options) {
  Session session;
  session.settle();
  print_names(visible(session.node->get_topic_names_and_types(), options.include_hidden), options);
  return 0;
}

namespace {

std::vector<NodeName> node_names(const Session& session, bool all) {
  std::vector<NodeName> names;
  for (auto& node : session.node->get_node_names()) {
    if (all || !is_hidden_name(node.fully_qualified())) names.push_back(std::move(node));
  }
  return names;
}

void print_names_and_types(const NamesAndTypes& names) {
  // print(*['    name: types' ...], sep='\n'): an empty list prints one empty line.
  if (names.empty()) {
    std::printf("\n");
    return;
  }
  for (const auto& [name, types] : names) std::printf("    %s: %s\n", name.c_str(), join(types, ", ").c_str());
}

}  // namespace

int node_list(bool all, bool count) {
  Session session;
  session.settle();
  std::vector<std::string> names;
  for (const auto& node : node_names(session, all)) names.push_back(node.fully_qualified());
  std::sort(names.begin(), names.end());
  if (std::adjacent_find(names.begin(), names.end()) != names.end()) {
    std::fprintf(stderr,
                 "WARNING: Be aware that there are nodes in the graph that share an exact name, which can have "
                 "unintended side effects.\n");
  }
  if (count) {
    std::printf("%zu\n", names.size());
  } else {
    for (const auto& name : names) std::printf("%s\n", name.c_str());
  }
  return 0;
}

int node_info(const std::string& node_name, bool include_hidden) {
  Session session;
  session.settle();
  // As ros2: a hidden node is found only with --include-hidden.
  const auto names = node_names(session, include_hidden);
  const auto count = std::count_if(names.begin(), names.end(),
                                   [&](const NodeName& node) { return node.fully_qualified() == node_name; });
  if (count == 0) throw CommandError("Unable to find node '" + node_name + "'");
  if (count > 1) {
    std::fprintf(stderr,
                 "There are %zu nodes in the graph with the exact name \"%s\". You are seeing information about "
                 "only one of them.\n",
                 static_cast<std::size_t>(count), node_name.c_str());
  }
  const auto slash = node_name.rfind('/');
  const std::string ns = slash == 0 || slash == std::string::npos ? "/" : node_name.substr(0, slash);
  const std::string name = slash == std::string::npos ? node_name : node_name.substr(slash + 1);
  const auto& node = *session.node;
  NamesAndTypes subscribers, publishers, servers, clients, action_servers, action_clients;
  try {
    action_servers = visible(node.get_action_server_names_and_types_by_node(name, ns), include_hidden);
    action_clients = visible(node.get_action_client_names_and_types_by_node(name, ns), include_hidden);
    subscribers = visible(node.get_subscriber_names_and_types_by_node(name, ns), include_hidden);
    publishers = visible(node.get_publisher_names_and_types_by_node(name, ns), include_hidden);
    servers = visible(node.get_service_names_and_types_by_node(name, ns), include_hidden);
    clients = visible(node.get_client_names_and_types_by_node(name, ns), include_hidden);
  } catch (const NodeNotFoundError&) {
    throw CommandError("Unable to find node '" + node_name + "'");
  }
  std::printf("%s\n", node_name.c_str());
  std::printf("  Subscribers:\n");
  print_names_and_types(subscribers);
  std::printf("  Publishers:\n");
  print_names_and_types(publishers);
  std::printf("  Service Servers:\n");
  print_names_and_types(servers);
  std::printf("  Service Clients:\n");
  print_names_and_types(clients);
  std::printf("  Action Servers:\n");
  print_names_and_types(action_servers);
  std::printf("  Action Clients:\n");
  print_names_and_types(action_clients);
  return 0;
}

}  // namespace rclite::cli
