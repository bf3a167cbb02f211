#include "service_endpoints.hpp"

#include "../dds/tsan_handoff.hpp"

#include <memory>

#include "../dds/qos.hpp"
#include "../dds/raw_cdr_type.hpp"
#include "../dds/user_data.hpp"
#include "endpoint_qos.hpp"
#include "node_impl.hpp"
#include "reader_turn.hpp"

namespace rclite::detail {

namespace {

dds_entity_t checked(dds_entity_t entity, const std::string& what) {
  if (entity < 0) throw dds::DdsError(entity, what);
  return entity;
}

}  // namespace

std::string request_topic(const std::string& service_name) { return "rq" + service_name + "Request"; }
std::string reply_topic(const std::string& service_name) { return "rr" + service_name + "Reply"; }

ServiceEndpoints::ServiceEndpoints(NodeImpl& node, const std::string& service_name, const ServiceTypeInfo& type,
                                   Role role, const QoS& qos, const EndpointListeners& listeners)
    : node_(node) {
  // Entities copy their listener: ours can go once they exist.
  ListenerPtr reader_listener(dds_create_listener(listeners.arg));
  if (listeners.data_available) dds_lset_data_available(reader_listener.get(), listeners.data_available);
  if (listeners.reader_matched) dds_lset_subscription_matched(reader_listener.get(), listeners.reader_matched);
  ListenerPtr writer_listener(dds_create_listener(listeners.arg));
  if (listeners.writer_matched) dds_lset_publication_matched(writer_listener.get(), listeners.writer_matched);
  dds::handed_over(listeners.arg);  // to the listeners, on Cyclone's threads

  auto& participant = node.context().participant();
  const bool jazzy = node.context().distro() == Distro::Jazzy;
  raw_id_ = participant.next_endpoint_id();
  id_ = dds::endpoint_id_to_string(raw_id_);
  const std::string id_item = std::string(role == Role::Server ? "serviceid=" : "clientid=") + id_ + ";";
  const auto user_data = [&](std::string_view hash) {
    return jazzy ? id_item + "typehash=" + std::string(hash) + ";" : id_item;
  };

  const dds_entity_t request = dds::create_raw_topic(participant.participant(), request_topic(service_name),
                                                     std::string(type.request_dds_type));
  const dds_entity_t reply = dds::create_raw_topic(participant.participant(), reply_topic(service_name),
                                                   std::string(type.response_dds_type));
  dds::EndpointQos settings = endpoint_qos(qos);

  settings.user_data = user_data(role == Role::Server ? type.request_hash : type.response_hash);
  const auto reader_qos = dds::make_qos(settings);
  settings.user_data = user_data(role == Role::Server ? type.response_hash : type.request_hash);
  if (role == Role::Server && settings.keep_all) {
    // The reply writer keeps the last kReplyHistory replies, not all: Cyclone blocks a KEEP_ALL
    // writer whose unacknowledged data passes its high-water mark (500 kB) until every reader has
    // acknowledged, so one client stopped without dying (SIGSTOP, a debugger) would stop the replies
    // to every other client until its lease ran out. A KEEP_LAST writer never blocks (rmw_cyclonedds'
    // reply writer is KEEP_LAST 10, rclcpp's service default). History does not take part in matching.
    settings.keep_all = false;
    settings.depth = kReplyHistory;
  }
  const auto writer_qos = dds::make_qos(settings);

  const dds_entity_t reader_topic = role == Role::Server ? request : reply;
  const dds_entity_t writer_topic = role == Role::Server ? reply : request;
  try {
    reader_ = checked(dds_create_reader(participant.subscriber(), reader_topic, reader_qos.get(), reader_listener.get()),
                      "creating the reader of " + service_name);
    writer_ = checked(dds_create_writer(participant.publisher(), writer_topic, writer_qos.get(), writer_listener.get()),
                      "creating the writer of " + service_name);
    raw_writer_ = dds::RawWriter(writer_);
    reader_guid_ = dds::guid_of(reader_);
    writer_guid_ = dds::guid_of(writer_);
  } catch (...) {
    if (reader_ > 0) dds_delete(reader_);
    if (writer_ > 0) dds_delete(writer_);
    throw;
  }
  // A server lists its request reader and reply writer; a client its reply reader and request
  // writer: either way, our reader and our writer (spec §6.4).
  node_.add_endpoints({reader_guid_}, {writer_guid_});
  type_hash_ = type.service_hash;
  node_.types().add(type_hash_, type.definitions);
}

ServiceEndpoints::~ServiceEndpoints() { close(); }

void ServiceEndpoints::close() {
  if (closed_) return;
  closed_ = true;
  dds_delete(reader_);
  dds_delete(writer_);
  node_.remove_endpoints({reader_guid_}, {writer_guid_});
  node_.types().remove(type_hash_);
}

}  // namespace rclite::detail
