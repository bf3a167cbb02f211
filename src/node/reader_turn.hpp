// One executor turn of an executable fed by a DDS reader (a service's request reader, a
// subscription's reader): what services and subscriptions share.
#pragma once

#include <dds/dds.h>

#include <memory>
#include <mutex>
#include <span>

#include "../dds/raw_cdr_type.hpp"
#include "executable.hpp"

namespace rclite::detail {

// Samples a mutually exclusive executable handles per executor turn.
inline constexpr std::size_t kSamplesPerTurn = 16;

// A mutually exclusive group handles a batch per turn (fewer takes and queue round trips); a
// reentrant one takes a single sample and calls `requeue()` at once, so that another executor thread
// can take the next sample meanwhile. The take happens under `take_mutex`, and only while `is_open()`;
// `on_sample(bytes, info)` runs after it, for each sample with data. Returns false when there was
// nothing to take (the executor then does not queue the executable again).
template <class IsOpen, class Requeue, class OnSample>
bool run_reader_turn(const Executable& executable, dds_entity_t reader, std::mutex& take_mutex, IsOpen is_open,
                     Requeue requeue, OnSample on_sample) {
  const bool reentrant = executable.group().type() == CallbackGroupType::Reentrant;
  dds::detail::TakeBatch batch;  // holds references to the samples, valid after a close() too
  {
    std::lock_guard take_lock(take_mutex);
    if (!is_open()) return false;
    if (batch.take(reader, reentrant ? 1 : kSamplesPerTurn) == 0) return false;
  }
  if (reentrant) requeue();
  for (std::size_t i = 0; i < batch.size(); ++i) {
    if (batch.info(i).valid_data) on_sample(batch.bytes(i), batch.info(i));
  }
  return true;  // there may be more
}

// Owns a dds_listener_t: entities copy their listener, so ours can go once they exist.
struct ListenerDeleter {
  void operator()(dds_listener_t* listener) const { dds_delete_listener(listener); }
};
using ListenerPtr = std::unique_ptr<dds_listener_t, ListenerDeleter>;

}  // namespace rclite::detail
