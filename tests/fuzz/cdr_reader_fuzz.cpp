// libFuzzer target for the CDR reader (make fuzz-test), over every bundled type.
//
// The first input byte, modulo the number of entries, picks an entry of kTypes: every bundled
// message (in the order of RCLITE_FOR_EACH_BUNDLED_MESSAGE), then the request and the reply of
// every bundled service (RCLITE_FOR_EACH_BUNDLED_SERVICE), read as service samples with their
// 16-byte header. The rest is decoded as a sample of that type. Malformed input
// must end in rclite::wire::CdrError and nothing else: any other exception escapes, terminates
// and is reported by libFuzzer, as are sanitizer findings. Besides:
//   * decoding must not allocate much more than the sample's size, whether it succeeds or not:
//     the reader checks every length against the bytes that remain before it allocates, so
//     neither a single allocation nor the decoded value may be more than a few times the sample;
//   * a sample that decodes must survive a round trip: encode(decode(encode(x))) == encode(x).
//     Re-encoded bytes are compared rather than values, because a NaN makes operator== false.
#include <sanitizer/allocator_interface.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <span>
#include <vector>

#include "all_bundled_types.hpp"
#include "rclite/wire/cdr.hpp"

namespace {

using rclite::wire::CdrErrc;
using rclite::wire::CdrError;
using rclite::wire::RequestHeader;
using Bytes = std::vector<std::uint8_t>;
using Sample = std::span<const std::uint8_t>;

// Allocation bounds, in bytes per sample byte. A vector of n elements is accepted only if n is at
// most remaining/min_wire_size, so an honest allocation is at most sizeof(T)/min_wire_size(T)
// times the sample; among the bundled types that ratio peaks at 8 (std::string, KeyValue,
// TypeSource: 4 bytes on the wire, 32 or more in memory). A missing or loosened length check
// shows up as tens or thousands.
constexpr std::size_t kAllocationPerByte = 16;
constexpr std::size_t kSingleAllocationSlack = 1024;  // error messages and other small things
constexpr std::size_t kRetainedSlack = 64 * 1024;

[[noreturn]] void fail(const char* type, const char* what) {
  std::fprintf(stderr, "cdr_reader_fuzz: %s: %s\n", type, what);
  std::abort();
}

// The largest single allocation made while a Watch is alive (sanitizer malloc hook; the fuzzer is
// single-threaded).
std::size_t g_largest_allocation = 0;
bool g_watching = false;

void malloc_hook(const volatile void*, std::size_t size) {
  if (g_watching && size > g_largest_allocation) g_largest_allocation = size;
}
void free_hook(const volatile void*) {}

// Watches the allocations of one decode: the largest single one, and the heap bytes still held
// by the decoded value afterwards.
class AllocationWatch {
 public:
  AllocationWatch(const char* type, std::size_t sample_size)
      : type_(type),
        sample_size_(sample_size),
        before_(__sanitizer_get_current_allocated_bytes()) {
    g_largest_allocation = 0;
    g_watching = true;
  }
  AllocationWatch(const AllocationWatch&) = delete;
  AllocationWatch& operator=(const AllocationWatch&) = delete;

  // Checks the largest allocation (also on the way out of a decode that threw).
  ~AllocationWatch() {
    g_watching = false;
    if (g_largest_allocation > kAllocationPerByte * sample_size_ + kSingleAllocationSlack) {
      report("a single allocation of", g_largest_allocation);
    }
  }

  // Called after a successful decode while the value is alive.
  void check_retained() const {
    const std::size_t after = __sanitizer_get_current_allocated_bytes();
    const std::size_t retained = after > before_ ? after - before_ : 0;
    if (retained > kAllocationPerByte * sample_size_ + kRetainedSlack) {
      report("a decoded value holding", retained);
    }
  }

 private:
  [[noreturn]] void report(const char* what, std::size_t bytes) const {
    std::fprintf(stderr, "cdr_reader_fuzz: %s: %s %zu heap bytes for a %zu-byte sample\n", type_,
                 what, bytes, sample_size_);
    std::abort();
  }

