// Nodes: names, parameters, the graph, the clock (the entities are in entity_bindings.cpp).
#include <pybind11/functional.h>
#include <pybind11/stl.h>

#include <string>
#include <tuple>
#include <vector>

#include "bindings.hpp"
#include "conversions.hpp"
#include "gil.hpp"
#include "rclite/clock.hpp"
#include "rclite/parameter.hpp"

namespace rclite::python {

namespace {

using NamesAndTypesList = std::vector<std::tuple<std::string, std::vector<std::string>>>;

NamesAndTypesList to_list(const NamesAndTypes& names) {
  NamesAndTypesList list;
  for (const auto& [name, types] : names) list.emplace_back(name, std::vector<std::string>(types.begin(), types.end()));
  return list;
}

std::vector<Parameter> parameters_from(const std::vector<std::tuple<std::string, py::object>>& items) {
  std::vector<Parameter> parameters;
  for (const auto& [name, value] : items) parameters.emplace_back(name, parameter_value_from(value));
  return parameters;
}

py::list results_to_python(const std::vector<SetParametersResult>& results) {
  py::list list;
  for (const auto& result : results) list.append(py::make_tuple(result.successful, result.reason));
  return list;
}

// Keeps an on-set-parameters callback registered while the Python handle lives.
struct PyParameterCallback {
  std::shared_ptr<OnSetParametersCallbackHandle> handle;
};

}  // namespace

void bind_node(py::module_& m) {
  py::class_<PyNode>(m, "Node")
      .def(py::init([](std::shared_ptr<Context> context, const std::string& name, const std::string& ns,
                       const std::vector<std::string>& arguments, bool use_global_arguments, bool enable_rosout,
                       bool start_parameter_services, bool allow_undeclared_parameters,
                       bool automatically_declare_parameters_from_overrides,
                       const std::vector<std::tuple<std::string, py::object>>& overrides) {
             NodeOptions options;
             options.context = context.get();
             options.arguments = arguments;
             options.use_global_arguments = use_global_arguments;
             options.enable_rosout = enable_rosout;
             options.start_parameter_services = start_parameter_services;
             options.allow_undeclared_parameters = allow_undeclared_parameters;
             options.automatically_declare_parameters_from_overrides =
                 automatically_declare_parameters_from_overrides;
             options.parameter_overrides = parameters_from(overrides);
             auto node = std::make_unique<PyNode>();
             node->context = context;
             {
               py::gil_scoped_release release;
               node->node = std::make_unique<Node>(name, ns, options);
             }
             return node;
           }),
           py::arg("context"), py::arg("name"), py::arg("namespace"), py::arg("arguments"),
           py::arg("use_global_arguments"), py::arg("enable_rosout"), py::arg("start_parameter_services"),
           py::arg("allow_undeclared_parameters"), py::arg("automatically_declare_parameters_from_overrides"),
           py::arg("parameter_overrides"))
      .def("destroy", &PyNode::destroy)
      .def("get_name", [](const PyNode& self) { return self.get().get_name(); })
      .def("get_namespace", [](const PyNode& self) { return self.get().get_namespace(); })
      .def("get_fully_qualified_name", [](const PyNode& self) { return self.get().get_fully_qualified_name(); })
      .def("get_logger", [](const PyNode& self) { return self.get().get_logger(); })
      .def("resolve_service_name", [](const PyNode& self, const std::string& name) {
        return self.get().resolve_service_name(name);
      })
      .def("resolve_topic_name", [](const PyNode& self, const std::string& name) {
        return self.get().resolve_topic_name(name);
      })
      // --- Time ---
      .def("now_ns", [](const PyNode& self) { return self.get().now().nanoseconds(); })
      .def("ros_time_is_active", [](const PyNode& self) { return self.get().get_clock()->ros_time_is_active(); })
      // --- Graph ---
      .def("get_node_names_and_namespaces", [](const PyNode& self) {
        std::vector<std::tuple<std::string, std::string>> names;
        for (const auto& name : self.get().get_node_names()) names.emplace_back(name.name, name.ns);
        return names;
      })
      .def("get_topic_names_and_types", [](const PyNode& self) { return to_list(self.get().get_topic_names_and_types()); })
      .def("get_service_names_and_types", [](const PyNode& self) {
        return to_list(self.get().get_service_names_and_types());
      })
      .def("get_service_names_and_types_by_node", [](const PyNode& self, const std::string& name, const std::string& ns) {
        return to_list(self.get().get_service_names_and_types_by_node(name, ns));
      })
      .def("get_client_names_and_types_by_node", [](const PyNode& self, const std::string& name, const std::string& ns) {
        return to_list(self.get().get_client_names_and_types_by_node(name, ns));
      })
      .def("get_publisher_names_and_types_by_node", [](const PyNode& self, const std::string& name, const std::string& ns) {
        return to_list(self.get().get_publisher_names_and_types_by_node(name, ns));
      })
      .def("get_subscriber_names_and_types_by_node", [](const PyNode& self, const std::string& name, const std::string& ns) {
        return to_list(self.get().get_subscriber_names_and_types_by_node(name, ns));
      })
      .def("count_services", [](const PyNode& self, const std::string& name) { return self.get().count_services(name); })
      .def("count_clients", [](const PyNode& self, const std::string& name) { return self.get().count_clients(name); })
      .def("count_publishers", [](const PyNode& self, const std::string& name) { return self.get().count_publishers(name); })
      .def("count_subscribers", [](const PyNode& self, const std::string& name) { return self.get().count_subscribers(name); })
      // --- Parameters: the calls that may run on-set callbacks release the GIL first (the
      // parameter services run them on executor threads, under the node's parameter lock).
      .def("declare_parameter", [](const PyNode& self, const std::string& name, py::object value,
                                   const std::string& description, bool read_only, bool dynamic_typing,
                                   bool ignore_override) {
             ParameterValue default_value = parameter_value_from(value);
             ParameterDescriptor descriptor;
             descriptor.name = name;
             descriptor.description = description;
             descriptor.read_only = read_only;
             descriptor.dynamic_typing = dynamic_typing;
             ParameterValue result;
             {
               py::gil_scoped_release release;
               result = self.get().declare_parameter(name, default_value, descriptor, ignore_override);
             }
             return to_python(result);
           }, py::arg("name"), py::arg("value"), py::arg("description") = "", py::arg("read_only") = false,
           py::arg("dynamic_typing") = false, py::arg("ignore_override") = false)
      .def("undeclare_parameter", [](const PyNode& self, const std::string& name) {
        py::gil_scoped_release release;
        self.get().undeclare_parameter(name);
      })
      .def("has_parameter", [](const PyNode& self, const std::string& name) { return self.get().has_parameter(name); })
      .def("get_parameter", [](const PyNode& self, const std::string& name) {
        Parameter parameter;
        {
          py::gil_scoped_release release;
          parameter = self.get().get_parameter(name);
        }
        return to_python(parameter.get_parameter_value());
      })
      .def("get_parameter_or", [](const PyNode& self, const std::string& name) -> py::object {
        Parameter parameter;
        bool found = false;
        {
          py::gil_scoped_release release;
          found = self.get().get_parameter(name, parameter);
        }
        if (!found) return py::none();
        return py::make_tuple(to_python(parameter.get_parameter_value()));
      })
      .def("list_parameter_names", [](const PyNode& self, const std::vector<std::string>& prefixes, int depth) {
        auto result = self.get().list_parameters(prefixes, static_cast<std::uint64_t>(depth));
        return std::make_tuple(result.names, result.prefixes);
      })
      .def("set_parameters", [](const PyNode& self, const std::vector<std::tuple<std::string, py::object>>& items) {
        const auto parameters = parameters_from(items);
        std::vector<SetParametersResult> results;
        {
          py::gil_scoped_release release;
          results = self.get().set_parameters(parameters);
        }
        return results_to_python(results);
      })
      .def("set_parameters_atomically", [](const PyNode& self,
                                           const std::vector<std::tuple<std::string, py::object>>& items) {
        const auto parameters = parameters_from(items);
        SetParametersResult result;
        {
          py::gil_scoped_release release;
          result = self.get().set_parameters_atomically(parameters);
        }
        return py::make_tuple(result.successful, result.reason);
      })
      .def("add_on_set_parameters_callback", [](const PyNode& self, py::function callback) {
        // callback(list of (name, value)) -> (successful, reason)
        auto shared = share(std::move(callback));
        auto handle = self.get().add_on_set_parameters_callback([shared](const std::vector<Parameter>& parameters) {
          py::gil_scoped_acquire gil;
          py::list list;
          for (const auto& parameter : parameters) {
            list.append(py::make_tuple(parameter.get_name(), to_python(parameter.get_parameter_value())));
          }
          const py::tuple outcome = (*shared)(list);
          SetParametersResult result;
          result.successful = outcome[0].cast<bool>();
          result.reason = outcome[1].cast<std::string>();
          return result;
        });
        return PyParameterCallback{std::move(handle)};
      })
      .def("remove_on_set_parameters_callback", [](const PyNode& self, PyParameterCallback& callback) {
        if (!callback.handle) return;
        const auto* handle = callback.handle.get();
        {
          py::gil_scoped_release release;
          self.get().remove_on_set_parameters_callback(handle);
        }
        callback.handle.reset();
      });
  py::class_<PyParameterCallback>(m, "ParameterCallbackHandle");
}

}  // namespace rclite::python
