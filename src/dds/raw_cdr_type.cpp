// The raw CDR sertype/serdata for Cyclone DDS 0.10 (see raw_cdr_type.hpp).
//
// Cyclone facts this file relies on (libddsc 0.10.x):
//  * A serdata is refcounted; Cyclone calls ops->free when the count drops to 0. All ops
//    below are C callbacks and must not throw.
//  * Writing: dds_writecdr(writer, d) consumes one reference to `d` once it gets past the
//    writer lookup; it is not consumed when the handle is not a live writer (BAD_PARAMETER,
//    ALREADY_DELETED, ILLEGAL_OPERATION). If d->type is not the writer's sertype, Cyclone
//    converts it (to_ser + from_ser_iov: a second copy), so write_raw uses the topic's own
//    sertype. dds_write(writer, &RawSampleBuffer) goes through from_sample instead.
//  * Receiving over the network calls from_ser with the fragment chain and the payload size
//    (RTPS pads payloads to a multiple of 4, so that is what a remote reader gets); local
//    delivery hands the writer's serdata to readers of the same sertype as-is.
//  * Cyclone may ask to_ser/to_ser_ref for up to alignup4(size) bytes: the buffer keeps
//    zeroed padding up to that length so nothing uninitialised reaches the wire.
//  * Instances of keyless topics: the tkmap keeps to_untyped() of a sample and hands it back
//    (through dds_takecdr) for invalid samples; it has no type (type == nullptr here).
#include "raw_cdr_type.hpp"

#include "tsan_handoff.hpp"

#include <dds/ddsi/ddsi_keyhash.h>
#include <dds/ddsi/ddsi_serdata.h>
#include <dds/ddsi/ddsi_sertype.h>
#include <dds/ddsi/q_radmin.h>

#include <bit>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <mutex>
#include <new>
#include <string>
#include <unordered_map>
#include <utility>

