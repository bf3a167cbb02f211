// The raw CDR transport (src/dds/raw_cdr_type.hpp): bytes in, the same bytes out, keyless,
// XCDR1, matched by type name.
//
// Network safety: every participant lives in domain 97, created first with a configuration
// that keeps Cyclone on 127.0.0.1 (no multicast, unicast discovery to localhost only).
// ctest runs each test in its own process, possibly in parallel with the others: topic names
// carry the process id so that concurrent tests never match each other.
#include <gtest/gtest.h>

#include <dds/ddsi/ddsi_serdata.h>
#include <example_interfaces/srv/add_two_ints.hpp>

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "../../src/dds/raw_cdr_type.hpp"
#include "rclite/wire/cdr.hpp"
#include "support/patience.hpp"

extern char** environ;

namespace {

using namespace std::chrono_literals;
using Bytes = std::vector<std::uint8_t>;
using rclite::test::kPatience;
using rclite::dds::create_raw_topic;
using rclite::dds::DdsError;
using rclite::dds::RawSampleBuffer;
using rclite::dds::RawWriter;
using rclite::dds::take_raw;
using rclite::dds::write_raw;

constexpr dds_domainid_t kDomain = 97;
constexpr const char* kLoopbackConfig =
    "<CycloneDDS><Domain><General><Interfaces><NetworkInterface address=\"127.0.0.1\"/></Interfaces>"
    "<AllowMulticast>false</AllowMulticast></General><Discovery><ParticipantIndex>auto</ParticipantIndex>"
    "<MaxAutoParticipantIndex>32</MaxAutoParticipantIndex><Peers><Peer address=\"127.0.0.1\"/></Peers>"
    "</Discovery></Domain></CycloneDDS>";

constexpr const char* kRequestType = "example_interfaces::srv::dds_::AddTwoInts_Request_";
constexpr const char* kResponseType = "example_interfaces::srv::dds_::AddTwoInts_Response_";
constexpr const char* kPeerTopicEnv = "RCLITE_RAW_CDR_PEER_TOPIC";

std::string unique_topic(const std::string& name) {
  return "rclite_raw_cdr_test_" + std::to_string(::getpid()) + "_" + name;
}

bool wait_until(const std::function<bool()>& condition, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!condition()) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(10ms);
  }
  return true;
}

std::uint32_t publication_matches(dds_entity_t writer) {
  dds_publication_matched_status_t status{};
  EXPECT_EQ(dds_get_publication_matched_status(writer, &status), DDS_RETCODE_OK);
  return status.current_count;
}

std::uint32_t subscription_matches(dds_entity_t reader) {
  dds_subscription_matched_status_t status{};
  EXPECT_EQ(dds_get_subscription_matched_status(reader, &status), DDS_RETCODE_OK);
  return status.current_count;
}

// Reliable, volatile; KEEP_ALL or KEEP_LAST(depth).
dds_qos_t* endpoint_qos(bool keep_all, std::int32_t depth = 10) {
  dds_qos_t* qos = dds_create_qos();
  dds_qset_reliability(qos, DDS_RELIABILITY_RELIABLE, DDS_SECS(10));
  dds_qset_durability(qos, DDS_DURABILITY_VOLATILE);
  dds_qset_history(qos, keep_all ? DDS_HISTORY_KEEP_ALL : DDS_HISTORY_KEEP_LAST, depth);
  return qos;
}

dds_entity_t make_writer(dds_entity_t participant, dds_entity_t topic, bool keep_all = false) {
  dds_qos_t* qos = endpoint_qos(keep_all);
  const dds_entity_t writer = dds_create_writer(participant, topic, qos, nullptr);
  dds_delete_qos(qos);
  if (writer < 0) throw DdsError(writer, "dds_create_writer");
  return writer;
}

dds_entity_t make_reader(dds_entity_t participant, dds_entity_t topic, bool keep_all = false) {
  dds_qos_t* qos = endpoint_qos(keep_all);
  const dds_entity_t reader = dds_create_reader(participant, topic, qos, nullptr);
  dds_delete_qos(qos);
  if (reader < 0) throw DdsError(reader, "dds_create_reader");
  return reader;
}

