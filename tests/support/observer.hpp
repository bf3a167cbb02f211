// A plain DDS participant standing in for another ROS process in tests: it reads what we publish
// (ros_discovery_info, builtin endpoint topics) and can read or write raw samples on any topic.
#pragma once

#include <dds/dds.h>

#include <chrono>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "../../src/dds/raw_cdr_type.hpp"

namespace rclite::test {

using namespace std::chrono_literals;

constexpr const char* kLoopbackConfig =
    "<CycloneDDS><Domain><General><Interfaces><NetworkInterface address=\"127.0.0.1\"/></Interfaces>"
    "<AllowMulticast>false</AllowMulticast></General><Discovery><ParticipantIndex>auto</ParticipantIndex>"
    "<MaxAutoParticipantIndex>32</MaxAutoParticipantIndex><Peers><Peer address=\"localhost\"/></Peers>"
    "</Discovery></Domain></CycloneDDS>";

// A plain DDS participant standing in for another ROS process. Its domain is created in a separate
// Cyclone instance when rclite's context has not created the same domain id yet; otherwise it shares it,
// which is fine: it is another participant all the same.
struct Observer {
  dds_entity_t participant;
  explicit Observer(std::uint32_t domain) {
    dds_create_domain(domain, kLoopbackConfig);  // may fail if it exists: then the existing one is used
    participant = dds_create_participant(domain, nullptr, nullptr);
  }
  ~Observer() { dds_delete(participant); }

  // The latest ros_discovery_info samples per writing participant, as raw bytes.
  std::vector<std::vector<std::uint8_t>> discovery_samples(std::chrono::milliseconds wait) {
    const dds_entity_t topic = rclite::dds::create_raw_topic(participant, "ros_discovery_info",
                                                             "rmw_dds_common::msg::dds_::ParticipantEntitiesInfo_");
    dds_qos_t* qos = dds_create_qos();
    dds_qset_reliability(qos, DDS_RELIABILITY_RELIABLE, DDS_INFINITY);
    dds_qset_durability(qos, DDS_DURABILITY_TRANSIENT_LOCAL);
    dds_qset_history(qos, DDS_HISTORY_KEEP_ALL, 0);
    const dds_entity_t reader = dds_create_reader(participant, topic, qos, nullptr);
    dds_delete_qos(qos);
    std::this_thread::sleep_for(wait);
    std::vector<std::vector<std::uint8_t>> samples;
    rclite::dds::take_raw(reader, [&](std::span<const std::uint8_t> bytes, const dds_sample_info_t&) {
      samples.emplace_back(bytes.begin(), bytes.end());
    }, 1000);
    dds_delete(reader);
    return samples;
  }

  // topic name -> (type name, USER_DATA) of every discovered reader or writer.
  std::map<std::string, std::pair<std::string, std::string>> endpoints(dds_entity_t builtin_topic) {
    std::map<std::string, std::pair<std::string, std::string>> found;
    const dds_entity_t reader = dds_create_reader(participant, builtin_topic, nullptr, nullptr);
    std::this_thread::sleep_for(1500ms);
    void* samples[64] = {};
    dds_sample_info_t infos[64];
    const int n = dds_read(reader, samples, infos, 64, 64);
    for (int i = 0; i < n; ++i) {
      if (!infos[i].valid_data) continue;
      const auto* endpoint = static_cast<dds_builtintopic_endpoint_t*>(samples[i]);
      void* data = nullptr;
      size_t size = 0;
      std::string user_data;
      if (dds_qget_userdata(endpoint->qos, &data, &size) && data != nullptr) {
        user_data.assign(static_cast<const char*>(data), size);
        dds_free(data);
      }
      found[endpoint->topic_name] = {endpoint->type_name, user_data};
    }
    if (n > 0) dds_return_loan(reader, samples, n);
    dds_delete(reader);
    return found;
  }
};

}  // namespace rclite::test