namespace rclite::dds {
namespace {

// ---------------------------------------------------------------------------------------------
// serdata: the Cyclone header, the sample size, then the bytes, in one allocation; or, for a large
// sample a writer hands over (RawWriter::write_taking), the header and the writer's own buffer.

struct RawSerdata {
  ddsi_serdata c;                       // first member: Cyclone only knows this part
  std::uint32_t size = 0;               // sample bytes, encapsulation header included
  std::uint8_t* bytes = nullptr;        // the sample, then zeros up to align4(size)
  std::vector<std::uint8_t> taken;      // the writer's buffer `bytes` points into, if taken over
  // followed (unless taken over) by align4(size) bytes: the sample, then zeros
};

// The largest sample: sizes are uint32_t in Cyclone, and the padded length must fit too.
constexpr std::size_t kMaxSampleSize = std::numeric_limits<std::uint32_t>::max() - 3;

constexpr std::size_t align4(std::size_t n) { return (n + 3) & ~std::size_t{3}; }

// CDR_LE / CDR_BE (XCDR1, PLAIN_CDR), options 0: what a key-only sample carries.
constexpr std::uint8_t kNativeEncapsulation[kEncapsulationHeaderSize] = {
    0x00, std::endian::native == std::endian::little ? std::uint8_t{0x01} : std::uint8_t{0x00}, 0x00,
    0x00};

RawSerdata* as_raw(ddsi_serdata* d) { return reinterpret_cast<RawSerdata*>(d); }
const RawSerdata* as_raw(const ddsi_serdata* d) { return reinterpret_cast<const RawSerdata*>(d); }
std::uint8_t* payload(RawSerdata* d) { return d->bytes; }
const std::uint8_t* payload(const RawSerdata* d) { return d->bytes; }

// A serdata with room for `inline_size` bytes after its header (contents to be filled in by the
// caller, padding zeroed), sized `size`. nullptr if too large or out of memory.
RawSerdata* allocate_serdata(const ddsi_sertype* type, ddsi_serdata_kind kind, std::size_t size,
                             std::size_t inline_size) noexcept {
  if (size > kMaxSampleSize) return nullptr;
  taken_over(type);
  void* memory = std::malloc(sizeof(RawSerdata) + align4(inline_size));
  if (memory == nullptr) return nullptr;
  auto* d = new (memory) RawSerdata{};
  ddsi_serdata_init(&d->c, type, kind);
  // Keyless: every sample has the same (empty) key, so all must hash alike. The basehash
  // depends only on the serdata ops, i.e. it is the same for every raw sertype.
  d->c.hash = type->serdata_basehash;
  d->size = static_cast<std::uint32_t>(size);
  d->bytes = reinterpret_cast<std::uint8_t*>(d + 1);
  std::memset(d->bytes + inline_size, 0, align4(inline_size) - inline_size);
  handed_over(type);
  return d;
}

RawSerdata* allocate_serdata(const ddsi_sertype* type, ddsi_serdata_kind kind, std::size_t size) noexcept {
  return allocate_serdata(type, kind, size, size);
}

void destroy_serdata(RawSerdata* d) noexcept {
  d->~RawSerdata();
  std::free(d);
}

RawSerdata* make_data(const ddsi_sertype* type, std::span<const std::uint8_t> bytes) noexcept {
  RawSerdata* d = allocate_serdata(type, SDK_DATA, bytes.size());
  if (d != nullptr && !bytes.empty()) std::memcpy(payload(d), bytes.data(), bytes.size());
  if (d != nullptr) handed_over(d);
  return d;
}

// A key-only sample (dispose/unregister, keyhash, untyped): keyless, so just the header.
RawSerdata* make_key(const ddsi_sertype* type) noexcept {
  RawSerdata* d = allocate_serdata(type, SDK_KEY, kEncapsulationHeaderSize);
  if (d != nullptr) std::memcpy(payload(d), kNativeEncapsulation, kEncapsulationHeaderSize);
  if (d != nullptr) handed_over(d);
  return d;
}

bool serdata_eqkey(const ddsi_serdata*, const ddsi_serdata*) { return true; }  // keyless

std::uint32_t serdata_get_size(const ddsi_serdata* d) {
  CallbackTurn turn(d);
  return as_raw(d)->size;
}

ddsi_serdata* serdata_from_ser(const ddsi_sertype* type, ddsi_serdata_kind kind, const nn_rdata* fragchain,
                               std::size_t size) {
  if (kind != SDK_DATA) {
    RawSerdata* key = make_key(type);
    return key != nullptr ? &key->c : nullptr;
  }
  RawSerdata* d = allocate_serdata(type, SDK_DATA, size);
  if (d == nullptr) return nullptr;
  // Fragments are byte ranges [min, maxp1) of the sample, in order, possibly overlapping.
  std::uint8_t* out = payload(d);
  std::size_t filled = 0;
  for (const nn_rdata* frag = fragchain; frag != nullptr && filled < size; frag = frag->nextfrag) {
    if (frag->min > filled) break;  // a hole: cannot happen for a complete sample
    if (frag->maxp1 <= filled) continue;
    const std::size_t end = std::min<std::size_t>(frag->maxp1, size);
    const unsigned char* src = NN_RMSG_PAYLOADOFF(frag->rmsg, NN_RDATA_PAYLOAD_OFF(frag));
    std::memcpy(out + filled, src + (filled - frag->min), end - filled);
    filled = end;
  }
  if (filled < size) {
    destroy_serdata(d);
    return nullptr;
  }
  handed_over(d);
  return &d->c;
}

ddsi_serdata* serdata_from_ser_iov(const ddsi_sertype* type, ddsi_serdata_kind kind, ddsrt_msg_iovlen_t niov,
                                   const ddsrt_iovec_t* iov, std::size_t size) {
  if (kind != SDK_DATA) {
    RawSerdata* key = make_key(type);
    return key != nullptr ? &key->c : nullptr;
  }
  RawSerdata* d = allocate_serdata(type, SDK_DATA, size);
  if (d == nullptr) return nullptr;
  std::size_t filled = 0;
  for (ddsrt_msg_iovlen_t i = 0; i < niov && filled < size; ++i) {
    const std::size_t n = std::min<std::size_t>(iov[i].iov_len, size - filled);
    if (n > 0) std::memcpy(payload(d) + filled, iov[i].iov_base, n);
    filled += n;
  }
  if (filled < size) {
    destroy_serdata(d);
    return nullptr;
  }
  handed_over(d);
  return &d->c;
}

ddsi_serdata* serdata_from_keyhash(const ddsi_sertype* type, const ddsi_keyhash*) {
  RawSerdata* key = make_key(type);
  return key != nullptr ? &key->c : nullptr;
}

ddsi_serdata* serdata_from_sample(const ddsi_sertype* type, ddsi_serdata_kind kind, const void* sample) {
  if (kind != SDK_DATA) {
    RawSerdata* key = make_key(type);
    return key != nullptr ? &key->c : nullptr;
  }
  const auto& bytes = static_cast<const RawSampleBuffer*>(sample)->bytes;
  if (bytes.size() < kEncapsulationHeaderSize) return nullptr;  // dds_write: BAD_PARAMETER
  RawSerdata* d = make_data(type, bytes);
  return d != nullptr ? &d->c : nullptr;
}

void serdata_to_ser(const ddsi_serdata* d, std::size_t off, std::size_t sz, void* buf) {
  CallbackTurn turn(d);
  // Cyclone stays within align4(size), which the allocation covers; clamp anyway.
  const RawSerdata* raw = as_raw(d);
  const std::size_t available = align4(raw->size);
  const std::size_t n = off < available ? std::min(sz, available - off) : 0;
  if (n > 0) std::memcpy(buf, payload(raw) + off, n);
  if (n < sz) std::memset(static_cast<std::uint8_t*>(buf) + n, 0, sz - n);
}

ddsi_serdata* serdata_to_ser_ref(const ddsi_serdata* d, std::size_t off, std::size_t sz, ddsrt_iovec_t* ref) {
  CallbackTurn turn(d);
  CallbackTurn ref_turn(ref);  // Cyclone's own buffer, reused by its threads
  const RawSerdata* raw = as_raw(d);
  const std::size_t available = align4(raw->size);
  const std::size_t start = std::min(off, available);
  ref->iov_base = const_cast<std::uint8_t*>(payload(raw) + start);
  ref->iov_len = static_cast<decltype(ref->iov_len)>(std::min(sz, available - start));
  return ddsi_serdata_ref(d);
}

void serdata_to_ser_unref(ddsi_serdata* d, const ddsrt_iovec_t*) {
  drop_reference([d] { ddsi_serdata_unref(d); });
}

bool serdata_to_sample(const ddsi_serdata* d, void* sample, void**, void*) {
  CallbackTurn turn(d);
  auto& out = static_cast<RawSampleBuffer*>(sample)->bytes;
  try {
    if (d->kind == SDK_DATA) {
      const RawSerdata* raw = as_raw(d);
      out.assign(payload(raw), payload(raw) + raw->size);
    } else {
      out.clear();
    }
    return true;
  } catch (...) {
    return false;
  }
}

ddsi_serdata* serdata_to_untyped(const ddsi_serdata* d) {
  if (d->type == nullptr) return ddsi_serdata_ref(d);  // already untyped
  RawSerdata* key = make_key(d->type);
  if (key == nullptr) std::abort();  // Cyclone does not expect failure here (it aborts on OOM too)
  key->c.type = nullptr;             // may outlive the sertype: never look at it
  handed_over(key);
  return &key->c;
}

bool serdata_untyped_to_sample(const ddsi_sertype*, const ddsi_serdata*, void* sample, void**, void*) {
  if (sample != nullptr) static_cast<RawSampleBuffer*>(sample)->bytes.clear();
  return true;
}

void serdata_free(ddsi_serdata* d) {
  taken_over(d);
  destroy_serdata(as_raw(d));
}

std::size_t serdata_print(const ddsi_sertype*, const ddsi_serdata* d, char* buf, std::size_t bufsize) {
  CallbackTurn turn(d);
  constexpr std::size_t kShown = 32;
  const RawSerdata* raw = as_raw(d);
  const bool is_data = d->kind == SDK_DATA;
  int n = std::snprintf(buf, bufsize, "%s(%" PRIu32 " bytes)", is_data ? "raw" : "key", raw->size);
  if (n < 0) {
    buf[0] = '\0';
    return 0;
  }
  std::size_t pos = static_cast<std::size_t>(n);
  const std::size_t shown = is_data ? std::min<std::size_t>(raw->size, kShown) : 0;
  for (std::size_t i = 0; i < shown && pos < bufsize; ++i) {
    n = std::snprintf(buf + pos, bufsize - pos, " %02x", static_cast<unsigned>(payload(raw)[i]));
    if (n < 0) break;
    pos += static_cast<std::size_t>(n);
  }
  if (is_data && raw->size > kShown && pos < bufsize) {
    n = std::snprintf(buf + pos, bufsize - pos, " ...");
    if (n > 0) pos += static_cast<std::size_t>(n);
  }
  return pos < bufsize ? pos : bufsize - 1;  // truncated: "pretend it printed in full"
}

void serdata_get_keyhash(const ddsi_serdata*, ddsi_keyhash* buf, bool) {
  std::memset(buf->value, 0, sizeof buf->value);  // keyless
}

const ddsi_serdata_ops kRawSerdataOps = {
    .eqkey = serdata_eqkey,
    .get_size = serdata_get_size,
    .from_ser = serdata_from_ser,
    .from_ser_iov = serdata_from_ser_iov,
    .from_keyhash = serdata_from_keyhash,
    .from_sample = serdata_from_sample,
    .to_ser = serdata_to_ser,
    .to_ser_ref = serdata_to_ser_ref,
    .to_ser_unref = serdata_to_ser_unref,
    .to_sample = serdata_to_sample,
    .to_untyped = serdata_to_untyped,
    .untyped_to_sample = serdata_untyped_to_sample,
    .free = serdata_free,
    .print = serdata_print,
    .get_keyhash = serdata_get_keyhash,
#ifdef DDS_HAS_SHM
    // Shared-memory (iceoryx) ops: only used when SharedMemory is enabled in the configuration.
    .get_sample_size = nullptr,
    .from_iox_buffer = nullptr,
#endif
};

// ---------------------------------------------------------------------------------------------
// Which topics are raw, and their sertype: write_raw builds its serdata with the writer's own
// sertype (the one registered for its topic), so Cyclone uses it without converting.
//
// Entries are keyed by topic handle and also record the topic's instance handle, which
// Cyclone never reuses within a process: an entry is only used for the very topic it was
// made for, and while a writer of that topic exists the topic (hence its sertype) does too.
// The sertype's free op erases its entries, so no entry ever holds a dangling pointer.

class RawTopicRegistry {
 public:
  void add(dds_entity_t topic, dds_instance_handle_t instance, const ddsi_sertype* type) {
    std::lock_guard lock(mutex_);
    topics_[topic] = Entry{type, instance};
  }

