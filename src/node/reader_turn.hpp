// One executor turn of an executable fed by a DDS reader (a service's request reader, a
// subscription's reader): what services and subscriptions share.
#pragma once

#include <dds/dds.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <span>

#include "../dds/raw_cdr_type.hpp"
#include "executable.hpp"

namespace rclite::detail {

// Samples a mutually exclusive executable handles per executor turn at most (then the others of
// the queue get a turn).
inline constexpr std::size_t kSamplesPerTurn = 16;

// A mutually exclusive group handles up to kSamplesPerTurn samples per turn, a reentrant one a
// single sample, after calling `requeue()` so that another executor thread can take the next one
// meanwhile. Samples are taken one at a time, each right before it is handled: when `on_sample`
// throws (a user callback did), the samples not handled yet are still in the reader, and the
// executor queues the executable again before the exception leaves spin*. The take happens under
// `take_mutex`, and only while `is_open()`; `on_sample(bytes, info)` runs after it, for a sample with
// data. Returns whether a sample was handled and whether there may be more (Turn). `waiting`, when
// given, counts the samples in the reader (a service's bound on waiting requests): each take, with
// data or not, decrements it.
template <class IsOpen, class Requeue, class OnSample>
Turn run_reader_turn(const Executable& executable, dds_entity_t reader, std::mutex& take_mutex, IsOpen is_open,
                     Requeue requeue, OnSample on_sample, std::atomic<std::int64_t>* waiting = nullptr) {
  const bool reentrant = executable.group().type() == CallbackGroupType::Reentrant;
  const std::size_t turn = reentrant ? 1 : kSamplesPerTurn;
  bool ran = false;
  for (std::size_t handled = 0; handled < turn; ++handled) {
    dds::detail::TakeBatch batch;  // holds a reference to the sample, valid after a close() too
    {
      std::lock_guard take_lock(take_mutex);
      if (!is_open()) return Turn{ran, false};
      if (batch.take(reader, 1) == 0) {
        // Empty: the count is 0 whatever it says (a listener call without a sample stored, e.g. a
        // writer leaving, would otherwise stay counted for good; a sample stored meanwhile is
        // counted one too few, which only loosens the bound until the next empty take).
        if (waiting != nullptr) waiting->store(0);
        return Turn{ran, false};  // a sample arriving later queues us again
      }
      if (waiting != nullptr) waiting->fetch_sub(1);
    }
    if (reentrant) requeue();
    if (batch.info(0).valid_data) {
      ran = true;  // before the callback: one that throws has run too
      on_sample(batch.bytes(0), batch.info(0));
    }
  }
  return Turn{ran, true};
}

// Owns a dds_listener_t: entities copy their listener, so ours can go once they exist.
struct ListenerDeleter {
  void operator()(dds_listener_t* listener) const { dds_delete_listener(listener); }
};
using ListenerPtr = std::unique_ptr<dds_listener_t, ListenerDeleter>;

}  // namespace rclite::detail