  const char* type_;
  std::size_t sample_size_;
  std::size_t before_;
};

// Encodes a value the reader produced. The reader does not enforce the bounds of bounded strings
// and sequences (`string<=256`, `T[<=1]`), the writer does: such a value is not re-encodable, and
// that is the only CdrError encoding may raise. Returns false for it.
template <class Encode>
bool encode_decoded(const char* type, Encode&& encode) {
  try {
    encode();
    return true;
  } catch (const CdrError& error) {
    if (error.code() == CdrErrc::bound_exceeded) return false;
    fail(type, error.what());
  }
}

template <class T>
void fuzz_message(const char* type, Sample sample) {
  T first;
  {
    AllocationWatch watch(type, sample.size());
    try {
      rclite::wire::decode(sample, first);
    } catch (const CdrError&) {
      return;  // malformed input, rejected as it should be
    }
    watch.check_retained();
  }

  Bytes encoded;
  if (!encode_decoded(type, [&] { rclite::wire::encode(first, encoded); })) return;
  T second;
  try {
    rclite::wire::decode(Sample(encoded), second);
  } catch (const CdrError& error) {
    fail(type, error.what());  // our own encoding must decode
  }
  Bytes reencoded;
  if (!encode_decoded(type, [&] { rclite::wire::encode(second, reencoded); })) {
    fail(type, "the re-decoded value exceeds a bound the first one did not");
  }
  if (reencoded != encoded) fail(type, "encode(decode(encode(x))) != encode(x)");
}

template <class T>
void fuzz_service_sample(const char* type, Sample sample) {
  T first;
  RequestHeader first_header;
  {
    AllocationWatch watch(type, sample.size());
    try {
      first_header = rclite::wire::decode_service_sample(sample, first);
    } catch (const CdrError&) {
      return;
    }
    watch.check_retained();
  }

  Bytes encoded;
  if (!encode_decoded(type,
                      [&] { rclite::wire::encode_service_sample(first_header, first, encoded); })) {
    return;
  }
  T second;
  RequestHeader second_header;
  try {
    second_header = rclite::wire::decode_service_sample(Sample(encoded), second);
  } catch (const CdrError& error) {
    fail(type, error.what());
  }
  if (second_header != first_header) fail(type, "the service header did not survive a round trip");
  Bytes reencoded;
  if (!encode_decoded(type, [&] {
        rclite::wire::encode_service_sample(second_header, second, reencoded);
      })) {
    fail(type, "the re-decoded value exceeds a bound the first one did not");
  }
  if (reencoded != encoded) fail(type, "encode(decode(encode(x))) != encode(x)");
}

struct FuzzedType {
  const char* name;
  void (*fuzz)(const char* name, Sample sample);
};

#define RCLITE_FUZZ_MESSAGE(T) FuzzedType{#T, &fuzz_message<T>},
#define RCLITE_FUZZ_SERVICE(T)                                         \
  FuzzedType{#T "::Request", &fuzz_service_sample<T::Request>}, \
      FuzzedType{#T "::Response", &fuzz_service_sample<T::Response>},
constexpr FuzzedType kTypes[] = {RCLITE_FOR_EACH_BUNDLED_MESSAGE(RCLITE_FUZZ_MESSAGE)
                                     RCLITE_FOR_EACH_BUNDLED_SERVICE(RCLITE_FUZZ_SERVICE)};
#undef RCLITE_FUZZ_MESSAGE
#undef RCLITE_FUZZ_SERVICE
constexpr std::size_t kTypeCount = sizeof kTypes / sizeof kTypes[0];
static_assert(kTypeCount <= 256, "one selector byte no longer picks every type");

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  if (__sanitizer_install_malloc_and_free_hooks(malloc_hook, free_hook) == 0) {
    std::fprintf(stderr, "cdr_reader_fuzz: could not install the malloc hook\n");
    std::abort();
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const FuzzedType& type = kTypes[data[0] % kTypeCount];
  type.fuzz(type.name, Sample(data + 1, size - 1));
  return 0;
}
