// `rclite service echo NAME [TYPE]`: ros2service's echo verb. Subscribes to the service's
// introspection events ("<NAME>/_service_event", `<TYPE>_Event`, spec §8.2) with a runtime-typed
// subscription and prints each event as `ros2 topic echo` prints a message: YAML, then "---".
// Events exist only while the service or its clients have introspection configured.
#include <cstdio>

#include <rclite/dynamic/yaml.hpp>
#include <rclite/generic_subscription.hpp>

#include "common.hpp"

namespace rclite::cli {

namespace {

// ros2service.api.get_service_class: the one type the graph shows for the service.
std::string graph_type_of(const Session& session, const std::string& service_name) {
  session.settle();
  const auto all = session.node->get_service_names_and_types();
  const auto found = all.find(service_name);
  if (found == all.end()) throw CommandError("Cannot find type for '" + service_name + "'");
  if (found->second.empty()) throw CommandError("No types associated with '" + service_name + "'");
  if (found->second.size() > 1) {
    throw CommandError("More than one type associated with service '" + service_name + "'");
  }
  return *found->second.begin();
}

// ros2 prints an event's info.event_type by its ServiceEventInfo constant's name
// (REQUEST_RECEIVED), not its number. `info` is the first member of every `_Event`, so the number
// is on the document's second line.
std::string with_event_type_name(std::string yaml, const dynamic::DynamicValue& event) {
  const auto& info = event["info"];
  const std::string number = std::to_string(info["event_type"].get<std::uint8_t>());
  const std::string prefix = "info:\n  event_type: " + number + "\n";
  if (!yaml.starts_with(prefix)) return yaml;
  for (const auto& constant : info.message_type().spec().constants) {
    if (constant.value.text == number) {
      return "info:\n  event_type: " + constant.name + "\n" + yaml.substr(prefix.size());
    }
  }
  return yaml;
}

}  // namespace

int service_echo(const EchoOptions& options) {
  Session session;
  // As ros2: without a type, the one the graph shows for the service.
  const std::string type = options.service_type.empty() ? graph_type_of(session, options.service_name)
                                                        : options.service_type;
  const auto name = idl::parse_type_name(type);
  if (!name || name->subfolder != "srv") throw CommandError("The service type '" + type + "' is invalid");

  dynamic::YamlOptions yaml;
  if (!options.full_length) yaml.truncate_length = options.truncate_length;
  yaml.no_arr = options.no_arr;
  yaml.no_str = options.no_str;
  yaml.flow_style = options.flow_style;
  const std::string topic = options.service_name + kServiceEventTopicSuffix;
  GenericSubscription subscription;
  try {
    subscription = GenericSubscription(
        *session.node, topic, name->full() + "_Event", ServicesQoS(),
        [&yaml](const dynamic::DynamicValue& event) {
          const std::string text = with_event_type_name(dynamic::to_yaml(event, yaml), event) + "---\n";
          std::fwrite(text.data(), 1, text.size(), stdout);
          std::fflush(stdout);  // a pipe reader (a test, `| head`) sees each event at once
        });
  } catch (const idl::UnknownTypeError&) {
    throw CommandError("The service type '" + type + "' is invalid");
  }
  if (subscription.get_publisher_count() < 1) {  // ros2 says so once, before it first waits for events
    std::printf("No publishers on topic '%s'; is service introspection on the client or server enabled?\n",
                topic.c_str());
    std::fflush(stdout);
  }
  SingleThreadedExecutor executor(*session.context);
  executor.add_node(*session.node);
  executor.spin();  // until Ctrl-C
  return 0;
}

}  // namespace rclite::cli
