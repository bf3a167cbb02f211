// The Python message codec: see message_codec.hpp. Values are stored as rclpy stores them
// (rosidl_generator_py): int/float/bool/str; byte as a 1-byte bytes, char as an int in [0, 255];
// numeric (int*, uint*, char, float*) fixed arrays as numpy arrays, numeric sequences as array.array,
// every other array or sequence as a list. Encoding also accepts what rclpy's setters would convert
// (lists for numeric containers, ints for byte, 1-character strs for char, any buffer of the right element type).
#include "message_codec.hpp"

#include <cstring>
#include <span>
#include <string_view>
#include <type_traits>

#include "rclite/dynamic/interface_roots.hpp"
#include "rclite/dynamic/primitive_dispatch.hpp"
#include "rclite/idl/type_model.hpp"

namespace rclite::python {

namespace {

using idl::Primitive;

// The typecode rclpy's array.array uses for a numeric sequence, or 0 for a type it keeps in lists.
char array_typecode(Primitive primitive) {
  const auto storage = idl::python_numeric_storage(primitive);
  return storage ? storage->typecode : 0;
}

// Calls f(std::type_identity<T>) with the C++ type of a numeric primitive (char as uint8).
template <class F>
void with_numeric_type(Primitive primitive, F&& f) {
  dynamic::with_cpp_type(primitive, [&]<class T>(std::type_identity<T> type) {
    if constexpr (std::is_arithmetic_v<T> && !std::is_same_v<T, bool>) f(type);
  });
}

// Where a value sits, for error messages: "AddTwoInts_Request.a".
struct FieldPath {
  const PyMessageType& owner;
  const PyField& field;
  std::string text() const { return owner.type->name().name + "." + field.name; }
};

[[noreturn]] void fail(PyObject* kind, const FieldPath& where, const std::string& what) {
  PyErr_SetString(kind, ("field '" + where.text() + "': " + what).c_str());
  throw py::error_already_set();
}

std::string type_name_of(py::handle value) { return Py_TYPE(value.ptr())->tp_name; }

// --- Encoding ------------------------------------------------------------------------------------

template <class T>
T integer_from(py::handle value, const FieldPath& where) {
  if (!PyLong_Check(value.ptr()) || PyBool_Check(value.ptr())) {
    if (PyBool_Check(value.ptr())) return static_cast<T>(value.ptr() == Py_True);
    fail(PyExc_TypeError, where, "expected an int, got " + type_name_of(value));
  }
  if constexpr (std::is_signed_v<T>) {
    int overflow = 0;
    const long long v = PyLong_AsLongLongAndOverflow(value.ptr(), &overflow);
    if (overflow != 0 || v < std::numeric_limits<T>::min() || v > std::numeric_limits<T>::max()) {
      fail(PyExc_OverflowError, where,
           py::str(value).cast<std::string>() + " is out of range [" + std::to_string(std::numeric_limits<T>::min()) +
               ", " + std::to_string(std::numeric_limits<T>::max()) + "]");
    }
    return static_cast<T>(v);
  } else {
    const unsigned long long v = PyLong_AsUnsignedLongLong(value.ptr());
    if ((v == static_cast<unsigned long long>(-1) && PyErr_Occurred()) || v > std::numeric_limits<T>::max()) {
      PyErr_Clear();
      fail(PyExc_OverflowError, where,
           py::str(value).cast<std::string>() + " is out of range [0, " +
               std::to_string(std::numeric_limits<T>::max()) + "]");
    }
    return static_cast<T>(v);
  }
}

template <class T>
T float_from(py::handle value, const FieldPath& where) {
  const double v = PyFloat_AsDouble(value.ptr());
  if (v == -1.0 && PyErr_Occurred()) {
    PyErr_Clear();
    fail(PyExc_TypeError, where, "expected a float, got " + type_name_of(value));
  }
  return static_cast<T>(v);
}

std::uint8_t byte_from(py::handle value, const FieldPath& where) {
  if (PyBytes_Check(value.ptr()) && PyBytes_GET_SIZE(value.ptr()) == 1) {
    return static_cast<std::uint8_t>(PyBytes_AS_STRING(value.ptr())[0]);
  }
  if (PyLong_Check(value.ptr())) return integer_from<std::uint8_t>(value, where);
  fail(PyExc_TypeError, where, "expected a bytes of length 1, got " + type_name_of(value));
}

std::uint8_t char_from(py::handle value, const FieldPath& where) {
  if (PyUnicode_Check(value.ptr()) && PyUnicode_GET_LENGTH(value.ptr()) == 1) {
    const Py_UCS4 c = PyUnicode_READ_CHAR(value.ptr(), 0);
    if (c > 255) fail(PyExc_ValueError, where, "the character must be in [0, 255]");
    return static_cast<std::uint8_t>(c);
  }
  if (PyLong_Check(value.ptr())) return integer_from<std::uint8_t>(value, where);
  fail(PyExc_TypeError, where, "expected a str of length 1, got " + type_name_of(value));
}

void write_string(py::handle value, const dynamic::ValueType& type, wire::CdrWriter& writer, const FieldPath& where) {
  if (!PyUnicode_Check(value.ptr())) fail(PyExc_TypeError, where, "expected a str, got " + type_name_of(value));
  if (type.primitive == Primitive::String) {
    Py_ssize_t size = 0;
    const char* utf8 = PyUnicode_AsUTF8AndSize(value.ptr(), &size);
    if (utf8 == nullptr) throw py::error_already_set();
    writer.check_bound(static_cast<std::size_t>(size), type.string_bound);
    writer.write_string(std::string_view(utf8, static_cast<std::size_t>(size)));
    return;
  }
  py::object utf16 = py::reinterpret_steal<py::object>(PyUnicode_AsEncodedString(value.ptr(), "utf-16-le", "strict"));
  if (!utf16) throw py::error_already_set();
  const std::size_t units = static_cast<std::size_t>(PyBytes_GET_SIZE(utf16.ptr())) / 2;
  writer.check_bound(units, type.string_bound);
  std::u16string text(units, u'\0');
  std::memcpy(text.data(), PyBytes_AS_STRING(utf16.ptr()), units * 2);
  writer.write_wstring(text);
}

// One primitive (not a container).
void write_primitive(py::handle value, const dynamic::ValueType& type, wire::CdrWriter& writer,
                     const FieldPath& where) {
  switch (type.primitive) {
    case Primitive::Bool: {
      const int truth = PyObject_IsTrue(value.ptr());
      if (truth < 0) throw py::error_already_set();
      writer.write_primitive<std::uint8_t>(truth ? 1 : 0);
      return;
    }
    case Primitive::Byte: writer.write_primitive(byte_from(value, where)); return;
    case Primitive::Char: writer.write_primitive(char_from(value, where)); return;
    case Primitive::Float32: writer.write_primitive(float_from<float>(value, where)); return;
    case Primitive::Float64: writer.write_primitive(float_from<double>(value, where)); return;
    case Primitive::String:
    case Primitive::WString: write_string(value, type, writer, where); return;
    default:
      with_numeric_type(type.primitive, [&]<class T>(std::type_identity<T>) {
        writer.write_primitive(integer_from<T>(value, where));
      });
  }
}

// True when `view` holds elements of C++ type T (array.array, numpy, bytes, memoryview).
template <class T>
bool buffer_holds(const Py_buffer& view) {
  if (view.itemsize != static_cast<Py_ssize_t>(sizeof(T)) || view.ndim > 1) return false;
  std::string_view format = view.format != nullptr ? view.format : "B";
  if (!format.empty() && (format[0] == '@' || format[0] == '=' || format[0] == '<')) format.remove_prefix(1);
  if (format.size() != 1) return false;
  const char code = format[0];
  if constexpr (std::is_floating_point_v<T>) {
    return code == (sizeof(T) == 4 ? 'f' : 'd');
  } else if constexpr (std::is_signed_v<T>) {
    return std::string_view("bhilqn").find(code) != std::string_view::npos;
  } else {
    return std::string_view("BHILQNc").find(code) != std::string_view::npos;
  }
}

// A numeric array or sequence: one copy from a buffer of the right element type, else element by element.
void write_numeric_list(py::handle value, const dynamic::ValueType& type, wire::CdrWriter& writer,
                        const FieldPath& where) {
  with_numeric_type(type.primitive, [&]<class T>(std::type_identity<T>) {
    Py_buffer view;
    if (PyObject_CheckBuffer(value.ptr()) && PyObject_GetBuffer(value.ptr(), &view, PyBUF_FORMAT | PyBUF_C_CONTIGUOUS) == 0) {
      struct Release {
        Py_buffer* view;
        ~Release() { PyBuffer_Release(view); }
      } release{&view};
      if (buffer_holds<T>(view)) {
        const auto count = static_cast<std::size_t>(view.len) / sizeof(T);
        if (type.is_sequence()) {
          writer.check_bound(count, type.sequence_bound());
          writer.write_length(count);
        } else if (count != type.size) {
          fail(PyExc_ValueError, where, "expected " + std::to_string(type.size) + " elements, got " + std::to_string(count));
        }
        writer.write_primitives(std::span<const T>(static_cast<const T*>(view.buf), count));
        return;
      }
    } else {
      PyErr_Clear();
    }
    py::object items = py::reinterpret_steal<py::object>(PySequence_Fast(value.ptr(), "expected a sequence"));
    if (!items) {
      PyErr_Clear();
      fail(PyExc_TypeError, where, "expected a sequence, got " + type_name_of(value));
    }
    const auto count = static_cast<std::size_t>(PySequence_Fast_GET_SIZE(items.ptr()));
    if (type.is_sequence()) {
      writer.check_bound(count, type.sequence_bound());
      writer.write_length(count);
    } else if (count != type.size) {
      fail(PyExc_ValueError, where, "expected " + std::to_string(type.size) + " elements, got " + std::to_string(count));
    }
    PyObject** elements = PySequence_Fast_ITEMS(items.ptr());
    for (std::size_t i = 0; i < count; ++i) {
      if constexpr (std::is_floating_point_v<T>) {
        writer.write_primitive(float_from<T>(elements[i], where));
      } else {
        writer.write_primitive(integer_from<T>(elements[i], where));
      }
    }
  });
}

// --- Decoding ------------------------------------------------------------------------------------

py::object read_primitive(const dynamic::ValueType& type, wire::CdrReader& reader) {
  switch (type.primitive) {
    case Primitive::Bool: return py::bool_(reader.read_primitive<std::uint8_t>() != 0);
    case Primitive::Byte: {
      const auto c = static_cast<char>(reader.read_primitive<std::uint8_t>());
      return py::reinterpret_steal<py::object>(PyBytes_FromStringAndSize(&c, 1));
    }
    case Primitive::Char: return py::int_(reader.read_primitive<std::uint8_t>());
    case Primitive::Float32: return py::float_(reader.read_primitive<float>());
    case Primitive::Float64: return py::float_(reader.read_primitive<double>());
    case Primitive::String: {
      std::string text;
      reader.read_string(text);
      py::object result = py::reinterpret_steal<py::object>(
          PyUnicode_DecodeUTF8(text.data(), static_cast<Py_ssize_t>(text.size()), "replace"));
      if (!result) throw py::error_already_set();
      return result;
    }
    case Primitive::WString: {
      std::u16string text;
      reader.read_wstring(text);
      int order = -1;  // little-endian: the units are in host order (x86, ARM)
      py::object result = py::reinterpret_steal<py::object>(PyUnicode_DecodeUTF16(
          reinterpret_cast<const char*>(text.data()), static_cast<Py_ssize_t>(text.size() * 2), "replace", &order));
      if (!result) throw py::error_already_set();
      return result;
    }
    default: {
      py::object result;
      with_numeric_type(type.primitive, [&]<class T>(std::type_identity<T>) {
        const T v = reader.read_primitive<T>();
        if constexpr (std::is_signed_v<T>) {
          result = py::reinterpret_steal<py::object>(PyLong_FromLongLong(v));
        } else {
          result = py::reinterpret_steal<py::object>(PyLong_FromUnsignedLongLong(v));
        }
      });
      return result;
    }
  }
}

struct PythonModules {
  py::object array_type = py::module_::import("array").attr("array");
  py::object numpy_empty = py::module_::import("numpy").attr("empty");
};

PythonModules& modules() {
  static auto* instance = new PythonModules();  // never destroyed: outlives the interpreter's teardown order
  return *instance;
}

py::object read_numeric_list(const dynamic::ValueType& type, wire::CdrReader& reader) {
  py::object result;
  with_numeric_type(type.primitive, [&]<class T>(std::type_identity<T>) {
    if (type.is_sequence()) {
      const std::size_t count = reader.read_length(sizeof(T));
      const char code[2] = {array_typecode(type.primitive), 0};
      result = modules().array_type(code);
      if (count == 0) return;
      auto bytes = py::reinterpret_steal<py::bytes>(
          PyBytes_FromStringAndSize(nullptr, static_cast<Py_ssize_t>(count * sizeof(T))));
      if (!bytes) throw py::error_already_set();
      reader.read_primitives(reinterpret_cast<T*>(PyBytes_AS_STRING(bytes.ptr())), count);
      result.attr("frombytes")(bytes);
      return;
    }
    result = modules().numpy_empty(type.size,
                                   py::arg("dtype") = idl::python_numeric_storage(type.primitive)->numpy_dtype);
    Py_buffer view;
    if (PyObject_GetBuffer(result.ptr(), &view, PyBUF_WRITABLE | PyBUF_C_CONTIGUOUS) != 0) throw py::error_already_set();
    struct Release {
      Py_buffer* view;
      ~Release() { PyBuffer_Release(view); }
    } release{&view};
    reader.read_primitives(static_cast<T*>(view.buf), type.size);
  });
  return result;
}

}  // namespace

// --- TypeSupport -----------------------------------------------------------------------------------

TypeSupport& type_support() {
  static auto* instance = new TypeSupport();  // never destroyed: holds Python objects past finalization
  return *instance;
}

void TypeSupport::add_root_of(py::handle cls) {
  // Generated modules live at <root>/<pkg>/<msg|srv>/_<name>.py, beside copies of their definitions.
  const py::object module = py::module_::import("sys").attr("modules")[cls.attr("__module__")];
  if (!py::hasattr(module, "__file__")) return;
  const std::filesystem::path root =
      std::filesystem::path(module.attr("__file__").cast<std::string>()).parent_path().parent_path().parent_path();
  for (const auto& known : roots_) {
    if (known == root) return;
  }
  roots_.insert(roots_.begin(), root);
  std::vector<std::filesystem::path> all = roots_;
  for (auto& path : dynamic::interface_roots()) all.push_back(path);
  library_ = std::make_unique<idl::InterfaceLibrary>(std::move(all));
}

idl::InterfaceLibrary& TypeSupport::library() {
  if (!library_) library_ = std::make_unique<idl::InterfaceLibrary>(dynamic::interface_roots());
  return *library_;
}

const PyMessageType& TypeSupport::message(py::handle cls) {
  if (!py::hasattr(cls, "_RCLITE_TYPE")) {
    throw py::type_error(py::str(cls).cast<std::string>() + " is not a ROS message class (no _RCLITE_TYPE)");
  }
  const std::string type_name = cls.attr("_RCLITE_TYPE").cast<std::string>();
  if (auto found = messages_.find(type_name); found != messages_.end()) return *found->second;
  add_root_of(cls);
  const auto name = idl::parse_type_name(type_name);
  if (!name) throw py::type_error("'" + type_name + "' is not a message type name");
  dynamic::MessageTypePtr type;
  if (name->subfolder == "srv") {
    // A part of a service: "pkg/srv/Name_Request", "_Response" or "_Event".
    const std::string_view part = name->name;
    const auto underscore = part.rfind('_');
    if (underscore == std::string_view::npos) throw py::type_error("'" + type_name + "' is not a service part");
    const idl::TypeName service{name->package, "srv", std::string(part.substr(0, underscore))};
    const idl::ServiceSpec& spec = library_->service(service);
    const std::string_view which = part.substr(underscore + 1);
    if (which == "Request") {
      type = dynamic::MessageType::resolve(spec.request, *library_);
    } else if (which == "Response") {
      type = dynamic::MessageType::resolve(spec.response, *library_);
    } else if (which == "Event") {
      type = dynamic::MessageType::resolve(idl::make_event_spec(spec), *library_);
    } else {
      throw py::type_error("'" + type_name + "' is not a service part");
    }
  } else {
    type = dynamic::MessageType::resolve(*name, *library_);
  }
  return resolve(*name, type, cls);
}

const PyMessageType& TypeSupport::resolve(const idl::TypeName& name, const dynamic::MessageTypePtr& type,
                                          py::handle cls) {
  auto entry = std::make_unique<PyMessageType>();
  PyMessageType& result = *entry;
  result.cls = py::reinterpret_borrow<py::object>(cls);
  result.type = type;
  messages_[name.full()] = std::move(entry);  // before the members: a type may nest itself only through lists
  const bool empty = type->is_empty_struct();
  for (const auto& member : type->members()) {
    PyField field;
    field.name = member.name;
    field.slot = py::reinterpret_steal<py::object>(PyUnicode_InternFromString(("_" + member.name).c_str()));
    field.type = member.type;
    field.hidden = empty;
    if (member.type.is_message()) field.nested = &resolve_nested(member.type.message);
    result.fields.push_back(std::move(field));
  }
  const py::object instance = cls();
  result.check_fields = py::none();
  if (py::hasattr(instance, "_check_fields")) result.check_fields = instance.attr("_check_fields");
  return result;
}

const PyMessageType& TypeSupport::resolve_nested(const dynamic::MessageTypePtr& type) {
  const idl::TypeName& name = type->name();
  if (auto found = messages_.find(name.full()); found != messages_.end()) return *found->second;
  // A nested type's class: `from pkg.msg import Name`. An action's derived types live in the
  // action's own module (`pkg.action._fibonacci`), which the package exports only in part.
  const py::object module = py::module_::import((name.package + "." + name.subfolder).c_str());
  py::object cls = py::getattr(module, name.name.c_str(), py::none());
  if (cls.is_none()) {
    const py::object modules = py::module_::import("sys").attr("modules");
    for (const auto item : module.attr("__dict__").attr("values")()) {
      if (!py::hasattr(item, "__module__")) continue;
      const py::object home = modules.attr("get")(item.attr("__module__"));
      if (!home.is_none() && py::hasattr(home, name.name.c_str())) {
        cls = home.attr(name.name.c_str());
        break;
      }
    }
  }
  if (cls.is_none()) throw py::type_error("no Python class for " + name.full() + " (is its package generated?)");
  add_root_of(cls);
  return resolve(name, type, cls);
}

const PyServiceType& TypeSupport::service(py::handle cls) {
  if (!py::hasattr(cls, "_RCLITE_TYPE") || !py::hasattr(cls, "Request") || !py::hasattr(cls, "Response")) {
    throw py::type_error(py::str(cls).cast<std::string>() + " is not a ROS service class");
  }
  const std::string type_name = cls.attr("_RCLITE_TYPE").cast<std::string>();
  if (auto found = services_.find(type_name); found != services_.end()) return *found->second;
  add_root_of(cls);
  auto entry = std::make_unique<PyServiceType>();
  entry->type = GenericServiceType::resolve(type_name, *library_);
  entry->request = &message(cls.attr("Request"));
  entry->response = &message(cls.attr("Response"));
  return *(services_[type_name] = std::move(entry));
}

void TypeSupport::encode(const PyMessageType& type, py::handle message, wire::CdrWriter& writer) const {
  if (Py_TYPE(message.ptr()) != reinterpret_cast<PyTypeObject*>(type.cls.ptr())) {
    const bool same_type = py::hasattr(message, "_RCLITE_TYPE") &&
                           message.attr("_RCLITE_TYPE").cast<std::string>() == type.type->name().full();
    if (!same_type) {
      throw py::type_error("expected a " + type.type->name().full() + " message, got " + type_name_of(message));
    }
  }
  for (const PyField& field : type.fields) {
    const FieldPath where{type, field};
    if (field.hidden) {
      writer.write_primitive<std::uint8_t>(0);
      continue;
    }
    const py::object value = py::reinterpret_steal<py::object>(PyObject_GetAttr(message.ptr(), field.slot.ptr()));
    if (!value) throw py::error_already_set();
    const dynamic::ValueType& t = field.type;
    if (!t.is_list()) {
      if (t.is_message()) {
        encode(*field.nested, value, writer);
      } else {
        write_primitive(value, t, writer, where);
      }
      continue;
    }
    if (!t.is_message() && array_typecode(t.primitive) != 0) {
      write_numeric_list(value, t, writer, where);
      continue;
    }
    py::object items = py::reinterpret_steal<py::object>(PySequence_Fast(value.ptr(), "expected a sequence"));
    if (!items) {
      PyErr_Clear();
      fail(PyExc_TypeError, where, "expected a list, got " + type_name_of(value));
    }
    const auto count = static_cast<std::size_t>(PySequence_Fast_GET_SIZE(items.ptr()));
    if (t.is_sequence()) {
      writer.check_bound(count, t.sequence_bound());
      writer.write_length(count);
    } else if (count != t.size) {
      fail(PyExc_ValueError, where, "expected " + std::to_string(t.size) + " elements, got " + std::to_string(count));
    }
    const dynamic::ValueType element = t.element();
    PyObject** elements = PySequence_Fast_ITEMS(items.ptr());
    for (std::size_t i = 0; i < count; ++i) {
      if (element.is_message()) {
        encode(*field.nested, elements[i], writer);
      } else {
        write_primitive(elements[i], element, writer, where);
      }
    }
  }
}

py::object TypeSupport::decode(const PyMessageType& type, wire::CdrReader& reader) const {
  auto* cls = reinterpret_cast<PyTypeObject*>(type.cls.ptr());
  static PyObject* no_arguments = PyTuple_New(0);
  // A bare instance: every slot is set below (the class's __init__ would build defaults first).
  py::object message = py::reinterpret_steal<py::object>(cls->tp_new(cls, no_arguments, nullptr));
  if (!message) throw py::error_already_set();
  static PyObject* check_fields_slot = PyUnicode_InternFromString("_check_fields");
  if (!type.check_fields.is_none() && PyObject_SetAttr(message.ptr(), check_fields_slot, type.check_fields.ptr()) != 0) {
    throw py::error_already_set();
  }
  for (const PyField& field : type.fields) {
    if (field.hidden) {
      (void)reader.read_primitive<std::uint8_t>();
      continue;
    }
    const dynamic::ValueType& t = field.type;
    py::object value;
    if (!t.is_list()) {
      value = t.is_message() ? decode(*field.nested, reader) : read_primitive(t, reader);
    } else if (!t.is_message() && array_typecode(t.primitive) != 0) {
      value = read_numeric_list(t, reader);
    } else {
      const dynamic::ValueType element = t.element();
      const std::size_t count =
          t.is_sequence() ? reader.read_length(dynamic::wire_min_size(element)) : std::size_t{t.size};
      py::list list(count);
      for (std::size_t i = 0; i < count; ++i) {
        py::object item = element.is_message() ? decode(*field.nested, reader) : read_primitive(element, reader);
        PyList_SET_ITEM(list.ptr(), static_cast<Py_ssize_t>(i), item.release().ptr());
      }
      value = std::move(list);
    }
    if (PyObject_SetAttr(message.ptr(), field.slot.ptr(), value.ptr()) != 0) throw py::error_already_set();
  }
  return message;
}

}  // namespace rclite::python
