#include "python_generator.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string_view>

#include "cpp_generator.hpp"

namespace rclite::idl {

namespace {

// Field names that are Python keywords cannot be written as `self.name`.
bool is_python_keyword(const std::string& name) {
  static const std::set<std::string> keywords{
      "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
      "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is",
      "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with",
      "yield"};
  return keywords.contains(name);
}

// `obj.name`, or getattr(obj, 'name') for a keyword.
std::string attribute(const std::string& object, const std::string& name) {
  return is_python_keyword(name) ? "getattr(" + object + ", '" + name + "')" : object + "." + name;
}

// A Python str literal of UTF-8 text.
std::string py_string(const std::string& text) {
  std::string out = "'";
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '\\' || c == '\'') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (byte < 0x20 || byte == 0x7f) {
      char escaped[5];
      std::snprintf(escaped, sizeof escaped, "\\x%02x", byte);
      out += escaped;
    } else {
      out += c;  // UTF-8 passes through: the modules are UTF-8
    }
  }
  return out + "'";
}

std::string py_float(double value) {
  if (std::isnan(value)) return "float('nan')";
  if (std::isinf(value)) return value > 0 ? "float('inf')" : "float('-inf')";
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  std::string text(buffer, result.ptr);
  if (text.find_first_of(".e") == std::string::npos) text += ".0";
  return text;
}

std::string py_int(const Scalar& value) {
  if (const auto* u = std::get_if<std::uint64_t>(&value)) return std::to_string(*u);
  if (const auto* i = std::get_if<std::int64_t>(&value)) return std::to_string(*i);
  if (const auto* b = std::get_if<bool>(&value)) return *b ? "1" : "0";
  if (const auto* d = std::get_if<double>(&value)) return std::to_string(static_cast<std::int64_t>(*d));
  return "0";
}

double as_double(const Scalar& value) {
  if (const auto* d = std::get_if<double>(&value)) return *d;
  if (const auto* u = std::get_if<std::uint64_t>(&value)) return static_cast<double>(*u);
  if (const auto* i = std::get_if<std::int64_t>(&value)) return static_cast<double>(*i);
  if (const auto* b = std::get_if<bool>(&value)) return *b ? 1.0 : 0.0;
  return 0.0;
}

bool as_bool(const Scalar& value) {
  if (const auto* b = std::get_if<bool>(&value)) return *b;
  return as_double(value) != 0.0;
}

// A scalar of a primitive type as Python source (rosidl's value_to_py for one value).
std::string py_scalar(Primitive type, const Scalar& value) {
  switch (type) {
    case Primitive::Bool: return as_bool(value) ? "True" : "False";
    case Primitive::Byte: {
      char text[8];
      const auto byte = static_cast<unsigned>(std::stoll(py_int(value))) & 0xffU;
      std::snprintf(text, sizeof text, "b'\\x%02x'", byte);
      return text;
    }
    case Primitive::Float32:
    case Primitive::Float64: return py_float(as_double(value));
    case Primitive::String:
    case Primitive::WString: {
      const auto* text = std::get_if<std::string>(&value);
      return py_string(text != nullptr ? *text : std::string());
    }
    default: return py_int(value);
  }
}

// rclpy stores these in numpy arrays (T[N]) and array.array (sequences): rosidl's
// SPECIAL_NESTED_BASIC_TYPES (idl::python_numeric_storage), spelled for generated code.
struct NumericStorage {
  std::string dtype;     // numpy dtype: "numpy.uint8"
  std::string typecode;  // array.array typecode: "B"
};

std::optional<NumericStorage> numeric_storage(Primitive type) {
  const auto storage = rclite::idl::python_numeric_storage(type);
  if (!storage) return std::nullopt;
  return NumericStorage{std::string("numpy.") + storage->numpy_dtype, std::string(1, storage->typecode)};
}

// rosidl's IDL name of a primitive (what get_fields_and_field_types() reports).
std::string idl_primitive(Primitive type, std::uint32_t string_bound) {
  switch (type) {
    case Primitive::Bool: return "boolean";
    case Primitive::Byte: return "octet";
    case Primitive::Char: return "uint8";
    case Primitive::Float32: return "float";
    case Primitive::Float64: return "double";
    case Primitive::String:
    case Primitive::WString: {
      std::string name = type == Primitive::WString ? "wstring" : "string";
      if (string_bound != 0) name += "<" + std::to_string(string_bound) + ">";
      return name;
    }
    default: return to_string(type);
  }
}

