// The ROS console format and severity filtering.
#include <gtest/gtest.h>

#include "rclite/logging.hpp"

using namespace rclite;

TEST(Logging, FormatsLikeRcutilsByDefault) {
  const LogRecord record{Severity::Info, "add_two_ints_server", "Incoming request", SourceLocation::current(),
                         1795478207302603274};
  EXPECT_EQ(format_console_line("[{severity}] [{time}] [{name}]: {message}", record),
            "[INFO] [1795478207.302603274] [add_two_ints_server]: Incoming request");
}

TEST(Logging, SupportsEveryFormatToken) {
  const LogRecord record{Severity::Warn, "n", "m", SourceLocation::current(), 5000000001};
  EXPECT_EQ(format_console_line("{severity}|{time_as_nanoseconds}|{name}|{message}|{unknown}", record),
            "WARN|5000000001|n|m|{unknown}");
  EXPECT_EQ(format_console_line("{line_number}", record), std::to_string(record.location.line_number()));
  EXPECT_NE(format_console_line("{file_name}", record).find("logging_test.cpp"), std::string::npos);
  EXPECT_EQ(format_console_line("{time}", record), "5.000000001");
}

TEST(Logging, FiltersBySeverityWithHierarchicalNames) {
  set_logger_level("filter_test", Severity::Warn);
  EXPECT_FALSE(get_logger("filter_test").is_enabled_for(Severity::Info));
  EXPECT_TRUE(get_logger("filter_test").is_enabled_for(Severity::Error));
  EXPECT_FALSE(get_logger("filter_test.child").is_enabled_for(Severity::Info));
  set_logger_level("filter_test.child", Severity::Debug);
  EXPECT_TRUE(get_logger("filter_test.child").is_enabled_for(Severity::Debug));
  EXPECT_TRUE(get_logger("unrelated").is_enabled_for(Severity::Info));
  EXPECT_FALSE(get_logger("unrelated").is_enabled_for(Severity::Debug));
}

TEST(Logging, SinksReceiveEveryEnabledRecord) {
  std::vector<std::string> seen;
  const int id = add_log_sink([&](const LogRecord& record) { seen.emplace_back(record.message); });
  set_logger_level("sink_test", Severity::Info);
  get_logger("sink_test").info("sum is {}", 42);
  get_logger("sink_test").debug("hidden {}", 1);
  remove_log_sink(id);
  get_logger("sink_test").info("after removal");
  EXPECT_EQ(seen, std::vector<std::string>{"sum is 42"});
}

TEST(Logging, ParsesSeverityNames) {
  EXPECT_EQ(*severity_from_string("debug"), Severity::Debug);
  EXPECT_EQ(*severity_from_string("WARNING"), Severity::Warn);
  EXPECT_FALSE(severity_from_string("loud"));
}

TEST(Logging, RecordsThePlaceOfTheLogCall) {
  unsigned line = 0;
  std::string file;
  const int id = add_log_sink([&](const LogRecord& record) {
    line = record.location.line_number();
    file = record.location.file_name();
  });
  get_logger("location_test").warn("here {}", 1); const unsigned expected = __LINE__;
  remove_log_sink(id);
  EXPECT_EQ(line, expected);
  EXPECT_NE(file.find("logging_test.cpp"), std::string::npos);
}
