#include "rclite/dynamic/dynamic_value.hpp"

#include <cmath>

#include "unicode.hpp"

namespace rclite::dynamic {

using idl::Primitive;

namespace {

bool is_signed_integer(Primitive p) {
  return p == Primitive::Int8 || p == Primitive::Int16 || p == Primitive::Int32 ||
         p == Primitive::Int64;
}

// The range of an integer primitive.
std::int64_t lowest(Primitive p) {
  switch (p) {
    case Primitive::Int8: return INT8_MIN;
    case Primitive::Int16: return INT16_MIN;
    case Primitive::Int32: return INT32_MIN;
    case Primitive::Int64: return INT64_MIN;
    default: return 0;
  }
}

std::uint64_t highest(Primitive p) {
  switch (p) {
    case Primitive::Int8: return INT8_MAX;
    case Primitive::Int16: return INT16_MAX;
    case Primitive::Int32: return INT32_MAX;
    case Primitive::Int64: return INT64_MAX;
    case Primitive::UInt16: return UINT16_MAX;
    case Primitive::UInt32: return UINT32_MAX;
    case Primitive::UInt64: return UINT64_MAX;
    default: return UINT8_MAX;  // byte, char, uint8
  }
}

std::string out_of_range(const std::string& value, Primitive p) {
  return value + " is out of range for " + idl::to_string(p);
}

std::string wrong_kind(const char* what, Primitive p) {
  return std::string("cannot assign ") + what + " to a " + idl::to_string(p) + " value";
}

void assign_literal(DynamicValue& value, const idl::Scalar& literal) {
  std::visit([&](const auto& v) { value.set(v); }, literal);
}

DynamicValue default_member(const MessageType::Member& member) {
  DynamicValue value(member.type);
  if (!member.default_value) return value;
  const idl::Literal& literal = *member.default_value;
  if (!literal.is_list) {
    assign_literal(value, literal.values.front());
    return value;
  }
  if (member.type.is_sequence()) value.resize(literal.values.size());
  for (std::size_t i = 0; i < literal.values.size() && i < value.size(); ++i) {
    assign_literal(value[i], literal.values[i]);
  }
  return value;
}

}  // namespace

DynamicValue::DynamicValue(MessageTypePtr type) : DynamicValue(type->value_type()) {}

DynamicValue::DynamicValue(const idl::MessageSpec& spec, idl::InterfaceLibrary& library)
    : DynamicValue(MessageType::resolve(spec, library)) {}

DynamicValue::DynamicValue(ValueType type) : type_(std::move(type)) {
  if (type_.is_list()) {
    std::vector<DynamicValue> elements;
    if (type_.container == idl::Container::Array) elements.assign(type_.size, DynamicValue(type_.element()));
    data_ = std::move(elements);
  } else if (type_.is_message()) {
    std::vector<DynamicValue> fields;
    fields.reserve(type_.message->members().size());
    for (const auto& member : type_.message->members()) fields.push_back(default_member(member));
    data_ = std::move(fields);
  } else {
    switch (type_.primitive) {
      case Primitive::Bool: data_ = false; break;
      case Primitive::Float32: data_ = 0.0f; break;
      case Primitive::Float64: data_ = 0.0; break;
      case Primitive::String: data_ = std::string(); break;
      case Primitive::WString: data_ = std::u16string(); break;
      default:
        if (is_signed_integer(type_.primitive)) {
          data_ = std::int64_t{0};
        } else {
          data_ = std::uint64_t{0};
        }
    }
  }
}

// --- Messages --------------------------------------------------------------------------------

const MessageType& DynamicValue::message_type() const {
  if (!is_message()) throw ValueError("a " + type_.to_string() + " value is not a message");
  return *type_.message;
}

DynamicValue& DynamicValue::operator[](std::string_view name) {
  return const_cast<DynamicValue&>(std::as_const(*this)[name]);
}

const DynamicValue& DynamicValue::operator[](std::string_view name) const {
  const MessageType& type = message_type();
  const auto index = type.find(name);
  if (!index || type.is_empty_struct()) {
    throw ValueError("unknown field '" + std::string(name) + "' in " + type.name().full());
  }
  return children()[*index];
}

bool DynamicValue::has_field(std::string_view name) const noexcept {
  return is_message() && !type_.message->is_empty_struct() && type_.message->find(name).has_value();
}

DynamicValue& DynamicValue::field(std::size_t index) {
  return const_cast<DynamicValue&>(std::as_const(*this).field(index));
}

const DynamicValue& DynamicValue::field(std::size_t index) const {
  const MessageType& type = message_type();
  if (index >= type.members().size()) {
    throw ValueError("field index " + std::to_string(index) + " out of range for " + type.name().full());
  }
  return children()[index];
}

// --- Arrays and sequences --------------------------------------------------------------------

std::vector<DynamicValue>& DynamicValue::children() { return std::get<std::vector<DynamicValue>>(data_); }

const std::vector<DynamicValue>& DynamicValue::children() const {
  return std::get<std::vector<DynamicValue>>(data_);
}

std::size_t DynamicValue::size() const {
  if (is_primitive()) throw ValueError("a " + type_.to_string() + " value has no elements");
  return children().size();
}

DynamicValue& DynamicValue::operator[](std::size_t index) {
  return const_cast<DynamicValue&>(std::as_const(*this)[index]);
}

const DynamicValue& DynamicValue::operator[](std::size_t index) const {
  if (!is_list()) throw ValueError("a " + type_.to_string() + " value is not an array or sequence");
  if (index >= children().size()) {
    throw ValueError("index " + std::to_string(index) + " out of range for " +
                     std::to_string(children().size()) + " elements");
  }
  return children()[index];
}

void DynamicValue::resize(std::size_t size) {
  if (!type_.is_sequence()) throw ValueError("only a sequence can be resized, not a " + type_.to_string());
  auto& elements = children();
  if (size < elements.size()) {
    elements.erase(elements.begin() + static_cast<std::ptrdiff_t>(size), elements.end());
  } else if (size > elements.size()) {
    elements.resize(size, DynamicValue(type_.element()));
  }
}

DynamicValue& DynamicValue::append() {
  append(DynamicValue(type_.element()));
  return children().back();
}

void DynamicValue::append(DynamicValue element) {
  if (!type_.is_sequence()) throw ValueError("only a sequence can be appended to, not a " + type_.to_string());
  if (!(element.type() == type_.element())) {
    throw ValueError("cannot append a " + element.type().to_string() + " to a " + type_.to_string());
  }
  children().push_back(std::move(element));
}

// --- Primitives ------------------------------------------------------------------------------

Primitive DynamicValue::primitive() const {
  if (!is_primitive()) throw ValueError("a " + type_.to_string() + " value is not a primitive");
  return type_.primitive;
}

bool DynamicValue::get_bool() const {
  if (const auto* value = std::get_if<bool>(&data_)) return *value;
  throw ValueError("a " + type_.to_string() + " value is not a bool");
}

std::int64_t DynamicValue::get_int() const {
  if (const auto* value = std::get_if<std::int64_t>(&data_)) return *value;
  if (const auto* value = std::get_if<std::uint64_t>(&data_)) {
    if (*value > static_cast<std::uint64_t>(INT64_MAX)) {
      throw ValueError(std::to_string(*value) + " does not fit the requested integer type");
    }
    return static_cast<std::int64_t>(*value);
  }
  throw ValueError("a " + type_.to_string() + " value is not an integer");
}

std::uint64_t DynamicValue::get_uint() const {
  if (const auto* value = std::get_if<std::uint64_t>(&data_)) return *value;
  if (const auto* value = std::get_if<std::int64_t>(&data_)) {
    if (*value < 0) throw ValueError(std::to_string(*value) + " does not fit the requested integer type");
    return static_cast<std::uint64_t>(*value);
  }
  throw ValueError("a " + type_.to_string() + " value is not an integer");
}

double DynamicValue::get_double() const {
  if (const auto* value = std::get_if<double>(&data_)) return *value;
  if (const auto* value = std::get_if<float>(&data_)) return *value;
  if (const auto* value = std::get_if<std::int64_t>(&data_)) return static_cast<double>(*value);
  if (const auto* value = std::get_if<std::uint64_t>(&data_)) return static_cast<double>(*value);
  throw ValueError("a " + type_.to_string() + " value is not a number");
}

const std::string& DynamicValue::as_string() const {
  if (const auto* value = std::get_if<std::string>(&data_)) return *value;
  throw ValueError("a " + type_.to_string() + " value is not a string");
}

const std::u16string& DynamicValue::as_wstring() const {
  if (const auto* value = std::get_if<std::u16string>(&data_)) return *value;
  throw ValueError("a " + type_.to_string() + " value is not a wstring");
}

void DynamicValue::set_bool(bool value) {
  if (primitive() != Primitive::Bool) throw ValueError(wrong_kind("a bool", type_.primitive));
  data_ = value;
}

void DynamicValue::set_int(std::int64_t value) {
  if (value >= 0) return set_uint(static_cast<std::uint64_t>(value));
  const Primitive p = primitive();
  if (idl::is_float(p)) return set_double(static_cast<double>(value));
  if (!idl::is_integer(p)) throw ValueError(wrong_kind("an integer", p));
  if (value < lowest(p)) throw ValueError(out_of_range(std::to_string(value), p));
  data_ = value;
}

void DynamicValue::set_uint(std::uint64_t value) {
  const Primitive p = primitive();
  if (idl::is_float(p)) return set_double(static_cast<double>(value));
  if (!idl::is_integer(p)) throw ValueError(wrong_kind("an integer", p));
  if (value > highest(p)) throw ValueError(out_of_range(std::to_string(value), p));
  if (is_signed_integer(p)) {
    data_ = static_cast<std::int64_t>(value);
  } else {
    data_ = value;
  }
}

void DynamicValue::set_double(double value) {
  const Primitive p = primitive();
  if (p == Primitive::Float64) {
    data_ = value;
  } else if (p == Primitive::Float32) {
    if (std::isfinite(value) && std::fabs(value) > std::numeric_limits<float>::max()) {
      throw ValueError(out_of_range(std::to_string(value), p));
    }
    data_ = static_cast<float>(value);
  } else {
    throw ValueError(wrong_kind("a floating-point number", p));
  }
}

void DynamicValue::set_float(float value) {
  if (primitive() == Primitive::Float32) {
    data_ = value;
  } else {
    set_double(value);
  }
}

void DynamicValue::set(std::string_view value) {
  const Primitive p = primitive();
  if (p == Primitive::String) {
    data_ = std::string(value);
  } else if (p == Primitive::WString) {
    const auto code_points = unicode::decode_utf8_strict(value);
    if (!code_points) throw ValueError("a wstring value needs valid UTF-8 text");
    data_ = unicode::encode_utf16(*code_points);
  } else {
    throw ValueError(wrong_kind("a string", p));
  }
}

void DynamicValue::set(std::u16string value) {
  if (primitive() != Primitive::WString) throw ValueError(wrong_kind("a wstring", type_.primitive));
  data_ = std::move(value);
}

bool DynamicValue::operator==(const DynamicValue& other) const {
  return type_ == other.type_ && data_ == other.data_;
}

}  // namespace rclite::dynamic
