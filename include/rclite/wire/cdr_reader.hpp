/// @file
/// Reads XCDR1 samples of either byte order, safely: every length is checked against the bytes
/// that remain before anything is allocated, so hostile input yields a CdrError, never a crash
/// or an unbounded allocation. Trailing bytes are ignored, as rmw_cyclonedds does (spec §3.1).
#pragma once

#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <vector>

#include "rclite/wire/cdr_error.hpp"
#include "rclite/wire/cdr_primitives.hpp"

namespace rclite::wire {

/// Reads a PLAIN_CDR (XCDR1) sample of either byte order, as rmw_cyclonedds writes it; every read is bounds-checked (CdrError).
class CdrReader {
 public:
  /// Checks the encapsulation header; throws CdrError if it is not PLAIN_CDR of either order.
  explicit CdrReader(std::span<const std::uint8_t> sample) {
    if (sample.size() < kEncapsulationSize) throw CdrError(CdrErrc::truncated, 0, "no header");
    if (sample[0] != 0x00 ||
        (sample[1] != kEncapsulationLittleEndian && sample[1] != kEncapsulationBigEndian)) {
      throw CdrError(CdrErrc::bad_encapsulation, 0);
    }
    const bool little = sample[1] == kEncapsulationLittleEndian;
    swap_ = little != (std::endian::native == std::endian::little);
    body_ = sample.data() + kEncapsulationSize;
    size_ = sample.size() - kEncapsulationSize;
  }

  /// Reads `value` (a primitive, string, wstring, array, sequence or generated message) where the reader is.
  template <class T>
  void read(T& value) {
    if constexpr (std::is_same_v<T, bool>) {
      value = read_primitive<std::uint8_t>() != 0;  // any non-zero byte is true, as in rmw
    } else if constexpr (is_raw_primitive_v<T>) {
      value = read_primitive<T>();
    } else if constexpr (std::is_same_v<T, std::string>) {
      read_string(value);
    } else if constexpr (std::is_same_v<T, std::u16string>) {
      read_wstring(value);
    } else if constexpr (is_std_vector<T>::value) {
      read_vector(value);
    } else if constexpr (is_std_array<T>::value) {
      read_elements(value.data(), value.size());
    } else {
      MessageTraits<T>::decode(*this, value);
    }
  }

  /// Reads one aligned primitive, byte-swapped when the sample's order is not the host's.
  template <class T>
  T read_primitive() {
    align(cdr_alignment<T>());
    require(sizeof(T));
    T value;
    std::memcpy(&value, body_ + pos_, sizeof(T));
    pos_ += sizeof(T);
    return swap_ ? byteswap(value) : value;
  }

  /// Reads a length prefix for `min_element_size`-byte elements and rejects counts that cannot fit.
  std::size_t read_length(std::size_t min_element_size) {
    const std::size_t at = pos_;
    const std::uint32_t count = read_primitive<std::uint32_t>();
    if (min_element_size != 0 && count > remaining() / min_element_size) {
      throw CdrError(CdrErrc::length_too_large, at,
                     "count " + std::to_string(count) + " with " + std::to_string(remaining()) +
                         " bytes left");
    }
    return count;
  }

  /// Reads a length-prefixed, NUL-terminated string.
  void read_string(std::string& value) {
    const std::size_t at = pos_;
    const std::size_t length = read_length(1);
    if (length == 0) {  // tolerated by rmw_cyclonedds as the empty string
      value.clear();
      return;
    }
    if (body_[pos_ + length - 1] != 0) throw CdrError(CdrErrc::string_not_terminated, at);
    value.assign(reinterpret_cast<const char*>(body_ + pos_), length - 1);
    pos_ += length;
  }

  /// Reads a wstring in rmw_cyclonedds' layout (count of UTF-16 units, each a 4-byte wchar_t).
  void read_wstring(std::u16string& value) {
    const std::size_t length = read_length(4);
    value.resize(length);
    for (auto& unit : value) unit = static_cast<char16_t>(read_primitive<std::uint32_t>());
  }

  /// Reads `count` primitives into `elements`, in one copy (byte-swapped if needed): an array's,
  /// or a sequence's after read_length (runtime-typed code, e.g. the Python face's buffers).
  template <class T>
    requires is_raw_primitive_v<T>
  void read_primitives(T* elements, std::size_t count) {
    read_elements(elements, count);
  }

  /// Bytes of the body not read yet.
  std::size_t remaining() const noexcept { return size_ - pos_; }
  /// The body offset of the next read.
  std::size_t position() const noexcept { return pos_; }

 private:
  template <class T, class A>
  void read_vector(std::vector<T, A>& value) {
    const std::size_t count = read_length(wire_min_size<T>());
    if constexpr (std::is_same_v<T, bool>) {
      value.resize(count);
      for (std::size_t i = 0; i < count; ++i) value[i] = read_primitive<std::uint8_t>() != 0;
    } else if constexpr (sizeof(T) == 1 && is_raw_primitive_v<T>) {
      // Copy straight from the sample: no zero-fill pass before the copy.
      const auto* first = reinterpret_cast<const T*>(body_ + pos_);
      value.assign(first, first + count);
      pos_ += count;
    } else {
      value.resize(count);
      read_elements(value.data(), count);
    }
  }

  template <class T>
  void read_elements(T* elements, std::size_t count) {
    if constexpr (is_raw_primitive_v<T>) {
      if (count == 0) return;
      align(cdr_alignment<T>());
      require(count * sizeof(T));
      std::memcpy(elements, body_ + pos_, count * sizeof(T));
      pos_ += count * sizeof(T);
      if (swap_) {
        for (std::size_t i = 0; i < count; ++i) elements[i] = byteswap(elements[i]);
      }
    } else {
      for (std::size_t i = 0; i < count; ++i) read(elements[i]);
    }
  }

  void align(std::size_t alignment) {
    const std::size_t misalignment = pos_ & (alignment - 1);
    if (misalignment != 0) {
      require(alignment - misalignment);
      pos_ += alignment - misalignment;
    }
  }

  void require(std::size_t bytes) const {
    if (bytes > remaining()) {
      throw CdrError(CdrErrc::truncated, pos_,
                     "need " + std::to_string(bytes) + " bytes, have " +
                         std::to_string(remaining()));
    }
  }

  const std::uint8_t* body_ = nullptr;
  std::size_t size_ = 0;
  std::size_t pos_ = 0;
  bool swap_ = false;
};

}  // namespace rclite::wire
