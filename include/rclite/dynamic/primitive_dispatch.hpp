/// @file
/// Calls a generic function with the C++ type generated code uses for a primitive (the mapping of
/// tools/rclite_idl/cpp_generator.cpp: char and byte are std::uint8_t, wstring std::u16string), for
/// runtime-typed code that reads and writes values with wire::CdrReader and wire::CdrWriter.
#pragma once

#include <cstdint>
#include <string>
#include <type_traits>

#include "rclite/idl/type_model.hpp"

namespace rclite::dynamic {

/// `f(std::type_identity<T>{})` with T the C++ type of `primitive`; returns what f returns.
template <class F>
decltype(auto) with_cpp_type(idl::Primitive primitive, F&& f) {
  using idl::Primitive;
  switch (primitive) {
    case Primitive::Bool: return f(std::type_identity<bool>{});
    case Primitive::Byte:
    case Primitive::Char:
    case Primitive::UInt8: return f(std::type_identity<std::uint8_t>{});
    case Primitive::Float32: return f(std::type_identity<float>{});
    case Primitive::Float64: return f(std::type_identity<double>{});
    case Primitive::Int8: return f(std::type_identity<std::int8_t>{});
    case Primitive::Int16: return f(std::type_identity<std::int16_t>{});
    case Primitive::UInt16: return f(std::type_identity<std::uint16_t>{});
    case Primitive::Int32: return f(std::type_identity<std::int32_t>{});
    case Primitive::UInt32: return f(std::type_identity<std::uint32_t>{});
    case Primitive::Int64: return f(std::type_identity<std::int64_t>{});
    case Primitive::UInt64: return f(std::type_identity<std::uint64_t>{});
    case Primitive::String: return f(std::type_identity<std::string>{});
    case Primitive::WString: break;
  }
  return f(std::type_identity<std::u16string>{});
}

}  // namespace rclite::dynamic
