#include <fmt/format.h>
#include <fmt/ranges.h>

#include "rclite/parameter.hpp"

namespace rclite {

std::string to_string(ParameterType type) {
  switch (type) {
    case ParameterType::NotSet: return "not set";
    case ParameterType::Bool: return "bool";
    case ParameterType::Integer: return "integer";
    case ParameterType::Double: return "double";
    case ParameterType::String: return "string";
    case ParameterType::ByteArray: return "byte_array";
    case ParameterType::BoolArray: return "bool_array";
    case ParameterType::IntegerArray: return "integer_array";
    case ParameterType::DoubleArray: return "double_array";
    case ParameterType::StringArray: return "string_array";
  }
  return "unknown type";
}

ParameterValue::ParameterValue(const rcl_interfaces::msg::ParameterValue& message) {
  switch (static_cast<ParameterType>(message.type)) {
    case ParameterType::NotSet: break;
    case ParameterType::Bool: value_ = message.bool_value; break;
    case ParameterType::Integer: value_ = message.integer_value; break;
    case ParameterType::Double: value_ = message.double_value; break;
    case ParameterType::String: value_ = message.string_value; break;
    case ParameterType::ByteArray: value_ = message.byte_array_value; break;
    case ParameterType::BoolArray: value_ = message.bool_array_value; break;
    case ParameterType::IntegerArray: value_ = message.integer_array_value; break;
    case ParameterType::DoubleArray: value_ = message.double_array_value; break;
    case ParameterType::StringArray: value_ = message.string_array_value; break;
    default: throw InvalidParameterTypeError("unknown parameter type " + std::to_string(message.type));
  }
}

rcl_interfaces::msg::ParameterValue ParameterValue::to_value_msg() const {
  rcl_interfaces::msg::ParameterValue message;
  message.type = static_cast<std::uint8_t>(get_type());
  std::visit(
      [&](const auto& value) {
        using T = std::decay_t<decltype(value)>;
        if constexpr (std::is_same_v<T, bool>) message.bool_value = value;
        else if constexpr (std::is_same_v<T, std::int64_t>) message.integer_value = value;
        else if constexpr (std::is_same_v<T, double>) message.double_value = value;
        else if constexpr (std::is_same_v<T, std::string>) message.string_value = value;
        else if constexpr (std::is_same_v<T, std::vector<std::uint8_t>>) message.byte_array_value = value;
        else if constexpr (std::is_same_v<T, std::vector<bool>>) message.bool_array_value = value;
        else if constexpr (std::is_same_v<T, std::vector<std::int64_t>>) message.integer_array_value = value;
        else if constexpr (std::is_same_v<T, std::vector<double>>) message.double_array_value = value;
        else if constexpr (std::is_same_v<T, std::vector<std::string>>) message.string_array_value = value;
      },
      value_);
  return message;
}

void ParameterValue::throw_wrong_type(ParameterType wanted) const {
  throw InvalidParameterTypeError("expected a parameter of type " + to_string(wanted) + ", but it is of type " +
                                  to_string(get_type()));
}

std::string to_string(const ParameterValue& value) {
  return std::visit(
      [](const auto& held) -> std::string {
        using T = std::decay_t<decltype(held)>;
        if constexpr (std::is_same_v<T, std::monostate>) return "not set";
        else if constexpr (std::is_same_v<T, bool>) return held ? "true" : "false";
        else if constexpr (std::is_same_v<T, std::string>) return held;
        else return fmt::format("{}", held);
      },
      value.storage());
}

Parameter Parameter::from_parameter_msg(const rcl_interfaces::msg::Parameter& message) {
  return Parameter(message.name, ParameterValue(message.value));
}

rcl_interfaces::msg::Parameter Parameter::to_parameter_msg() const {
  rcl_interfaces::msg::Parameter message;
  message.name = name_;
  message.value = value_.to_value_msg();
  return message;
}

}  // namespace rclite
