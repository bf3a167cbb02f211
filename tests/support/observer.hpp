// A plain DDS participant standing in for another ROS process in tests: it reads what we publish
// (ros_discovery_info, builtin endpoint topics) and can read or write raw samples on any topic.
#pragma once

#include <dds/dds.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "../../src/dds/raw_cdr_type.hpp"
#include "patience.hpp"

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

  // A reliable KEEP_ALL writer of raw requests on `service_name`'s request topic (a client that
  // bypasses rclite), once it has matched the service's reader; 0 when it did not within kPatience.
  dds_entity_t matched_request_writer(const std::string& service_name, const std::string& request_dds_type) {
    const dds_entity_t topic = rclite::dds::create_raw_topic(participant, "rq" + service_name + "Request", request_dds_type);
    dds_qos_t* qos = dds_create_qos();
    dds_qset_reliability(qos, DDS_RELIABILITY_RELIABLE, DDS_INFINITY);
    dds_qset_history(qos, DDS_HISTORY_KEEP_ALL, 0);
    const dds_entity_t writer = dds_create_writer(participant, topic, qos, nullptr);
    dds_delete_qos(qos);
    if (writer <= 0) return 0;
    const auto deadline = std::chrono::steady_clock::now() + kPatience;
    dds_publication_matched_status_t status{};
    while (dds_get_publication_matched_status(writer, &status) == DDS_RETCODE_OK && status.current_count == 0 &&
           std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(10ms);
    }
    return status.current_count > 0 ? writer : 0;
  }

  // The latest ros_discovery_info samples per writing participant, as raw bytes, once at least
  // one has come (within kPatience; empty if none did). The writers keep one sample
  // (TRANSIENT_LOCAL, depth 1), so what a participant announced before this call is its sample.
  std::vector<std::vector<std::uint8_t>> discovery_samples() {
    const dds_entity_t topic = rclite::dds::create_raw_topic(participant, "ros_discovery_info",
                                                             "rmw_dds_common::msg::dds_::ParticipantEntitiesInfo_");
    dds_qos_t* qos = dds_create_qos();
    dds_qset_reliability(qos, DDS_RELIABILITY_RELIABLE, DDS_INFINITY);
    dds_qset_durability(qos, DDS_DURABILITY_TRANSIENT_LOCAL);
    dds_qset_history(qos, DDS_HISTORY_KEEP_ALL, 0);
    const dds_entity_t reader = dds_create_reader(participant, topic, qos, nullptr);
    dds_delete_qos(qos);
    std::vector<std::vector<std::uint8_t>> samples;
    const auto deadline = std::chrono::steady_clock::now() + kPatience;
    while (samples.empty() && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(10ms);
      rclite::dds::take_raw(reader, [&](std::span<const std::uint8_t> bytes, const dds_sample_info_t&) {
        samples.emplace_back(bytes.begin(), bytes.end());
      }, 1000);
    }
    dds_delete(reader);
    return samples;
  }

  // topic name -> (type name, USER_DATA) of every discovered reader or writer, once readers or
  // writers (as `builtin_topic` says) of all the `awaited` topics are among them (within kPatience;
  // what was found by then otherwise).
  std::map<std::string, std::pair<std::string, std::string>> endpoints(dds_entity_t builtin_topic,
                                                                       const std::vector<std::string>& awaited) {
    std::map<std::string, std::pair<std::string, std::string>> found;
    const dds_entity_t reader = dds_create_reader(participant, builtin_topic, nullptr, nullptr);
    const auto all_found = [&] {
      return std::all_of(awaited.begin(), awaited.end(), [&](const std::string& topic) { return found.contains(topic); });
    };
    const auto deadline = std::chrono::steady_clock::now() + kPatience;
    do {
      std::this_thread::sleep_for(10ms);
      read_endpoints(reader, found);  // dds_read: every call sees all endpoints discovered so far
    } while (!all_found() && std::chrono::steady_clock::now() < deadline);
    dds_delete(reader);
    return found;
  }

 private:
  static void read_endpoints(dds_entity_t reader, std::map<std::string, std::pair<std::string, std::string>>& found) {
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
  }
};

}  // namespace rclite::test
