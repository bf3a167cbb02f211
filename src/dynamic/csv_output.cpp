// rosidl_runtime_py.message_to_csv for runtime-typed values. What str() gives depends on what
// rclpy holds: Python floats for float fields and for the elements of float sequences
// (array.array), numpy scalars for the elements of fixed-size numeric arrays (numpy.ndarray),
// whose float32 str() is the float's own shortest text.
#include <string>

#include "list_abbreviation.hpp"
#include "python_text.hpp"
#include "rclite/dynamic/csv.hpp"
#include "unicode.hpp"

namespace rclite::dynamic {
namespace {

using idl::Primitive;

class CsvWriter {
 public:
  explicit CsvWriter(const YamlOptions& options) : options_(options) {}

  std::string message(const DynamicValue& value) const {
    std::string out;
    const MessageType& type = value.message_type();
    if (type.is_empty_struct()) return out;
    for (std::size_t i = 0; i < type.members().size(); ++i) {
      if (!out.empty()) out += ',';  // as message_to_csv: after an empty value, no comma
      out += field(value.field(i), /*is_field=*/true, /*in_numpy_array=*/false);
    }
    return out;
  }

 private:
  std::string field(const DynamicValue& value, bool is_field, bool in_numpy_array) const {
    const ValueType& type = value.type();
    if (type.is_list()) return list(value, is_field);
    if (type.is_message()) return message(value);
    switch (type.primitive) {
      case Primitive::Bool: return value.get<bool>() ? "True" : "False";
      case Primitive::Byte:  // a bytes object of length 1
        if (options_.truncate_length && *options_.truncate_length == 0) return "b'...'";
        return python::byte_repr(value.get<std::uint8_t>());
      case Primitive::Float32:
        if (in_numpy_array) return python::float32_str(value.get<float>());
        return python::float_repr(value.get<double>());
      case Primitive::Float64: return python::float_repr(value.get<double>());
      case Primitive::String: return string(unicode::decode_utf8(value.as_string()));
      case Primitive::WString: return string(unicode::decode_utf16(value.as_wstring()));
      case Primitive::Int8:
      case Primitive::Int16:
      case Primitive::Int32:
      case Primitive::Int64: return std::to_string(value.get<std::int64_t>());
      default: return std::to_string(value.get<std::uint64_t>());
    }
  }

  std::string string(std::u32string text) const {
    if (options_.no_str) return "<string length: <" + std::to_string(text.size()) + ">>";
    if (options_.truncate_length && text.size() > *options_.truncate_length) {
      text = text.substr(0, *options_.truncate_length) + U"...";
    }
    return unicode::encode_utf8(text);
  }

  std::string list(const DynamicValue& value, bool is_field) const {
    if (options_.no_arr && is_field) return abbreviated_list(value);
    const ValueType& type = value.type();
    // rclpy holds fixed-size arrays of numbers as numpy arrays.
    const bool numpy = type.container == idl::Container::Array && !type.is_message() &&
                       type.primitive != Primitive::Bool && type.primitive != Primitive::Byte &&
                       type.primitive != Primitive::String && type.primitive != Primitive::WString;
    std::string out;
    for (std::size_t i = 0; i < value.size(); ++i) {
      if (!out.empty()) out += ',';
      if (options_.truncate_length && i >= *options_.truncate_length) {
        out += "...";
        break;
      }
      out += field(value[i], /*is_field=*/false, numpy);
    }
    return out;
  }

  const YamlOptions& options_;
};

}  // namespace

std::string to_csv(const DynamicValue& message, const YamlOptions& options) {
  return CsvWriter(options).message(message);
}

}  // namespace rclite::dynamic
