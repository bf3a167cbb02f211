// Conversions between Python values and rclite's C++ values (parameters, QoS, errors), shared by
// the bindings. All need the GIL.
#pragma once

#include <pybind11/pybind11.h>

#include <exception>

#include "rclite/parameter.hpp"
#include "rclite/qos.hpp"

namespace rclite::python {

namespace py = pybind11;

// A Python parameter value (None, bool, int, float, str, bytes or a list of one of those) as a
// ParameterValue; TypeError for anything else.
ParameterValue parameter_value_from(py::handle value);
// The Python value of a ParameterValue (None when not set; arrays as lists, byte arrays as bytes).
py::object to_python(const ParameterValue& value);

// QoS from the keyword form the rclpy package passes: history ("keep_last"/"keep_all"), depth,
// reliability ("reliable"/"best_effort"), durability ("volatile"/"transient_local").
QoS qos_from(const py::dict& profile);

// The Python exception object for a C++ exception (rclite's service errors as the module's
// exception classes, Python errors as themselves).
py::object exception_object(std::exception_ptr error);

// Registers the module's exception classes (called once by the module).
void register_exceptions(py::module_& module);

}  // namespace rclite::python
