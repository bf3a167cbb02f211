// Python objects kept by C++ (callbacks held by the executor, futures' owners): they may be
// released on any thread, at any time, so their release takes the GIL itself.
#pragma once

#include <pybind11/pybind11.h>

#include <memory>

namespace rclite::python {

namespace py = pybind11;

// A Python object shared by C++ callbacks; the last owner drops it with the GIL held, from any
// thread. During interpreter shutdown it is leaked instead (the GIL can no longer be taken).
using SharedPyObject = std::shared_ptr<py::object>;

inline SharedPyObject share(py::object object) {
  return SharedPyObject(new py::object(std::move(object)), [](py::object* held) {
    if (!Py_IsInitialized() || _Py_IsFinalizing()) {
      (void)held->release();  // leaked on purpose: nothing may run Python code any more
      delete held;
      return;
    }
    py::gil_scoped_acquire gil;
    delete held;
  });
}

}  // namespace rclite::python
