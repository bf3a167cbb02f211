// `rclite service echo NAME [TYPE]`: ros2service's echo verb. Subscribes to the service's
// introspection events ("<NAME>/_service_event", `<TYPE>_Event`, spec §8.2) with a runtime-typed
// subscription and prints each event as `ros2 topic echo` prints a message: YAML, then "---".
// Events exist only while the service or its clients have introspection configured.
#include <cstdio>

#include <rclite/dynamic/yaml.hpp>
#include <rclite/generic_subscription.hpp>

#include "common.hpp"

namespace rclite::cli {

int service_echo(const EchoOptions& options) {
  Session session;
  std::string type = options.service_type;
  if (type.empty()) {  // as ros2: the type the graph shows for the service
    session.settle();
    const auto all = session.node->get_service_names_and_types();
    const auto found = all.find(options.service_name);
    if (found == all.end() || found->second.empty()) {
      throw CommandError("Could not determine the type for the passed service");
    }
    type = *found->second.begin();
  }
  const auto name = idl::parse_type_name(type);
  if (!name || name->subfolder != "srv") throw CommandError("The service type '" + type + "' is invalid");

  dynamic::YamlOptions yaml;
  if (!options.full_length) yaml.truncate_length = options.truncate_length;
  yaml.no_arr = options.no_arr;
  yaml.no_str = options.no_str;
  yaml.flow_style = options.flow_style;
  GenericSubscription subscription;
  try {
    subscription = GenericSubscription(
        *session.node, options.service_name + kServiceEventTopicSuffix, name->full() + "_Event", ServicesQoS(),
        [&yaml](const dynamic::DynamicValue& event) {
          const std::string text = dynamic::to_yaml(event, yaml) + "---\n";
          std::fwrite(text.data(), 1, text.size(), stdout);
          std::fflush(stdout);  // a pipe reader (a test, `| head`) sees each event at once
        });
  } catch (const idl::UnknownTypeError&) {
    throw CommandError("The service type '" + type + "' is invalid");
  }
  SingleThreadedExecutor executor(*session.context);
  executor.add_node(*session.node);
  executor.spin();  // until Ctrl-C
  return 0;
}

}  // namespace rclite::cli
