/// @file
/// Node parameters as values: ParameterType, ParameterValue (one of the nine rcl_interfaces kinds) and
/// Parameter (a name with a value), with rclcpp's names and conversions, and the errors of the
/// parameter API.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

#include <rcl_interfaces/msg/parameter.hpp>
#include <rcl_interfaces/msg/parameter_descriptor.hpp>
#include <rcl_interfaces/msg/parameter_value.hpp>
#include <rcl_interfaces/msg/set_parameters_result.hpp>

namespace rclite {

/// rcl_interfaces/msg/ParameterType's constants.
enum class ParameterType : std::uint8_t {
  NotSet = 0,
  Bool = 1,
  Integer = 2,
  Double = 3,
  String = 4,
  ByteArray = 5,
  BoolArray = 6,
  IntegerArray = 7,
  DoubleArray = 8,
  StringArray = 9,
};

/// rclcpp's spelling: "not set", "bool", "integer", "double", "string", "byte_array", ...
std::string to_string(ParameterType type);

/// What a parameter is declared with: type rules, range, read-only, description (rcl_interfaces).
using ParameterDescriptor = rcl_interfaces::msg::ParameterDescriptor;
/// Whether a set was accepted, and why not (rcl_interfaces).
using SetParametersResult = rcl_interfaces::msg::SetParametersResult;

/// What Node::list_parameters finds (the `result` of the list_parameters service, as a value type).
struct ListParametersResult {
  std::vector<std::string> names;     ///< the parameters' full names
  std::vector<std::string> prefixes;  ///< the distinct prefixes ('.'-separated) of those names
  /// Equal when both lists are.
  friend bool operator==(const ListParametersResult&, const ListParametersResult&) = default;
};

/// Every error of the parameter API derives from ParameterError.
class ParameterError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};
class InvalidParametersError : public ParameterError {  // e.g. an empty name
 public:
  using ParameterError::ParameterError;
};
class ParameterNotDeclaredError : public ParameterError {
 public:
  using ParameterError::ParameterError;
};
class ParameterAlreadyDeclaredError : public ParameterError {
 public:
  using ParameterError::ParameterError;
};
class InvalidParameterTypeError : public ParameterError {
 public:
  using ParameterError::ParameterError;
};
class InvalidParameterValueError : public ParameterError {  // rejected by a range or a callback
 public:
  using ParameterError::ParameterError;
};
class ParameterImmutableError : public ParameterError {  // read-only
 public:
  using ParameterError::ParameterError;
};
class ParameterUninitializedError : public ParameterError {  // declared with a type, never given a value
 public:
  using ParameterError::ParameterError;
};
class ParameterModifiedInCallbackError : public ParameterError {
 public:
  using ParameterError::ParameterError;
};

/// A parameter's value: not set, or one of the nine ROS parameter types.
class ParameterValue {
 public:
  /// The value: index i is ParameterType i.
  using Storage = std::variant<std::monostate, bool, std::int64_t, double, std::string, std::vector<std::uint8_t>,
                               std::vector<bool>, std::vector<std::int64_t>, std::vector<double>,
                               std::vector<std::string>>;

  ParameterValue() = default;  ///< not set
  /// @{
  /// A value of the type the argument has (bool, integer, double, string, or an array of them).
  ParameterValue(bool value) : value_(value) {}
  /// Any other integer is an Integer (int64), any floating-point number a Double, as in rclcpp.
  template <class T>
    requires(std::is_integral_v<T> && !std::is_same_v<T, bool>)
  ParameterValue(T value) : value_(static_cast<std::int64_t>(value)) {}
  template <class T>
    requires std::is_floating_point_v<T>
  ParameterValue(T value) : value_(static_cast<double>(value)) {}
  ParameterValue(std::string value) : value_(std::move(value)) {}
  ParameterValue(const char* value) : value_(std::string(value)) {}
  ParameterValue(std::vector<std::uint8_t> value) : value_(std::move(value)) {}
  ParameterValue(std::vector<bool> value) : value_(std::move(value)) {}
  ParameterValue(std::vector<std::int64_t> value) : value_(std::move(value)) {}
  ParameterValue(const std::vector<int>& value) : value_(std::vector<std::int64_t>(value.begin(), value.end())) {}
  ParameterValue(std::vector<double> value) : value_(std::move(value)) {}
  ParameterValue(std::vector<std::string> value) : value_(std::move(value)) {}
  /// @}
  /// Throws InvalidParameterTypeError for a type byte outside ParameterType.
  explicit ParameterValue(const rcl_interfaces::msg::ParameterValue& message);

