#include "rosout.hpp"

#include <map>
#include <mutex>
#include <string>
#include <vector>

#include <rcl_interfaces/msg/log.hpp>

#include "node_impl.hpp"
#include "rclite/detail/time_msg.hpp"
#include "rclite/qos.hpp"
#include "rclite/wire/cdr.hpp"

namespace rclite::detail {

namespace {

// Logger name -> the /rosout publishers registered under it (a name used by two nodes has two;
// the first registered publishes, as rcl keeps one publisher per logger name).
class RosoutRegistry {
 public:
  int add(const std::string& logger_name, std::shared_ptr<PublisherCore> publisher) {
    std::lock_guard lock(mutex_);
    if (sink_ == 0) sink_ = add_log_sink([this](const LogRecord& record) { publish(record); });
    const int id = next_id_++;
    by_name_[logger_name].push_back({id, std::move(publisher)});
    return id;
  }

  void remove(const std::string& logger_name, int id) {
    std::lock_guard lock(mutex_);
    auto found = by_name_.find(logger_name);
    if (found == by_name_.end()) return;
    std::erase_if(found->second, [id](const Registration& r) { return r.id == id; });
    if (found->second.empty()) by_name_.erase(found);
  }

 private:
  struct Registration {
    int id;
    std::shared_ptr<PublisherCore> publisher;
  };

  // The publisher of the logger or of its nearest registered ancestor ("ns.node.child" -> "ns.node").
  std::shared_ptr<PublisherCore> publisher_for(std::string_view logger_name) {
    std::lock_guard lock(mutex_);
    while (true) {
      if (auto found = by_name_.find(logger_name); found != by_name_.end()) return found->second.front().publisher;
      const std::size_t dot = logger_name.rfind('.');
      if (dot == std::string_view::npos) return nullptr;
      logger_name = logger_name.substr(0, dot);
    }
  }

  void publish(const LogRecord& record) {
    // Publishing may itself log (a DDS error); such a line goes to the console only, never back
    // here: no recursion, and no lock of ours is held while publishing.
    thread_local bool publishing = false;
    if (publishing) return;
    publishing = true;
    struct Reset {
      ~Reset() { publishing = false; }
    } reset;
    auto publisher = publisher_for(record.logger_name);
    if (!publisher) return;
    rcl_interfaces::msg::Log log;
    log.stamp = time_msg(std::chrono::nanoseconds(record.stamp_ns));
    log.level = static_cast<std::uint8_t>(record.severity);  // rcl_interfaces/Log uses rcutils' values
    log.name = record.logger_name;
    log.msg = record.message;
    log.file = record.location.file_name();
    log.function = record.location.function_name();
    log.line = record.location.line_number();
    thread_local std::vector<std::uint8_t> buffer;
    try {
      wire::encode(log, buffer);
      publisher->publish(buffer);
    } catch (const std::exception&) {
      // The publisher closed meanwhile (node destroyed, context shut down): the line was on the console.
    }
  }

  std::mutex mutex_;
  std::map<std::string, std::vector<Registration>, std::less<>> by_name_;
  int sink_ = 0;
  int next_id_ = 1;
};

RosoutRegistry& registry() {
  // Never destroyed: a log line during static destruction must still find it.
  static auto* instance = new RosoutRegistry();
  return *instance;
}

}  // namespace

RosoutPublisher::RosoutPublisher(const std::shared_ptr<NodeImpl>& node)
    : logger_name_(node->logger().name()),
      publisher_(create_publisher_core(node, "/rosout", message_type_info<rcl_interfaces::msg::Log>(), RosoutQoS())) {
  registration_ = registry().add(logger_name_, publisher_);
}

RosoutPublisher::~RosoutPublisher() {
  registry().remove(logger_name_, registration_);
  publisher_->close();
}

}  // namespace rclite::detail
