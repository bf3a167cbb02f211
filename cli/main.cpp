// rclite: ros2's command line verbs for services, nodes, topics and interfaces, on rclite.
//   rclite service list [-t] [-c] [--include-hidden-services]
//   rclite service type NAME | find TYPE [-c] | info NAME
//   rclite service call NAME TYPE [VALUES] [-r RATE] [--timeout SECONDS]
//   rclite node list [-a] [-c] | info NAME [--include-hidden]
//   rclite topic list [-t] [-c] [--include-hidden-topics]
//   rclite topic echo NAME [TYPE] [--once] [--timeout S] [--field F] [-f] [-l N] [--no-arr] [--no-str]
//                [--flow-style] [--qos-*]
//   rclite topic pub NAME TYPE [VALUES|--stdin] [-r RATE] [-1|-t N] [-w N] [-p N] [--keep-alive S] [-n NODE]
//                [--qos-*]
//   rclite topic hz NAME [-w WINDOW] | info NAME [-v] | type NAME | find TYPE [-c]
//   rclite param list [NODE] | get NODE NAME [--hide-type] | set NODE NAME VALUE | describe NODE NAMES...
//                | dump NODE
//   rclite interface show TYPE | list [-m|-s|-a] | package PKG | packages [-m|-s|-a]
//   rclite security create_keystore DIR | create_enclave DIR NAME | create_permission DIR NAME POLICY
//                   | generate_artifacts [-k DIR] [-e NAME...] [-p POLICY...] | list_enclaves DIR
// Output, streams and exit codes are ros2's: an error is one line on stderr and exit code 1, except
// where ros2 differs (`service type` of an unknown service: nothing, exit code 1; a refused
// `param set`: the reason on stderr, exit code 0).
#include <CLI/CLI.hpp>

#include <cstdio>
#include <functional>

#include "common.hpp"
#include "topic_commands.hpp"

namespace {

using namespace rclite::cli;

// ros2topic's add_qos_arguments (without the liveliness flags).
void add_qos_flags(CLI::App* app, QosFlags& qos, const std::string& verb) {
  app->add_option("--qos-profile", qos.profile,
                  "Quality of service preset profile to " + verb + " with (default: " + qos.profile + ")")
      ->check(CLI::IsMember(qos_profile_choices()));
  app->add_option("--qos-depth", qos.depth,
                  "Queue size setting to " + verb + " with (overrides depth value of --qos-profile option)");
  app->add_option("--qos-history", qos.history,
                  "History of samples setting to " + verb + " with (overrides history value of --qos-profile option)")
      ->check(CLI::IsMember(qos_history_choices()));
  app->add_option("--qos-reliability", qos.reliability,
                  "Quality of service reliability setting to " + verb +
                      " with (overrides reliability value of --qos-profile option, default: Compatible profile "
                      "with running endpoints )")
      ->check(CLI::IsMember(qos_reliability_choices()));
  app->add_option("--qos-durability", qos.durability,
                  "Quality of service durability setting to " + verb +
                      " with (overrides durability value of --qos-profile option, default: Compatible profile "
                      "with running endpoints )")
      ->check(CLI::IsMember(qos_durability_choices()));
}

// ros2cli's global flags, accepted and ignored (rclite has no daemon).
void add_compat_flags(CLI::App* app) {
  app->add_flag("--no-daemon")->description("Accepted for compatibility with ros2 (rclite has no daemon)");
  app->add_option("--spin-time", "Accepted for compatibility with ros2 (discovery ends by rule)");
  app->add_flag("--use-sim-time")->description("Accepted for compatibility with ros2");
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"rclite: ROS 2 command line tools (services, nodes, topics, interfaces) on rclite", "rclite"};
  app.require_subcommand(1);
  std::function<int()> run;

