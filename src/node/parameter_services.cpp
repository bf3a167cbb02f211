#include "parameter_services.hpp"

#include <rcl_interfaces/srv/describe_parameters.hpp>
#include <rcl_interfaces/srv/get_parameter_types.hpp>
#include <rcl_interfaces/srv/get_parameters.hpp>
#include <rcl_interfaces/srv/list_parameters.hpp>
#include <rcl_interfaces/srv/set_parameters.hpp>
#include <rcl_interfaces/srv/set_parameters_atomically.hpp>

namespace rclite::detail {

namespace srv = rcl_interfaces::srv;

struct ParameterServices {
  Service<srv::GetParameters> get;
  Service<srv::GetParameterTypes> get_types;
  Service<srv::SetParameters> set;
  Service<srv::SetParametersAtomically> set_atomically;
  Service<srv::DescribeParameters> describe;
  Service<srv::ListParameters> list;
};

namespace {

std::vector<Parameter> from_messages(const std::vector<rcl_interfaces::msg::Parameter>& messages) {
  std::vector<Parameter> parameters;
  parameters.reserve(messages.size());
  for (const auto& message : messages) parameters.push_back(Parameter::from_parameter_msg(message));
  return parameters;
}

SetParametersResult failed(const std::string& reason) {
  SetParametersResult result;
  result.reason = reason;
  return result;
}

}  // namespace

std::shared_ptr<ParameterServices> create_parameter_services(Node& node,
                                                             const std::shared_ptr<NodeParameters>& parameters) {
  // rclcpp: "<node name>/<service>", relative, so in the node's namespace and remappable.
  const std::string prefix = node.get_name() + "/";
  ServiceOptions options;
  options.keep_all = false;
  options.depth = 1000;
  std::weak_ptr<NodeParameters> weak = parameters;
  auto services = std::make_shared<ParameterServices>();

  // As in rclcpp, a request naming an undeclared parameter gets an empty answer, not an error.
  services->get = node.create_service<srv::GetParameters>(
      prefix + "get_parameters",
      [weak](const srv::GetParameters::Request& request) {
        srv::GetParameters::Response response;
        auto store = weak.lock();
        if (!store) return response;
        try {
          for (const auto& parameter : store->get(request.names)) {
            response.values.push_back(parameter.get_parameter_value().to_value_msg());
          }
        } catch (const ParameterError&) {
          response.values.clear();
        }
        return response;
      },
      options);
  services->get_types = node.create_service<srv::GetParameterTypes>(
      prefix + "get_parameter_types",
      [weak](const srv::GetParameterTypes::Request& request) {
        srv::GetParameterTypes::Response response;
        if (auto store = weak.lock()) {
          try {
            response.types = store->types(request.names);
          } catch (const ParameterError&) {
          }
        }
        return response;
      },
      options);
  services->set = node.create_service<srv::SetParameters>(
      prefix + "set_parameters",
      [weak](const srv::SetParameters::Request& request) {
        srv::SetParameters::Response response;
        auto store = weak.lock();
        if (!store) return response;
        for (const auto& message : request.parameters) {
          try {
            response.results.push_back(store->set_atomically({Parameter::from_parameter_msg(message)}));
          } catch (const ParameterError& error) {
            response.results.push_back(failed(error.what()));
          }
        }
        return response;
      },
      options);
  services->set_atomically = node.create_service<srv::SetParametersAtomically>(
      prefix + "set_parameters_atomically",
      [weak](const srv::SetParametersAtomically::Request& request) {
        srv::SetParametersAtomically::Response response;
        auto store = weak.lock();
        if (!store) return response;
        try {
          response.result = store->set_atomically(from_messages(request.parameters));
        } catch (const ParameterNotDeclaredError&) {
          response.result = failed("One or more parameters were not declared before setting");
        } catch (const ParameterError& error) {
          response.result = failed(error.what());
        }
        return response;
      },
      options);
  services->describe = node.create_service<srv::DescribeParameters>(
      prefix + "describe_parameters",
      [weak](const srv::DescribeParameters::Request& request) {
        srv::DescribeParameters::Response response;
        if (auto store = weak.lock()) {
          try {
            response.descriptors = store->describe(request.names);
          } catch (const ParameterError&) {
          }
        }
        return response;
      },
      options);
  services->list = node.create_service<srv::ListParameters>(
      prefix + "list_parameters",
      [weak](const srv::ListParameters::Request& request) {
        srv::ListParameters::Response response;
        if (auto store = weak.lock()) response.result = store->list(request.prefixes, request.depth);
        return response;
      },
      options);
  return services;
}

}  // namespace rclite::detail