  // The sertype of `topic` if it is a raw topic created as `instance`, else nullptr.
  const ddsi_sertype* find(dds_entity_t topic, dds_instance_handle_t instance) const {
    std::lock_guard lock(mutex_);
    const auto it = topics_.find(topic);
    return it != topics_.end() && it->second.instance == instance ? it->second.type : nullptr;
  }

  // From the sertype free op: `type` is going away.
  void forget(const ddsi_sertype* type) noexcept {
    try {
      std::lock_guard lock(mutex_);
      std::erase_if(topics_, [type](const auto& entry) { return entry.second.type == type; });
    } catch (...) {
      std::abort();  // a dangling entry would be worse
    }
  }

  // Drops entries whose topic no longer exists (keeps the map small).
  void prune() {
    std::vector<std::pair<dds_entity_t, Entry>> entries;
    {
      std::lock_guard lock(mutex_);
      entries.assign(topics_.begin(), topics_.end());
    }
    for (const auto& [topic, entry] : entries) {
      dds_instance_handle_t instance = 0;  // no Cyclone call while holding mutex_
      if (dds_get_instance_handle(topic, &instance) == DDS_RETCODE_OK && instance == entry.instance) continue;
      std::lock_guard lock(mutex_);
      const auto it = topics_.find(topic);
      if (it != topics_.end() && it->second.instance == entry.instance) topics_.erase(it);
    }
  }

