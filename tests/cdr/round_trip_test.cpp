// Every bundled type, filled with generated values, survives encode -> decode unchanged, and
// re-encoding gives the same bytes.
#include <gtest/gtest.h>

#include <random>

#include "all_bundled_types.hpp"
#include "rclite/wire/cdr.hpp"

using namespace rclite::wire;

namespace {

class ValueGenerator {
 public:
  explicit ValueGenerator(std::uint64_t seed) : random_(seed) {}

  template <class T>
  void fill(T& value, Bounds bounds = {}) {
    if constexpr (std::is_same_v<T, bool>) {
      value = (random_() & 1) != 0;
    } else if constexpr (std::is_floating_point_v<T>) {
      value = static_cast<T>(std::uniform_real_distribution<double>(-1e6, 1e6)(random_));
    } else if constexpr (std::is_integral_v<T>) {
      value = static_cast<T>(random_());
    } else if constexpr (std::is_same_v<T, std::string> || std::is_same_v<T, std::u16string>) {
      value.resize(length(bounds.string, 12));
      for (auto& c : value) c = static_cast<typename T::value_type>(0x20 + random_() % 0x5f);
    } else if constexpr (is_std_vector<T>::value) {
      value.resize(length(bounds.sequence, 4));
      for (std::size_t i = 0; i < value.size(); ++i) {
        typename T::value_type element{};
        fill(element, Bounds{0, bounds.string});
        value[i] = element;
      }
    } else if constexpr (is_std_array<T>::value) {
      for (auto& element : value) fill(element, Bounds{0, bounds.string});
    } else {
      MessageTraits<T>::visit_fields(value, [this](std::string_view, auto& member, Bounds member_bounds) {
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

template <class T>
void expect_round_trip(int rounds) {
  SCOPED_TRACE(std::string(MessageTraits<T>::ros_type_name));
  for (int round = 0; round < rounds; ++round) {
    T original{};
    ValueGenerator(static_cast<std::uint64_t>(round) * 7919 + 1).fill(original);
    std::vector<std::uint8_t> bytes;
    encode(original, bytes);
    EXPECT_EQ(bytes.size() % 4, 0u);
    const T decoded = decode<T>(bytes);
    EXPECT_TRUE(decoded == original) << "round " << round;
    EXPECT_EQ(encode(decoded), bytes);
  }
}

template <class S>
void expect_service_round_trip(int rounds) {
  expect_round_trip<typename ServiceTraits<S>::Request>(rounds);
  expect_round_trip<typename ServiceTraits<S>::Response>(rounds);
  expect_round_trip<typename ServiceTraits<S>::Event>(rounds);
}

}  // namespace

TEST(RoundTrip, EveryBundledMessageType) {
#define RCLITE_ROUND_TRIP(T) expect_round_trip<T>(20);
  RCLITE_FOR_EACH_BUNDLED_MESSAGE(RCLITE_ROUND_TRIP)
#undef RCLITE_ROUND_TRIP
}

TEST(RoundTrip, EveryBundledServiceTypeWithItsEvent) {
#define RCLITE_ROUND_TRIP(S) expect_service_round_trip<S>(20);
  RCLITE_FOR_EACH_BUNDLED_SERVICE(RCLITE_ROUND_TRIP)
#undef RCLITE_ROUND_TRIP
}

TEST(RoundTrip, DefaultConstructedValuesToo) {
#define RCLITE_DEFAULT_ROUND_TRIP(T) EXPECT_TRUE(decode<T>(encode(T{})) == T{}) << #T;
  RCLITE_FOR_EACH_BUNDLED_MESSAGE(RCLITE_DEFAULT_ROUND_TRIP)
#undef RCLITE_DEFAULT_ROUND_TRIP
}