// The integer range of a primitive: {low, high + 1} as Python literals, and the words rclpy uses.
struct IntegerRange {
  std::string low;
  std::string end;   // one past the highest value
  std::string high;
  bool is_signed;
};

std::optional<IntegerRange> integer_range(Primitive type) {
  auto range = [](int bits, bool is_signed) {
    // Up to 64 bits: 2**63 and 2**64 need more than int64, so spell them out.
    static const std::map<int, std::string> powers{{7, "128"}, {8, "256"}, {15, "32768"},
        {16, "65536"}, {31, "2147483648"}, {32, "4294967296"}, {63, "9223372036854775808"},
        {64, "18446744073709551616"}};
    static const std::map<int, std::string> maxima{{7, "127"}, {8, "255"}, {15, "32767"},
        {16, "65535"}, {31, "2147483647"}, {32, "4294967295"}, {63, "9223372036854775807"},
        {64, "18446744073709551615"}};
    if (is_signed) {
      return IntegerRange{"-" + powers.at(bits - 1), powers.at(bits - 1), maxima.at(bits - 1), true};
    }
    return IntegerRange{"0", powers.at(bits), maxima.at(bits), false};
  };
  switch (type) {
    case Primitive::Int8: return range(8, true);
    case Primitive::Int16: return range(16, true);
    case Primitive::Int32: return range(32, true);
    case Primitive::Int64: return range(64, true);
    case Primitive::Char:
    case Primitive::UInt8: return range(8, false);
    case Primitive::UInt16: return range(16, false);
    case Primitive::UInt32: return range(32, false);
    case Primitive::UInt64: return range(64, false);
    default: return std::nullopt;
  }
}

struct FloatRange {
  const char* bound;  // as rclpy writes it in the check
  const char* word;   // "float" or "double"
};

std::optional<FloatRange> float_range(Primitive type) {
  if (type == Primitive::Float32) return FloatRange{"3.402823466e+38", "float"};
  if (type == Primitive::Float64) return FloatRange{"1.7976931348623157e+308", "double"};
  return std::nullopt;
}

// "%f" of a bound, as rosidl formats it in the messages of container checks.
std::string fixed_notation(const char* bound) {
  char text[400];
  std::snprintf(text, sizeof text, "%f", std::strtod(bound, nullptr));
  return text;
}

// The Python module that holds a message class: pkg.msg or pkg.srv.
std::string python_module(const TypeName& name) { return name.package + "." + name.subfolder; }

// For a type derived from `pkg/action/Name.action` (a part, a derived service or one of its parts):
// the action's name, whose module `pkg.action._<snake>` holds the class.
std::optional<std::string> action_of(const TypeName& name) {
  if (name.subfolder != "action") return std::nullopt;
  for (const std::string_view suffix :
       {"_SendGoal_Request", "_SendGoal_Response", "_SendGoal_Event", "_SendGoal", "_GetResult_Request",
        "_GetResult_Response", "_GetResult_Event", "_GetResult", "_FeedbackMessage", "_Goal", "_Result",
        "_Feedback"}) {
    if (name.name.size() > suffix.size() && name.name.ends_with(suffix)) {
      return name.name.substr(0, name.name.size() - suffix.size());
    }
  }
  return std::nullopt;
}

// The module a nested type is imported from: pkg.msg, or for the types of an action (which
// pkg/action/__init__.py does not all export, as rosidl's) the action's own module.
std::string import_module(const TypeName& name) {
  if (const auto action = action_of(name)) return python_module(name) + "._" + to_snake_case(*action);
  return python_module(name);
}

// One field as the generator sees it.
struct PyField {
  const Field* field;
  std::string name;

