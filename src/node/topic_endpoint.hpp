// What publishers and subscriptions share: the "rt/" topic, QoS and USER_DATA of a topic endpoint
// (spec §1.1, §4.2, §5).
#pragma once

#include <dds/dds.h>

#include <string>

#include "../dds/qos.hpp"
#include "rclite/detail/topic_entities.hpp"
#include "rclite/qos.hpp"

namespace rclite::detail {

class NodeImpl;

// The DDS topic of the ROS topic `topic` (fully qualified): "rt/chatter" for "/chatter".
std::string topic_dds_name(const std::string& topic);

// The DDS QoS rmw_cyclonedds gives a reader or writer with `qos`, with USER_DATA
// "typehash=<hash>;" in Jazzy and none in Humble.
dds::EndpointQos topic_endpoint_qos(const NodeImpl& node, const QoS& qos, const MessageTypeInfo& type);

// Creates (or finds) the raw topic of `topic` with the message type's DDS name.
dds_entity_t create_topic(const NodeImpl& node, const std::string& topic, const MessageTypeInfo& type);

}  // namespace rclite::detail