// Takes (copies of) samples until `count` arrived or `timeout` passed.
std::vector<Bytes> receive(dds_entity_t reader_or_condition, std::size_t count,
                           std::chrono::milliseconds timeout = kPatience) {
  std::vector<Bytes> received;
  wait_until(
      [&] {
        take_raw(reader_or_condition, [&](std::span<const std::uint8_t> bytes, const dds_sample_info_t& info) {
          EXPECT_TRUE(info.valid_data);
          received.emplace_back(bytes.begin(), bytes.end());
        });
        return received.size() >= count;
      },
      timeout);
  return received;
}

std::vector<std::uint8_t> data_representation(dds_entity_t entity) {
  dds_qos_t* qos = dds_create_qos();
  EXPECT_EQ(dds_get_qos(entity, qos), DDS_RETCODE_OK);
  std::uint32_t n = 0;
  dds_data_representation_id_t* values = nullptr;
  std::vector<std::uint8_t> result;
  if (dds_qget_data_representation(qos, &n, &values)) {
    for (std::uint32_t i = 0; i < n; ++i) result.push_back(static_cast<std::uint8_t>(values[i]));
    dds_free(values);
  }
  dds_delete_qos(qos);
  return result;
}

Bytes add_two_ints_request(std::int64_t a, std::int64_t b, std::int64_t sequence = 1) {
  Bytes out;
  rclite::wire::encode_service_sample(rclite::wire::RequestHeader{0x1122334455667788u, sequence},
                                      example_interfaces::srv::AddTwoInts_Request{a, b}, out);
  return out;
}

// Domain 97 on loopback with two participants, deleted (with everything in it) afterwards.
class RawCdrTest : public ::testing::Test {
 protected:
  void SetUp() override {
    domain_ = dds_create_domain(kDomain, kLoopbackConfig);
    ASSERT_GT(domain_, 0) << dds_strretcode(domain_);
    first_ = dds_create_participant(kDomain, nullptr, nullptr);
    ASSERT_GT(first_, 0) << dds_strretcode(first_);
    second_ = dds_create_participant(kDomain, nullptr, nullptr);
    ASSERT_GT(second_, 0) << dds_strretcode(second_);
  }

  void TearDown() override {
    if (domain_ > 0) {
      EXPECT_EQ(dds_delete(domain_), DDS_RETCODE_OK);
    }
  }

  // A writer in the first participant and a reader in the second, matched.
  void connect(const std::string& topic_name, bool keep_all = false) {
    const dds_entity_t writer_topic = create_raw_topic(first_, topic_name, kRequestType);
    const dds_entity_t reader_topic = create_raw_topic(second_, topic_name, kRequestType);
    writer_ = make_writer(first_, writer_topic, keep_all);
    reader_ = make_reader(second_, reader_topic, keep_all);
    ASSERT_TRUE(wait_until([&] { return publication_matches(writer_) == 1 && subscription_matches(reader_) == 1; }, kPatience))
        << "writer and reader did not match";
  }

  dds_entity_t domain_ = 0;
  dds_entity_t first_ = 0;
  dds_entity_t second_ = 0;
  dds_entity_t writer_ = 0;
  dds_entity_t reader_ = 0;
};

TEST_F(RawCdrTest, AddTwoIntsRequestArrivesByteForByte) {
  connect(unique_topic("rq_add_two_intsRequest"));
  const Bytes request = add_two_ints_request(41, 1);
  // spec §3.6: 36 bytes, no padding.
  ASSERT_EQ(request.size(), 36u);
  ASSERT_EQ((Bytes{request.begin(), request.begin() + 4}), (Bytes{0x00, 0x01, 0x00, 0x00}));

  write_raw(writer_, request);
  const auto received = receive(reader_, 1);
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0], request);

  example_interfaces::srv::AddTwoInts_Request decoded;
  const auto header = rclite::wire::decode_service_sample(received[0], decoded);
  EXPECT_EQ(header.guid, 0x1122334455667788u);
  EXPECT_EQ(header.sequence, 1);
  EXPECT_EQ(decoded.a, 41);
  EXPECT_EQ(decoded.b, 1);
}

