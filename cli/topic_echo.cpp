// `rclite topic echo TOPIC [TYPE]`: ros2topic's echo verb (ros2topic/verb/echo.py, Jazzy). Each
// message is printed as rosidl_runtime_py's message_to_yaml, then "---", through a runtime-typed
// subscription whose QoS follows the publishers' (choose_qos).
#include <algorithm>
#include <cstdio>
#include <future>
#include <string>
#include <vector>

#include <rclite/dynamic/csv.hpp>
#include <rclite/dynamic/repr.hpp>
#include <rclite/dynamic/yaml.hpp>
#include <rclite/generic_subscription.hpp>

#include "topic_commands.hpp"

namespace rclite::cli {
namespace {

// The name of the Python type rclpy gives a value, for AttributeError's text.
std::string python_type_name(const dynamic::DynamicValue& value) {
  if (value.is_message()) return value.message_type().name().name;
  if (value.is_list()) return "list";
  switch (value.primitive()) {
    case idl::Primitive::Bool: return "bool";
    case idl::Primitive::Float32:
    case idl::Primitive::Float64: return "float";
    case idl::Primitive::String:
    case idl::Primitive::WString: return "str";
    case idl::Primitive::Byte: return "bytes";
    default: return "int";
  }
}

// echo.py's --field: "pose.position" selects message.pose.position ('.'-separated, empty parts
// skipped). Throws CommandError with ros2's text when a part is not a field.
const dynamic::DynamicValue& select_field(const dynamic::DynamicValue& message, const std::vector<std::string>& path,
                                          const std::string& field_text) {
  const dynamic::DynamicValue* value = &message;
  for (const auto& part : path) {
    if (!value->is_message() || !value->has_field(part)) {
      throw CommandError("Invalid field '" + field_text + "': '" + python_type_name(*value) +
                         "' object has no attribute '" + part + "'");
    }
    value = &(*value)[part];
  }
  return *value;
}

std::vector<std::string> split_field(const std::string& field) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= field.size()) {
    const std::size_t end = std::min(field.find('.', start), field.size());
    if (end > start) parts.push_back(field.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

// What Python's print() shows of a value that is not a message: str(value).
std::string python_str(const dynamic::DynamicValue& value) {
  if (value.is_primitive() && value.primitive() == idl::Primitive::String) return value.as_string();
  return dynamic::to_repr(value);
}

void write(const std::string& text) {
  std::fwrite(text.data(), 1, text.size(), stdout);
  std::fflush(stdout);  // a pipe reader (a test, `| head`) sees each message at once
}

}  // namespace

int topic_echo(const TopicEchoOptions& options) {
  std::vector<std::string> field_path;
  std::string field_text;
  if (!options.field.empty()) {
    field_path = split_field(options.field);
    if (field_path.empty()) throw CommandError("Invalid field value '" + options.field + "'");
    for (const auto& part : field_path) field_text += (field_text.empty() ? "" : ".") + part;
  }
  dynamic::YamlOptions yaml;
  if (!options.full_length) yaml.truncate_length = options.truncate_length;
  yaml.no_arr = options.no_arr;
  yaml.no_str = options.no_str;
  yaml.flow_style = options.flow_style;

  Session session;
  session.settle();
  std::vector<TopicEndpointInfo> publishers;
  try {
    publishers = session.node->get_publishers_info_by_topic(options.topic_name);
  } catch (const std::exception& error) {
    throw CommandError(error.what());  // an invalid topic name
  }
  const QoS qos = subscription_qos(options.qos, publishers);

  std::string type = full_message_type_name(options.message_type);
  const bool type_given = !type.empty();
  if (!type_given) {
    const auto found = topic_type_from_graph(session, options.topic_name, /*wait=*/false);
    if (!found) throw CommandError("Could not determine the type for the passed topic");
    type = *found;
  }

  std::promise<void> done;  // --once: the first message; never set otherwise
  auto finished = done.get_future();
  bool printed_one = false;
  const auto on_message = [&](const dynamic::DynamicValue& message) {
    const dynamic::DynamicValue& selected = select_field(message, field_path, field_text);
    if (options.once) {
      if (printed_one) return;  // a second one taken before the executor stopped
      printed_one = true;
      done.set_value();
    }
    if (selected.is_message() && options.csv) {
      write(dynamic::to_csv(selected, yaml) + "\n");
    } else if (selected.is_message()) {
      write(dynamic::to_yaml(selected, yaml) + "---\n");
    } else {
      write(python_str(selected) + "\n---\n");
    }
  };
  GenericSubscription subscription;
  try {
    subscription = GenericSubscription(*session.node, options.topic_name, type, qos, on_message);
  } catch (const idl::UnknownTypeError&) {
    throw CommandError(type_given ? "The passed message type is invalid"
                                  : "The message type '" + type + "' is invalid");
  } catch (const InvalidNameError& error) {
    throw CommandError(error.what());
  }

  SingleThreadedExecutor executor(*session.context);
  executor.add_node(*session.node);
  if (options.timeout_seconds) {
    executor.spin_until_future_complete(finished, std::chrono::duration<double>(*options.timeout_seconds));
  } else {
    executor.spin_until_future_complete(finished);  // until --once is done, or Ctrl-C
  }
  return 0;
}

}  // namespace rclite::cli
