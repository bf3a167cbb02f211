#include "rclite/dynamic/cdr.hpp"

#include "rclite/dynamic/primitive_dispatch.hpp"
#include "rclite/wire/cdr.hpp"

namespace rclite::dynamic {

namespace {

template <class T>
T primitive_value(const DynamicValue& value) {
  if constexpr (std::is_same_v<T, std::string>) {
    return value.as_string();
  } else if constexpr (std::is_same_v<T, std::u16string>) {
    return value.as_wstring();
  } else {
    return value.get<T>();
  }
}

template <class T>
inline constexpr bool is_string_v = std::is_same_v<T, std::string> || std::is_same_v<T, std::u16string>;

// Arrays and sequences of primitives go through the writer exactly as the members of generated
// structs do: a sequence as a std::vector with its Bounds, an array element by element after the
// bound check that write(std::array, Bounds) makes.
void encode_primitive_list(const DynamicValue& list, wire::CdrWriter& writer) {
  const ValueType& type = list.type();
  with_cpp_type(type.primitive, [&]<class T>(std::type_identity<T>) {
    if (type.is_sequence()) {
      std::vector<T> elements;
      elements.reserve(list.size());
      for (std::size_t i = 0; i < list.size(); ++i) elements.push_back(primitive_value<T>(list[i]));
      writer.write(elements, wire::Bounds{type.sequence_bound(), type.string_bound});
      return;
    }
    if constexpr (is_string_v<T>) {
      for (std::size_t i = 0; i < list.size(); ++i) {
        writer.check_bound(primitive_value<T>(list[i]).size(), type.string_bound);
      }
    }
    for (std::size_t i = 0; i < list.size(); ++i) writer.write(primitive_value<T>(list[i]));
  });
}

void decode_primitive_list(wire::CdrReader& reader, DynamicValue& list) {
  const ValueType& type = list.type();
  with_cpp_type(type.primitive, [&]<class T>(std::type_identity<T>) {
    if (type.is_sequence()) {
      std::vector<T> elements;
      reader.read(elements);  // checks the length against the bytes left
      list.resize(elements.size());
      for (std::size_t i = 0; i < elements.size(); ++i) list[i].set(T(std::move(elements[i])));  // T(): a std::vector<bool> element is a proxy
      return;
    }
    for (std::size_t i = 0; i < list.size(); ++i) {
      T element{};
      reader.read(element);
      list[i].set(std::move(element));
    }
  });
}

}  // namespace

void encode(const DynamicValue& value, wire::CdrWriter& writer) {
  const ValueType& type = value.type();
  if (type.is_list() && !type.is_message()) {
    encode_primitive_list(value, writer);
  } else if (type.is_list()) {
    // write(std::vector<Message>, Bounds): the bound, the length, then each element.
    if (type.is_sequence()) {
      writer.check_bound(value.size(), type.sequence_bound());
      writer.write_length(value.size());
    }
    for (std::size_t i = 0; i < value.size(); ++i) encode(value[i], writer);
  } else if (type.is_message()) {
    for (std::size_t i = 0; i < value.size(); ++i) encode(value.field(i), writer);
  } else {
    with_cpp_type(type.primitive, [&]<class T>(std::type_identity<T>) {
      if constexpr (is_string_v<T>) {
        writer.write(primitive_value<T>(value), wire::Bounds{0, type.string_bound});
      } else {
        writer.write(primitive_value<T>(value));
      }
    });
  }
}

DynamicValue decode(wire::CdrReader& reader, const ValueType& type) {
  DynamicValue value(type);
  if (type.is_list() && !type.is_message()) {
    decode_primitive_list(reader, value);
  } else if (type.is_list()) {
    const ValueType element = type.element();
    if (type.is_sequence()) {
      // read(std::vector<Message>): the length is checked against MessageTraits::min_wire_size.
      const std::size_t count = reader.read_length(wire_min_size(element));
      for (std::size_t i = 0; i < count; ++i) value.append(decode(reader, element));
    } else {
      for (std::size_t i = 0; i < value.size(); ++i) value[i] = decode(reader, element);
    }
  } else if (type.is_message()) {
    const auto& members = type.message->members();
    for (std::size_t i = 0; i < members.size(); ++i) value.field(i) = decode(reader, members[i].type);
  } else {
    with_cpp_type(type.primitive, [&]<class T>(std::type_identity<T>) {
      T primitive{};
      reader.read(primitive);
      value.set(std::move(primitive));
    });
  }
  return value;
}

DynamicValue decode(wire::CdrReader& reader, const MessageTypePtr& type) {
  return decode(reader, type->value_type());
}

DynamicValue decode(wire::CdrReader& reader, const idl::MessageSpec& spec,
                    idl::InterfaceLibrary& library) {
  return decode(reader, MessageType::resolve(spec, library));
}

void encode(const DynamicValue& message, std::vector<std::uint8_t>& out) {
  wire::CdrWriter writer(out);
  encode(message, writer);
  writer.finish();
}

std::vector<std::uint8_t> encode(const DynamicValue& message) {
  std::vector<std::uint8_t> out;
  encode(message, out);
  return out;
}

DynamicValue decode(std::span<const std::uint8_t> sample, const MessageTypePtr& type) {
  wire::CdrReader reader(sample);
  return decode(reader, type);
}

void encode_service_sample(const wire::RequestHeader& header, const DynamicValue& message,
                           std::vector<std::uint8_t>& out) {
  wire::CdrWriter writer(out);
  wire::write_request_header(writer, header);
  encode(message, writer);
  writer.finish();
}

ServiceSample decode_service_sample(std::span<const std::uint8_t> sample, const MessageTypePtr& type) {
  wire::CdrReader reader(sample);
  const wire::RequestHeader header = wire::read_request_header(reader);
  return ServiceSample{header, decode(reader, type)};
}

}  // namespace rclite::dynamic
