// Runtime-typed values encode and decode exactly as generated code does, for every bundled type
// (and the test package's Everything): the same bytes both ways, the same bound errors on encode,
// the same rejections of malformed input on decode.
#include <gtest/gtest.h>

#include <rclite_test_msgs/msg/everything.hpp>
#include <rclite_test_msgs/srv/compute.hpp>

#include "all_bundled_types.hpp"
#include "dynamic/dynamic_support.hpp"
#include "rclite/dynamic/cdr.hpp"
#include "rclite/wire/cdr.hpp"
#include "support/value_generator.hpp"

using namespace rclite;
using dynamic::DynamicValue;

namespace {

constexpr int kRounds = 20;

template <class T>
dynamic::MessageTypePtr type_of() {
  return test::message_type(wire::MessageTraits<T>::ros_type_name);
}

// The outcome of decoding with generated code or dynamically: the re-encoded bytes, or the error.
struct Outcome {
  std::vector<std::uint8_t> bytes;
  std::optional<wire::CdrErrc> error;
  bool operator==(const Outcome&) const = default;
};

template <class T>
Outcome decode_generated(std::span<const std::uint8_t> sample) {
  try {
    return {wire::encode(wire::decode<T>(sample)), std::nullopt};
  } catch (const wire::CdrError& error) {
    return {{}, error.code()};
  }
}

Outcome decode_dynamic(std::span<const std::uint8_t> sample, const dynamic::MessageTypePtr& type) {
  try {
    return {dynamic::encode(dynamic::decode(sample, type)), std::nullopt};
  } catch (const wire::CdrError& error) {
    return {{}, error.code()};
  }
}

template <class T>
void expect_same_codec() {
  SCOPED_TRACE(std::string(wire::MessageTraits<T>::ros_type_name));
  const dynamic::MessageTypePtr type = type_of<T>();
  EXPECT_EQ(type->min_wire_size(), wire::MessageTraits<T>::min_wire_size);

  // Defaults, as the .msg file gives them.
  EXPECT_EQ(dynamic::encode(DynamicValue(type)), wire::encode(T{}));

  for (int round = 0; round < kRounds; ++round) {
    // Generated -> dynamic -> the same bytes.
    T generated{};
    test::ValueGenerator(static_cast<std::uint64_t>(round) * 7919 + 1).fill(generated);
    const std::vector<std::uint8_t> bytes = wire::encode(generated);
    const DynamicValue decoded = dynamic::decode(bytes, type);
    ASSERT_EQ(dynamic::encode(decoded), bytes) << "round " << round;

    // Dynamic -> generated -> the same bytes, and back to an equal dynamic value.
    DynamicValue value(type);
    test::DynamicValueGenerator(static_cast<std::uint64_t>(round) * 104729 + 3).fill(value);
    const std::vector<std::uint8_t> dynamic_bytes = dynamic::encode(value);
    ASSERT_EQ(wire::encode(wire::decode<T>(dynamic_bytes)), dynamic_bytes) << "round " << round;
    EXPECT_TRUE(dynamic::decode(dynamic_bytes, type) == value) << "round " << round;

    // Service samples: the request header in front.
    const wire::RequestHeader header{0x0123456789abcdefULL, round + 1};
    std::vector<std::uint8_t> generated_sample;
    std::vector<std::uint8_t> dynamic_sample;
    wire::encode_service_sample(header, generated, generated_sample);
    dynamic::encode_service_sample(header, decoded, dynamic_sample);
    ASSERT_EQ(dynamic_sample, generated_sample);
    const dynamic::ServiceSample sample = dynamic::decode_service_sample(generated_sample, type);
    EXPECT_EQ(sample.header, header);
    EXPECT_TRUE(sample.message == decoded);

    // Damaged samples: cut short, or with bytes changed (lengths among them). Generated code and
    // the dynamic decoder accept the same ones, giving the same value, and reject the others
    // with the same error.
    std::mt19937_64 random(static_cast<std::uint64_t>(round));
    for (int damage = 0; damage < 8; ++damage) {
      std::vector<std::uint8_t> damaged = bytes;
      if (damage == 0) {
        damaged.resize(wire::kEncapsulationSize + random() % (bytes.size() - wire::kEncapsulationSize + 1));
      } else if (bytes.size() > wire::kEncapsulationSize) {
        for (int k = 0; k < damage; ++k) {
          const std::size_t at = wire::kEncapsulationSize + random() % (bytes.size() - wire::kEncapsulationSize);
          damaged[at] = static_cast<std::uint8_t>(random() % 4 == 0 ? 0xff : random());
        }
      }
      ASSERT_EQ(decode_dynamic(damaged, type), decode_generated<T>(damaged))
          << "round " << round << ", damage " << damage;
    }
  }
}

template <class S>
void expect_same_service_codec() {
  expect_same_codec<typename wire::ServiceTraits<S>::Request>();
  expect_same_codec<typename wire::ServiceTraits<S>::Response>();
  expect_same_codec<typename wire::ServiceTraits<S>::Event>();
}

}  // namespace

