#include "raw_cyclone.hpp"

#include <stdexcept>

#include "loopback.hpp"

namespace service_bench {

namespace {

// rclite's service endpoint QoS (src/dds/qos.cpp, keep_all default): RELIABLE (infinite blocking),
// VOLATILE, KEEP_ALL, no autodispose, AUTOMATIC liveliness with infinite lease; XCDR1 like
// rclite's raw sertype.
dds_qos_t* raw_endpoint_qos() {
  dds_qos_t* qos = dds_create_qos();
  dds_qset_writer_data_lifecycle(qos, false);
  dds_qset_history(qos, DDS_HISTORY_KEEP_ALL, DDS_LENGTH_UNLIMITED);
  dds_qset_reliability(qos, DDS_RELIABILITY_RELIABLE, DDS_INFINITY);
  dds_qset_durability(qos, DDS_DURABILITY_VOLATILE);
  dds_qset_liveliness(qos, DDS_LIVELINESS_AUTOMATIC, DDS_INFINITY);
  const dds_data_representation_id_t xcdr1 = DDS_DATA_REPRESENTATION_XCDR1;
  dds_qset_data_representation(qos, 1, &xcdr1);
  return qos;
}

}  // namespace

void check_dds(dds_return_t rc, const char* what) {
  if (rc < 0) throw std::runtime_error(std::string(what) + ": " + dds_strretcode(rc));
}

RawDomain::RawDomain(std::uint32_t domain_id) {
  domain_ = dds_create_domain(domain_id, raw_config().c_str());
  check_dds(domain_, "dds_create_domain (raw baseline)");
  participant_ = dds_create_participant(domain_id, nullptr, nullptr);
  if (participant_ < 0) {
    dds_delete(domain_);
    check_dds(participant_, "dds_create_participant");
  }
}

RawDomain::~RawDomain() {
  dds_delete(participant_);
  dds_delete(domain_);
}

RawEndpoints::RawEndpoints(dds_entity_t participant, const std::string& service,
                           const dds_topic_descriptor_t* request_type, const dds_topic_descriptor_t* response_type,
                           bool server) {
  request_topic_ = dds_create_topic(participant, request_type, ("rq" + service + "Request").c_str(), nullptr, nullptr);
  check_dds(request_topic_, "dds_create_topic (request)");
  reply_topic_ = dds_create_topic(participant, response_type, ("rr" + service + "Reply").c_str(), nullptr, nullptr);
  check_dds(reply_topic_, "dds_create_topic (reply)");
  dds_qos_t* qos = raw_endpoint_qos();
  reader_ = dds_create_reader(participant, server ? request_topic_ : reply_topic_, qos, nullptr);
  writer_ = dds_create_writer(participant, server ? reply_topic_ : request_topic_, qos, nullptr);
  dds_delete_qos(qos);
  check_dds(reader_, "dds_create_reader");
  check_dds(writer_, "dds_create_writer");
  waitset_ = dds_create_waitset(participant);
  check_dds(waitset_, "dds_create_waitset");
  const dds_entity_t condition = dds_create_readcondition(reader_, DDS_ANY_STATE);
  check_dds(condition, "dds_create_readcondition");
  check_dds(dds_waitset_attach(waitset_, condition, 0), "dds_waitset_attach");
  guard_ = dds_create_guardcondition(participant);
  check_dds(guard_, "dds_create_guardcondition");
  check_dds(dds_waitset_attach(waitset_, guard_, 1), "dds_waitset_attach");
}

RawEndpoints::~RawEndpoints() {
  dds_delete(waitset_);
  dds_delete(guard_);
  dds_delete(reader_);  // and its read condition
  dds_delete(writer_);
  dds_delete(request_topic_);
  dds_delete(reply_topic_);
}

}  // namespace service_bench
