/// @file
/// Logging in the ROS console format: `[INFO] [1700000000.123456789] [node_name]: message` on
/// stderr, filtered by severity. Honours RCUTILS_CONSOLE_OUTPUT_FORMAT, RCUTILS_LOGGING_USE_STDOUT
/// and `--ros-args --log-level`.
///
/// Logger levels are process-wide, as in every ROS client library: a process has one console.
#pragma once

#include <fmt/format.h>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

namespace rclite {

/// Where a log call was made. (std::source_location is not usable with clang 14 on libstdc++ 12,
/// which our fuzz build uses; the builtins below are supported by gcc and clang alike.)
struct SourceLocation {
  const char* file = "";  ///< the source file
  const char* function = "";  ///< the function
  unsigned line = 0;  ///< the line

  /// The caller's location (the compiler's builtins as default arguments).
  static constexpr SourceLocation current(const char* file = __builtin_FILE(),
                                          const char* function = __builtin_FUNCTION(),
                                          unsigned line = __builtin_LINE()) noexcept {
    return SourceLocation{file, function, line};
  }
  /// The source file.
  const char* file_name() const noexcept { return file; }
  /// The function.
  const char* function_name() const noexcept { return function; }
  /// The line.
  unsigned line_number() const noexcept { return line; }
};

/// A format string checked at compile time, with the place of the log call.
template <class... Args>
struct LogFormat {
  fmt::format_string<Args...> format;  ///< the checked format string
  SourceLocation location;  ///< where the log call is

  /// Checks `text` at compile time against the arguments' types, and records the caller's location.
  template <class Text>
  consteval LogFormat(const Text& text, SourceLocation where = SourceLocation::current())  // NOLINT: implicit
      : format(text), location(where) {}
};
/// The LogFormat of these arguments, without deducing them from the format.
template <class... Args>
using LogFormatFor = LogFormat<std::type_identity_t<Args>...>;

/// Log severities with rcutils' numbers.
enum class Severity : int { Unset = 0, Debug = 10, Info = 20, Warn = 30, Error = 40, Fatal = 50 };

const char* to_string(Severity severity) noexcept;  ///< "DEBUG", "INFO", ...
/// "debug", "INFO", ... (any case). nullopt when not a severity.
std::optional<Severity> severity_from_string(std::string_view text);

/// One log record, as handed to sinks (the console, and /rosout once a node publishes it).
struct LogRecord {
  Severity severity;  ///< the record's severity
  std::string_view logger_name;  ///< the logger that wrote it
  std::string_view message;  ///< the formatted text
  SourceLocation location;  ///< where the log call is
  std::int64_t stamp_ns;  ///< system clock, nanoseconds since the epoch
};

/// A named logger (rclcpp::Logger): `logger.info("a: {}", a)` formats with fmt.
class Logger {
 public:
  /// A logger named `name` ("node", "node.child").
  explicit Logger(std::string name);

  /// The logger's name.
  const std::string& name() const noexcept { return name_; }
  /// "parent.child", as rclcpp's get_child.
  Logger get_child(std::string_view suffix) const;

  /// Whether a record of `severity` would be written (the effective level of this logger).
  bool is_enabled_for(Severity severity) const;

  /// @{
  /// Formats and writes a record of that severity when it is enabled.
  template <class... Args>
  void debug(LogFormatFor<Args...> format, Args&&... args) const {
    log_formatted(Severity::Debug, format, std::forward<Args>(args)...);
  }
  template <class... Args>
  void info(LogFormatFor<Args...> format, Args&&... args) const {
    log_formatted(Severity::Info, format, std::forward<Args>(args)...);
  }
  template <class... Args>
  void warn(LogFormatFor<Args...> format, Args&&... args) const {
    log_formatted(Severity::Warn, format, std::forward<Args>(args)...);
  }
  template <class... Args>
  void error(LogFormatFor<Args...> format, Args&&... args) const {
    log_formatted(Severity::Error, format, std::forward<Args>(args)...);
  }
  template <class... Args>
  void fatal(LogFormatFor<Args...> format, Args&&... args) const {
  /// @}
    log_formatted(Severity::Fatal, format, std::forward<Args>(args)...);
  }

  /// Writes an already formatted `message`.
  void log(Severity severity, std::string_view message,
           SourceLocation location = SourceLocation::current()) const;

 private:
  template <class... Args>
  void log_formatted(Severity severity, const LogFormatFor<Args...>& format, Args&&... args) const {
    if (!is_enabled_for(severity)) return;
    log(severity, fmt::format(format.format, std::forward<Args>(args)...), format.location);
  }

  std::string name_;
};

/// The logger named `name`.
Logger get_logger(std::string name);

/// Severity threshold of one logger (and, unless set themselves, its children), or of all.
void set_logger_level(std::string_view logger_name, Severity severity);
/// The level of loggers that have none set themselves.
void set_default_logger_level(Severity severity);
/// The level that applies to `logger_name` (its own, an ancestor's, or the default).
Severity effective_logger_level(std::string_view logger_name);

/// Extra destinations for log records (the console is always one). Returns an id for removal.
using LogSink = std::function<void(const LogRecord&)>;
/// Adds a sink; returns its id.
int add_log_sink(LogSink sink);
/// Removes the sink with this id.
void remove_log_sink(int id);

/// The console line for `record` with RCUTILS_CONSOLE_OUTPUT_FORMAT's tokens: {severity}, {name},
/// {message}, {time}, {time_as_nanoseconds}, {date_time_with_ms}, {function_name}, {file_name},
/// {line_number}. Exposed for tests.
std::string format_console_line(std::string_view format, const LogRecord& record);

}  // namespace rclite