  // --- service --------------------------------------------------------------------------------
  auto* service = app.add_subcommand("service", "Various service related sub-commands");
  service->require_subcommand(1);
  static ListOptions list_options;
  {
    auto* cmd = service->add_subcommand("list", "Output a list of available services");
    cmd->add_flag("-t,--show-types", list_options.show_types, "Additionally show the service type");
    cmd->add_flag("-c,--count-services", list_options.count, "Only display the number of services discovered");
    cmd->add_flag("--include-hidden-services", list_options.include_hidden, "Consider hidden services as well");
    add_compat_flags(cmd);
    cmd->callback([&] { run = [] { return service_list(list_options); }; });
  }
  static std::string name;
  static std::string type;
  static bool count = false;
  static bool include_hidden = false;
  {
    auto* cmd = service->add_subcommand("type", "Output a service's type");
    cmd->add_option("service_name", name, "Name of the ROS service to get type (e.g. '/add_two_ints')")->required();
    add_compat_flags(cmd);
    cmd->callback([&] { run = [] { return service_type(name); }; });
  }
  {
    auto* cmd = service->add_subcommand("find", "Output a list of available services of a given type");
    cmd->add_option("service_type", type, "Name of the ROS service type to filter for")->required();
    cmd->add_flag("-c,--count-services", count, "Only display the number of services discovered");
    cmd->add_flag("--include-hidden-services", include_hidden, "Consider hidden services as well");
    add_compat_flags(cmd);
    cmd->callback([&] { run = [] { return service_find(type, count, include_hidden); }; });
  }
  {
    auto* cmd = service->add_subcommand("info", "Print information about a service");
    cmd->add_option("service_name", name, "Name of the ROS service to get info (e.g. '/add_two_ints')")->required();
    add_compat_flags(cmd);
    cmd->callback([&] { run = [] { return service_info(name); }; });
  }
  static CallOptions call_options;
  {
    auto* cmd = service->add_subcommand("call", "Call a service");
    cmd->add_option("service_name", call_options.service_name, "Name of the ROS service to call to")->required();
    cmd->add_option("service_type", call_options.service_type,
                    "Type of the ROS service (e.g. 'std_srvs/srv/Empty')")->required();
    cmd->add_option("values", call_options.values,
                    "Values to fill the service request with in YAML format (e.g. '{a: 1, b: 2}'), otherwise "
                    "the service request will be published with default values");
    cmd->add_option("-r,--rate", call_options.rate, "Repeat the call at a specific rate in Hz");
    cmd->add_option("--timeout", call_options.timeout_seconds,
                    "Give up after this many seconds (waiting for the service, or for each response)");
    add_compat_flags(cmd);
    cmd->callback([&] { run = [] { return service_call(call_options); }; });
  }

  static EchoOptions echo_options;
  {
    auto* cmd = service->add_subcommand("echo", "Echo a service");
    cmd->add_option("service_name", echo_options.service_name,
                    "Name of the ROS service to echo from (e.g. '/add_two_ints')")->required();
    cmd->add_option("service_type", echo_options.service_type, "Type of the ROS service (e.g. 'std_srvs/srv/Empty')");
    cmd->add_flag("-f,--full-length", echo_options.full_length,
                  "Output all elements for arrays, bytes, and string with a length > '--truncate-length', by "
                  "default they are truncated after '--truncate-length' elements with '...'");
    cmd->add_option("-l,--truncate-length", echo_options.truncate_length,
                    "The length to truncate arrays, bytes, and string to (default: 128)");
    cmd->add_flag("--no-arr", echo_options.no_arr, "Don't print array fields of messages");
    cmd->add_flag("--no-str", echo_options.no_str, "Don't print string fields of messages");
    cmd->add_flag("--flow-style", echo_options.flow_style, "Print collections in the block style (not available with csv format)");
    add_compat_flags(cmd);
    cmd->callback([&] { run = [] { return service_echo(echo_options); }; });
  }

  // --- node -----------------------------------------------------------------------------------
  auto* node = app.add_subcommand("node", "Various node related sub-commands");
  node->require_subcommand(1);
  static bool all = false;
  {
    auto* cmd = node->add_subcommand("list", "Output a list of available nodes");
    cmd->add_flag("-a,--all", all, "Display all nodes even hidden ones");
    cmd->add_flag("-c,--count-nodes", count, "Only display the number of nodes discovered");
    add_compat_flags(cmd);
    cmd->callback([&] { run = [] { return node_list(all, count); }; });
  }
  {
    auto* cmd = node->add_subcommand("info", "Output information about a node");
    cmd->add_option("node_name", name, "Node name to request information")->required();
    cmd->add_flag("--include-hidden", include_hidden, "Display hidden topics, services, and actions as well");
    add_compat_flags(cmd);
    cmd->callback([&] { run = [] { return node_info(name, include_hidden); }; });
  }