 private:
  struct Entry {
    const ddsi_sertype* type;
    dds_instance_handle_t instance;
  };
  mutable std::mutex mutex_;
  std::unordered_map<dds_entity_t, Entry> topics_;
};

RawTopicRegistry& registry() {
  // Never destroyed: Cyclone may free sertypes (calling forget) during its own atexit cleanup.
  static auto* instance = new RawTopicRegistry;
  return *instance;
}

// ---------------------------------------------------------------------------------------------
// sertype: just the generic part (type name, flags); every sample is a RawSampleBuffer.

void sertype_free(ddsi_sertype* type) {
  taken_over(type);
  registry().forget(type);
  ddsi_sertype_fini(type);
  delete type;
}

// Samples come in arrays (Cyclone strides through them from the first pointer).
void sertype_zero_samples(const ddsi_sertype*, void* samples, std::size_t count) {
  auto* array = static_cast<RawSampleBuffer*>(samples);
  for (std::size_t i = 0; i < count; ++i) array[i].bytes.clear();
}

void sertype_realloc_samples(void** ptrs, const ddsi_sertype*, void* old, std::size_t oldcount, std::size_t count) {
  auto* array = static_cast<RawSampleBuffer*>(old);
  if (array == nullptr || count != oldcount) {
    RawSampleBuffer* grown = new (std::nothrow) RawSampleBuffer[count];
    if (grown == nullptr) std::abort();  // no way to report it; Cyclone's own allocator aborts too
    if (array != nullptr) {
      for (std::size_t i = 0; i < std::min(oldcount, count); ++i) grown[i].bytes = std::move(array[i].bytes);
      delete[] array;
    }
    array = grown;
  }
  for (std::size_t i = 0; i < count; ++i) ptrs[i] = &array[i];
}

void sertype_free_samples(const ddsi_sertype*, void** ptrs, std::size_t count, dds_free_op_t op) {
  auto* array = static_cast<RawSampleBuffer*>(ptrs[0]);
  if (array == nullptr) return;
  if (op & DDS_FREE_CONTENTS_BIT) {
    for (std::size_t i = 0; i < count; ++i) std::vector<std::uint8_t>().swap(array[i].bytes);
  }
  if (op & DDS_FREE_ALL_BIT) delete[] array;  // allocated by sertype_realloc_samples
}

// Cyclone already compared type name, ops and keylessness; nothing else distinguishes them.
bool sertype_equal(const ddsi_sertype*, const ddsi_sertype*) { return true; }
std::uint32_t sertype_hash(const ddsi_sertype*) { return 0; }

std::size_t sertype_get_serialized_size(const ddsi_sertype*, const void* sample) {
  return static_cast<const RawSampleBuffer*>(sample)->bytes.size();
}

bool sertype_serialize_into(const ddsi_sertype*, const void* sample, void* dst, std::size_t dst_size) {
  const auto& bytes = static_cast<const RawSampleBuffer*>(sample)->bytes;
  if (bytes.size() > dst_size) return false;
  if (!bytes.empty()) std::memcpy(dst, bytes.data(), bytes.size());
  return true;
}

const ddsi_sertype_ops kRawSertypeOps = {
    .version = ddsi_sertype_v0,
    .arg = nullptr,
    .free = sertype_free,
    .zero_samples = sertype_zero_samples,
    .realloc_samples = sertype_realloc_samples,
    .free_samples = sertype_free_samples,
    .equal = sertype_equal,
    .hash = sertype_hash,
    // No XTypes type information: Cyclone then matches endpoints by type name (spec §2).
    .type_id = nullptr,
    .type_map = nullptr,
    .type_info = nullptr,
    .derive_sertype = nullptr,  // XCDR1 only: readers/writers use the topic's sertype itself
    .get_serialized_size = sertype_get_serialized_size,
    .serialize_into = sertype_serialize_into,
};

ddsi_sertype* make_sertype(const std::string& type_name) {
  auto* type = new ddsi_sertype{};
  ddsi_sertype_init_flags(type, type_name.c_str(), &kRawSertypeOps, &kRawSerdataOps,
                          DDSI_SERTYPE_FLAG_TOPICKIND_NO_KEY);
  type->allowed_data_representation = DDS_DATA_REPRESENTATION_FLAG_XCDR1;
  handed_over(type);
  return type;  // refcount 1, owned by the caller
}

}  // namespace

dds_entity_t create_raw_topic(dds_entity_t participant, const std::string& topic_name,
                              const std::string& type_name) {
  ddsi_sertype* type = make_sertype(type_name);
  // On success Cyclone takes over our reference and sets `type` to the sertype the topic
  // really uses: ours, or an equal one already registered in the domain (ours is then freed).
  // That pointer is not counted; it lives as long as some topic uses it. On failure the
  // reference stays ours.
  const dds_entity_t topic =
      dds_create_topic_sertype(participant, topic_name.c_str(), &type, nullptr, nullptr, nullptr);
  if (topic < 0) {
    ddsi_sertype_unref(type);
    throw DdsError(topic, "dds_create_topic_sertype(\"" + topic_name + "\", \"" + type_name + "\")");
  }
  try {
    dds_instance_handle_t instance = 0;
    const dds_return_t rc = dds_get_instance_handle(topic, &instance);
    if (rc != DDS_RETCODE_OK) throw DdsError(rc, "dds_get_instance_handle (topic)");
    registry().prune();
    registry().add(topic, instance, type);
  } catch (...) {
    dds_delete(topic);
    throw;
  }
  return topic;
}

RawWriter::RawWriter(dds_entity_t writer) : writer_(writer) {
  const dds_entity_t topic = dds_get_topic(writer);
  if (topic < 0) throw DdsError(topic, "write_raw: dds_get_topic");
  dds_instance_handle_t instance = 0;
  const dds_return_t found = dds_get_instance_handle(topic, &instance);
  if (found != DDS_RETCODE_OK) throw DdsError(found, "write_raw: dds_get_instance_handle (topic)");
  type_ = registry().find(topic, instance);
  if (type_ == nullptr) {
    throw DdsError(DDS_RETCODE_ILLEGAL_OPERATION, "write_raw: the writer's topic is not a raw topic");
  }
}

namespace {

void check_sample_size(std::size_t size) {
  if (size < kEncapsulationHeaderSize || size > kMaxSampleSize) {
    throw DdsError(DDS_RETCODE_BAD_PARAMETER, "write_raw: a sample of " + std::to_string(size) + " bytes");
  }
}

// Hands `d` (one reference) to `writer`.
void write_serdata(dds_entity_t writer, RawSerdata* d) {
  const dds_return_t rc = dds_writecdr(writer, &d->c);
  if (rc == DDS_RETCODE_OK) return;
  // Rejected before the write proper (not a live writer): the reference is still ours.
  if (rc == DDS_RETCODE_BAD_PARAMETER || rc == DDS_RETCODE_ALREADY_DELETED || rc == DDS_RETCODE_ILLEGAL_OPERATION) {
    ddsi_serdata_unref(&d->c);
  }
  throw DdsError(rc, "dds_writecdr");
}

}  // namespace

void RawWriter::write(std::span<const std::uint8_t> sample) const {
  check_sample_size(sample.size());
  RawSerdata* d = make_data(type_, sample);
  if (d == nullptr) throw DdsError(DDS_RETCODE_OUT_OF_RESOURCES, "write_raw: allocating the sample");
  write_serdata(writer_, d);
}

void RawWriter::write_taking(std::vector<std::uint8_t>& sample) const {
  const std::size_t size = sample.size();
  // Small samples are copied (cheaper than an allocation), as are those not padded to 4 bytes
  // (the serdata must hold zeros up to align4(size)).
  if (size < kTakeOverSize || size % 4 != 0) return write(sample);
  check_sample_size(size);
  RawSerdata* d = allocate_serdata(type_, SDK_DATA, size, 0);
  if (d == nullptr) throw DdsError(DDS_RETCODE_OUT_OF_RESOURCES, "write_raw: allocating the sample");
  const std::size_t capacity = sample.capacity();
  d->taken = std::move(sample);
  d->bytes = d->taken.data();
  handed_over(d);
  sample = std::vector<std::uint8_t>();
  write_serdata(writer_, d);
  try {
    sample.reserve(capacity);  // the next sample is likely as large: encoded without regrowing
  } catch (const std::bad_alloc&) {  // the next encode allocates as it goes
  }
}

void write_raw(dds_entity_t writer, std::span<const std::uint8_t> sample) {
  check_sample_size(sample.size());
  RawWriter(writer).write(sample);
}

namespace detail {

std::size_t TakeBatch::take(dds_entity_t reader_or_condition, std::size_t max) {
  release();
  const auto want = static_cast<std::uint32_t>(std::min(max, kCapacity));
  if (want == 0) return 0;
  const dds_return_t n = dds_takecdr(reader_or_condition, samples_.data(), want, infos_.data(), DDS_ANY_STATE);
  if (n < 0) throw DdsError(n, "dds_takecdr");
  count_ = static_cast<std::size_t>(n);
  for (std::size_t i = 0; i < count_; ++i) {
    if (samples_[i] != nullptr) taken_over(samples_[i]);
  }
  for (std::size_t i = 0; i < count_; ++i) {
    views_[i] = {};
    refs_[i] = nullptr;
    ddsi_serdata* d = samples_[i];
    if (!infos_[i].valid_data || d == nullptr) continue;
    if (d->ops == &kRawSerdataOps) {
      const RawSerdata* raw = as_raw(d);
      views_[i] = {payload(raw), raw->size};
    } else {  // another sertype's sample (not a raw topic): borrow its serialized form
      ddsrt_iovec_t iov{};
      refs_[i] = ddsi_serdata_to_ser_ref(d, 0, ddsi_serdata_size(d), &iov);
      views_[i] = {static_cast<const std::uint8_t*>(iov.iov_base), static_cast<std::size_t>(iov.iov_len)};
    }
  }
  return count_;
}

void TakeBatch::release() noexcept {
  for (std::size_t i = 0; i < count_; ++i) {
    if (refs_[i] != nullptr) {
      ddsrt_iovec_t iov{};
      iov.iov_base = const_cast<std::uint8_t*>(views_[i].data());
      iov.iov_len = views_[i].size();
      ddsi_serdata* ref = refs_[i];
      drop_reference([ref, &iov] { ddsi_serdata_to_ser_unref(ref, &iov); });
      refs_[i] = nullptr;
    }
    if (samples_[i] != nullptr) {
      handed_over(samples_[i]);
      ddsi_serdata* d = samples_[i];
      drop_reference([d] { ddsi_serdata_unref(d); });
    }
    samples_[i] = nullptr;
  }
  count_ = 0;
}

}  // namespace detail
}  // namespace rclite::dds
