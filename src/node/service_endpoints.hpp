// The DDS reader and writer pair of a service server or client (spec §1.1, §5, §7): topic and
// type names, USER_DATA with the service/client id and type hashes, QoS, graph registration.
#pragma once

#include <dds/dds.h>

#include <string>
#include <vector>

#include "../dds/participant.hpp"
#include "../dds/raw_cdr_type.hpp"
#include "rclite/detail/entities.hpp"

namespace rclite::detail {

class NodeImpl;

enum class Role { Server, Client };

// History of a service's reply writer when its endpoints are KEEP_ALL. A reply is lost when a
// client needs it sent again after this many newer replies were written; that is not only a
// client stopped for a while: Cyclone drops data that reaches a reader before the writer's first
// heartbeat, so a client that joins a busy server may need its first reply again, a few
// heartbeats later. At 1,000 the soak lost such a first reply (four clients at ~18,000 replies/s
// write 1,000 in 55 ms); 16,384 is about a second of this host's fastest traffic. The cost: a
// client that stops acknowledging (SIGSTOP, or killed and not yet known dead) holds at most this
// many replies in the writer, ~4.5 MiB of small ones (bench/stuck_client_memory.sh).
inline constexpr int kReplyHistory = 16'384;

// What the endpoints' DDS listeners call, with `arg`; any may be null. They run on Cyclone's threads.
struct EndpointListeners {
  void* arg = nullptr;
  dds_on_data_available_fn data_available = nullptr;          // reader
  dds_on_subscription_matched_fn reader_matched = nullptr;    // reader
  dds_on_publication_matched_fn writer_matched = nullptr;     // writer
};

class ServiceEndpoints {
 public:
  // Creates the reader and writer with `listeners` and lists them in the node's graph entry.
  ServiceEndpoints(NodeImpl& node, const std::string& service_name, const ServiceTypeInfo& type, Role role,
                   const QoS& qos, const EndpointListeners& listeners);
  ~ServiceEndpoints();
  ServiceEndpoints(const ServiceEndpoints&) = delete;
  ServiceEndpoints& operator=(const ServiceEndpoints&) = delete;

  // Deletes both entities (waiting for running listeners) and updates the graph. Idempotent.
  void close();

  dds_entity_t reader() const { return reader_; }
  dds_entity_t writer() const { return writer_; }
  // Writes one serialized sample (request or reply) on our writer; a large one's buffer is taken
  // over instead of copied (dds::RawWriter::write_taking), `sample` left ready for the next.
  void write_taking(std::vector<std::uint8_t>& sample) const { raw_writer_.write_taking(sample); }
  // "serviceid" or "clientid" value on both endpoints: " 1.10.xx...".
  const std::string& id() const { return id_; }
  // The same 16 bytes (rmw_get_gid_for_client returns them for a client).
  const dds::EndpointId& raw_id() const { return raw_id_; }

 private:
  NodeImpl& node_;
  dds_entity_t reader_ = 0;
  dds_entity_t writer_ = 0;
  dds::RawWriter raw_writer_;
  dds::Guid reader_guid_{};
  dds::Guid writer_guid_{};
  std::string id_;
  dds::EndpointId raw_id_{};
  std::string type_hash_;  // registered with the node's type cache
  bool closed_ = false;
};

// Request topic "rq/<name>Request" and reply topic "rr/<name>Reply" for a service name "/<name>".
std::string request_topic(const std::string& service_name);
std::string reply_topic(const std::string& service_name);

}  // namespace rclite::detail