  const FieldType& type() const { return field->type; }
  bool nested() const { return !type().is_primitive(); }
  bool numeric_container() const {
    return type().container != Container::None && type().is_primitive() &&
           numeric_storage(type().primitive()).has_value();
  }
  // What the property check names as the element's Python type.
  std::string python_type() const {
    if (nested()) return type().nested().name;
    switch (type().primitive()) {
      case Primitive::Bool: return "bool";
      case Primitive::Byte: return "bytes";
      case Primitive::Float32:
      case Primitive::Float64: return "float";
      case Primitive::String:
      case Primitive::WString: return "str";
      default: return "int";
    }
  }
  std::string idl_type() const {
    const FieldType& t = type();
    const std::string element =
        t.is_primitive() ? idl_primitive(t.primitive(), t.string_bound)
                         : t.nested().package + "/" + t.nested().name;
    switch (t.container) {
      case Container::None: return element;
      case Container::Array: return element + "[" + std::to_string(t.size) + "]";
      case Container::BoundedSequence:
        return "sequence<" + element + ", " + std::to_string(t.size) + ">";
      case Container::UnboundedSequence: return "sequence<" + element + ">";
    }
    return element;
  }
  std::string default_name() const {
    std::string upper = name;
    for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return upper + "__DEFAULT";
  }
  std::string import_line() const {
    return "from " + import_module(type().nested()) + " import " + type().nested().name;
  }
};

// The fields Python sees: none for an empty message (its hidden member is a wire detail).
std::vector<PyField> python_fields(const MessageSpec& message) {
  std::vector<PyField> fields;
  if (message.fields.size() == 1 && message.fields[0].name == kEmptyStructMember) return fields;
  for (const Field& field : message.fields) fields.push_back(PyField{&field, field.name});
  return fields;
}

// The default of a field with a .msg default, as Python source (rosidl's value_to_py).
std::string default_value(const PyField& field) {
  const FieldType& type = field.type();
  const Primitive primitive = type.primitive();
  const Literal& literal = *field.field->default_value;
  if (type.container == Container::None) return py_scalar(primitive, literal.values.at(0));
  std::string values;
  for (const Scalar& value : literal.values) values += py_scalar(primitive, value) + ", ";
  if (const auto storage = numeric_storage(primitive)) {
    if (type.container == Container::Array) {
      return "numpy.array((" + values + "), dtype=" + storage->dtype + ")";
    }
    return std::string("array.array('") + storage->typecode + "', (" + values + "))";
  }
  if (!values.empty()) values.resize(values.size() - 2);
  return "[" + values + "]";
}

// What a message module needs imported.
struct Imports {
  bool array = false;
  bool math = false;
  bool numpy = false;
  bool sequence_repr = false;
};

void collect_imports(const MessageSpec& message, Imports& imports) {
  for (const PyField& field : python_fields(message)) {
    const FieldType& type = field.type();
    if (!type.is_primitive()) continue;
    if (is_float(type.primitive())) imports.math = true;
    if (field.numeric_container()) {
      if (type.container == Container::Array) imports.numpy = true;
      else {
        imports.array = true;
        imports.sequence_repr = true;
      }
    }
  }
}

class MessageWriter {
 public:
  MessageWriter(std::ostringstream& out, const MessageSpec& message)
      : out_(out), message_(message), name_(message.name.name), fields_(python_fields(message)) {}

  void write() {
    write_metaclass();
    write_class_header();
    write_init();
    write_repr();
    write_eq();
    out_ << "\n    @classmethod\n"
            "    def get_fields_and_field_types(cls):\n"
            "        from copy import copy\n"
            "        return copy(cls._fields_and_field_types)\n";
    for (const PyField& field : fields_) write_property(field);
  }

 private:
  bool has_default(const PyField& field) const { return field.field->default_value.has_value(); }

  void write_metaclass() {
    const std::string meta = "Metaclass_" + name_;
    out_ << "\n\nclass " << meta << "(type):\n"
         << "    \"\"\"Metaclass of message '" << name_ << "'.\"\"\"\n\n"
         << "    __constants = {\n";
    for (const Constant& constant : message_.constants) {
      out_ << "        '" << constant.name << "': " << py_scalar(constant.type, constant.value.values.at(0))
           << ",\n";
    }
    out_ << "    }\n\n"
         << "    @classmethod\n"
         << "    def __prepare__(cls, name, bases, **kwargs):\n"
         << "        # the constants and defaults as class attributes, as rclpy's classes have them\n"
         << "        return {\n";
    for (const Constant& constant : message_.constants) {
      out_ << "            '" << constant.name << "': cls.__constants['" << constant.name << "'],\n";
    }
    for (const PyField& field : fields_) {
      if (has_default(field)) {
        out_ << "            '" << field.default_name() << "': " << default_value(field) << ",\n";
      }
    }
    out_ << "        }\n";
    for (const Constant& constant : message_.constants) {
      out_ << "\n    @property\n"
           << "    def " << constant.name << "(self):\n"
           << "        \"\"\"Message constant '" << constant.name << "'.\"\"\"\n"
           << "        return " << meta << ".__constants['" << constant.name << "']\n";
    }
    for (const PyField& field : fields_) {
      if (!has_default(field)) continue;
      // A property of the metaclass wins over the class attribute: every read is a new object.
      out_ << "\n    @property\n"
           << "    def " << field.default_name() << "(cls):\n"
           << "        \"\"\"Return default value for message field '" << field.name << "'.\"\"\"\n"
           << "        return " << default_value(field) << "\n";
    }
  }