TEST_F(RawCdrTest, ReaderWithAnotherTypeNameDoesNotMatch) {
  const std::string topic_name = unique_topic("type_mismatch");
  const dds_entity_t writer = make_writer(first_, create_raw_topic(first_, topic_name, kRequestType));
  const dds_entity_t wrong_reader = make_reader(second_, create_raw_topic(second_, topic_name, kResponseType));

  EXPECT_FALSE(wait_until([&] { return publication_matches(writer) > 0; }, 1s));
  EXPECT_EQ(subscription_matches(wrong_reader), 0u);

  // Control: a reader with the writer's type name does match, in the same setting.
  const dds_entity_t participant = dds_create_participant(kDomain, nullptr, nullptr);
  ASSERT_GT(participant, 0);
  const dds_entity_t right_reader = make_reader(participant, create_raw_topic(participant, topic_name, kRequestType));
  EXPECT_TRUE(wait_until([&] { return publication_matches(writer) == 1 && subscription_matches(right_reader) == 1; }, kPatience));
  EXPECT_EQ(subscription_matches(wrong_reader), 0u);
}

TEST_F(RawCdrTest, EndpointsAreXcdr1Only) {
  connect(unique_topic("xcdr1"));
  const std::vector<std::uint8_t> xcdr1{DDS_DATA_REPRESENTATION_XCDR1};
  EXPECT_EQ(data_representation(writer_), xcdr1);
  EXPECT_EQ(data_representation(reader_), xcdr1);
  EXPECT_EQ(data_representation(dds_get_topic(writer_)), xcdr1);
}

TEST_F(RawCdrTest, OddSizedAndArbitraryPayloadsPassUnchanged) {
  connect(unique_topic("odd_sizes"), /*keep_all=*/true);
  const std::vector<Bytes> samples = {
      {0x00, 0x01, 0x00, 0x00, 0x2a},                    // 5 bytes
      {0x00, 0x01, 0x00, 0x00, 0x01, 0x02},              // 6
      {0x00, 0x01, 0x00, 0x00, 0x01, 0x02, 0x03},        // 7
      {0x00, 0x01, 0x00, 0x00},                          // header only
      {0xff, 0xee, 0xdd, 0xcc, 0xbb, 0xaa, 0x99, 0x88, 0x77},  // not even a CDR header
  };
  for (const auto& sample : samples) write_raw(writer_, sample);
  const auto received = receive(reader_, samples.size());
  EXPECT_EQ(received, samples);
}

TEST_F(RawCdrTest, HundredSamplesKeepAllArriveInOrder) {
  connect(unique_topic("hundred"), /*keep_all=*/true);
  std::vector<Bytes> sent;
  for (std::int64_t i = 0; i < 100; ++i) {
    sent.push_back(add_two_ints_request(i, -i, i + 1));
    write_raw(writer_, sent.back());
  }
  const auto received = receive(reader_, sent.size(), kPatience);
  ASSERT_EQ(received.size(), sent.size());
  for (std::size_t i = 0; i < sent.size(); ++i) {
    example_interfaces::srv::AddTwoInts_Request decoded;
    const auto header = rclite::wire::decode_service_sample(received[i], decoded);
    EXPECT_EQ(header.sequence, static_cast<std::int64_t>(i + 1));
    EXPECT_EQ(decoded.a, static_cast<std::int64_t>(i));
    EXPECT_EQ(received[i], sent[i]);
  }
}

