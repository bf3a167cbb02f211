// The pieces of the _rclite module, and the node wrapper they share.
#pragma once

#include <pybind11/pybind11.h>

#include <memory>
#include <stdexcept>

#include "rclite/context.hpp"
#include "rclite/node.hpp"

namespace rclite::python {

namespace py = pybind11;

// A node with the context it was made in (kept alive as long as the node).
struct PyNode {
  std::shared_ptr<Context> context;
  std::unique_ptr<Node> node;

  Node& get() const {
    if (!node) throw std::runtime_error("the node has been destroyed");
    return *node;
  }
  // Destroys the node without the GIL: its entities' callbacks may be waiting for it.
  void destroy() {
    if (!node) return;
    py::gil_scoped_release release;
    node.reset();
  }
  ~PyNode() { destroy(); }
};

void bind_node(py::module_& module);      // node_bindings.cpp: nodes, parameters, graph, clock
void bind_entities(py::module_& module);  // entity_bindings.cpp: services, clients, topics, timers

}  // namespace rclite::python