  void write_class_header() {
    out_ << "\n\nclass " << name_ << "(metaclass=Metaclass_" << name_ << "):\n";
    if (message_.constants.empty()) {
      out_ << "    \"\"\"Message class '" << name_ << "'.\"\"\"\n\n";
    } else {
      out_ << "    \"\"\"\n    Message class '" << name_ << "'.\n\n    Constants:\n";
      for (const Constant& constant : message_.constants) out_ << "      " << constant.name << "\n";
      out_ << "    \"\"\"\n\n";
    }
    out_ << "    _RCLITE_TYPE = '" << message_.name.full() << "'\n\n";
    out_ << "    __slots__ = [\n";
    for (const PyField& field : fields_) out_ << "        '_" << field.name << "',\n";
    out_ << "        '_check_fields',\n    ]\n\n";
    out_ << "    _fields_and_field_types = {\n";
    for (const PyField& field : fields_) {
      out_ << "        '" << field.name << "': '" << field.idl_type() << "',\n";
    }
    out_ << "    }\n";
  }

  // `self.name = value`, or setattr for a keyword.
  void assign(const PyField& field, const std::string& value) {
    if (is_python_keyword(field.name)) {
      out_ << "        setattr(self, '" << field.name << "', " << value << ")\n";
    } else {
      out_ << "        self." << field.name << " = " << value << "\n";
    }
  }

  void write_init() {
    out_ << "\n    def __init__(self, **kwargs):\n"
            "        if 'check_fields' in kwargs and not ros_distro_checks_always:\n"
            "            self._check_fields = kwargs['check_fields']\n"
            "        else:\n"
            "            self._check_fields = ros_python_check_fields == '1'\n"
            "        if self._check_fields:\n"
            "            assert all('_' + key in self.__slots__ for key in kwargs.keys()), \\\n"
            "                'Invalid arguments passed to constructor: %s' % \\\n"
            "                ', '.join(sorted(k for k in kwargs.keys() if '_' + k not in self.__slots__))\n";
    for (const PyField& field : fields_) {
      const FieldType& type = field.type();
      const std::string key = "'" + field.name + "'";
      if (has_default(field)) {
        assign(field, "kwargs.get(" + key + ", " + name_ + "." + field.default_name() + ")");
        continue;
      }
      if (field.nested() && !type.is_sequence()) out_ << "        " << field.import_line() << "\n";
      const std::string element = element_default(field);
      switch (type.container) {
        case Container::None:
          assign(field, "kwargs.get(" + key + ", " + element + ")");
          break;
        case Container::Array:
          if (field.numeric_container()) {
            const auto storage = *numeric_storage(type.primitive());
            const std::string size = std::to_string(type.size);
            out_ << "        if " << key << " not in kwargs:\n    ";
            assign(field, std::string("numpy.zeros(") + size + ", dtype=" + storage.dtype + ")");
            out_ << "        else:\n    ";
            assign(field, "numpy.array(kwargs.get(" + key + "), dtype=" + storage.dtype + ")");
            out_ << "            assert " << attribute("self", field.name) << ".shape == (" << size
                 << ", )\n";
          } else {
            assign(field, "kwargs.get(" + key + ", [" + element + " for x in range(" +
                              std::to_string(type.size) + ")])");
          }
          break;
        case Container::BoundedSequence:
        case Container::UnboundedSequence:
          if (field.numeric_container()) {
            assign(field, std::string("array.array('") + numeric_storage(type.primitive())->typecode +
                              "', kwargs.get(" + key + ", []))");
          } else {
            assign(field, "kwargs.get(" + key + ", [])");
          }
          break;
      }
    }
  }

  // The default of one element with no .msg default (rosidl's `<type>()`).
  static std::string element_default(const PyField& field) {
    if (field.nested()) return field.type().nested().name + "()";
    switch (field.type().primitive()) {
      case Primitive::Bool: return "bool()";
      case Primitive::Byte: return "bytes([0])";
      case Primitive::Float32:
      case Primitive::Float64: return "float()";
      case Primitive::String:
      case Primitive::WString: return "str()";
      default: return "int()";
    }
  }

