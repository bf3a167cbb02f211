#include "participant.hpp"

#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>

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

namespace {

// The domains this process created, and how many participants use each.
struct DomainTable {
  std::mutex mutex;
  struct Entry {
    dds_entity_t domain = 0;  // 0: made outside rclite (the application's own), not ours to delete
    int users = 0;
  };
  std::map<std::uint32_t, Entry> entries;
};

// Never destroyed: a context held in a static (the default context) may outlive every other static.
DomainTable& domain_table() {
  static auto* table = new DomainTable();
  return *table;
}

}  // namespace

DomainUse::DomainUse(std::uint32_t domain_id, const std::string& config) : domain_id_(domain_id) {
  DomainTable& table = domain_table();
  std::lock_guard lock(table.mutex);
  auto& entry = table.entries[domain_id];
  if (entry.users == 0) {
    const dds_entity_t domain = dds_create_domain(domain_id, config.empty() ? nullptr : config.c_str());
    if (domain < 0 && domain != DDS_RETCODE_PRECONDITION_NOT_MET) {
      table.entries.erase(domain_id);
      throw DdsError(domain, "creating DDS domain " + std::to_string(domain_id) + " (check CYCLONEDDS_URI)");
    }
    entry.domain = domain > 0 ? domain : 0;
  }
  ++entry.users;
}

DomainUse::~DomainUse() {
  DomainTable& table = domain_table();
  std::lock_guard lock(table.mutex);  // held while deleting: a new use waits for the domain to be gone
  auto found = table.entries.find(domain_id_);
  if (found == table.entries.end() || --found->second.users > 0) return;
  if (found->second.domain > 0) dds_delete(found->second.domain);
  table.entries.erase(found);
}

Participant::Participant(const DiscoveryOptions& options, const std::string& enclave,
                         const std::optional<std::filesystem::path>& security_dir, std::function<void(const std::string&)> watch_log)
    : domain_id_(options.domain_id) {
  const char* user_uri = std::getenv("CYCLONEDDS_URI");
  const std::string config = cyclone_config(options, user_uri != nullptr ? user_uri : "", ::getpid());
  // A domain may already exist in this process (another context): then it is shared, as rmw does.
  domain_.emplace(domain_id_, config);

  dds_qos_t* qos = dds_create_qos();
  const std::string user_data = "enclave=" + enclave + ";";
  dds_qset_userdata(qos, user_data.data(), user_data.size());
  if (security_dir) set_security_properties(qos, *security_dir);
  participant_ = dds_create_participant(domain_id_, qos, nullptr);
  dds_delete_qos(qos);
  if (participant_ < 0) {
    const dds_return_t rc = participant_;
    participant_ = 0;
    domain_.reset();
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
  domain_.reset();
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
