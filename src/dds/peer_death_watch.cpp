#include "peer_death_watch.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <exception>
#include <set>

#include "dds_error.hpp"
#include "ddsi_peers.h"

namespace rclite::dds {

namespace {

// Locators a peer may announce and still be watched: Cyclone announces one discovery and one data
// locator per interface it uses.
constexpr int kMaxLocators = 16;

std::string guid_text(const std::array<std::uint8_t, 16>& guid) {
  std::string text;
  char hex[3];
  for (std::size_t i = 0; i < guid.size(); ++i) {
    std::snprintf(hex, sizeof hex, "%02x", guid[i]);
    text += hex;
    if (i % 4 == 3 && i + 1 < guid.size()) text += ':';
  }
  return text;
}

}  // namespace

PeerDeathWatch::PeerDeathWatch(dds_entity_t participant, Log log) : log_(std::move(log)) {
  reader_ = check(dds_create_reader(participant, DDS_BUILTIN_TOPIC_DCPSPARTICIPANT, nullptr, nullptr),
                  "creating the peer death watch's DCPSParticipant reader");
  try {
    waitset_ = check(dds_create_waitset(participant), "dds_create_waitset");
    stop_ = check(dds_create_guardcondition(participant), "dds_create_guardcondition");
    const dds_entity_t samples = check(dds_create_readcondition(reader_, DDS_ANY_STATE), "dds_create_readcondition");
    check(dds_waitset_attach(waitset_, samples, 0), "dds_waitset_attach");
    check(dds_waitset_attach(waitset_, stop_, 0), "dds_waitset_attach");
    thread_ = std::thread([this] { run(); });
  } catch (...) {
    if (stop_ > 0) dds_delete(stop_);
    if (waitset_ > 0) dds_delete(waitset_);
    dds_delete(reader_);  // and its read condition
    throw;
  }
}

PeerDeathWatch::~PeerDeathWatch() {
  dds_set_guardcondition(stop_, true);
  thread_.join();
  dds_delete(waitset_);
  dds_delete(stop_);
  dds_delete(reader_);
}

bool PeerDeathWatch::watching() const {
  return std::any_of(peers_.begin(), peers_.end(),
                     [](const auto& entry) { return entry.second.state != Peer::State::Ignored; });
}

void PeerDeathWatch::run() {
  using Clock = std::chrono::steady_clock;
  auto next_check = Clock::now();
  try {
    while (true) {
      dds_duration_t timeout = DDS_INFINITY;  // nothing to watch: sleep until a participant comes
      if (watching()) {
        const auto left = std::chrono::duration_cast<std::chrono::nanoseconds>(next_check - Clock::now()).count();
        timeout = std::max<dds_duration_t>(0, left);
      }
      dds_waitset_wait(waitset_, nullptr, 0, timeout);
      bool stopping = false;
      dds_read_guardcondition(stop_, &stopping);
      if (stopping) return;
      take_participants();
      // A new candidate is looked up at once: its sockets are noted while its process surely lives.
      const bool fresh = std::any_of(peers_.begin(), peers_.end(), [](const auto& entry) {
        return entry.second.state == Peer::State::Candidate && entry.second.misses == 0;
      });
      if (fresh || (watching() && Clock::now() >= next_check)) {
        check_sockets();
        const bool suspect = std::any_of(peers_.begin(), peers_.end(), [](const auto& entry) { return entry.second.misses > 0; });
        next_check = Clock::now() + std::chrono::nanoseconds(suspect ? kRecheck : kPeriod);
      }
    }
  } catch (const std::exception& error) {
    // Only allocation can fail here; the leases still end the peers.
    if (log_) log_(std::string("peer death watch stopped: ") + error.what());
  }
}

void PeerDeathWatch::take_participants() {
  PeerGuid guid;
  int alive = 0;
  void* domain = nullptr;
  while (rclite_take_participant(reader_, guid.data(), &alive, &domain) > 0) {
    domain_ = domain;
    if (!alive) {
      peers_.erase(guid);
      continue;
    }
    // An update of a participant we know (its USER_DATA changed) changes nothing we look at.
    auto [entry, added] = peers_.try_emplace(guid);
    if (added) classify(guid, entry->second);
  }
}

void PeerDeathWatch::classify(const PeerGuid& guid, Peer& peer) {
  rclite_udp_locator locators[kMaxLocators];
  const int count = rclite_proxy_participant_locators(domain_, guid.data(), locators, kMaxLocators);
  // Ours (not a proxy), gone already, another transport or too many addresses: nothing to watch.
  if (count <= 0 || count > kMaxLocators) return;
  const auto host_addresses = host_interface_addresses();
  for (int i = 0; i < count; ++i) {
    IpAddress address;
    std::copy(std::begin(locators[i].address), std::end(locators[i].address), address.begin());
    const bool v6 = locators[i].is_v6 != 0;
    // All of them, not one: a peer in another network namespace may announce 127.0.0.1 too.
    if (!is_host_address(v6, address, host_addresses)) return;
    peer.ports.push_back(static_cast<std::uint16_t>(locators[i].port));
  }
  peer.state = Peer::State::Candidate;
}

void PeerDeathWatch::check_sockets() {
  // A new candidate's sockets may be in either table (a dual-stack IPv6 socket serves IPv4 too); a
  // watched peer's are in the tables they were found in.
  bool need_v4 = false;
  bool need_v6 = false;
  for (const auto& [guid, peer] : peers_) {
    if (peer.state == Peer::State::Candidate) need_v4 = need_v6 = true;
    if (peer.state != Peer::State::Watched) continue;
    for (const auto& socket : peer.sockets) (socket.v6 ? need_v6 : need_v4) = true;
  }
  std::vector<UdpSocket> sockets;
  for (const bool v6 : {false, true}) {
    if (!(v6 ? need_v6 : need_v4)) continue;
    auto table = read_udp_sockets(v6);
    if (!table) {
      // Unreadable (a sandbox without /proc/net): judge nothing, leave every peer to its lease.
      for (auto& [guid, peer] : peers_) peer.state = Peer::State::Ignored;
      return;
    }
    sockets.insert(sockets.end(), table->begin(), table->end());
  }
  std::set<SocketId> present;
  for (const auto& socket : sockets) present.insert({socket.port, socket.inode, socket.v6});

  for (auto it = peers_.begin(); it != peers_.end();) {
    const PeerGuid& guid = it->first;
    Peer& peer = it->second;
    if (peer.state == Peer::State::Ignored) {
      ++it;
      continue;
    }
    if (peer.state == Peer::State::Candidate) {
      // Every socket on one of its ports, whatever its address: one too many only delays the
      // verdict, one too few could make it wrong.
      for (const auto& socket : sockets) {
        if (std::find(peer.ports.begin(), peer.ports.end(), socket.port) != peer.ports.end()) {
          peer.sockets.push_back({socket.port, socket.inode, socket.v6});
        }
      }
      if (!peer.sockets.empty()) {
        peer.state = Peer::State::Watched;
        peer.misses = 0;
        if (log_) log_("peer " + guid_text(guid) + " is on this host: watching its " + std::to_string(peer.sockets.size()) + " socket(s)");
        ++it;
        continue;
      }
      // None: it sent its announcement from one of them, so its process died since (this thread
      // came late, e.g. on a busy machine) -- or the read missed them (below).
    } else if (std::any_of(peer.sockets.begin(), peer.sockets.end(),
                           [&](const SocketId& id) { return present.count(id) != 0; })) {
      peer.misses = 0;
      ++it;
      continue;
    }
    // The kernel writes the table a page at a time, resuming by position: sockets closed meanwhile
    // (other processes exiting) shift the rest, and a live socket can be skipped in one read. So a
    // verdict takes kMisses reads in a row, kRecheck apart.
    if (++peer.misses < kMisses) {
      ++it;
      continue;
    }
    // Every socket it had is closed: its process is gone (a process that closed its sockets but
    // lives on has deleted its participant anyway).
    const bool deleted = rclite_delete_proxy_participant(domain_, guid.data()) != 0;
    if (log_ && deleted) {
      log_("peer " + guid_text(guid) + " on this host is gone (" +
           (peer.state == Peer::State::Candidate ? "no socket on its ports" : "its sockets closed") + "): removed");
    }
    it = peers_.erase(it);
  }
}

}  // namespace rclite::dds