  void write_repr() {
    out_ << "\n    def __repr__(self):\n"
            "        typename = self.__class__.__module__.split('.')\n"
            "        typename.pop()\n"
            "        typename.append(self.__class__.__name__)\n"
            "        args = []\n";
    for (const PyField& field : fields_) {
      const std::string value = attribute("self", field.name);
      const bool strip = field.numeric_container() && field.type().is_sequence();
      out_ << "        args.append('" << field.name << "=' + "
           << (strip ? "_sequence_repr(" + value + ", self._check_fields)" : "repr(" + value + ")")
           << ")\n";
    }
    out_ << "        return '%s(%s)' % ('.'.join(typename), ', '.join(args))\n";
  }

  void write_eq() {
    out_ << "\n    def __eq__(self, other):\n"
            "        if not isinstance(other, self.__class__):\n"
            "            return False\n";
    for (const PyField& field : fields_) {
      const std::string mine = attribute("self", field.name);
      const std::string theirs = attribute("other", field.name);
      if (field.numeric_container() && field.type().container == Container::Array) {
        // rclpy (Jazzy) writes all(a != b) here, which calls arrays equal when any element is;
        // we compare every element.
        out_ << "        if not numpy.array_equal(" << mine << ", " << theirs << "):\n";
      } else {
        out_ << "        if " << mine << " != " << theirs << ":\n";
      }
      out_ << "            return False\n";
    }
    out_ << "        return True\n";
  }

  void write_property(const PyField& field) {
    const FieldType& type = field.type();
    const bool keyword = is_python_keyword(field.name);
    const std::string getter = keyword ? "_rclite_get_" + field.name : field.name;
    const std::string setter = keyword ? "_rclite_set_" + field.name : field.name;
    const std::string quoted = "'" + field.name + "'";
    if (keyword) {
      out_ << "\n    def " << getter << "(self):\n";
    } else {
      out_ << "\n    @builtins.property\n    def " << getter << "(self):\n";
    }
    out_ << "        \"\"\"Message field " << quoted << ".\"\"\"\n"
         << "        return self._" << field.name << "\n\n";
    if (keyword) out_ << "    def " << setter << "(self, value):\n";
    else out_ << "    @" << field.name << ".setter\n    def " << setter << "(self, value):\n";
    out_ << "        if self._check_fields:\n";
    const std::string slot = "self._" + field.name;
    std::optional<NumericStorage> storage;
    if (field.numeric_container()) storage = numeric_storage(type.primitive());
    if (storage && type.container == Container::Array) {
      out_ << "            if isinstance(value, numpy.ndarray):\n"
           << "                assert value.dtype == " << storage->dtype << ", \\\n"
           << "                    \"The " << quoted << " numpy.ndarray() must have the dtype of '"
           << storage->dtype << "'\"\n"
           << "                assert value.size == " << type.size << ", \\\n"
           << "                    \"The " << quoted << " numpy.ndarray() must have a size of "
           << type.size << "\"\n"
           << "                " << slot << " = value\n"
           << "                return\n";
    } else if (storage) {
      out_ << "            if isinstance(value, array.array):\n"
           << "                assert value.typecode == '" << storage->typecode << "', \\\n"
           << "                    \"The " << quoted << " array.array() must have the type code of '"
           << storage->typecode << "'\"\n";
      if (type.container == Container::BoundedSequence) {
        out_ << "                assert len(value) <= " << type.size << ", \\\n"
             << "                    \"The " << quoted << " array.array() must have a size <= "
             << type.size << "\"\n";
      }
      out_ << "                " << slot << " = value\n"
           << "                return\n";
    }
    if (type.container != Container::None) write_container_check(field);
    else write_scalar_check(field);
    if (storage && type.container == Container::Array) {
      out_ << "        " << slot << " = numpy.array(value, dtype=" << storage->dtype << ")\n";
    } else if (storage) {
      out_ << "        " << slot << " = array.array('" << storage->typecode << "', value)\n";
    } else {
      out_ << "        " << slot << " = value\n";
    }
    if (keyword) {
      out_ << "\n    locals()[" << quoted << "] = builtins.property(" << getter << ", " << setter
           << ")\n    del " << getter << ", " << setter << "\n";
    }
  }

