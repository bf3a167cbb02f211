/// @file
/// The model of ROS 2 interface definitions (.msg / .srv), shared by the interface compiler and by
/// the runtime (runtime-typed values, type hashes, `interface show`).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace rclite::idl {

enum class Primitive : std::uint8_t {
  Bool, Byte, Char, Float32, Float64,
  Int8, UInt8, Int16, UInt16, Int32, UInt32, Int64, UInt64,
  String, WString,
};

/// The name used in .msg files ("int32", "string", ...).
const char* to_string(Primitive p) noexcept;
std::optional<Primitive> primitive_from_string(std::string_view name) noexcept;
bool is_string(Primitive p) noexcept;
bool is_integer(Primitive p) noexcept;
bool is_float(Primitive p) noexcept;

/// A fully qualified interface name: `package/subfolder/name`, e.g. `std_msgs/msg/String` or
/// `example_interfaces/srv/AddTwoInts_Request`.
struct TypeName {
  std::string package;
  std::string subfolder;  ///< "msg", "srv" or "action"
  std::string name;

  std::string full() const { return package + "/" + subfolder + "/" + name; }
  bool operator==(const TypeName&) const = default;
  auto operator<=>(const TypeName&) const = default;
};

/// Parses "pkg/msg/Name" (or "pkg/Name", meaning msg). Returns nullopt when malformed.
std::optional<TypeName> parse_type_name(std::string_view text);

enum class Container : std::uint8_t { None, Array, BoundedSequence, UnboundedSequence };

struct FieldType {
  std::variant<Primitive, TypeName> element;
  std::uint32_t string_bound = 0;  ///< N of `string<=N` (element strings), 0 when unbounded
  Container container = Container::None;
  std::uint32_t size = 0;          ///< N of `T[N]` or `T[<=N]`

  bool is_primitive() const { return std::holds_alternative<Primitive>(element); }
  Primitive primitive() const { return std::get<Primitive>(element); }
  const TypeName& nested() const { return std::get<TypeName>(element); }
  bool is_sequence() const {
    return container == Container::BoundedSequence || container == Container::UnboundedSequence;
  }
  /// The type as written in a .msg file, e.g. "string<=10[<=3]".
  std::string to_string() const;
  bool operator==(const FieldType&) const = default;
};

/// A literal value: one scalar, or a list for array defaults. Integers keep their signedness so
/// the full uint64 and int64 ranges survive.
using Scalar = std::variant<bool, std::int64_t, std::uint64_t, double, std::string>;

struct Literal {
  std::vector<Scalar> values;  ///< exactly one unless is_list
  bool is_list = false;
  std::string text;            ///< as written, for `interface show`
  bool operator==(const Literal&) const = default;
};

struct Field {
  std::string name;
  FieldType type;
  std::optional<Literal> default_value;
  bool operator==(const Field&) const = default;
};

struct Constant {
  std::string name;
  Primitive type;
  Literal value;
  bool operator==(const Constant&) const = default;
};

struct MessageSpec {
  TypeName name;
  std::vector<Field> fields;  ///< never empty after parsing: see kEmptyStructMember
  std::vector<Constant> constants;
  std::string source;         ///< the definition text this was parsed from
};

struct ServiceSpec {
  TypeName name;  ///< pkg/srv/Name
  MessageSpec request;   ///< pkg/srv/Name_Request
  MessageSpec response;  ///< pkg/srv/Name_Response
  std::string source;
};

/// rosidl gives a struct with no fields one uint8 member of this name; it is on the wire and in
/// the type hash (spec §3.4).
inline constexpr const char* kEmptyStructMember = "structure_needs_at_least_one_member";

/// `<Srv>_Event` (spec §8.2): service_msgs/ServiceEventInfo info, Request[<=1], Response[<=1].
MessageSpec make_event_spec(const ServiceSpec& service);

}  // namespace rclite::idl
