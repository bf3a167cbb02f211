// /rosout (spec §8.1): every log line of a node's logger (and of its child loggers, "node.child")
// is also published as rcl_interfaces/msg/Log on the node's own /rosout publisher, as rcl's
// logging_rosout does.
#pragma once

#include <memory>
#include <string>

#include "rclite/detail/topic_entities.hpp"

namespace rclite::detail {

class NodeImpl;

// The node's /rosout publisher, registered under the node's logger name while it lives.
class RosoutPublisher {
 public:
  explicit RosoutPublisher(const std::shared_ptr<NodeImpl>& node);
  ~RosoutPublisher();
  RosoutPublisher(const RosoutPublisher&) = delete;
  RosoutPublisher& operator=(const RosoutPublisher&) = delete;

 private:
  std::string logger_name_;
  std::shared_ptr<PublisherCore> publisher_;
  int registration_ = 0;
};

}  // namespace rclite::detail