  void write_scalar_check(const PyField& field) {
    const std::string quoted = "'" + field.name + "'";
    if (field.nested()) {
      out_ << "            " << field.import_line() << "\n"
           << "            assert \\\n"
           << "                isinstance(value, " << field.type().nested().name << "), \\\n"
           << "                \"The " << quoted << " field must be a sub message of type '"
           << field.type().nested().name << "'\"\n";
      return;
    }
    const Primitive primitive = field.type().primitive();
    const std::uint32_t bound = field.type().string_bound;
    if (is_string(primitive) && bound != 0) {
      out_ << "            from collections import UserString\n"
           << "            assert \\\n"
           << "                (isinstance(value, (str, UserString)) and\n"
           << "                 len(value) <= " << bound << "), \\\n"
           << "                \"The " << quoted << " field must be string value \" \\\n"
           << "                'not longer than " << bound << "'\n";
      return;
    }
    if (primitive == Primitive::Byte) {
      // rclpy checks (bytes, collections.abc.ByteString); ByteString is bytes and bytearray, and
      // is deprecated since Python 3.12.
      out_ << "            assert \\\n"
           << "                (isinstance(value, (bytes, bytearray)) and\n"
           << "                 len(value) == 1), \\\n"
           << "                \"The " << quoted
           << " field must be of type 'bytes' or 'ByteString' with length 1\"\n";
      return;
    }
    out_ << "            assert \\\n"
         << "                isinstance(value, " << field.python_type() << "), \\\n"
         << "                \"The " << quoted << " field must be of type '" << field.python_type()
         << "'\"\n";
    if (const auto range = integer_range(primitive)) {
      out_ << "            assert value >= " << range->low << " and value < " << range->end << ", \\\n"
           << "                \"The " << quoted << " field must be an "
           << (range->is_signed ? "integer" : "unsigned integer") << " in [" << range->low << ", "
           << range->high << "]\"\n";
    } else if (const auto floats = float_range(primitive)) {
      out_ << "            assert not (value < -" << floats->bound << " or value > " << floats->bound
           << ") or math.isinf(value), \\\n"
           << "                \"The " << quoted << " field must be a " << floats->word << " in [-"
           << floats->bound << ", " << floats->bound << "]\"\n";
    }
  }

  void write_container_check(const PyField& field) {
    const FieldType& type = field.type();
    const std::string quoted = "'" + field.name + "'";
    if (field.nested()) out_ << "            " << field.import_line() << "\n";
    out_ << "            from collections.abc import Sequence\n"
            "            from collections.abc import Set\n"
            "            from collections import UserList\n"
            "            from collections import UserString\n"
            "            assert \\\n"
            "                ((isinstance(value, Sequence) or\n"
            "                  isinstance(value, Set) or\n"
            "                  isinstance(value, UserList)) and\n"
            "                 not isinstance(value, str) and\n"
            "                 not isinstance(value, UserString) and\n";
    std::vector<std::string> words{"a set or sequence"};
    if (type.is_primitive() && is_string(type.primitive()) && type.string_bound != 0) {
      out_ << "                 all(len(val) <= " << type.string_bound << " for val in value) and\n";
      words.push_back("and each string value not longer than " + std::to_string(type.string_bound));
    }
    if (type.container == Container::BoundedSequence) {
      out_ << "                 len(value) <= " << type.size << " and\n";
      words.insert(words.begin() + 1, "with length <= " + std::to_string(type.size));
    } else if (type.container == Container::Array) {
      out_ << "                 len(value) == " << type.size << " and\n";
      words.insert(words.begin() + 1, "with length " + std::to_string(type.size));
    }
    out_ << "                 all(isinstance(v, " << field.python_type() << ") for v in value) and\n";
    words.push_back("and each value of type '" + field.python_type() + "'");
    const std::optional<IntegerRange> range =
        type.is_primitive() ? integer_range(type.primitive()) : std::nullopt;
    const std::optional<FloatRange> floats =
        type.is_primitive() ? float_range(type.primitive()) : std::nullopt;
    if (range) {
      out_ << "                 all(val >= " << range->low << " and val < " << range->end
           << " for val in value)), \\\n";
      words.push_back(std::string("and each ") + (range->is_signed ? "integer" : "unsigned integer") +
                      " in [" + range->low + ", " + range->high + "]");
    } else if (floats) {
      out_ << "                 all(not (val < -" << floats->bound << " or val > " << floats->bound
           << ") or math.isinf(val) for val in value)), \\\n";
      const std::string bound = fixed_notation(floats->bound);
      words.push_back(std::string("and each ") + floats->word + " in [-" + bound + ", " + bound + "]");
    } else {
      out_ << "                 True), \\\n";
    }
    std::string message;
    for (const auto& word : words) message += (message.empty() ? "" : " ") + word;
    out_ << "                \"The " << quoted << " field must be " << message << "\"\n";
  }

