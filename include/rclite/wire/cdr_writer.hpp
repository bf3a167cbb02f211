/// @file
/// Serialises values into XCDR1 exactly as rmw_cyclonedds does (spec §3): little-endian
/// encapsulation `00 01 00 00`, alignment relative to the body, strings with their NUL, and the
/// whole sample padded with zeros to a multiple of 4.
#pragma once

#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "rclite/wire/cdr_error.hpp"
#include "rclite/wire/cdr_primitives.hpp"

namespace rclite::wire {

/// Bounds of a `string<=N`, `T[<=N]` or `string<=N[<=M]` member; 0 means unbounded.
struct Bounds {
  std::size_t sequence = 0;  ///< N of `T[<=N]`
  std::size_t string = 0;  ///< N of `string<=N` (also of each element string)
};

/// Writes a PLAIN_CDR (XCDR1) sample in the host's byte order, as rmw_cyclonedds does.
class CdrWriter {
 public:
  /// Clears `out` (keeping its capacity, so a reused buffer allocates nothing) and writes the
  /// encapsulation header.
  explicit CdrWriter(std::vector<std::uint8_t>& out) : out_(out) {
    constexpr std::uint8_t endian = std::endian::native == std::endian::little
                                        ? kEncapsulationLittleEndian
                                        : kEncapsulationBigEndian;
    out_.assign({0x00, endian, 0x00, 0x00});
  }

  /// Writes `value` (a primitive, string, wstring, array, sequence or generated message) where the writer is.
  template <class T>
  void write(const T& value) {
    if constexpr (std::is_same_v<T, bool>) {
      write_primitive<std::uint8_t>(value ? 1 : 0);
    } else if constexpr (is_raw_primitive_v<T>) {
      write_primitive(value);
    } else if constexpr (std::is_same_v<T, std::string>) {
      write_string(value);
    } else if constexpr (std::is_same_v<T, std::u16string>) {
      write_wstring(value);
    } else if constexpr (is_std_vector<T>::value) {
      write_length(value.size());
      write_elements(value);
    } else if constexpr (is_std_array<T>::value) {
      write_elements(value);
    } else {
      MessageTraits<T>::encode(*this, value);
    }
  }

  /// A bounded member: the bound is checked here so that we never put an invalid value on the wire.
  template <class T>
  void write(const T& value, Bounds bounds) {
    if constexpr (std::is_same_v<T, std::string> || std::is_same_v<T, std::u16string>) {
      check_bound(value.size(), bounds.string);
    } else {
      if constexpr (is_std_vector<T>::value) check_bound(value.size(), bounds.sequence);
      if constexpr (std::is_same_v<typename T::value_type, std::string> ||
                    std::is_same_v<typename T::value_type, std::u16string>) {
        for (const auto& element : value) check_bound(element.size(), bounds.string);
      }
    }
    write(value);
  }

  /// Writes a length-prefixed, NUL-terminated string.
  void write_string(std::string_view value) {
    write_length(value.size() + 1);  // the length counts the NUL (spec §3.3)
    append(value.data(), value.size());
    out_.push_back(0);
  }

  /// rmw_cyclonedds' own wstring layout: count of UTF-16 units, then each as a 4-byte wchar_t.
  void write_wstring(std::u16string_view value) {
    write_length(value.size());
    for (char16_t unit : value) write_primitive<std::uint32_t>(unit);
  }

  /// Writes a sequence's or string's 4-byte length.
  void write_length(std::size_t length) {
    if (length > UINT32_MAX) throw CdrError(CdrErrc::length_too_large, body_size());
    write_primitive(static_cast<std::uint32_t>(length));
  }

  /// Writes one primitive at its alignment.
  template <class T>
  void write_primitive(T value) {
    align(cdr_alignment<T>());
    append(&value, sizeof(T));
  }

  /// Writes `elements` back to back at their alignment, in one copy: an array's primitives, or a
  /// sequence's after write_length (runtime-typed code, e.g. the Python face's buffers).
  template <class T>
    requires is_raw_primitive_v<T>
  void write_primitives(std::span<const T> elements) {
    write_elements(elements);
  }

  /// Pads the sample to a multiple of 4 bytes, as rmw_cyclonedds does (spec §3.1).
  void finish() { out_.resize((out_.size() + 3) & ~std::size_t{3}, 0); }

  /// The bytes written after the encapsulation header.
  std::size_t body_size() const noexcept { return out_.size() - kEncapsulationSize; }

  /// Throws CdrError(bound_exceeded) when `size` elements exceed `bound` (0: unbounded). write()
  /// with Bounds calls it; runtime-typed values (rclite/dynamic) call it for the same checks.
  void check_bound(std::size_t size, std::size_t bound) const {
    if (bound != 0 && size > bound) {
      throw CdrError(CdrErrc::bound_exceeded, body_size(),
                     std::to_string(size) + " elements where at most " + std::to_string(bound) +
                         " are allowed");
    }
  }

 private:
  template <class Container>
  void write_elements(const Container& elements) {
    using E = typename Container::value_type;
    if constexpr (is_raw_primitive_v<E>) {
      if (elements.empty()) return;  // no element, no padding (spec §3.3)
      align(cdr_alignment<E>());
      append(elements.data(), elements.size() * sizeof(E));
    } else {
      for (const auto& element : elements) write(static_cast<const E&>(element));
    }
  }

  void align(std::size_t alignment) {
    const std::size_t misalignment = body_size() & (alignment - 1);
    if (misalignment != 0) out_.resize(out_.size() + alignment - misalignment, 0);
  }

  void append(const void* data, std::size_t size) {
    const auto* bytes = static_cast<const std::uint8_t*>(data);
    out_.insert(out_.end(), bytes, bytes + size);
  }

  std::vector<std::uint8_t>& out_;
};

}  // namespace rclite::wire
