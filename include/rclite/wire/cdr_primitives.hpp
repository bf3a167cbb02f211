/// @file
/// Facts about how each C++ member type sits on the wire (XCDR1, as rmw_cyclonedds writes it).
#pragma once

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <string>
#include <type_traits>
#include <vector>

#include "rclite/wire/message_traits.hpp"

namespace rclite::wire {

template <class T>
struct is_std_vector : std::false_type {};
template <class T, class A>
struct is_std_vector<std::vector<T, A>> : std::true_type {};

template <class T>
struct is_std_array : std::false_type {};
template <class T, std::size_t N>
struct is_std_array<std::array<T, N>> : std::true_type {};

/// Arithmetic types other than bool are copied as raw bytes when the byte order matches.
template <class T>
inline constexpr bool is_raw_primitive_v = std::is_arithmetic_v<T> && !std::is_same_v<T, bool>;

/// XCDR1 aligns every primitive to its own size, at most 8 (spec §3.2), relative to the body.
template <class T>
constexpr std::size_t cdr_alignment() {
  return sizeof(T) < 8 ? sizeof(T) : 8;
}

/// The fewest bytes a value of type T can take on the wire, ignoring alignment padding. Used to
/// bound element counts before allocating: a count larger than remaining/min is a lie.
template <class T>
constexpr std::size_t wire_min_size() {
  if constexpr (std::is_arithmetic_v<T>) {
    return sizeof(T);
  } else if constexpr (std::is_same_v<T, std::string> || std::is_same_v<T, std::u16string> ||
                       is_std_vector<T>::value) {
    return 4;  // the length prefix
  } else if constexpr (is_std_array<T>::value) {
    return std::tuple_size_v<T> * wire_min_size<typename T::value_type>();
  } else {
    return MessageTraits<T>::min_wire_size;
  }
}

/// `value` with its bytes reversed (for big-endian samples).
template <class T>
constexpr T byteswap(T value) noexcept {
  static_assert(is_raw_primitive_v<T>);
  if constexpr (sizeof(T) == 1) {
    return value;
  } else if constexpr (sizeof(T) == 2) {
    return std::bit_cast<T>(__builtin_bswap16(std::bit_cast<std::uint16_t>(value)));
  } else if constexpr (sizeof(T) == 4) {
    return std::bit_cast<T>(__builtin_bswap32(std::bit_cast<std::uint32_t>(value)));
  } else {
    static_assert(sizeof(T) == 8);
    return std::bit_cast<T>(__builtin_bswap64(std::bit_cast<std::uint64_t>(value)));
  }
}

/// Encapsulation header of a PLAIN_CDR (XCDR1) sample: {0, endianness, options(2)} (spec §3.1).
inline constexpr std::uint8_t kEncapsulationBigEndian = 0x00;
inline constexpr std::uint8_t kEncapsulationLittleEndian = 0x01;  ///< the little-endian header's second byte
inline constexpr std::size_t kEncapsulationSize = 4;  ///< the header's size in bytes

}  // namespace rclite::wire
