#include "participant.hpp"

#include <unistd.h>

#include <cstdlib>
#include <cstring>

#include "dds_error.hpp"
#include "peer_death_watch.hpp"
#include "security.hpp"

namespace rclite::dds {

Guid guid_of(dds_entity_t entity) {
  dds_guid_t guid;
  check(dds_get_guid(entity, &guid), "dds_get_guid");
  Guid out;
  std::memcpy(out.data(), guid.v, out.size());
  return out;
}

Participant::Participant(const DiscoveryOptions& options, const std::string& enclave,
                         const std::optional<std::filesystem::path>& security_dir, std::function<void(const std::string&)> watch_log)
    : domain_id_(options.domain_id) {
  const char* user_uri = std::getenv("CYCLONEDDS_URI");
  const std::string config = cyclone_config(options, user_uri != nullptr ? user_uri : "", ::getpid());
  // A domain may already exist in this process (another context): then it is shared, as rmw does.
  domain_ = dds_create_domain(domain_id_, config.empty() ? nullptr : config.c_str());
  if (domain_ < 0 && domain_ != DDS_RETCODE_PRECONDITION_NOT_MET) {
    throw DdsError(domain_, "creating DDS domain " + std::to_string(domain_id_) + " (check CYCLONEDDS_URI)");
  }
  if (domain_ < 0) domain_ = 0;

  dds_qos_t* qos = dds_create_qos();
  const std::string user_data = "enclave=" + enclave + ";";
  dds_qset_userdata(qos, user_data.data(), user_data.size());
  if (security_dir) set_security_properties(qos, *security_dir);
  participant_ = dds_create_participant(domain_id_, qos, nullptr);
  dds_delete_qos(qos);
  if (participant_ < 0) {
    const dds_return_t rc = participant_;
    participant_ = 0;
    if (domain_ > 0) dds_delete(domain_);
    if (!security_dir) throw DdsError(rc, "creating the DDS participant");
    // Cyclone's security plugins say why on the log (stderr) and return only "Error".
    throw DdsError(rc, "creating the secure DDS participant for enclave '" + enclave + "' with the files in '" +
                           security_dir->string() +
                           "' (Cyclone DDS security rejected them: a certificate not signed by identity_ca.cert.pem, "
                           "a key that does not match cert.pem, or a governance/permissions file not signed by "
                           "permissions_ca.cert.pem or not granting this domain; Cyclone's log line says which)");
  }
  publisher_ = check(dds_create_publisher(participant_, nullptr, nullptr), "dds_create_publisher");
  subscriber_ = check(dds_create_subscriber(participant_, nullptr, nullptr), "dds_create_subscriber");
  guid_ = guid_of(participant_);
  if (options.range != DiscoveryRange::Off && options.watch_local_peers) {
    death_watch_ = std::make_unique<PeerDeathWatch>(participant_, std::move(watch_log));
  }
}

Participant::~Participant() {
  death_watch_.reset();  // its thread uses the participant's reader and domain
  if (participant_ > 0) dds_delete(participant_);
  if (domain_ > 0) dds_delete(domain_);
}

EndpointId Participant::next_endpoint_id() {
  const std::uint32_t counter = ++endpoint_counter_;
  EndpointId id{};
  std::memcpy(id.data(), guid_.data(), 12);
  id[12] = static_cast<std::uint8_t>(counter >> 24);
  id[13] = static_cast<std::uint8_t>(counter >> 16);
  id[14] = static_cast<std::uint8_t>(counter >> 8);
  id[15] = static_cast<std::uint8_t>(counter);
  return id;
}

}  // namespace rclite::dds
