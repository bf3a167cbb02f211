// CDR encode/decode throughput (docs/PERFORMANCE.md, "CDR encode/decode").
//
// Every benchmark reuses its output buffer and its decode target across iterations, so what is
// measured is the steady state of a long-lived publisher or subscriber: no allocation once the
// first iteration has sized the buffers. Bytes processed is the encoded sample size for the small
// service request and the 1 MiB payload for UInt8MultiArray and the memcpy baseline, so the GB/s
// columns of the three 1 MiB cases compare directly.
#include <benchmark/benchmark.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

#include "example_interfaces/srv/add_two_ints.hpp"
#include "rclite/wire/cdr.hpp"
#include "std_msgs/msg/u_int8_multi_array.hpp"

namespace {

using AddTwoIntsRequest = example_interfaces::srv::AddTwoInts::Request;
using rclite::wire::RequestHeader;

constexpr std::size_t kPayloadSize = std::size_t{1} << 20;  // 1 MiB

RequestHeader make_header() { return RequestHeader{0x0123456789abcdefULL, 42}; }

AddTwoIntsRequest make_request() {
  AddTwoIntsRequest request;
  request.a = 1234567;
  request.b = -7654321;
  return request;
}

std::vector<std::uint8_t> make_payload(std::size_t size) {
  std::vector<std::uint8_t> data(size);
  for (std::size_t i = 0; i < size; ++i) data[i] = static_cast<std::uint8_t>(i * 131 + 7);
  return data;
}

std_msgs::msg::UInt8MultiArray make_array() {
  std_msgs::msg::UInt8MultiArray message;
  message.layout.dim.resize(1);
  message.layout.dim[0].label = "bytes";
  message.layout.dim[0].size = kPayloadSize;
  message.layout.dim[0].stride = kPayloadSize;
  message.data = make_payload(kPayloadSize);
  return message;
}

// --- AddTwoInts request with its service header: 36 bytes (4 encapsulation + 16 + 16) --------

void BM_AddTwoIntsRequest_Encode(benchmark::State& state) {
  RequestHeader header = make_header();
  AddTwoIntsRequest request = make_request();
  std::vector<std::uint8_t> out;
  rclite::wire::encode_service_sample(header, request, out);  // size the buffer once
  for (auto _ : state) {
    benchmark::DoNotOptimize(header);  // the inputs may have changed: really encode them
    benchmark::DoNotOptimize(request);
    rclite::wire::encode_service_sample(header, request, out);
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();  // ... and the encoded bytes are observed
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(out.size()));
}
BENCHMARK(BM_AddTwoIntsRequest_Encode);

void BM_AddTwoIntsRequest_Decode(benchmark::State& state) {
  std::vector<std::uint8_t> sample;
  rclite::wire::encode_service_sample(make_header(), make_request(), sample);
  AddTwoIntsRequest request;
  if (rclite::wire::decode_service_sample(sample, request) != make_header() ||
      request != make_request()) {
    state.SkipWithError("AddTwoInts round trip mismatch");
    return;
  }
  for (auto _ : state) {
    benchmark::DoNotOptimize(sample.data());
    benchmark::ClobberMemory();  // the sample bytes may have changed: really read them
    RequestHeader header = rclite::wire::decode_service_sample(sample, request);
    benchmark::DoNotOptimize(header);
    benchmark::DoNotOptimize(request);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(sample.size()));
}
BENCHMARK(BM_AddTwoIntsRequest_Decode);

void BM_AddTwoIntsRequest_EncodeDecode(benchmark::State& state) {
  RequestHeader header = make_header();
  AddTwoIntsRequest request = make_request();
  AddTwoIntsRequest decoded;
  std::vector<std::uint8_t> sample;
  rclite::wire::encode_service_sample(header, request, sample);
  for (auto _ : state) {
    benchmark::DoNotOptimize(header);
    benchmark::DoNotOptimize(request);
    rclite::wire::encode_service_sample(header, request, sample);
    RequestHeader decoded_header = rclite::wire::decode_service_sample(sample, decoded);
    benchmark::DoNotOptimize(decoded_header);
    benchmark::DoNotOptimize(decoded);
  }
  if (decoded != request) state.SkipWithError("AddTwoInts round trip mismatch");
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(sample.size()));
}
BENCHMARK(BM_AddTwoIntsRequest_EncodeDecode);

// --- std_msgs/UInt8MultiArray with 1 MiB of data ----------------------------------------------

void BM_UInt8MultiArray1MiB_Encode(benchmark::State& state) {
  const std_msgs::msg::UInt8MultiArray message = make_array();
  std::vector<std::uint8_t> out;
  rclite::wire::encode(message, out);  // size the buffer once
  for (auto _ : state) {
    benchmark::DoNotOptimize(message.data.data());
    benchmark::ClobberMemory();  // the payload may have changed: really copy it
    rclite::wire::encode(message, out);
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();  // ... and the encoded bytes are observed
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(kPayloadSize));
}
BENCHMARK(BM_UInt8MultiArray1MiB_Encode);

void BM_UInt8MultiArray1MiB_Decode(benchmark::State& state) {
  const std_msgs::msg::UInt8MultiArray message = make_array();
  const std::vector<std::uint8_t> sample = rclite::wire::encode(message);
  std_msgs::msg::UInt8MultiArray decoded;
  rclite::wire::decode(sample, decoded);  // size the target once
  if (decoded != message) {
    state.SkipWithError("UInt8MultiArray round trip mismatch");
    return;
  }
  for (auto _ : state) {
    benchmark::DoNotOptimize(sample.data());
    benchmark::ClobberMemory();
    rclite::wire::decode(sample, decoded);
    benchmark::DoNotOptimize(decoded.data.data());
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(kPayloadSize));
}
BENCHMARK(BM_UInt8MultiArray1MiB_Decode);

void BM_UInt8MultiArray1MiB_EncodeDecode(benchmark::State& state) {
  const std_msgs::msg::UInt8MultiArray message = make_array();
  std::vector<std::uint8_t> sample = rclite::wire::encode(message);
  std_msgs::msg::UInt8MultiArray decoded;
  rclite::wire::decode(sample, decoded);
  for (auto _ : state) {
    benchmark::DoNotOptimize(message.data.data());
    benchmark::ClobberMemory();
    rclite::wire::encode(message, sample);
    rclite::wire::decode(sample, decoded);
    benchmark::DoNotOptimize(decoded.data.data());
    benchmark::ClobberMemory();
  }
  if (decoded != message) state.SkipWithError("UInt8MultiArray round trip mismatch");
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(kPayloadSize));
}
BENCHMARK(BM_UInt8MultiArray1MiB_EncodeDecode);

// --- Baseline: the same 1 MiB copied with memcpy between two preallocated buffers ---------------

void BM_Memcpy1MiB(benchmark::State& state) {
  const std::vector<std::uint8_t> source = make_payload(kPayloadSize);
  std::vector<std::uint8_t> destination(kPayloadSize);
  for (auto _ : state) {
    benchmark::DoNotOptimize(source.data());
    benchmark::ClobberMemory();  // the source may have changed: the copy cannot be hoisted
    std::memcpy(destination.data(), source.data(), kPayloadSize);
    benchmark::DoNotOptimize(destination.data());
    benchmark::ClobberMemory();  // ... and the copy is observed
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(kPayloadSize));
}
BENCHMARK(BM_Memcpy1MiB);

}  // namespace

BENCHMARK_MAIN();
