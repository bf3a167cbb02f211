// Fills generated interface types with pseudo-random values that respect their bounds, through
// MessageTraits<T>::visit_fields (round-trip and runtime-typed CDR tests).
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <string_view>

#include "rclite/wire/cdr_primitives.hpp"
#include "rclite/wire/cdr_writer.hpp"

namespace rclite::test {

class ValueGenerator {
 public:
  explicit ValueGenerator(std::uint64_t seed) : random_(seed) {}

  template <class T>
  void fill(T& value, wire::Bounds bounds = {}) {
    if constexpr (std::is_same_v<T, bool>) {
      value = (random_() & 1) != 0;
    } else if constexpr (std::is_floating_point_v<T>) {
      value = static_cast<T>(std::uniform_real_distribution<double>(-1e6, 1e6)(random_));
    } else if constexpr (std::is_integral_v<T>) {
      value = static_cast<T>(random_());
    } else if constexpr (std::is_same_v<T, std::string> || std::is_same_v<T, std::u16string>) {
      value.resize(length(bounds.string, 12));
      for (auto& c : value) c = static_cast<typename T::value_type>(0x20 + random_() % 0x5f);
    } else if constexpr (wire::is_std_vector<T>::value) {
      value.resize(length(bounds.sequence, 4));
      for (std::size_t i = 0; i < value.size(); ++i) {
        typename T::value_type element{};
        fill(element, wire::Bounds{0, bounds.string});
        value[i] = element;
      }
    } else if constexpr (wire::is_std_array<T>::value) {
      for (auto& element : value) fill(element, wire::Bounds{0, bounds.string});
    } else {
      wire::MessageTraits<T>::visit_fields(value, [this](std::string_view, auto& member, wire::Bounds member_bounds) {
        fill(member, member_bounds);
      });
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
