#include "rclite/dynamic/message_type.hpp"

#include <map>
#include <set>
#include <stdexcept>

namespace rclite::dynamic {

ValueType ValueType::element() const {
  ValueType element = *this;
  element.container = idl::Container::None;
  element.size = 0;
  return element;
}

std::string ValueType::to_string() const {
  std::string text;
  if (message) {
    text = message->name().package + "/" + message->name().name;
  } else {
    text = idl::to_string(primitive);
    if (string_bound != 0) text += "<=" + std::to_string(string_bound);
  }
  switch (container) {
    case idl::Container::None: break;
    case idl::Container::Array: text += "[" + std::to_string(size) + "]"; break;
    case idl::Container::BoundedSequence: text += "[<=" + std::to_string(size) + "]"; break;
    case idl::Container::UnboundedSequence: text += "[]"; break;
  }
  return text;
}

bool ValueType::operator==(const ValueType& other) const {
  if (is_message() != other.is_message() || container != other.container || size != other.size ||
      string_bound != other.string_bound) {
    return false;
  }
  return is_message() ? message->name() == other.message->name() : primitive == other.primitive;
}

std::size_t wire_min_size(const ValueType& type) noexcept {
  if (type.is_sequence()) return 4;  // the length prefix
  std::size_t element = 0;
  if (type.message) {
    element = type.message->min_wire_size();
  } else {
    switch (type.primitive) {
      case idl::Primitive::Bool:
      case idl::Primitive::Byte:
      case idl::Primitive::Char:
      case idl::Primitive::Int8:
      case idl::Primitive::UInt8: element = 1; break;
      case idl::Primitive::Int16:
      case idl::Primitive::UInt16: element = 2; break;
      case idl::Primitive::Float32:
      case idl::Primitive::Int32:
      case idl::Primitive::UInt32: element = 4; break;
      case idl::Primitive::Float64:
      case idl::Primitive::Int64:
      case idl::Primitive::UInt64: element = 8; break;
      case idl::Primitive::String:
      case idl::Primitive::WString: element = 4; break;  // the length prefix
    }
  }
  return type.container == idl::Container::Array ? type.size * element : element;
}

MessageType::MessageType(idl::MessageSpec spec, std::vector<Member> members, std::size_t min_wire_size)
    : spec_(std::move(spec)), members_(std::move(members)), min_wire_size_(min_wire_size) {}

std::optional<std::size_t> MessageType::find(std::string_view name) const noexcept {
  for (std::size_t i = 0; i < members_.size(); ++i) {
    if (members_[i].name == name) return i;
  }
  return std::nullopt;
}

bool MessageType::is_empty_struct() const noexcept {
  return members_.size() == 1 && members_.front().name == idl::kEmptyStructMember;
}

ValueType MessageType::value_type() const {
  ValueType type;
  type.message = shared_from_this();
  return type;
}

namespace {

// One resolution: shares the MessageType of a type nested several times, and notices a type that
// contains itself (which would otherwise recurse forever).
class Resolution {
 public:
  explicit Resolution(idl::InterfaceLibrary& library) : library_(library) {}

  MessageTypePtr resolve(const idl::MessageSpec& spec) {
    const std::string key = spec.name.full();
    if (auto it = done_.find(key); it != done_.end()) return it->second;
    if (!in_progress_.insert(key).second) {
      throw std::runtime_error("interface type '" + key + "' contains itself");
    }
    std::vector<MessageType::Member> members;
    std::size_t min_size = 0;
    for (const idl::Field& field : spec.fields) {
      ValueType type;
      if (field.type.is_primitive()) {
        type.primitive = field.type.primitive();
      } else {
        type.message = resolve(library_.message(field.type.nested()));
      }
      type.container = field.type.container;
      type.size = field.type.size;
      type.string_bound = field.type.string_bound;
      min_size += wire_min_size(type);
      members.push_back({field.name, std::move(type), field.default_value});
    }
    auto type = std::make_shared<const MessageType>(spec, std::move(members), min_size);
    in_progress_.erase(key);
    done_.emplace(key, type);
    return type;
  }

 private:
  idl::InterfaceLibrary& library_;
  std::map<std::string, MessageTypePtr> done_;
  std::set<std::string> in_progress_;
};

}  // namespace

MessageTypePtr MessageType::resolve(const idl::MessageSpec& spec, idl::InterfaceLibrary& library) {
  return Resolution(library).resolve(spec);
}

MessageTypePtr MessageType::resolve(const idl::TypeName& name, idl::InterfaceLibrary& library) {
  return resolve(library.message(name), library);
}

}  // namespace rclite::dynamic