  // --- topic ----------------------------------------------------------------------------------
  auto* topic = app.add_subcommand("topic", "Various topic related sub-commands");
  topic->require_subcommand(1);
  static ListOptions topic_options;
  {
    auto* cmd = topic->add_subcommand("list", "Output a list of available topics");
    cmd->add_flag("-t,--show-types", topic_options.show_types, "Additionally show the topic type");
    cmd->add_flag("-c,--count-topics", topic_options.count, "Only display the number of topics discovered");
    cmd->add_flag("--include-hidden-topics", topic_options.include_hidden, "Consider hidden topics as well");
    add_compat_flags(cmd);
    cmd->callback([&] { run = [] { return topic_list(topic_options); }; });
  }

  static TopicEchoOptions topic_echo_options;
  {
    auto& o = topic_echo_options;
    auto* cmd = topic->add_subcommand("echo", "Output messages from a topic");
    cmd->add_option("topic_name", o.topic_name, "Name of the ROS topic to listen to (e.g. '/chatter')")->required();
    cmd->add_option("message_type", o.message_type, "Type of the ROS message (e.g. 'std_msgs/msg/String')");
    add_qos_flags(cmd, o.qos, "subscribe");
    cmd->add_flag("--csv", o.csv, "Output all recursive fields separated by commas (e.g. for plotting)");
    cmd->add_option("--field", o.field,
                    "Echo a selected field of a message. Use '.' to select sub-fields. For example, to echo the "
                    "position field of a nav_msgs/msg/Odometry message: 'ros2 topic echo /odom --field "
                    "pose.pose.position'");
    cmd->add_flag("-f,--full-length", o.full_length,
                  "Output all elements for arrays, bytes, and string with a length > '--truncate-length', by "
                  "default they are truncated after '--truncate-length' elements with '...'");
    cmd->add_option("-l,--truncate-length", o.truncate_length,
                    "The length to truncate arrays, bytes, and string to (default: 128)");
    cmd->add_flag("--no-arr", o.no_arr, "Don't print array fields of messages");
    cmd->add_flag("--no-str", o.no_str, "Don't print string fields of messages");
    cmd->add_flag("--flow-style", o.flow_style, "Print collections in the block style (not available with csv format)");
    cmd->add_flag("--no-lost-messages")
        ->description("Accepted for compatibility with ros2 (rclite does not report lost messages)");
    cmd->add_flag("--once", o.once, "Print the first message received and then exit.");
    cmd->add_option("--timeout", o.timeout_seconds, "Set a timeout in seconds for waiting")
        ->check(CLI::PositiveNumber);
    add_compat_flags(cmd);
    cmd->callback([&] { run = [] { return topic_echo(topic_echo_options); }; });
  }
  static TopicPubOptions topic_pub_options;
  {
    auto& o = topic_pub_options;
    auto* cmd = topic->add_subcommand("pub", "Publish a message to a topic");
    cmd->add_option("topic_name", o.topic_name, "Name of the ROS topic to publish to (e.g. '/chatter')")->required();
    cmd->add_option("message_type", o.message_type, "Type of the ROS message (e.g. 'std_msgs/String')")->required();
    auto* values = cmd->add_option("values", o.values,
                                   "Values to fill the message with in YAML format (e.g. 'data: Hello World'), "
                                   "otherwise the message will be published with default values");
    cmd->add_flag("--stdin", o.values_from_stdin, "Read values from standard input")->excludes(values);
    cmd->add_option("-r,--rate", o.rate, "Publishing rate in Hz (default: 1)")->check(CLI::PositiveNumber);
    cmd->add_option("-p,--print", o.print_nth, "Only print every N-th published message (default: 1)");
    auto* once = cmd->add_flag("-1,--once", o.once, "Publish one message and exit");
    cmd->add_option("-t,--times", o.times, "Publish this number of times and then exit")
        ->check(CLI::NonNegativeNumber)
        ->excludes(once);
    cmd->add_option("-w,--wait-matching-subscriptions", o.wait_matching_subscriptions,
                    "Wait until finding the specified number of matching subscriptions. Defaults to 1 when using "
                    "\"-1\"/\"--once\"/\"--times\", otherwise defaults to 0.")
        ->check(CLI::NonNegativeNumber);
    cmd->add_option("--max-wait-time-secs", o.max_wait_time_seconds,
                    "This sets the maximum wait time in seconds if --wait-until-matching-subscriptions is set. By "
                    "default, this flag is not set meaning the subscriber will wait endlessly.")
        ->check(CLI::PositiveNumber);
    cmd->add_option("--keep-alive", o.keep_alive_seconds,
                    "Keep publishing node alive for N seconds after the last msg (default: 0.1)")
        ->check(CLI::PositiveNumber);
    cmd->add_option("-n,--node-name", o.node_name, "Name of the created publishing node");
    add_qos_flags(cmd, o.qos, "publish");
    add_compat_flags(cmd);
    cmd->callback([&] { run = [] { return topic_pub(topic_pub_options); }; });
  }
  static TopicHzOptions topic_hz_options;
  {
    auto* cmd = topic->add_subcommand("hz", "Print the average publishing rate to screen");
    cmd->add_option("topic_name", topic_hz_options.topic_name, "Name of the ROS topic to listen to (e.g. '/chatter')")
        ->required();
    cmd->add_option("-w,--window", topic_hz_options.window_size,
                    "window size, in # of messages, for calculating rate (default: 10000)")
        ->check(CLI::PositiveNumber);
    cmd->add_flag("--wall-time")
        ->description("Accepted for compatibility with ros2 (rclite's CLI always uses the system clock)");
    add_compat_flags(cmd);
    cmd->callback([&] { run = [] { return topic_hz(topic_hz_options); }; });
  }
  static bool verbose = false;
  {
    auto* cmd = topic->add_subcommand("info", "Print information about a topic");
    cmd->add_option("topic_name", name, "Name of the ROS topic to get info (e.g. '/chatter')")->required();
    cmd->add_flag("-v,--verbose", verbose,
                  "Prints detailed information like the node name, node namespace, topic type, topic type hash, "
                  "GUID, and QoS Profile of the publishers and subscribers to this topic");
    add_compat_flags(cmd);
    cmd->callback([&] { run = [] { return topic_info(name, verbose); }; });
  }
  {
    auto* cmd = topic->add_subcommand("type", "Print a topic's type");
    cmd->add_option("topic_name", name, "Name of the ROS topic to get type (e.g. '/chatter')")->required();
    cmd->add_flag("--include-hidden-topics", include_hidden, "Consider hidden topics as well");
    add_compat_flags(cmd);
    cmd->callback([&] { run = [] { return topic_type(name, include_hidden); }; });
  }
  {
    auto* cmd = topic->add_subcommand("find", "Output a list of available topics of a given type");
    cmd->add_option("topic_type", type, "Name of the ROS topic type to filter for (e.g. 'std_msg/msg/String')")
        ->required();
    cmd->add_flag("-c,--count-topics", count, "Only display the number of topics discovered");
    cmd->add_flag("--include-hidden-topics", include_hidden, "Consider hidden topics as well");
    add_compat_flags(cmd);
    cmd->callback([&] { run = [] { return topic_find(type, count, include_hidden); }; });
  }

