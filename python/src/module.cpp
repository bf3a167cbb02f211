// _rclite: the extension module under the rclpy compatibility package (python/rclpy). A thin layer
// over rclite's public C++ API: contexts, nodes, services, clients, publishers, subscriptions,
// timers, executors, parameters, the graph and logging. Python code runs only with the GIL held,
// in the callbacks; every wait (spin, wait_for_service, call) releases it.
#include <pybind11/functional.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "bindings.hpp"
#include "conversions.hpp"
#include "rclite/context.hpp"
#include "rclite/executor.hpp"
#include "rclite/logging.hpp"

namespace rclite::python {

namespace {

std::chrono::nanoseconds seconds_to_ns(std::optional<double> seconds) {
  if (!seconds || *seconds < 0) return std::chrono::nanoseconds(-1);  // forever
  return std::chrono::nanoseconds(static_cast<std::int64_t>(*seconds * 1e9));
}

// An executor with the context it runs on.
struct PyExecutor {
  std::shared_ptr<Context> context;
  std::unique_ptr<Executor> executor;

  PyExecutor(std::shared_ptr<Context> on, std::size_t threads, bool multi) : context(std::move(on)) {
    if (multi) {
      executor = std::make_unique<MultiThreadedExecutor>(*context, threads);
    } else {
      executor = std::make_unique<SingleThreadedExecutor>(*context);
    }
  }
  ~PyExecutor() {
    py::gil_scoped_release release;  // pool threads may be waiting for the GIL
    executor.reset();
  }
};

void bind_context(py::module_& m) {
  py::class_<Context, std::shared_ptr<Context>>(m, "Context")
      .def(py::init([](const std::vector<std::string>& argv, bool install_signal_handlers) {
             InitOptions options;
             options.install_signal_handlers = install_signal_handlers;
             return std::make_shared<Context>(std::span<const std::string>(argv), options);
           }),
           py::arg("argv"), py::arg("install_signal_handlers") = true)
      .def("ok", &Context::ok)
      .def("shutdown", &Context::shutdown, py::arg("reason") = "user called shutdown",
           py::call_guard<py::gil_scoped_release>())
      .def_property_readonly("domain_id", &Context::domain_id);
  m.def("remove_ros_arguments", [](const std::vector<std::string>& argv) {
    std::vector<const char*> pointers;
    for (const auto& arg : argv) pointers.push_back(arg.c_str());
    return remove_ros_arguments(static_cast<int>(pointers.size()), pointers.data());
  });
}

void bind_executor(py::module_& m) {
  py::class_<PyExecutor>(m, "Executor")
      .def(py::init<std::shared_ptr<Context>, std::size_t, bool>(), py::arg("context"), py::arg("threads") = 0,
           py::arg("multithreaded") = false)
      .def("add_node", [](PyExecutor& self, PyNode& node) {
             Node& target = node.get();
             py::gil_scoped_release release;
             self.executor->add_node(target);
           })
      .def("remove_node", [](PyExecutor& self, PyNode& node) {
             Node& target = node.get();
             py::gil_scoped_release release;
             self.executor->remove_node(target);
           })
      .def("spin_once", [](PyExecutor& self, std::optional<double> timeout_sec) {
             const auto timeout = seconds_to_ns(timeout_sec);
             py::gil_scoped_release release;
             return self.executor->spin_once(timeout);
           }, py::arg("timeout_sec") = py::none())
      .def("spin", [](PyExecutor& self) {
             py::gil_scoped_release release;
             self.executor->spin();
           })
      .def("cancel", [](PyExecutor& self) { self.executor->cancel(); })
      .def_property_readonly("context", [](const PyExecutor& self) { return self.context; });
}

void bind_logging(py::module_& m) {
  py::enum_<Severity>(m, "Severity")
      .value("UNSET", Severity::Unset)
      .value("DEBUG", Severity::Debug)
      .value("INFO", Severity::Info)
      .value("WARN", Severity::Warn)
      .value("ERROR", Severity::Error)
      .value("FATAL", Severity::Fatal);
  py::class_<Logger>(m, "Logger")
      .def(py::init<std::string>())
      .def_property_readonly("name", &Logger::name)
      .def("get_child", &Logger::get_child)
      .def("is_enabled_for", &Logger::is_enabled_for)
      .def("log", [](const Logger& self, Severity severity, const std::string& message, const std::string& file,
                     const std::string& function, unsigned line) {
             self.log(severity, message, SourceLocation::current(file.c_str(), function.c_str(), line));
           }, py::arg("severity"), py::arg("message"), py::arg("file") = "", py::arg("function") = "",
           py::arg("line") = 0);
  m.def("set_logger_level", [](const std::string& name, Severity severity) { set_logger_level(name, severity); });
  m.def("get_logger_effective_level", [](const std::string& name) { return effective_logger_level(name); });
}

}  // namespace

}  // namespace rclite::python

PYBIND11_MODULE(_rclite, m) {
  using namespace rclite::python;
  m.doc() = "rclite's C++ core for the rclpy compatibility package";
  register_exceptions(m);
  bind_context(m);
  bind_logging(m);
  bind_node(m);
  bind_entities(m);
  bind_executor(m);
  // Raises KeyboardInterrupt when Ctrl-C came during a wait (rclite's handler chains to Python's).
  m.def("check_signals", [] {
    if (PyErr_CheckSignals() != 0) throw py::error_already_set();
  });
}
