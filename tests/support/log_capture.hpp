// Collects the log lines a test looks for, thread-safely, while it lives (a log sink of its own).
#pragma once

#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "rclite/logging.hpp"

namespace rclite::test {

class LogCapture {
 public:
  // Keeps the messages of the records for which `keep` holds (all by default).
  explicit LogCapture(std::function<bool(const LogRecord&)> keep = [](const LogRecord&) { return true; })
      : keep_(std::move(keep)), sink_(add_log_sink([this](const LogRecord& record) {
          if (!keep_(record)) return;
          std::lock_guard lock(mutex_);
          lines_.emplace_back(record.message);
        })) {}
  ~LogCapture() { stop(); }
  LogCapture(const LogCapture&) = delete;
  LogCapture& operator=(const LogCapture&) = delete;

  // Records logged from now on are not kept.
  void stop() {
    if (sink_ != 0) remove_log_sink(std::exchange(sink_, 0));
  }
  std::vector<std::string> lines() const {
    std::lock_guard lock(mutex_);
    return lines_;
  }

  // The records whose message contains `text`.
  static std::function<bool(const LogRecord&)> containing(std::string text) {
    return [text = std::move(text)](const LogRecord& record) { return record.message.find(text) != std::string_view::npos; };
  }
  static bool errors(const LogRecord& record) { return record.severity == Severity::Error; }

 private:
  std::function<bool(const LogRecord&)> keep_;
  mutable std::mutex mutex_;
  std::vector<std::string> lines_;
  int sink_;
};

}  // namespace rclite::test