  std::ostringstream& out_;
  const MessageSpec& message_;
  std::string name_;
  std::vector<PyField> fields_;
};

void write_module_header(std::ostringstream& out, const TypeName& source,
                         const std::vector<const MessageSpec*>& messages) {
  Imports imports;
  for (const MessageSpec* message : messages) collect_imports(*message, imports);
  out << "# generated by rclite-idl from " << source.full() << "\n"
      << "# generated code does not contain a copyright notice\n\n"
      << "# Read once, as rclpy's generated modules do.\n"
      << "from os import getenv\n\n"
      << "ros_python_check_fields = getenv('ROS_PYTHON_CHECK_FIELDS', default='')\n"
      << "# Humble's rclpy checks every field, always (rclite speaks Humble with ROS_DISTRO=humble).\n"
      << "ros_distro_checks_always = getenv('ROS_DISTRO', default='') == 'humble'\n"
      << "if ros_distro_checks_always:\n"
      << "    ros_python_check_fields = '1'\n\n";
  if (imports.array) out << "import array  # noqa: E402, I100\n";
  out << "import builtins  # noqa: E402, I100\n";
  if (imports.math) out << "import math  # noqa: E402, I100\n";
  if (imports.numpy) out << "import numpy  # noqa: E402, I100\n";
  if (imports.sequence_repr) {
    out << "\n\n"
           "def _sequence_repr(field, check_fields):\n"
           "    # rclpy prints an array.array without its \"array('X', \" and \")\"\n"
           "    if len(field) == 0:\n"
           "        return '[]'\n"
           "    fieldstr = repr(field)\n"
           "    if check_fields:\n"
           "        assert fieldstr.startswith('array(')\n"
           "    return fieldstr[len(\"array('X', \"):-len(')')]\n";
  }
}

std::string message_module(const MessageSpec& message) {
  std::ostringstream out;
  write_module_header(out, message.name, {&message});
  MessageWriter(out, message).write();
  return out.str();
}

// A service's parts and its class, in `module` (pkg.srv._<snake>, or an action's module).
void write_service(std::ostringstream& out, const ServiceSpec& service, const MessageSpec& event,
                   const std::string& module) {
  for (const MessageSpec* part : {&service.request, &service.response, &event}) {
    MessageWriter(out, *part).write();
  }
  const std::string& name = service.name.name;
  out << "\n\nclass Metaclass_" << name << "(type):\n"
      << "    \"\"\"Metaclass of service '" << name << "'.\"\"\"\n\n\n"
      << "class " << name << "(metaclass=Metaclass_" << name << "):\n"
      << "    _RCLITE_TYPE = '" << service.name.full() << "'\n\n"
      << "    from " << module << " import " << name << "_Request as Request\n"
      << "    from " << module << " import " << name << "_Response as Response\n"
      << "    from " << module << " import " << name << "_Event as Event\n\n"
      << "    def __init__(self):\n"
      << "        raise NotImplementedError('Service classes can not be instantiated')\n";
}

std::string service_module(const ServiceSpec& service, const MessageSpec& event) {
  std::ostringstream out;
  write_module_header(out, service.name, {&service.request, &service.response, &event});
  write_service(out, service, event, python_module(service.name) + "._" + to_snake_case(service.name.name));
  return out.str();
}