  // --- param --------------------------------------------------------------------------------
  auto* param = app.add_subcommand("param", "Various param related sub-commands");
  param->require_subcommand(1);
  static ParamOptions param_options;
  const auto add_param_flags = [](CLI::App* cmd) {
    cmd->add_option("--timeout", param_options.timeout_seconds,
                    "Wait for N seconds until the node and its parameter services are available (default 1)");
    add_compat_flags(cmd);
  };
  {
    auto* cmd = param->add_subcommand("list", "Output a list of available parameters");
    cmd->add_option("node_name", param_options.node_name, "Name of the ROS node");
    cmd->add_flag("--include-hidden-nodes", param_options.include_hidden_nodes, "Consider hidden nodes as well");
    add_param_flags(cmd);
    cmd->callback([&] { run = [] { return param_list(param_options); }; });
  }
  {
    auto* cmd = param->add_subcommand("get", "Get parameter");
    cmd->add_option("node_name", param_options.node_name, "Name of the ROS node")->required();
    cmd->add_option("parameter_name", param_options.parameter_name, "Name of the parameter")->required();
    cmd->add_flag("--include-hidden-nodes", param_options.include_hidden_nodes, "Consider hidden nodes as well");
    cmd->add_flag("--hide-type", param_options.hide_type, "Hide the type information");
    add_param_flags(cmd);
    cmd->callback([&] { run = [] { return param_get(param_options); }; });
  }
  {
    auto* cmd = param->add_subcommand("set", "Set parameter");
    cmd->add_option("node_name", param_options.node_name, "Name of the ROS node")->required();
    cmd->add_option("parameter_name", param_options.parameter_name, "Name of the parameter")->required();
    cmd->add_option("value", param_options.value, "Value of the parameter")->required();
    cmd->add_flag("--include-hidden-nodes", param_options.include_hidden_nodes, "Consider hidden nodes as well");
    add_param_flags(cmd);
    cmd->callback([&] { run = [] { return param_set(param_options); }; });
  }
  {
    auto* cmd = param->add_subcommand("describe", "Show descriptive information about declared parameters");
    cmd->add_option("node_name", param_options.node_name, "Name of the ROS node")->required();
    cmd->add_option("parameter_names", param_options.parameter_names, "Names of the parameters")->required();
    cmd->add_flag("--include-hidden-nodes", param_options.include_hidden_nodes, "Consider hidden nodes as well");
    add_param_flags(cmd);
    cmd->callback([&] { run = [] { return param_describe(param_options); }; });
  }
  {
    auto* cmd = param->add_subcommand("dump", "Show all of the parameters of a node in a YAML file format");
    cmd->add_option("node_name", param_options.node_name, "Name of the ROS node")->required();
    cmd->add_flag("-a,--all,--include-hidden-nodes", param_options.include_hidden_nodes,
                  "Consider hidden nodes as well");
    add_param_flags(cmd);
    cmd->callback([&] { run = [] { return param_dump(param_options); }; });
  }

