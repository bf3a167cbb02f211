// A server fed malformed request samples by a raw DDS writer: mutations of valid requests (bit
// flips, truncations, extensions, overwritten lengths, random bytes) of a type with nested
// sequences and strings. After each malformed sample a good request is sent by a client; the
// server must answer every good one right and never crash (under ASan+UBSan in make asan-test).
// This is a seeded, bounded mutation test, not coverage-guided fuzzing: libFuzzer does not drive
// a whole DDS server well, and the decoders behind it are fuzzed directly (tests/fuzz/).
// RCLITE_MUTATION_SAMPLES and RCLITE_MUTATION_SEED make longer or other runs.
#include <gtest/gtest.h>

#include <rcl_interfaces/srv/set_parameters.hpp>

#include <cstdlib>
#include <random>

#include "rclite/rclite.hpp"
#include "rclite/wire/cdr.hpp"
#include "support/observer.hpp"
#include "support/test_context.hpp"
#include "support/value_generator.hpp"

using namespace std::chrono_literals;
using rclite::test::kPatience;
using SetParameters = rcl_interfaces::srv::SetParameters;
using Bytes = std::vector<std::uint8_t>;

namespace {

std::uint64_t from_environment(const char* name, std::uint64_t otherwise) {
  const char* value = std::getenv(name);
  return value != nullptr ? std::strtoull(value, nullptr, 10) : otherwise;
}

// The answer the server gives: one result per parameter, its reason naming the parameter.
SetParameters::Response answer(const SetParameters::Request& request) {
  SetParameters::Response response;
  for (const auto& parameter : request.parameters) {
    rcl_interfaces::msg::SetParametersResult result;
    result.successful = parameter.value.type % 2 == 0;
    result.reason = "set " + parameter.name;
    response.results.push_back(result);
  }
  return response;
}

class Mutator {
 public:
  explicit Mutator(std::uint64_t seed) : random_(seed), values_(seed) {}

  // A valid request sample (service header and all), then mutated one way or another.
  Bytes next() {
    SetParameters::Request request;
    values_.fill(request);
    Bytes sample;
    rclite::wire::encode_service_sample(rclite::wire::RequestHeader{0x0102030405060708, 1}, request, sample);
    switch (pick(6)) {
      case 0:  // flip a few bits
        for (int i = 0, n = 1 + pick(8); i < n; ++i) sample[pick(sample.size())] ^= static_cast<std::uint8_t>(1u << pick(8));
        break;
      case 1:  // cut short
        sample.resize(pick(sample.size()));
        break;
      case 2:  // trailing junk
        for (int i = 0, n = 1 + pick(64); i < n; ++i) sample.push_back(static_cast<std::uint8_t>(random_()));
        break;
      case 3: {  // a 32-bit length or count, somewhere aligned past the header, made huge or odd
        if (sample.size() < 24) break;
        const std::size_t at = 20 + 4 * pick((sample.size() - 20) / 4);
        const std::uint32_t values[] = {0xffffffffu, 0x7fffffffu, 0x10000000u, 0u, 1u, static_cast<std::uint32_t>(sample.size())};
        const std::uint32_t value = values[pick(6)];
        for (std::size_t i = 0; i < 4 && at + i < sample.size(); ++i) sample[at + i] = static_cast<std::uint8_t>(value >> (8 * i));
        break;
      }
      case 4:  // another encapsulation (big endian, XCDR2, unknown)
        sample[1] = static_cast<std::uint8_t>(pick(16));
        break;
      default:  // random bytes
        sample.resize(pick(200));
        for (auto& byte : sample) byte = static_cast<std::uint8_t>(random_());
        break;
    }
    if (sample.size() < rclite::dds::kEncapsulationHeaderSize) sample.resize(rclite::dds::kEncapsulationHeaderSize);
    return sample;
  }

 private:
  std::size_t pick(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(random_() % n); }

  std::mt19937_64 random_;
  rclite::test::ValueGenerator values_;
};

}  // namespace

TEST(MalformedRequests, AServerFedMutatedSamplesAnswersEveryGoodRequestAfterThem) {
  const std::uint64_t samples = from_environment("RCLITE_MUTATION_SAMPLES", 2000);
  const std::uint64_t seed = from_environment("RCLITE_MUTATION_SEED", 20261124);
  std::printf("mutation test: %llu samples, seed %llu\n", static_cast<unsigned long long>(samples),
              static_cast<unsigned long long>(seed));
  auto context = rclite::test::make_test_context();
  const auto name = rclite::test::unique_service_name("set_parameters");
  rclite::Node node("mutation_target", rclite::test::options_in(*context));
  auto service = node.create_service<SetParameters>(name, answer);
  rclite::SingleThreadedExecutor executor(*context);
  executor.add_node(node);
  rclite::test::BackgroundSpin spin(executor);
  auto client = node.create_client<SetParameters>(name);
  ASSERT_TRUE(client.wait_for_service(kPatience));

  rclite::test::Observer observer(context->domain_id());
  const dds_entity_t writer = observer.matched_request_writer(name, "rcl_interfaces::srv::dds_::SetParameters_Request_");
  ASSERT_GT(writer, 0) << "the raw request writer did not match the service";

  Mutator mutator(seed);
  rclite::test::ValueGenerator good_values(seed + 1);
  struct Call {
    rclite::ResponseFuture<SetParameters::Response> future;
    SetParameters::Response expected;
  };
  std::vector<Call> calls;
  for (std::uint64_t i = 0; i < samples; ++i) {
    rclite::dds::write_raw(writer, mutator.next());
    SetParameters::Request good;
    good_values.fill(good);
    calls.push_back({client.async_send_request(good, {.timeout = kPatience}), answer(good)});
    if (calls.size() == 64 || i + 1 == samples) {  // bounded memory: check in batches
      for (auto& call : calls) {
        ASSERT_EQ(call.future.wait_for(kPatience), std::future_status::ready) << "after sample " << i;
        EXPECT_EQ(call.future.get(), call.expected) << "after sample " << i;
      }
      calls.clear();
    }
  }
}