TEST_F(RawCdrTest, TakeRawRespectsMaxAndLargeSamples) {
  connect(unique_topic("max_and_large"), /*keep_all=*/true);
  Bytes large(300'000);
  for (std::size_t i = 0; i < large.size(); ++i) large[i] = static_cast<std::uint8_t>(i * 7);
  large[0] = 0x00, large[1] = 0x01, large[2] = 0x00, large[3] = 0x00;
  for (int i = 0; i < 5; ++i) write_raw(writer_, add_two_ints_request(i, i));
  write_raw(writer_, large);
  ASSERT_TRUE(wait_until(
      [&] {
        ddsi_serdata* peek[8];
        dds_sample_info_t infos[8];
        const dds_return_t n = dds_readcdr(reader_, peek, 8, infos, DDS_ANY_STATE);
        for (dds_return_t i = 0; i < n; ++i) ddsi_serdata_unref(peek[i]);
        return n == 6;
      },
      kPatience));

  std::size_t calls = 0;
  EXPECT_EQ(take_raw(reader_, [&](std::span<const std::uint8_t>, const dds_sample_info_t&) { ++calls; }, 2), 2u);
  EXPECT_EQ(calls, 2u);
  const auto rest = receive(reader_, 4);
  ASSERT_EQ(rest.size(), 4u);
  EXPECT_EQ(rest[3], large);
  EXPECT_EQ(take_raw(reader_, [](std::span<const std::uint8_t>, const dds_sample_info_t&) {}), 0u);
}

// A large sample's buffer becomes the serdata (no copy): it arrives intact, and the caller's
// vector is left empty with the capacity for the next one; a small one is copied and left as it was.
TEST_F(RawCdrTest, WriteTakingTakesOverLargeSamplesAndCopiesSmallOnes) {
  connect(unique_topic("write_taking"), /*keep_all=*/true);
  const RawWriter writer(writer_);
  Bytes large(RawWriter::kTakeOverSize + 4);
  for (std::size_t i = 0; i < large.size(); ++i) large[i] = static_cast<std::uint8_t>(i * 13);
  large[0] = 0x00, large[1] = 0x01, large[2] = 0x00, large[3] = 0x00;
  const Bytes expected_large = large;
  writer.write_taking(large);
  EXPECT_TRUE(large.empty());
  EXPECT_GE(large.capacity(), expected_large.size());

  Bytes small = add_two_ints_request(2, 3);
  const Bytes expected_small = small;
  writer.write_taking(small);
  EXPECT_EQ(small, expected_small);

  Bytes unpadded(RawWriter::kTakeOverSize + 5, 0x5a);  // not a multiple of 4: copied, kept
  unpadded[0] = 0x00, unpadded[1] = 0x01, unpadded[2] = 0x00, unpadded[3] = 0x00;
  const Bytes expected_unpadded = unpadded;
  writer.write_taking(unpadded);
  EXPECT_EQ(unpadded, expected_unpadded);

  const auto received = receive(reader_, 3);
  ASSERT_EQ(received.size(), 3u);
  EXPECT_EQ(received[0], expected_large);
  EXPECT_EQ(received[1], expected_small);
  EXPECT_EQ(received[2], expected_unpadded);
}

// dds_takecdr accepts a read condition, but libddsc 0.10 takes from its reader without
// applying the condition's mask.
TEST_F(RawCdrTest, TakeThroughReadCondition) {
  connect(unique_topic("condition"), /*keep_all=*/true);
  const dds_entity_t any = dds_create_readcondition(reader_, DDS_ANY_STATE);
  ASSERT_GT(any, 0);
  write_raw(writer_, add_two_ints_request(1, 2));
  const auto received = receive(any, 1);
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0], add_two_ints_request(1, 2));

  // A condition that only admits already-read samples: an unread sample still comes out.
  const dds_entity_t read_only = dds_create_readcondition(reader_, DDS_READ_SAMPLE_STATE);
  ASSERT_GT(read_only, 0);
  write_raw(writer_, add_two_ints_request(3, 4));
  const auto through_mask = receive(read_only, 1);
  ASSERT_EQ(through_mask.size(), 1u);
  EXPECT_EQ(through_mask[0], add_two_ints_request(3, 4));
}