  // --- interface ------------------------------------------------------------------------------
  // --- action ---------------------------------------------------------------------------------
  auto* action = app.add_subcommand("action", "Various action related sub-commands");
  action->require_subcommand(1);
  static ListOptions action_options;
  {
    auto* cmd = action->add_subcommand("list", "Output a list of action names");
    cmd->add_flag("-t,--show-types", action_options.show_types, "Additionally show the action type");
    cmd->add_flag("-c,--count-actions", action_options.count, "Only display the number of actions discovered");
    add_compat_flags(cmd);
    cmd->callback([&] { run = [] { return action_list(action_options); }; });
  }
  {
    auto* cmd = action->add_subcommand("type", "Print a ROS action type");
    cmd->add_option("action_name", name, "Name of the ROS action to get type (e.g. '/fibonacci')")->required();
    add_compat_flags(cmd);
    cmd->callback([&] { run = [] { return action_type(name); }; });
  }
  {
    auto* cmd = action->add_subcommand("info", "Print information about an action");
    cmd->add_option("action_name", name, "Name of the ROS action to get info (e.g. '/fibonacci')")->required();
    cmd->add_flag("-t,--show-types", action_options.show_types, "Additionally show the action type");
    cmd->add_flag("-c,--count", action_options.count, "Only display the number of action clients and action servers");
    add_compat_flags(cmd);
    cmd->callback([&] { run = [] { return action_info(name, action_options); }; });
  }
  static std::string goal_values = "{}";
  static bool show_feedback = false;
  {
    auto* cmd = action->add_subcommand("send_goal", "Send an action goal");
    cmd->add_option("action_name", name, "Name of the ROS action (e.g. '/fibonacci')")->required();
    cmd->add_option("action_type", type, "Type of the ROS action (e.g. 'example_interfaces/action/Fibonacci')")
        ->required();
    cmd->add_option("goal", goal_values, "Goal request values in YAML format (e.g. '{order: 10}')");
    cmd->add_flag("-f,--feedback", show_feedback, "Echo feedback messages for the goal");
    add_compat_flags(cmd);
    cmd->callback([&] { run = [] { return action_send_goal(name, type, goal_values, show_feedback); }; });
  }