  /// The type of the value (ParameterType::NotSet when not set).
  ParameterType get_type() const { return static_cast<ParameterType>(value_.index()); }
  /// The value as rcl_interfaces/msg/ParameterValue.
  rcl_interfaces::msg::ParameterValue to_value_msg() const;
  /// The value as a variant.
  const Storage& storage() const { return value_; }

  /// The value as T; integers other than int64 and float convert. Throws InvalidParameterTypeError
  /// when the value holds another kind.
  template <class T>
  T get() const {
    if constexpr (std::is_same_v<T, bool>) {
      return held<bool>();
    } else if constexpr (std::is_integral_v<T>) {
      return static_cast<T>(held<std::int64_t>());
    } else if constexpr (std::is_floating_point_v<T>) {
      return static_cast<T>(held<double>());
    } else if constexpr (std::is_same_v<T, ParameterValue>) {
      return *this;
    } else {
      return held<T>();
    }
  }

  /// Equal when of the same type and value.
  friend bool operator==(const ParameterValue&, const ParameterValue&) = default;

 private:
  template <class T>
  const T& held() const {
    if (const T* value = std::get_if<T>(&value_)) return *value;
    throw_wrong_type(index_of<T>());
  }
  template <class T, std::size_t I = 0>
  static constexpr ParameterType index_of() {
    if constexpr (std::is_same_v<std::variant_alternative_t<I, Storage>, T>) return static_cast<ParameterType>(I);
    else return index_of<T, I + 1>();
  }
  [[noreturn]] void throw_wrong_type(ParameterType wanted) const;

  Storage value_;
};

/// The value as text, for logs and messages: 5, 2.5, "true", [1, 2].
std::string to_string(const ParameterValue& value);

/// A named ParameterValue (rclcpp::Parameter).
class Parameter {
 public:
  Parameter() = default;
  /// `name` with `value` (not set by default).
  explicit Parameter(std::string name, ParameterValue value = {}) : name_(std::move(name)), value_(std::move(value)) {}
  /// From rcl_interfaces/msg/Parameter.
  static Parameter from_parameter_msg(const rcl_interfaces::msg::Parameter& message);
  /// As rcl_interfaces/msg/Parameter.
  rcl_interfaces::msg::Parameter to_parameter_msg() const;

  /// The name.
  const std::string& get_name() const { return name_; }
  /// The value.
  const ParameterValue& get_parameter_value() const { return value_; }
  /// The value's type.
  ParameterType get_type() const { return value_.get_type(); }
  /// The value's type as ROS names it ("integer", "string_array", ...).
  std::string get_type_name() const { return to_string(get_type()); }
  /// The value as ROS prints it.
  std::string value_to_string() const { return to_string(value_); }
  /// The value as T; throws InvalidParameterTypeError when it is not of that type.
  template <class T>
  T get_value() const {
    return value_.get<T>();
  }
  /// @{
  /// The value as that type; throws InvalidParameterTypeError when it is not of it.
  bool as_bool() const { return value_.get<bool>(); }
  std::int64_t as_int() const { return value_.get<std::int64_t>(); }
  double as_double() const { return value_.get<double>(); }
  std::string as_string() const { return value_.get<std::string>(); }
  std::vector<std::uint8_t> as_byte_array() const { return value_.get<std::vector<std::uint8_t>>(); }
  std::vector<bool> as_bool_array() const { return value_.get<std::vector<bool>>(); }
  std::vector<std::int64_t> as_integer_array() const { return value_.get<std::vector<std::int64_t>>(); }
  std::vector<double> as_double_array() const { return value_.get<std::vector<double>>(); }
  std::vector<std::string> as_string_array() const { return value_.get<std::vector<std::string>>(); }
  /// @}

  /// Equal when name and value are.
  friend bool operator==(const Parameter&, const Parameter&) = default;

 private:
  std::string name_;
  ParameterValue value_;
};

}  // namespace rclite
