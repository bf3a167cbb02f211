// Python message objects <-> CDR, in C++: the classes rclite-idl generates for Python (rclpy's
// classes: fields in `_<name>` slots, `_RCLITE_TYPE` naming the type) are written to and read from
// CDR by walking the type's runtime description (rclite::dynamic::MessageType), field by field,
// with no per-element Python loop for numeric arrays: a buffer (array.array, numpy, bytes) crosses
// in one copy. All functions need the GIL.
#pragma once

#include <pybind11/pybind11.h>

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "rclite/dynamic/message_type.hpp"
#include "rclite/generic_client.hpp"
#include "rclite/idl/interface_library.hpp"
#include "rclite/wire/cdr_reader.hpp"
#include "rclite/wire/cdr_writer.hpp"

namespace rclite::python {

namespace py = pybind11;

struct PyMessageType;

// One member of a message, with what encoding and decoding it needs at hand.
struct PyField {
  std::string name;                       // "a"
  py::object slot;                        // interned "_a"
  dynamic::ValueType type;                // its runtime type
  const PyMessageType* nested = nullptr;  // the element's Python class when it is a message
  bool hidden = false;                    // the placeholder member of an empty struct
};

// A Python message class and its runtime type.
struct PyMessageType {
  py::object cls;
  dynamic::MessageTypePtr type;
  std::vector<PyField> fields;
  py::object check_fields;  // what a default instance has in `_check_fields` (None: no such slot)
};

// The Python side of a service type: its classes and the names and hashes it is announced with.
struct PyServiceType {
  GenericServiceType type;
  const PyMessageType* request = nullptr;
  const PyMessageType* response = nullptr;
};

// Resolves Python interface classes to runtime types, once per type, and encodes and decodes their
// instances. One per process (the extension module's); needs the GIL.
class TypeSupport {
 public:
  // The type of a message class (one with `_RCLITE_TYPE = "pkg/msg/Name"`). Throws TypeError
  // for a class that is not one.
  const PyMessageType& message(py::handle cls);
  // The type of a service class (`_RCLITE_TYPE = "pkg/srv/Name"`, with Request and Response).
  const PyServiceType& service(py::handle cls);

  // The interface library the types were loaded from (the generated packages' roots first, then
  // rclite's interface roots).
  idl::InterfaceLibrary& library();

  // Writes `message` (an instance of type.cls) as the body of a sample. Throws TypeError,
  // ValueError or OverflowError naming the field for a value that does not fit its type.
  void encode(const PyMessageType& type, py::handle message, wire::CdrWriter& writer) const;
  // Reads a body into a new instance of type.cls; wire::CdrError for a malformed sample.
  py::object decode(const PyMessageType& type, wire::CdrReader& reader) const;

 private:
  const PyMessageType& resolve(const idl::TypeName& name, const dynamic::MessageTypePtr& type, py::handle cls);
  const PyMessageType& resolve_nested(const dynamic::MessageTypePtr& type);
  void add_root_of(py::handle cls);

  std::vector<std::filesystem::path> roots_;
  std::unique_ptr<idl::InterfaceLibrary> library_;
  std::map<std::string, std::unique_ptr<PyMessageType>> messages_;  // by "pkg/msg/Name"
  std::map<std::string, std::unique_ptr<PyServiceType>> services_;  // by "pkg/srv/Name"
};

// The module's one TypeSupport.
TypeSupport& type_support();

}  // namespace rclite::python
