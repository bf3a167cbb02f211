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

// A service that answers from the parameters while they exist (an empty response after).
template <class Srv, class Answer>
Service<Srv> serve(Node& node, const std::string& name, const std::weak_ptr<NodeParameters>& parameters,
                   Answer answer) {
  ServiceOptions options;
  options.qos = ParametersQoS();  // rclcpp's rmw_qos_profile_parameters
  return node.create_service<Srv>(
      name,
      [parameters, answer](const typename Srv::Request& request) {
        typename Srv::Response response;
        if (auto store = parameters.lock()) answer(*store, request, response);
        return response;
      },
      options);
}

}  // namespace

std::shared_ptr<ParameterServices> create_parameter_services(Node& node,
                                                             const std::shared_ptr<NodeParameters>& parameters) {
  // rclcpp: "<node name>/<service>", relative, so in the node's namespace and remappable.
  const std::string prefix = node.get_name() + "/";
  auto services = std::make_shared<ParameterServices>();
  // As in rclcpp, a request naming an undeclared parameter gets an empty answer, not an error.
  services->get = serve<srv::GetParameters>(
      node, prefix + "get_parameters", parameters, [](NodeParameters& store, const auto& request, auto& response) {
        try {
          for (const auto& parameter : store.get(request.names)) {
            response.values.push_back(parameter.get_parameter_value().to_value_msg());
          }
        } catch (const ParameterError&) {
          response.values.clear();
        }
      });
  services->get_types = serve<srv::GetParameterTypes>(
      node, prefix + "get_parameter_types", parameters,
      [](NodeParameters& store, const auto& request, auto& response) {
        try {
          response.types = store.types(request.names);
        } catch (const ParameterError&) {
        }
      });
  services->set = serve<srv::SetParameters>(
      node, prefix + "set_parameters", parameters, [](NodeParameters& store, const auto& request, auto& response) {
        for (const auto& message : request.parameters) {
          try {
            response.results.push_back(store.set_atomically({Parameter::from_parameter_msg(message)}));
          } catch (const ParameterError& error) {
            response.results.push_back(failed(error.what()));
          }
        }
      });
  services->set_atomically = serve<srv::SetParametersAtomically>(
      node, prefix + "set_parameters_atomically", parameters,
      [](NodeParameters& store, const auto& request, auto& response) {
        try {
          response.result = store.set_atomically(from_messages(request.parameters));
        } catch (const ParameterNotDeclaredError&) {
          response.result = failed("One or more parameters were not declared before setting");
        } catch (const ParameterError& error) {
          response.result = failed(error.what());
        }
      });
  services->describe = serve<srv::DescribeParameters>(
      node, prefix + "describe_parameters", parameters,
      [](NodeParameters& store, const auto& request, auto& response) {
        try {
          response.descriptors = store.describe(request.names);
        } catch (const ParameterError&) {
        }
      });
  services->list = serve<srv::ListParameters>(
      node, prefix + "list_parameters", parameters, [](NodeParameters& store, const auto& request, auto& response) {
        auto listed = store.list(request.prefixes, request.depth);
        response.result.names = std::move(listed.names);
        response.result.prefixes = std::move(listed.prefixes);
      });
  return services;
}

}  // namespace rclite::detail
