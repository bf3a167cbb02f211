// Happens-before edges that ThreadSanitizer cannot see by itself. Debian's libddsc is not built
// with -fsanitize=thread: TSan sees its pthread calls but not its atomics, so two hand-offs through
// it look unsynchronised (make tsan-test):
//   * a listener's argument (our object), built on one thread, used in a callback on Cyclone's;
//   * a serdata or sertype of ours, made on one thread, used and freed on others after Cyclone's
//     atomic reference count says so.
// handed_over() marks the end of our side's work on an object, taken_over() the start of another
// thread's; they are TSan's release/acquire annotations, and nothing in other builds.
#pragma once

#if defined(__SANITIZE_THREAD__)
#define RCLITE_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define RCLITE_TSAN 1
#endif
#endif

#ifdef RCLITE_TSAN
#include <sanitizer/tsan_interface.h>
extern "C" void AnnotateIgnoreReadsBegin(const char* file, int line);
extern "C" void AnnotateIgnoreReadsEnd(const char* file, int line);
extern "C" void AnnotateIgnoreWritesBegin(const char* file, int line);
extern "C" void AnnotateIgnoreWritesEnd(const char* file, int line);
#endif

namespace rclite::dds {

inline void handed_over([[maybe_unused]] const void* object) noexcept {
#ifdef RCLITE_TSAN
  __tsan_release(const_cast<void*>(object));
#endif
}

inline void taken_over([[maybe_unused]] const void* object) noexcept {
#ifdef RCLITE_TSAN
  __tsan_acquire(const_cast<void*>(object));
#endif
}

// Runs `release`, a reference count decrement of Cyclone's (inline from its headers, so compiled
// into our code) after which another thread may free the object in libddsc, unseen by TSan. The
// decrement itself is what orders that free; TSan cannot pair it with libddsc's, so it is not
// recorded.
template <class Release>
void drop_reference(Release&& release) {
#ifdef RCLITE_TSAN
  AnnotateIgnoreReadsBegin(__FILE__, __LINE__);
  AnnotateIgnoreWritesBegin(__FILE__, __LINE__);
#endif
  release();
#ifdef RCLITE_TSAN
  AnnotateIgnoreWritesEnd(__FILE__, __LINE__);
  AnnotateIgnoreReadsEnd(__FILE__, __LINE__);
#endif
}

// For the span of a Cyclone callback: takes the object over, hands it back at the end.
class CallbackTurn {
 public:
  explicit CallbackTurn(const void* object) noexcept : object_(object) { taken_over(object_); }
  ~CallbackTurn() { handed_over(object_); }
  CallbackTurn(const CallbackTurn&) = delete;
  CallbackTurn& operator=(const CallbackTurn&) = delete;

 private:
  const void* object_;
};

}  // namespace rclite::dds
