/// @file
/// A value whose interface type is only known at run time: a message, one of its fields, or an
/// element of an array or sequence. The CLI builds them from YAML, encodes them with the CDR rules
/// of generated code (rclite/dynamic/cdr.hpp) and prints them like ros2cli.
///
/// @code{.unparsed}
///   idl::InterfaceLibrary library(dynamic::interface_roots());
///   dynamic::DynamicValue request(library.message(*idl::parse_type_name(
///       "example_interfaces/srv/AddTwoInts_Request")), library);
///   request["a"].set(2);
///   std::int64_t a = request["a"].get<std::int64_t>();
/// @endcode
#pragma once

#include <concepts>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "rclite/dynamic/message_type.hpp"

namespace rclite::dynamic {

/// A value that does not fit its type: an unknown field, a wrong or out-of-range value, text that
/// is not YAML. what() is one line, e.g. "field 'a': '2.5' is not an int64".
class ValueError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A runtime-typed value (see the file comment): a message, a list, or a primitive.
class DynamicValue {
 public:
  /// A message of `type` with its default values: those of the .msg file, zero or empty otherwise.
  explicit DynamicValue(MessageTypePtr type);
  /// A message of the type `spec` describes, nested types loaded through `library`.
  DynamicValue(const idl::MessageSpec& spec, idl::InterfaceLibrary& library);
  /// The default value of any type (an array holds its N default elements, a sequence none).
  explicit DynamicValue(ValueType type);

  /// The value's type.
  const ValueType& type() const noexcept { return type_; }
  /// True for a message (not a list of messages).
  bool is_message() const noexcept { return type_.is_message() && !type_.is_list(); }
  /// True for an array or a sequence.
  bool is_list() const noexcept { return type_.is_list(); }
  /// True for a primitive (a number, bool, string).
  bool is_primitive() const noexcept { return !type_.is_message() && !type_.is_list(); }

  // --- Messages ------------------------------------------------------------------------------
  /// Throws ValueError when this is not a message.
  const MessageType& message_type() const;
  /// The field called `name`; throws ValueError "unknown field 'c' in pkg/msg/Name".
  DynamicValue& operator[](std::string_view name);
  /// @{
  /// The field called `name`, read-only; throws as the non-const one.
  const DynamicValue& operator[](std::string_view name) const;
  bool has_field(std::string_view name) const noexcept;
  /// @}
  /// The value of message_type().members()[index].
  DynamicValue& field(std::size_t index);
  /// The value of message_type().members()[index], read-only.
  const DynamicValue& field(std::size_t index) const;

  // --- Arrays and sequences ------------------------------------------------------------------
  /// The number of elements (of a message: of members). Throws ValueError for a primitive.
  std::size_t size() const;
  /// Element `index`; throws ValueError when out of range or when this is not a list.
  DynamicValue& operator[](std::size_t index);
  /// Element `index`, read-only; throws as the non-const one.
  const DynamicValue& operator[](std::size_t index) const;
  /// Sequences only: grows with default elements or shrinks. A bound is checked on encode, as for
  /// generated code.
  void resize(std::size_t size);
  /// Sequences only: appends a default element and returns it.
  DynamicValue& append();
  /// Sequences only: appends `element`, which must be of the element type.
  void append(DynamicValue element);

  // --- Primitives ----------------------------------------------------------------------------
  /// Throws ValueError when this is not a primitive.
  idl::Primitive primitive() const;
  /// The value as T when it is representable (integers convert to floating point, not the other
  /// way round); throws ValueError otherwise. T = bool only reads bool values.
  template <class T>
    requires std::is_arithmetic_v<T>
  T get() const;
  /// String values (string, and wstring as UTF-16).
  const std::string& as_string() const;
  /// The wstring value as UTF-16; throws ValueError for another type.
  const std::u16string& as_wstring() const;

  /// Assigns a primitive, checking its range (ValueError otherwise). Integers may be assigned to
  /// float fields; a UTF-8 string may be assigned to a wstring field.
  template <std::same_as<bool> B>  // bool only: no pointer or number converts to it
  void set(B value) {
    set_bool(value);
  }
  /// Assigns an arithmetic value (see set(B)).
  template <class T>
    requires(std::is_arithmetic_v<T> && !std::is_same_v<T, bool>)
  void set(T value) {
    if constexpr (std::is_same_v<T, float>) {
      set_float(value);  // keeps every bit of a float32, NaN payloads included
    } else if constexpr (std::is_floating_point_v<T>) {
      set_double(static_cast<double>(value));
    } else if constexpr (std::is_signed_v<T>) {
      set_int(static_cast<std::int64_t>(value));
    } else {
      set_uint(static_cast<std::uint64_t>(value));
    }
  }
  /// @{
  /// Assigns a string (UTF-8, or UTF-16 for wstring fields); throws ValueError for non-string fields.
  void set(std::string_view value);
  void set(const char* value) { set(std::string_view(value)); }
  void set(std::u16string value);
  void set(const char16_t* value) { set(std::u16string(value)); }
  /// @}

  /// Same type and same values (a NaN differs from itself, as in generated code).
  bool operator==(const DynamicValue& other) const;

 private:
  /// Integers are widened to 64 bits, keeping their signedness; byte and char are unsigned.
  using Data = std::variant<bool, std::int64_t, std::uint64_t, float, double, std::string,
                            std::u16string, std::vector<DynamicValue>>;

  void set_bool(bool value);
  void set_int(std::int64_t value);
  void set_uint(std::uint64_t value);
  void set_double(double value);
  void set_float(float value);
  std::int64_t get_int() const;
  std::uint64_t get_uint() const;
  double get_double() const;
  bool get_bool() const;
  std::vector<DynamicValue>& children();
  const std::vector<DynamicValue>& children() const;

  ValueType type_;
  Data data_;
};

template <class T>
  requires std::is_arithmetic_v<T>
T DynamicValue::get() const {
  if constexpr (std::is_same_v<T, bool>) {
    return get_bool();
  } else if constexpr (std::is_floating_point_v<T>) {
    if constexpr (std::is_same_v<T, float>) {
      if (const auto* value = std::get_if<float>(&data_)) return *value;
    }
    return static_cast<T>(get_double());
  } else if constexpr (std::is_signed_v<T>) {
    const std::int64_t value = get_int();
    if (value < std::numeric_limits<T>::min() || value > std::numeric_limits<T>::max()) {
      throw ValueError(std::to_string(value) + " does not fit the requested integer type");
    }
    return static_cast<T>(value);
  } else {
    const std::uint64_t value = get_uint();
    if (value > std::numeric_limits<T>::max()) {
      throw ValueError(std::to_string(value) + " does not fit the requested integer type");
    }
    return static_cast<T>(value);
  }
}

}  // namespace rclite::dynamic
