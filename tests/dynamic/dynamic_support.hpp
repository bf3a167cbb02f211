// Helpers of the runtime-typed value tests: the interface library (bundled definitions and the
// test package rclite_test_msgs), and pseudo-random values of any resolved type.
#pragma once

#include <random>
#include <string_view>

#include "rclite/dynamic/dynamic_value.hpp"
#include "rclite/idl/interface_library.hpp"

namespace rclite::test {

inline idl::InterfaceLibrary& interface_library() {
  static idl::InterfaceLibrary library({RCLITE_INTERFACES_DIR, RCLITE_TEST_INTERFACES_DIR});
  return library;
}

inline dynamic::MessageTypePtr message_type(std::string_view ros_type_name) {
  return dynamic::MessageType::resolve(*idl::parse_type_name(ros_type_name), interface_library());
}

inline dynamic::DynamicValue default_message(std::string_view ros_type_name) {
  return dynamic::DynamicValue(message_type(ros_type_name));
}

// Random values within each type's range and bounds, including the full integer ranges, NaN-free
// floats and strings of any UTF-16 unit or (mostly printable) byte.
class DynamicValueGenerator {
 public:
  explicit DynamicValueGenerator(std::uint64_t seed) : random_(seed) {}

  void fill(dynamic::DynamicValue& value) {
    using idl::Primitive;
    const dynamic::ValueType& type = value.type();
    if (type.is_sequence()) {
      value.resize(length(type.sequence_bound(), 4));
    }
    if (type.is_list() || type.is_message()) {
      const std::size_t count = value.size();
      for (std::size_t i = 0; i < count; ++i) fill(type.is_list() ? value[i] : value.field(i));
      return;
    }
    switch (type.primitive) {
      case Primitive::Bool: value.set((random_() & 1) != 0); break;
      case Primitive::Float32:
        value.set(static_cast<float>(std::uniform_real_distribution<double>(-1e6, 1e6)(random_)));
        break;
      case Primitive::Float64: value.set(std::uniform_real_distribution<double>(-1e300, 1e300)(random_)); break;
      case Primitive::Int8: value.set(static_cast<std::int8_t>(random_())); break;
      case Primitive::Int16: value.set(static_cast<std::int16_t>(random_())); break;
      case Primitive::Int32: value.set(static_cast<std::int32_t>(random_())); break;
      case Primitive::Int64: value.set(static_cast<std::int64_t>(random_())); break;
      case Primitive::UInt16: value.set(static_cast<std::uint16_t>(random_())); break;
      case Primitive::UInt32: value.set(static_cast<std::uint32_t>(random_())); break;
      case Primitive::UInt64: value.set(static_cast<std::uint64_t>(random_())); break;
      case Primitive::String: {
        std::string text(length(type.string_bound, 12), ' ');
        for (auto& c : text) c = static_cast<char>(random_() % 8 == 0 ? random_() % 256 : 0x20 + random_() % 0x5f);
        value.set(std::string_view(text));
        break;
      }
      case Primitive::WString: {
        std::u16string text(length(type.string_bound, 12), u' ');
        for (auto& c : text) c = static_cast<char16_t>(random_());
        value.set(std::move(text));
        break;
      }
      default: value.set(static_cast<std::uint8_t>(random_())); break;  // byte, char, uint8
    }
  }

 private:
  std::size_t length(std::size_t bound, std::size_t otherwise) {
    const std::size_t limit = bound != 0 ? bound : otherwise;
    return random_() % (limit + 1);
  }

  std::mt19937_64 random_;
};

}  // namespace rclite::test
