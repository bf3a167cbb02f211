#include "rclite/logging.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <map>
#include <mutex>
#include <vector>

namespace rclite {

namespace {

constexpr std::string_view kDefaultFormat = "[{severity}] [{time}] [{name}]: {message}";

struct LoggingState {
  std::mutex mutex;
  Severity default_level = Severity::Info;
  std::map<std::string, Severity, std::less<>> levels;
  std::map<int, LogSink> sinks;
  int next_sink = 1;
  std::string format;
  FILE* stream = stderr;

  LoggingState() {
    const char* env_format = std::getenv("RCUTILS_CONSOLE_OUTPUT_FORMAT");
    format = env_format != nullptr && *env_format != '\0' ? env_format : std::string(kDefaultFormat);
    const char* use_stdout = std::getenv("RCUTILS_LOGGING_USE_STDOUT");
    if (use_stdout != nullptr && std::string_view(use_stdout) == "1") stream = stdout;
  }
};

LoggingState& state() {
  static LoggingState instance;  // the process's console: shared by every context
  return instance;
}

Severity level_locked(LoggingState& s, std::string_view name) {
  // The most specific configured ancestor: "a.b.c", then "a.b", then "a".
  while (true) {
    if (auto it = s.levels.find(name); it != s.levels.end() && it->second != Severity::Unset) {
      return it->second;
    }
    const std::size_t dot = name.rfind('.');
    if (dot == std::string_view::npos) return s.default_level;
    name = name.substr(0, dot);
  }
}

std::string seconds_dot_nanoseconds(std::int64_t stamp_ns) {
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%lld.%09lld", static_cast<long long>(stamp_ns / 1000000000),
                static_cast<long long>(stamp_ns % 1000000000));
  return buffer;
}

std::string date_time_with_ms(std::int64_t stamp_ns) {
  const std::time_t seconds = static_cast<std::time_t>(stamp_ns / 1000000000);
  std::tm local{};
  localtime_r(&seconds, &local);
  char buffer[64];
  const std::size_t n = std::strftime(buffer, sizeof buffer, "%Y-%m-%d %H:%M:%S", &local);
  std::snprintf(buffer + n, sizeof buffer - n, ".%03lld", static_cast<long long>((stamp_ns / 1000000) % 1000));
  return buffer;
}

}  // namespace

const char* to_string(Severity severity) noexcept {
  switch (severity) {
    case Severity::Debug: return "DEBUG";
    case Severity::Info: return "INFO";
    case Severity::Warn: return "WARN";
    case Severity::Error: return "ERROR";
    case Severity::Fatal: return "FATAL";
    case Severity::Unset: return "UNSET";
  }
  return "UNKNOWN";
}

std::optional<Severity> severity_from_string(std::string_view text) {
  std::string upper(text);
  for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  for (Severity s : {Severity::Debug, Severity::Info, Severity::Warn, Severity::Error, Severity::Fatal, Severity::Unset}) {
    if (upper == to_string(s)) return s;
  }
  if (upper == "WARNING") return Severity::Warn;
  return std::nullopt;
}

std::string format_console_line(std::string_view format, const LogRecord& record) {
  std::string line;
  for (std::size_t i = 0; i < format.size(); ++i) {
    if (format[i] != '{') {
      line += format[i];
      continue;
    }
    const std::size_t close = format.find('}', i);
    if (close == std::string_view::npos) {
      line += format.substr(i);
      break;
    }
    const std::string_view token = format.substr(i + 1, close - i - 1);
    if (token == "severity") line += to_string(record.severity);
    else if (token == "name") line += record.logger_name;
    else if (token == "message") line += record.message;
    else if (token == "time") line += seconds_dot_nanoseconds(record.stamp_ns);
    else if (token == "time_as_nanoseconds") line += std::to_string(record.stamp_ns);
    else if (token == "date_time_with_ms") line += date_time_with_ms(record.stamp_ns);
    else if (token == "function_name") line += record.location.function_name();
    else if (token == "file_name") line += record.location.file_name();
    else if (token == "line_number") line += std::to_string(record.location.line_number());
    else line += format.substr(i, close - i + 1);  // unknown tokens are kept, as rcutils does
    i = close;
  }
  return line;
}

Logger::Logger(std::string name) : name_(std::move(name)) {}

Logger Logger::get_child(std::string_view suffix) const { return Logger(name_ + "." + std::string(suffix)); }

bool Logger::is_enabled_for(Severity severity) const {
  return static_cast<int>(severity) >= static_cast<int>(effective_logger_level(name_));
}

void Logger::log(Severity severity, std::string_view message, SourceLocation location) const {
  if (!is_enabled_for(severity)) return;
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  const LogRecord record{severity, name_, message, location,
                         std::chrono::duration_cast<std::chrono::nanoseconds>(now).count()};
  auto& s = state();
  std::vector<LogSink> sinks;
  std::string line;
  FILE* stream = nullptr;
  {
    std::lock_guard lock(s.mutex);
    line = format_console_line(s.format, record);
    line += '\n';
    stream = s.stream;
    for (const auto& [id, sink] : s.sinks) sinks.push_back(sink);
  }
  // One write per line, so lines from several threads never interleave.
  (void)!::write(fileno(stream), line.data(), line.size());
  for (const auto& sink : sinks) sink(record);
}

Logger get_logger(std::string name) { return Logger(std::move(name)); }

void set_logger_level(std::string_view logger_name, Severity severity) {
  auto& s = state();
  std::lock_guard lock(s.mutex);
  s.levels[std::string(logger_name)] = severity;
}

void set_default_logger_level(Severity severity) {
  auto& s = state();
  std::lock_guard lock(s.mutex);
  s.default_level = severity == Severity::Unset ? Severity::Info : severity;
}

Severity effective_logger_level(std::string_view logger_name) {
  auto& s = state();
  std::lock_guard lock(s.mutex);
  return level_locked(s, logger_name);
}

int add_log_sink(LogSink sink) {
  auto& s = state();
  std::lock_guard lock(s.mutex);
  const int id = s.next_sink++;
  s.sinks.emplace(id, std::move(sink));
  return id;
}

void remove_log_sink(int id) {
  auto& s = state();
  std::lock_guard lock(s.mutex);
  s.sinks.erase(id);
}

}  // namespace rclite