// rosidl_generator_py's action module: Goal, Result, Feedback, the SendGoal and GetResult services
// with their parts, FeedbackMessage, then the action class with Goal, Result, Feedback and Impl.
std::string action_module(const ActionSpec& action, const MessageSpec& send_goal_event,
                          const MessageSpec& get_result_event) {
  std::ostringstream out;
  write_module_header(out, action.name,
                      {&action.goal, &action.result, &action.feedback, &action.send_goal.request,
                       &action.send_goal.response, &send_goal_event, &action.get_result.request,
                       &action.get_result.response, &get_result_event, &action.feedback_message});
  const std::string module = python_module(action.name) + "._" + to_snake_case(action.name.name);
  for (const MessageSpec* part : {&action.goal, &action.result, &action.feedback}) {
    MessageWriter(out, *part).write();
  }
  write_service(out, action.send_goal, send_goal_event, module);
  write_service(out, action.get_result, get_result_event, module);
  MessageWriter(out, action.feedback_message).write();
  const std::string& name = action.name.name;
  out << "\n\nclass Metaclass_" << name << "(type):\n"
      << "    \"\"\"Metaclass of action '" << name << "'.\"\"\"\n\n\n"
      << "class " << name << "(metaclass=Metaclass_" << name << "):\n"
      << "    _RCLITE_TYPE = '" << action.name.full() << "'\n\n"
      << "    # the action's three parts, as defined in the .action file\n"
      << "    from " << module << " import " << action.goal.name.name << " as Goal\n"
      << "    from " << module << " import " << action.result.name.name << " as Result\n"
      << "    from " << module << " import " << action.feedback.name.name << " as Feedback\n\n"
      << "    class Impl:\n"
      << "        # the services and topics an action is made of (under <action name>/_action/)\n"
      << "        from " << module << " import " << action.send_goal.name.name << " as SendGoalService\n"
      << "        from " << module << " import " << action.get_result.name.name << " as GetResultService\n"
      << "        from " << module << " import " << action.feedback_message.name.name
      << " as FeedbackMessage\n"
      << "        from action_msgs.srv._cancel_goal import CancelGoal as CancelGoalService\n"
      << "        from action_msgs.msg._goal_status_array import GoalStatusArray as GoalStatusMessage\n\n"
      << "    def __init__(self):\n"
      << "        raise NotImplementedError('Action classes can not be instantiated')\n";
  return out.str();
}

}  // namespace

std::vector<PythonFile> generate_python_package(const std::string& package,
                                                const std::vector<PythonInput>& inputs,
                                                InterfaceLibrary& library) {
  std::vector<PythonFile> files;
  files.push_back({std::filesystem::path(package) / "__init__.py", ""});
  std::map<std::string, std::vector<std::string>> init_lines;  // subfolder -> import lines
  for (const PythonInput& input : inputs) {
    const TypeName& name = input.name;
    const std::string snake = "_" + to_snake_case(name.name);
    const std::filesystem::path folder = std::filesystem::path(package) / name.subfolder;
    const std::string from = "from " + package + "." + name.subfolder + "." + snake + " import ";
    auto& lines = init_lines[name.subfolder];
    if (name.subfolder == "msg") {
      files.push_back({folder / (snake + ".py"), message_module(library.message(name))});
      lines.push_back(from + name.name + "  # noqa: F401");
    } else if (name.subfolder == "action") {
      const ActionSpec& action = library.action(name);
      auto event_of = [&](const ServiceSpec& service) -> const MessageSpec& {
        return library.message(TypeName{name.package, name.subfolder, service.name.name + "_Event"});
      };
      files.push_back({folder / (snake + ".py"),
                       action_module(action, event_of(action.send_goal), event_of(action.get_result))});
      // What rosidl_generator_py's action/__init__.py exports (not the Goal, Result, Feedback and
      // FeedbackMessage classes: those are reached through the action class or its module).
      for (const char* suffix : {"", "_GetResult_Event", "_GetResult_Request", "_GetResult_Response",
                                 "_SendGoal_Event", "_SendGoal_Request", "_SendGoal_Response"}) {
        lines.push_back(from + name.name + suffix + "  # noqa: F401");
      }
    } else {
      const ServiceSpec& service = library.service(name);
      const MessageSpec& event =
          library.message(TypeName{name.package, name.subfolder, name.name + "_Event"});
      files.push_back({folder / (snake + ".py"), service_module(service, event)});
      for (const char* suffix : {"", "_Event", "_Request", "_Response"}) {
        lines.push_back(from + name.name + suffix + "  # noqa: F401");
      }
    }
    files.push_back({folder / input.file.filename(), read_text_file(input.file)});
  }
  for (auto& [subfolder, lines] : init_lines) {
    std::sort(lines.begin(), lines.end());
    std::string content;
    for (const auto& line : lines) content += line + "\n";
    files.push_back({std::filesystem::path(package) / subfolder / "__init__.py", content});
  }
  return files;
}

}  // namespace rclite::idl
