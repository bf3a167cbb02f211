/// @file
/// The model of ROS 2 interface definitions (.msg / .srv / .action), shared by the interface compiler and by
/// the runtime (runtime-typed values, type hashes, `interface show`).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace rclite::idl {

/// The primitive types of .msg files.
enum class Primitive : std::uint8_t {
  Bool, Byte, Char, Float32, Float64,
  Int8, UInt8, Int16, UInt16, Int32, UInt32, Int64, UInt64,
  String, WString,
};

/// The name used in .msg files ("int32", "string", ...).
const char* to_string(Primitive p) noexcept;
/// The Primitive for a .msg name ("int32"); nullopt for other names.
std::optional<Primitive> primitive_from_string(std::string_view name) noexcept;
/// True for String and WString.
bool is_string(Primitive p) noexcept;
/// True for the integer types, Byte and Char included (everything but Bool, floats and strings).
bool is_integer(Primitive p) noexcept;
/// True for Float32 and Float64.
bool is_float(Primitive p) noexcept;

/// How rclpy keeps arrays and sequences of a primitive (rosidl's SPECIAL_NESTED_BASIC_TYPES): `T[N]`
/// as a numpy array of `numpy_dtype`, `T[]` and `T[<=N]` as an `array.array` of `typecode`.
struct PythonNumericStorage {
  const char* numpy_dtype;  ///< "uint8", "float64", ...
  char typecode;            ///< 'B', 'd', ...
};
/// The storage of a numeric primitive (char included, as uint8); nullopt for those rclpy keeps in
/// plain lists (bool, byte, string, wstring).
std::optional<PythonNumericStorage> python_numeric_storage(Primitive p) noexcept;

/// A fully qualified interface name: `package/subfolder/name`, e.g. `std_msgs/msg/String` or
/// `example_interfaces/srv/AddTwoInts_Request`.
struct TypeName {
  std::string package;  ///< "std_msgs"
  std::string subfolder;  ///< "msg", "srv" or "action"
  std::string name;  ///< "String"

  /// "package/subfolder/name".
  std::string full() const { return package + "/" + subfolder + "/" + name; }
  /// Equal when all three parts are.
  bool operator==(const TypeName&) const = default;
  /// Ordered by package, subfolder, name.
  auto operator<=>(const TypeName&) const = default;
};

/// Parses "pkg/msg/Name" (or "pkg/Name", meaning msg). Returns nullopt when malformed.
std::optional<TypeName> parse_type_name(std::string_view text);

/// How a field holds its element type: alone, `T[N]`, `T[<=N]`, or `T[]`.
enum class Container : std::uint8_t { None, Array, BoundedSequence, UnboundedSequence };

/// The type of a field: an element type (primitive or message) and its container.
struct FieldType {
  std::variant<Primitive, TypeName> element;  ///< a primitive or a message type
  std::uint32_t string_bound = 0;  ///< N of `string<=N` (element strings), 0 when unbounded
  Container container = Container::None;  ///< alone, array or sequence
  std::uint32_t size = 0;          ///< N of `T[N]` or `T[<=N]`

  /// True when the element is a primitive.
  bool is_primitive() const { return std::holds_alternative<Primitive>(element); }
  /// The primitive element (only when is_primitive()).
  Primitive primitive() const { return std::get<Primitive>(element); }
  /// The message element type (only when !is_primitive()).
  const TypeName& nested() const { return std::get<TypeName>(element); }
  /// True for bounded and unbounded sequences.
  bool is_sequence() const {
    return container == Container::BoundedSequence || container == Container::UnboundedSequence;
  }
  /// The type as written in a .msg file, e.g. "string<=10[<=3]".
  std::string to_string() const;
  /// Equal when every part is.
  bool operator==(const FieldType&) const = default;
};

/// A literal value: one scalar, or a list for array defaults. Integers keep their signedness so
/// the full uint64 and int64 ranges survive.
using Scalar = std::variant<bool, std::int64_t, std::uint64_t, double, std::string>;

/// A literal of a .msg file (a constant's value or a field's default).
struct Literal {
  std::vector<Scalar> values;  ///< exactly one unless is_list
  bool is_list = false;  ///< a list (`[1, 2]`) rather than a scalar
  std::string text;            ///< as written, for `interface show`
  /// Equal when values, kind and text are.
  bool operator==(const Literal&) const = default;
};

/// A field of a message.
struct Field {
  std::string name;  ///< the field's name
  FieldType type;  ///< its type
  std::optional<Literal> default_value;  ///< its default, when the .msg gives one
  /// Equal when every part is.
  bool operator==(const Field&) const = default;
};

/// A constant of a message.
struct Constant {
  std::string name;  ///< the constant's name
  Primitive type;  ///< its type
  Literal value;  ///< its value
  /// Equal when every part is.
  bool operator==(const Constant&) const = default;
};

/// A parsed message definition.
struct MessageSpec {
  TypeName name;  ///< pkg/msg/Name
  std::vector<Field> fields;  ///< never empty after parsing: see kEmptyStructMember
  std::vector<Constant> constants;  ///< in definition order
  std::string source;         ///< the definition text this was parsed from
};

/// A parsed service definition: its request and response messages.
struct ServiceSpec {
  TypeName name;  ///< pkg/srv/Name
  MessageSpec request;   ///< pkg/srv/Name_Request
  MessageSpec response;  ///< pkg/srv/Name_Response
  std::string source;  ///< the definition text this was parsed from
};

/// A parsed action definition (goal `---` result `---` feedback) and the types rosidl derives from
/// it (rosidl_parser.definition.Action), all in `pkg/action/`:
/// - `<A>_SendGoal`: request `unique_identifier_msgs/UUID goal_id`, `<A>_Goal goal`; response
///   `bool accepted`, `builtin_interfaces/Time stamp`;
/// - `<A>_GetResult`: request `goal_id`; response `int8 status`, `<A>_Result result`;
/// - `<A>_FeedbackMessage`: `goal_id`, `<A>_Feedback feedback`.
struct ActionSpec {
  TypeName name;  ///< pkg/action/Name
  MessageSpec goal;  ///< pkg/action/Name_Goal
  MessageSpec result;  ///< pkg/action/Name_Result
  MessageSpec feedback;  ///< pkg/action/Name_Feedback
  ServiceSpec send_goal;  ///< pkg/action/Name_SendGoal
  ServiceSpec get_result;  ///< pkg/action/Name_GetResult
  MessageSpec feedback_message;  ///< pkg/action/Name_FeedbackMessage
  std::string source;  ///< the definition text this was parsed from
};

/// The ActionSpec of `name` with the derived services and feedback message built from its three
/// parts. The derived types' `source` texts name every type fully, so they parse back to the same types.
ActionSpec make_action_spec(const TypeName& name, MessageSpec goal, MessageSpec result, MessageSpec feedback,
                            std::string source);

/// rosidl gives a struct with no fields one uint8 member of this name; it is on the wire and in
/// the type hash (spec §3.4).
inline constexpr const char* kEmptyStructMember = "structure_needs_at_least_one_member";

/// `<Srv>_Event` (spec §8.2): service_msgs/ServiceEventInfo info, Request[<=1], Response[<=1].
MessageSpec make_event_spec(const ServiceSpec& service);

}  // namespace rclite::idl
