// The __repr__ of rclpy messages (rosidl_generator_py/resource/_msg.py.em), for runtime-typed values.
#include "rclite/dynamic/repr.hpp"

#include "python_text.hpp"
#include "unicode.hpp"

namespace rclite::dynamic {

using idl::Primitive;

namespace {

// The numeric types rclpy keeps in array.array (sequences) or numpy arrays (arrays):
// rosidl_generator_py's SPECIAL_NESTED_BASIC_TYPES. A .msg char is a uint8 in Python.
bool is_numpy_type(Primitive p) { return idl::python_numeric_storage(p).has_value(); }

const char* numpy_dtype(Primitive p) { return idl::python_numeric_storage(p)->numpy_dtype; }

std::string numpy_repr(const DynamicValue& array) {
  const Primitive p = array.type().primitive;
  const std::size_t n = array.size();
  if (p == Primitive::Float32 || p == Primitive::Float64) {
    if (p == Primitive::Float32) {
      std::vector<float> values;
      for (std::size_t i = 0; i < n; ++i) values.push_back(array[i].get<float>());
      return python::numpy_array_repr(values);
    }
    std::vector<double> values;
    for (std::size_t i = 0; i < n; ++i) values.push_back(array[i].get<double>());
    return python::numpy_array_repr(values);
  }
  if (p == Primitive::UInt64) {
    std::vector<std::uint64_t> values;
    for (std::size_t i = 0; i < n; ++i) values.push_back(array[i].get<std::uint64_t>());
    return python::numpy_array_repr(values, numpy_dtype(p));
  }
  std::vector<std::int64_t> values;
  for (std::size_t i = 0; i < n; ++i) values.push_back(array[i].get<std::int64_t>());
  return python::numpy_array_repr(values, numpy_dtype(p));
}

void append_repr(const DynamicValue& value, std::string& out);

void append_primitive_repr(const DynamicValue& value, std::string& out) {
  switch (value.primitive()) {
    case Primitive::Bool: out += value.get<bool>() ? "True" : "False"; break;
    case Primitive::Byte: out += python::byte_repr(value.get<std::uint8_t>()); break;
    case Primitive::Float32:  // rclpy holds a float32 as the Python float (double) it converts to
    case Primitive::Float64: out += python::float_repr(value.get<double>()); break;
    case Primitive::String: out += python::str_repr(unicode::decode_utf8(value.as_string())); break;
    case Primitive::WString: out += python::str_repr(unicode::decode_utf16(value.as_wstring())); break;
    case Primitive::Int8:
    case Primitive::Int16:
    case Primitive::Int32:
    case Primitive::Int64: out += std::to_string(value.get<std::int64_t>()); break;
    default: out += std::to_string(value.get<std::uint64_t>()); break;  // char, uint*
  }
}

void append_repr(const DynamicValue& value, std::string& out) {
  const ValueType& type = value.type();
  if (type.is_list()) {
    if (!type.is_message() && is_numpy_type(type.primitive) && type.container == idl::Container::Array) {
      out += numpy_repr(value);
      return;
    }
    // A sequence of numbers is an array.array, whose "array('i', ...)" rclpy strips: a list either way.
    out += '[';
    for (std::size_t i = 0; i < value.size(); ++i) {
      if (i != 0) out += ", ";
      append_repr(value[i], out);
    }
    out += ']';
  } else if (type.is_message()) {
    const MessageType& message = *type.message;
    out += message.name().package + "." + message.name().subfolder + "." + message.name().name + "(";
    if (!message.is_empty_struct()) {
      for (std::size_t i = 0; i < message.members().size(); ++i) {
        if (i != 0) out += ", ";
        out += message.members()[i].name + "=";
        append_repr(value.field(i), out);
      }
    }
    out += ')';
  } else {
    append_primitive_repr(value, out);
  }
}

}  // namespace

std::string to_repr(const DynamicValue& value) {
  std::string out;
  append_repr(value, out);
  return out;
}

}  // namespace rclite::dynamic