TEST_F(RawCdrTest, InvalidSamplesAreSkipped) {
  connect(unique_topic("invalid"), /*keep_all=*/true);
  write_raw(writer_, add_two_ints_request(5, 6));
  ASSERT_EQ(receive(reader_, 1).size(), 1u);

  // Disposing the (single) instance of a keyless topic leaves a sample without data.
  RawSampleBuffer key;
  ASSERT_EQ(dds_dispose(writer_, &key), DDS_RETCODE_OK);
  ASSERT_TRUE(wait_until(
      [&] {
        ddsi_serdata* peek[4];
        dds_sample_info_t infos[4];
        const dds_return_t n = dds_readcdr(reader_, peek, 4, infos, DDS_ANY_STATE);
        bool invalid = false;
        for (dds_return_t i = 0; i < n; ++i) {
          invalid = invalid || !infos[i].valid_data;
          ddsi_serdata_unref(peek[i]);
        }
        return invalid;
      },
      kPatience));
  std::size_t calls = 0;
  EXPECT_EQ(take_raw(reader_, [&](std::span<const std::uint8_t>, const dds_sample_info_t&) { ++calls; }), 0u);
  EXPECT_EQ(calls, 0u);
  ddsi_serdata* rest[4];
  dds_sample_info_t infos[4];
  EXPECT_EQ(dds_readcdr(reader_, rest, 4, infos, DDS_ANY_STATE), 0) << "the invalid sample was taken";

  write_raw(writer_, add_two_ints_request(7, 8));
  const auto received = receive(reader_, 1);
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0], add_two_ints_request(7, 8));
}

// The sample-pointer API (from_sample/to_sample and the sample allocation ops).
TEST_F(RawCdrTest, GenericWriteAndTakeWithRawSampleBuffer) {
  connect(unique_topic("generic"), /*keep_all=*/true);
  RawSampleBuffer too_short{{0x00, 0x01, 0x00}};
  EXPECT_EQ(dds_write(writer_, &too_short), DDS_RETCODE_BAD_PARAMETER);

  const std::vector<Bytes> sent = {add_two_ints_request(1, 1), {0x00, 0x01, 0x00, 0x00, 0x07}, add_two_ints_request(3, 3)};
  for (const auto& bytes : sent) {
    RawSampleBuffer sample{bytes};
    ASSERT_EQ(dds_write(writer_, &sample), DDS_RETCODE_OK);
  }
  ASSERT_TRUE(wait_until(
      [&] {
        ddsi_serdata* peek[4];
        dds_sample_info_t infos[4];
        const dds_return_t n = dds_readcdr(reader_, peek, 4, infos, DDS_ANY_STATE);
        for (dds_return_t i = 0; i < n; ++i) ddsi_serdata_unref(peek[i]);
        return n == 3;
      },
      kPatience));

  // Loaned samples: Cyclone allocates them through the sertype.
  void* loans[2] = {nullptr, nullptr};
  dds_sample_info_t infos[2];
  ASSERT_EQ(dds_take(reader_, loans, infos, 2, 2), 2);
  EXPECT_EQ(static_cast<RawSampleBuffer*>(loans[0])->bytes, sent[0]);
  EXPECT_EQ(static_cast<RawSampleBuffer*>(loans[1])->bytes, sent[1]);
  EXPECT_EQ(dds_return_loan(reader_, loans, 2), DDS_RETCODE_OK);

  // Caller-provided samples.
  RawSampleBuffer own{{0xaa}};
  void* buffers[1] = {&own};
  ASSERT_EQ(dds_take(reader_, buffers, infos, 1, 1), 1);
  EXPECT_TRUE(infos[0].valid_data);
  EXPECT_EQ(own.bytes, sent[2]);
}

TEST_F(RawCdrTest, Errors) {
  connect(unique_topic("errors"));
  try {
    write_raw(writer_, Bytes{0x00, 0x01, 0x00});
    FAIL() << "a 3-byte sample was accepted";
  } catch (const DdsError& error) {
    EXPECT_EQ(error.code(), DDS_RETCODE_BAD_PARAMETER);
  }
  try {
    write_raw(reader_, add_two_ints_request(1, 2));  // a reader, not a writer
    FAIL() << "wrote through a reader";
  } catch (const DdsError& error) {
    EXPECT_EQ(error.code(), DDS_RETCODE_ILLEGAL_OPERATION);
  }
  EXPECT_THROW(write_raw(first_, add_two_ints_request(1, 2)), DdsError);
  try {
    create_raw_topic(first_, "no spaces allowed*", kRequestType);
    FAIL() << "an invalid topic name was accepted";
  } catch (const DdsError& error) {
    EXPECT_EQ(error.code(), DDS_RETCODE_BAD_PARAMETER);
    EXPECT_NE(std::string(error.what()).find("dds_create_topic_sertype"), std::string::npos);
  }
  EXPECT_THROW(take_raw(first_, [](std::span<const std::uint8_t>, const dds_sample_info_t&) {}), DdsError);

  // The same raw topic again (same participant) is fine, and shares the sertype.
  const dds_entity_t again = create_raw_topic(first_, unique_topic("errors"), kRequestType);
  EXPECT_GT(again, 0);
  const dds_entity_t writer2 = make_writer(first_, again);
  write_raw(writer2, add_two_ints_request(9, 9));
  EXPECT_EQ(receive(reader_, 1).size(), 1u);
}