  auto* interface = app.add_subcommand("interface", "Show information about ROS interfaces");
  interface->require_subcommand(1);
  static bool only_msgs = false, only_srvs = false, only_actions = false, all_comments = false,
              no_comments = false;
  const auto add_only_flags = [](CLI::App* cmd) {
    auto* m = cmd->add_flag("-m,--only-msgs", only_msgs, "Print out only the messages");
    auto* s = cmd->add_flag("-s,--only-srvs", only_srvs, "Print out only the services");
    auto* a = cmd->add_flag("-a,--only-actions", only_actions, "Print out only the actions");
    m->excludes(s)->excludes(a);
    s->excludes(a);
  };
  {
    auto* cmd = interface->add_subcommand("show", "Output the interface definition");
    cmd->add_option("type", type, "Show an interface definition (e.g. \"example_interfaces/msg/String\")")
        ->required();
    auto* all_flag = cmd->add_flag("--all-comments", all_comments,
                                   "Show all comments, including for nested interface definitions");
    cmd->add_flag("--no-comments", no_comments, "Show no comments or whitespace")->excludes(all_flag);
    cmd->callback([&] { run = [] { return interface_show(type, all_comments, no_comments); }; });
  }
  {
    auto* cmd = interface->add_subcommand("list", "List all interface types available");
    add_only_flags(cmd);
    cmd->callback([&] { run = [] { return interface_list(only_msgs, only_srvs, only_actions); }; });
  }
  {
    auto* cmd = interface->add_subcommand("package", "Output a list of available interface types within one package");
    cmd->add_option("package_name", name, "Name of the ROS package (e.g. 'example_interfaces')")->required();
    cmd->callback([&] { run = [] { return interface_package(name); }; });
  }
  {
    auto* cmd = interface->add_subcommand("packages", "Output a list of packages that provide interfaces");
    add_only_flags(cmd);
    cmd->callback([&] { run = [] { return interface_packages(only_msgs, only_srvs, only_actions); }; });
  }

  // --- security -------------------------------------------------------------------------------
  auto* security = app.add_subcommand("security", "Various security related sub-commands");
  security->require_subcommand(1);
  static std::string keystore, enclave, policy;
  static std::vector<std::string> enclaves, policies;
  {
    auto* cmd = security->add_subcommand("create_keystore", "Create keystore");
    cmd->add_option("ROOT", keystore, "root path of keystore")->required();
    cmd->callback([&] { run = [] { return security_create_keystore(keystore); }; });
  }
  {
    auto* cmd = security->add_subcommand("create_enclave", "Create enclave");
    cmd->add_option("ROOT", keystore, "root path of keystore")->required();
    cmd->add_option("NAME", enclave, "enclave name")->required();
    cmd->callback([&] { run = [] { return security_create_enclave(keystore, enclave); }; });
  }
  {
    auto* cmd = security->add_subcommand("create_permission", "Create permission");
    cmd->add_option("ROOT", keystore, "root path of keystore")->required();
    cmd->add_option("NAME", enclave, "enclave name")->required();
    cmd->add_option("POLICY_FILE_PATH", policy, "path of the policy xml file")->required();
    cmd->callback([&] { run = [] { return security_create_permission(keystore, enclave, policy); }; });
  }
  {
    auto* cmd = security->add_subcommand("generate_artifacts", "Generate keys and permission files from a list of identities and policy files");
    cmd->add_option("-k,--keystore-root-path", keystore, "root path of keystore (default: $ROS_SECURITY_KEYSTORE)");
    cmd->add_option("-e,--enclaves", enclaves, "list of identities, aka ROS enclave names");
    cmd->add_option("-p,--policy-files", policies, "list of policy xml file paths");
    cmd->callback([&] { run = [] { return security_generate_artifacts(keystore, enclaves, policies); }; });
  }
  {
    auto* cmd = security->add_subcommand("list_enclaves", "List enclaves in keystore");
    cmd->add_option("ROOT", keystore, "root path of keystore")->required();
    cmd->callback([&] { run = [] { return security_list_enclaves(keystore); }; });
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return 2;  // argparse's usage error code
  }
  try {
    return run ? run() : 2;
  } catch (const CommandError& error) {
    std::fprintf(stderr, "%s\n", error.what());
  } catch (const std::exception& error) {
    std::fprintf(stderr, "rclite: %s\n", error.what());
  }
  return 1;
}
