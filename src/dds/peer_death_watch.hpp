// Notices at once that a peer process on this host died, whatever lease its participant announced
// (issue #16): a stock ROS 2 participant announces Cyclone's default 10 s, during which the calls
// pending on a dead server would hang.
//
// This host shows what a lease cannot: a peer's sockets. For each participant discovered whose
// announced unicast locators are all addresses of this host, the watch notes the UDP sockets on
// their ports (/proc/net/udp: port and inode) and checks every 200 ms that one still exists. When
// none does (in three reads, 50 ms apart: one read may skip a socket), its process is gone, and the
// watch deletes the proxy participant exactly as the expiry of its lease would (ddsi_peers.h): its
// endpoints unmatch, and whatever handles a lost peer runs (a client fails the requests pending on
// it). A peer with no socket on its ports when first looked up died before (it announced itself
// from one). A restarted peer has another GUID and other sockets (inodes differ even on the same
// port), so it is never taken for the dead one. Peers on other hosts (an address not this host's)
// and peers of other transports are left to their lease.
#pragma once

#include <dds/dds.h>

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "udp_sockets.hpp"

namespace rclite::dds {

class PeerDeathWatch {
 public:
  // Called from the watch's thread with a line for the debug log.
  using Log = std::function<void(const std::string&)>;

  // Watches the peers `participant` discovers, on a thread of its own. The thread waits on a DDS
  // waitset: it reads the socket tables only while some peer on this host is being watched.
  PeerDeathWatch(dds_entity_t participant, Log log);
  // Stops and joins the thread, then deletes its reader: before the participant is deleted.
  ~PeerDeathWatch();
  PeerDeathWatch(const PeerDeathWatch&) = delete;
  PeerDeathWatch& operator=(const PeerDeathWatch&) = delete;

  // How often the sockets of the peers on this host are looked at; when a read misses all of a
  // peer's sockets it is read again twice, kRecheck apart, before the peer is judged dead.
  static constexpr dds_duration_t kPeriod = DDS_MSECS(200);
  static constexpr dds_duration_t kRecheck = DDS_MSECS(50);
  static constexpr int kMisses = 3;

 private:
  using PeerGuid = std::array<std::uint8_t, 16>;
  struct SocketId {
    std::uint16_t port;
    std::uint64_t inode;
    bool v6;
    auto operator<=>(const SocketId&) const = default;
  };
  struct Peer {
    // Ignored: ours, on another host, or not watchable. Candidate: on this host, sockets not
    // looked up yet. Watched: its sockets noted.
    enum class State { Ignored, Candidate, Watched } state = State::Ignored;
    std::vector<std::uint16_t> ports;  // of its unicast locators
    std::vector<SocketId> sockets;     // on those ports when first looked up
    int misses = 0;                    // reads in a row that found none of them
  };

  void run();
  void take_participants();
  void classify(const PeerGuid& guid, Peer& peer);
  void check_sockets();
  bool watching() const;

  dds_entity_t reader_ = 0;
  dds_entity_t waitset_ = 0;
  dds_entity_t stop_ = 0;  // guard condition
  Log log_;
  void* domain_ = nullptr;  // Cyclone's DDSI domain, from the first sample (thread only)
  std::map<PeerGuid, Peer> peers_;  // every participant seen alive but ours (thread only)
  std::thread thread_;
};

}  // namespace rclite::dds