// Over the network (UDP on 127.0.0.1): a second process writes, this one reads. Exercises
// Cyclone's receive path (from_ser with fragment chains) that in-process delivery bypasses.
TEST_F(RawCdrTest, AcrossProcessesOverLoopback) {
  const std::string topic_name = unique_topic("network");
  const dds_entity_t reader = make_reader(second_, create_raw_topic(second_, topic_name, kRequestType), true);

  const std::string filter = "--gtest_filter=RawCdrPeer.Writer";
  const std::string env_entry = std::string(kPeerTopicEnv) + "=" + topic_name;
  std::vector<char*> env;
  for (char** e = environ; *e != nullptr; ++e) {
    if (std::strncmp(*e, "GTEST_", 6) != 0) env.push_back(*e);  // no inherited sharding etc.
  }
  env.push_back(const_cast<char*>(env_entry.c_str()));
  env.push_back(nullptr);
  char exe[] = "/proc/self/exe";
  char* argv[] = {exe, const_cast<char*>(filter.c_str()), nullptr};
  pid_t child = -1;
  ASSERT_EQ(posix_spawn(&child, exe, nullptr, nullptr, argv, env.data()), 0);

  const auto received = receive(reader, 3, kPatience);
  int status = 0;
  const bool exited = wait_until([&] { return waitpid(child, &status, WNOHANG) == child; }, kPatience);
  if (!exited) {
    kill(child, SIGKILL);
    waitpid(child, &status, 0);
  }
  ASSERT_TRUE(exited) << "the writer process did not finish";
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "the writer process failed";

  ASSERT_EQ(received.size(), 3u);
  EXPECT_EQ(received[0], add_two_ints_request(41, 1));
  // RTPS carries payloads in multiples of 4 bytes: a 5-byte sample arrives zero-padded.
  EXPECT_EQ(received[1], (Bytes{0x00, 0x01, 0x00, 0x00, 0x2a, 0x00, 0x00, 0x00}));
  Bytes large(200'000);
  for (std::size_t i = 0; i < large.size(); ++i) large[i] = static_cast<std::uint8_t>(i % 251);
  EXPECT_EQ(received[2], large);
}

// The writing side of AcrossProcessesOverLoopback, run in a child process; skipped otherwise.
TEST(RawCdrPeer, Writer) {
  const char* topic_name = std::getenv(kPeerTopicEnv);
  if (topic_name == nullptr) GTEST_SKIP() << "only run by RawCdrTest.AcrossProcessesOverLoopback";
  const dds_entity_t domain = dds_create_domain(kDomain, kLoopbackConfig);
  ASSERT_GT(domain, 0);
  const dds_entity_t participant = dds_create_participant(kDomain, nullptr, nullptr);
  ASSERT_GT(participant, 0);
  const dds_entity_t writer = make_writer(participant, create_raw_topic(participant, topic_name, kRequestType), true);
  ASSERT_TRUE(wait_until([&] { return publication_matches(writer) >= 1; }, kPatience));

  Bytes large(200'000);
  for (std::size_t i = 0; i < large.size(); ++i) large[i] = static_cast<std::uint8_t>(i % 251);
  write_raw(writer, add_two_ints_request(41, 1));
  write_raw(writer, Bytes{0x00, 0x01, 0x00, 0x00, 0x2a});
  write_raw(writer, large);
  EXPECT_EQ(dds_wait_for_acks(writer, DDS_SECS(kPatience.count())), DDS_RETCODE_OK);
  EXPECT_EQ(dds_delete(domain), DDS_RETCODE_OK);
}

}  // namespace
