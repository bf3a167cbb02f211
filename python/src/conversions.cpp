// Python <-> C++ values: see conversions.hpp.
#include "conversions.hpp"

#include <pybind11/stl.h>  // py::cast of the array parameter values (std::vector)

#include <cstdint>
#include <string>
#include <vector>

#include "rclite/errors.hpp"

namespace rclite::python {

namespace {

template <class T>
std::vector<T> list_of(const py::list& list) {
  std::vector<T> values;
  values.reserve(list.size());
  for (auto item : list) values.push_back(item.cast<T>());
  return values;
}

// The module's exception classes, made once by register_exceptions.
struct ExceptionClasses {
  py::object service_error, timeout, unavailable, cancelled, shutdown, malformed;
};
ExceptionClasses& classes() {
  static auto* instance = new ExceptionClasses();  // never destroyed: Python objects past finalization
  return *instance;
}

}  // namespace

ParameterValue parameter_value_from(py::handle value) {
  if (value.is_none()) return ParameterValue();
  if (PyBool_Check(value.ptr())) return ParameterValue(value.cast<bool>());
  if (PyLong_Check(value.ptr())) return ParameterValue(value.cast<std::int64_t>());
  if (PyFloat_Check(value.ptr())) return ParameterValue(value.cast<double>());
  if (PyUnicode_Check(value.ptr())) return ParameterValue(value.cast<std::string>());
  if (PyBytes_Check(value.ptr()) || PyByteArray_Check(value.ptr())) {
    const std::string bytes = py::bytes(py::reinterpret_borrow<py::object>(value)).cast<std::string>();
    return ParameterValue(std::vector<std::uint8_t>(bytes.begin(), bytes.end()));
  }
  if (PyList_Check(value.ptr()) || PyTuple_Check(value.ptr()) || py::hasattr(value, "tolist")) {
    py::list list = py::hasattr(value, "tolist") ? py::list(value.attr("tolist")())
                                                  : py::list(py::reinterpret_borrow<py::object>(value));
    if (list.empty()) throw py::type_error("an empty list has no parameter type");
    const py::handle first = list[0];
    if (PyBool_Check(first.ptr())) return ParameterValue(list_of<bool>(list));
    if (PyLong_Check(first.ptr())) return ParameterValue(list_of<std::int64_t>(list));
    if (PyFloat_Check(first.ptr())) return ParameterValue(list_of<double>(list));
    if (PyUnicode_Check(first.ptr())) return ParameterValue(list_of<std::string>(list));
    if (PyBytes_Check(first.ptr())) {
      std::vector<std::uint8_t> bytes;
      for (auto item : list) bytes.push_back(static_cast<std::uint8_t>(item.cast<std::string>().at(0)));
      return ParameterValue(std::move(bytes));
    }
  }
  throw py::type_error("not a parameter value: " + std::string(Py_TYPE(value.ptr())->tp_name));
}

py::object to_python(const ParameterValue& value) {
  switch (value.get_type()) {
    case ParameterType::NotSet: return py::none();
    case ParameterType::Bool: return py::bool_(value.get<bool>());
    case ParameterType::Integer: return py::int_(value.get<std::int64_t>());
    case ParameterType::Double: return py::float_(value.get<double>());
    case ParameterType::String: return py::str(value.get<std::string>());
    case ParameterType::ByteArray: {
      const auto bytes = value.get<std::vector<std::uint8_t>>();
      py::list list;
      for (std::uint8_t b : bytes) list.append(py::bytes(reinterpret_cast<const char*>(&b), 1));
      return list;
    }
    case ParameterType::BoolArray: return py::cast(value.get<std::vector<bool>>());
    case ParameterType::IntegerArray: return py::cast(value.get<std::vector<std::int64_t>>());
    case ParameterType::DoubleArray: return py::cast(value.get<std::vector<double>>());
    case ParameterType::StringArray: return py::cast(value.get<std::vector<std::string>>());
  }
  return py::none();
}

QoS qos_from(const py::dict& profile) {
  QoS qos(10);
  if (profile.contains("history") && profile["history"].cast<std::string>() == "keep_all") {
    qos.keep_all();
  } else if (profile.contains("depth")) {
    qos.keep_last(profile["depth"].cast<std::size_t>());
  }
  if (profile.contains("reliability")) {
    qos.reliability(profile["reliability"].cast<std::string>() == "best_effort" ? ReliabilityPolicy::BestEffort
                                                                                : ReliabilityPolicy::Reliable);
  }
  if (profile.contains("durability")) {
    qos.durability(profile["durability"].cast<std::string>() == "transient_local" ? DurabilityPolicy::TransientLocal
                                                                                  : DurabilityPolicy::Volatile);
  }
  return qos;
}

py::object exception_object(std::exception_ptr error) {
  const ExceptionClasses& c = classes();
  try {
    std::rethrow_exception(error);
  } catch (py::error_already_set& python_error) {
    return python_error.value();
  } catch (const TimeoutError& e) {
    return c.timeout(e.what());
  } catch (const ServiceUnavailableError& e) {
    return c.unavailable(e.what());
  } catch (const RequestCancelledError& e) {
    return c.cancelled(e.what());
  } catch (const ShutdownError& e) {
    return c.shutdown(e.what());
  } catch (const MalformedResponseError& e) {
    return c.malformed(e.what());
  } catch (const ServiceError& e) {
    return c.service_error(e.what());
  } catch (const std::exception& e) {
    return py::reinterpret_borrow<py::object>(PyExc_RuntimeError)(e.what());
  }
}

void register_exceptions(py::module_& module) {
  ExceptionClasses& c = classes();
  // Subclasses of the builtins a Python user would catch (TimeoutError, ConnectionError, ...).
  c.service_error = py::exception<ServiceError>(module, "ServiceError", PyExc_RuntimeError);
  c.timeout = py::exception<TimeoutError>(module, "ServiceTimeoutError", PyExc_TimeoutError);
  c.unavailable = py::exception<ServiceUnavailableError>(module, "ServiceUnavailableError", PyExc_ConnectionError);
  c.cancelled = py::exception<RequestCancelledError>(module, "RequestCancelledError", c.service_error.ptr());
  c.shutdown = py::exception<ShutdownError>(module, "ShutdownError", c.service_error.ptr());
  c.malformed = py::exception<MalformedResponseError>(module, "MalformedResponseError", c.service_error.ptr());
  py::register_exception_translator([](std::exception_ptr error) {
    if (!error) return;
    try {
      std::rethrow_exception(error);
    } catch (const ServiceError&) {
      py::object object = exception_object(error);
      PyErr_SetObject(reinterpret_cast<PyObject*>(Py_TYPE(object.ptr())), object.ptr());
    }
  });
  // rclpy.exceptions' parameter errors (rclpy derives them from Exception). The base first: pybind11
  // tries the translators registered last first.
  py::register_exception<ParameterError>(module, "ParameterException", PyExc_Exception);
  py::register_exception<ParameterNotDeclaredError>(module, "ParameterNotDeclaredException", PyExc_Exception);
  py::register_exception<ParameterAlreadyDeclaredError>(module, "ParameterAlreadyDeclaredException", PyExc_Exception);
  py::register_exception<InvalidParameterTypeError>(module, "InvalidParameterTypeException", PyExc_Exception);
  py::register_exception<InvalidParameterValueError>(module, "InvalidParameterValueException", PyExc_Exception);
  py::register_exception<ParameterImmutableError>(module, "ParameterImmutableException", PyExc_Exception);
  py::register_exception<ParameterUninitializedError>(module, "ParameterUninitializedException", PyExc_Exception);
  py::register_exception<InvalidParametersError>(module, "InvalidParametersException", PyExc_Exception);
}

}  // namespace rclite::python
