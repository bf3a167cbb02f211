/// @file
/// Parsing ROS 2 .msg, .srv and .action text into the type model, with the rules of rosidl_adapter.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

#include "rclite/idl/type_model.hpp"

namespace rclite::idl {

/// A definition that cannot be parsed. what() reads "file:line:column: error: message".
class ParseError : public std::runtime_error {
 public:
  /// An error at `file`:`line`:`column`.
  ParseError(std::string file, int line, int column, std::string message);

  /// The file label given to the parser.
  const std::string& file() const noexcept { return file_; }
  /// The 1-based line.
  int line() const noexcept { return line_; }
  /// The 1-based column.
  int column() const noexcept { return column_; }
  /// The message alone.
  const std::string& message() const noexcept { return message_; }

 private:
  std::string file_;
  int line_;
  int column_;
  std::string message_;
};

/// `file` only labels errors. `name` is the type being defined (its package resolves bare nested
/// type names such as `Foo` to `pkg/msg/Foo`).
MessageSpec parse_message(std::string_view text, const TypeName& name, std::string_view file);
/// The same for a service definition (request `---` response).
ServiceSpec parse_service(std::string_view text, const TypeName& name, std::string_view file);
/// The same for an action definition (goal `---` result `---` feedback), with its derived types.
ActionSpec parse_action(std::string_view text, const TypeName& name, std::string_view file);

/// Name rules of rosidl (package, field, constant and type names).
bool is_valid_package_name(std::string_view name) noexcept;
/// @{
/// See is_valid_package_name.
bool is_valid_field_name(std::string_view name) noexcept;
bool is_valid_constant_name(std::string_view name) noexcept;
bool is_valid_type_name(std::string_view name) noexcept;
/// @}

}  // namespace rclite::idl
