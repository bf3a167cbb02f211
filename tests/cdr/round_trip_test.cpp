// Every bundled type, filled with generated values, survives encode -> decode unchanged, and
// re-encoding gives the same bytes.
#include <gtest/gtest.h>

#include "all_bundled_types.hpp"
#include "rclite/wire/cdr.hpp"
#include "support/value_generator.hpp"

using namespace rclite::wire;
using rclite::test::ValueGenerator;

namespace {

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
