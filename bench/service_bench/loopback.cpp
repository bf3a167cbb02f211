#include "loopback.hpp"

#include <unistd.h>

#include <cstdlib>
#include <stdexcept>
#include <string>

#include "../../src/dds/discovery_config.hpp"

namespace service_bench {

namespace {
constexpr std::uint32_t kDefaultDomainId = 77;
}

std::uint32_t prepare_loopback_environment() {
  ::unsetenv("CYCLONEDDS_URI");  // rclite would append it to its configuration
  ::unsetenv("ROS_STATIC_PEERS");
  ::unsetenv("ROS_LOCALHOST_ONLY");
  ::setenv("ROS_AUTOMATIC_DISCOVERY_RANGE", "LOCALHOST", 1);
  const char* value = std::getenv("ROS_DOMAIN_ID");
  if (value == nullptr || *value == '\0') {
    ::setenv("ROS_DOMAIN_ID", std::to_string(kDefaultDomainId).c_str(), 1);
    return kDefaultDomainId;
  }
  char* end = nullptr;
  const unsigned long id = std::strtoul(value, &end, 10);
  if (*end != '\0' || id > 232) throw std::runtime_error(std::string("bad ROS_DOMAIN_ID: ") + value);
  return static_cast<std::uint32_t>(id);
}

std::string raw_config() {
  return rclite::dds::cyclone_config(rclite::dds::discovery_options_from_environment(), "", ::getpid());
}

}  // namespace service_bench
