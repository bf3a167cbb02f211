// One DDS domain participant with its publisher and subscriber, created the way rmw_cyclonedds
// creates one per context (spec §12): USER_DATA `enclave=<enclave>;`, a domain configured
// from the ROS discovery environment, and DDS Security from the enclave's keystore directory.
#pragma once

#include <dds/dds.h>

#include <array>
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "discovery_config.hpp"
#include "guid.hpp"
#include "user_data.hpp"

namespace rclite::dds {

Guid guid_of(dds_entity_t entity);

class PeerDeathWatch;

// This process's use of one DDS domain, shared by the participants on it (one per context): the
// domain is deleted with the last of them, not with the one that created it, since deleting a
// domain deletes every participant and entity in it.
class DomainUse {
 public:
  // Creates the domain with `config` unless a participant of this process uses it already.
  DomainUse(std::uint32_t domain_id, const std::string& config);
  ~DomainUse();
  DomainUse(const DomainUse&) = delete;
  DomainUse& operator=(const DomainUse&) = delete;

 private:
  std::uint32_t domain_id_;
};

class Participant {
 public:
  // `security_dir`: the enclave's directory of an sros2 keystore, to secure the participant with
  // (security.hpp); none for a plain participant. `watch_log` gets the peer death watch's lines.
  Participant(const DiscoveryOptions& options, const std::string& enclave,
              const std::optional<std::filesystem::path>& security_dir = std::nullopt,
              std::function<void(const std::string&)> watch_log = {});
  ~Participant();
  Participant(const Participant&) = delete;
  Participant& operator=(const Participant&) = delete;

  dds_entity_t participant() const { return participant_; }
  dds_entity_t publisher() const { return publisher_; }
  dds_entity_t subscriber() const { return subscriber_; }
  const Guid& guid() const { return guid_; }
  std::uint32_t domain_id() const { return domain_id_; }

  // A fresh client/service id: GUID prefix + big-endian counter starting at 1 (spec §5).
  EndpointId next_endpoint_id();

 private:
  std::uint32_t domain_id_;
  std::optional<DomainUse> domain_;  // outlives participant_ (declared first, destroyed last)
  dds_entity_t participant_ = 0;
  dds_entity_t publisher_ = 0;
  dds_entity_t subscriber_ = 0;
  Guid guid_{};
  std::atomic<std::uint32_t> endpoint_counter_{0};
  // Owned here so that its thread ends before the participant is deleted; none with discovery OFF
  // (no peers) or RCLITE_WATCH_LOCAL_PEERS=0.
  std::unique_ptr<PeerDeathWatch> death_watch_;
};

}  // namespace rclite::dds
