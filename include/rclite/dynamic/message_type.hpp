/// @file
/// Interface types resolved for runtime-typed values: a message type with every nested type looked
/// up once, so that values, their CDR codec, YAML and printing need no InterfaceLibrary afterwards
/// and stay valid after the library is gone.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rclite/idl/interface_library.hpp"
#include "rclite/idl/type_model.hpp"

namespace rclite::dynamic {

class MessageType;
/// Message types are shared and immutable once resolved.
using MessageTypePtr = std::shared_ptr<const MessageType>;

/// The type of one value: a primitive or a message, alone or in an array or sequence. This is
/// idl::FieldType with the nested type resolved.
struct ValueType {
  idl::Primitive primitive = idl::Primitive::Bool;  ///< the element type, unless `message` is set
  MessageTypePtr message;                            ///< the element's message type, or null
  idl::Container container = idl::Container::None;  ///< alone, array or sequence
  std::uint32_t size = 0;          ///< N of `T[N]` or `T[<=N]`
  std::uint32_t string_bound = 0;  ///< N of `string<=N` elements, 0 when unbounded

  /// True when the element is a message.
  bool is_message() const noexcept { return message != nullptr; }
  /// True for arrays and sequences.
  bool is_list() const noexcept { return container != idl::Container::None; }
  /// True for bounded and unbounded sequences.
  bool is_sequence() const noexcept {
    return container == idl::Container::BoundedSequence ||
           container == idl::Container::UnboundedSequence;
  }
  /// The bound of a `T[<=N]`, 0 for anything else.
  std::uint32_t sequence_bound() const noexcept {
    return container == idl::Container::BoundedSequence ? size : 0;
  }
  /// The type of one element of an array or sequence (the type itself otherwise).
  ValueType element() const;
  /// As written in a .msg file: "int32[3]", "string<=8", "builtin_interfaces/Time[]".
  std::string to_string() const;
  /// Message types compare by name.
  bool operator==(const ValueType& other) const;
};

/// A message type (`pkg/msg/Name`, a part of a service such as `pkg/srv/Name_Request`, or of an
/// action such as `pkg/action/Name_FeedbackMessage`).
class MessageType : public std::enable_shared_from_this<MessageType> {
 public:
  /// One member of the message, in definition order.
  struct Member {
    std::string name;  ///< the member's name
    ValueType type;  ///< its resolved type
    std::optional<idl::Literal> default_value;  ///< from the .msg file
  };

  /// Resolves `spec` and, through `library`, every type it nests (each once). Throws
  /// idl::UnknownTypeError or idl::ParseError for a nested type that cannot be loaded, and
  /// std::runtime_error for a type that contains itself.
  static MessageTypePtr resolve(const idl::MessageSpec& spec, idl::InterfaceLibrary& library);
  /// Resolves the type `name` through `library` (as the overload above).
  static MessageTypePtr resolve(const idl::TypeName& name, idl::InterfaceLibrary& library);

  /// The type's name.
  const idl::TypeName& name() const noexcept { return spec_.name; }
  /// The parsed definition it was resolved from.
  const idl::MessageSpec& spec() const noexcept { return spec_; }
  /// Every member on the wire, in order (including kEmptyStructMember of an empty struct).
  const std::vector<Member>& members() const noexcept { return members_; }
  /// The index of the member called `name`, if there is one.
  std::optional<std::size_t> find(std::string_view name) const noexcept;
  /// A struct without fields: its only member is the placeholder idl::kEmptyStructMember, which
  /// rclpy hides (and so do YAML input and output and printing).
  bool is_empty_struct() const noexcept;
  /// The fewest bytes an encoded value takes, as MessageTraits<T>::min_wire_size of generated code:
  /// a sequence length claiming more elements than the remaining bytes allow is rejected.
  std::size_t min_wire_size() const noexcept { return min_wire_size_; }

  /// The type of a value that is one message of this type.
  ValueType value_type() const;

  /// Use resolve().
  MessageType(idl::MessageSpec spec, std::vector<Member> members, std::size_t min_wire_size);

 private:
  idl::MessageSpec spec_;
  std::vector<Member> members_;
  std::size_t min_wire_size_;
};

/// The fewest bytes a value of `type` takes on the wire (wire_min_size<T>() of cdr_primitives.hpp).
std::size_t wire_min_size(const ValueType& type) noexcept;

}  // namespace rclite::dynamic