TEST(DynamicCdr, EveryBundledMessageTypeEncodesLikeGeneratedCode) {
#define RCLITE_SAME_CODEC(T) expect_same_codec<T>();
  RCLITE_FOR_EACH_BUNDLED_MESSAGE(RCLITE_SAME_CODEC)
#undef RCLITE_SAME_CODEC
}

TEST(DynamicCdr, EveryBundledServiceTypeWithItsEventEncodesLikeGeneratedCode) {
#define RCLITE_SAME_CODEC(S) expect_same_service_codec<S>();
  RCLITE_FOR_EACH_BUNDLED_SERVICE(RCLITE_SAME_CODEC)
#undef RCLITE_SAME_CODEC
}

TEST(DynamicCdr, EveryPieceOfMsgSyntaxEncodesLikeGeneratedCode) {
  expect_same_codec<rclite_test_msgs::msg::Everything>();
  expect_same_service_codec<rclite_test_msgs::srv::Compute>();
}

TEST(DynamicCdr, ChecksBoundsOnEncodeLikeGeneratedCode) {
  using rclite_test_msgs::msg::Everything;
  const auto type = type_of<Everything>();
  const auto expect_same_error = [&](auto&& change_generated, auto&& change_dynamic) {
    Everything generated;
    change_generated(generated);
    DynamicValue value(type);
    change_dynamic(value);
    std::optional<std::string> generated_error;
    std::optional<std::string> dynamic_error;
    try {
      wire::encode(generated);
    } catch (const wire::CdrError& error) {
      EXPECT_EQ(error.code(), wire::CdrErrc::bound_exceeded);
      generated_error = error.what();
    }
    try {
      dynamic::encode(value);
    } catch (const wire::CdrError& error) {
      EXPECT_EQ(error.code(), wire::CdrErrc::bound_exceeded);
      dynamic_error = error.what();
    }
    ASSERT_TRUE(generated_error.has_value());
    EXPECT_EQ(dynamic_error, generated_error);
  };
  // string<=8
  expect_same_error([](Everything& m) { m.short_name = "123456789"; },
                    [](DynamicValue& m) { m["short_name"].set("123456789"); });
  // float64[<=4]
  expect_same_error([](Everything& m) { m.bounded.resize(5); }, [](DynamicValue& m) { m["bounded"].resize(5); });
  // string<=3[<=2]: an element too long, then too many elements
  expect_same_error([](Everything& m) { m.tiny_words = {"abcd"}; },
                    [](DynamicValue& m) { m["tiny_words"].append().set("abcd"); });
  expect_same_error([](Everything& m) { m.tiny_words = {"a", "b", "c"}; },
                    [](DynamicValue& m) { m["tiny_words"].resize(3); });
}

TEST(DynamicCdr, DecodesByteSwappedSamples) {
  // A big-endian sample of AddTwoInts_Request {a: 2, b: -3}.
  const std::vector<std::uint8_t> sample{0x00, 0x00, 0x00, 0x00, 0, 0, 0, 0, 0, 0, 0, 2,
                                         0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfd};
  const DynamicValue value = dynamic::decode(sample, test::message_type("example_interfaces/srv/AddTwoInts_Request"));
  EXPECT_EQ(value["a"].get<std::int64_t>(), 2);
  EXPECT_EQ(value["b"].get<std::int64_t>(), -3);
}

TEST(DynamicCdr, DecodesThroughTheSpecAndLibrary) {
  auto& library = test::interface_library();
  const idl::MessageSpec& spec = library.message(*idl::parse_type_name("example_interfaces/srv/AddTwoInts_Response"));
  const std::vector<std::uint8_t> bytes = wire::encode(example_interfaces::srv::AddTwoInts::Response{5});
  wire::CdrReader reader(bytes);
  EXPECT_EQ(dynamic::decode(reader, spec, library)["sum"].get<std::int64_t>(), 5);
}
