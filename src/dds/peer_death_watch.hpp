// Notices at once that a peer process on this host died, whatever lease its participant announced
// (issue #16): a stock ROS 2 participant announces Cyclone's default 10 s, during which the calls
// pending on a dead server would hang.
//
// This host shows what a lease cannot: a peer's sockets. For each participant discovered whose
// announced unicast locators are all addresses of this host, the watch notes the UDP sockets that
// serve them (/proc/net/udp: port and inode) and checks every 200 ms that they still exist. When
// none does, its process is gone and the watch deletes the proxy participant exactly as the expiry
// of its lease would (ddsi_peers.h): its endpoints unmatch, and whatever handles a lost peer runs
// (a client fails the requests pending on it). A restarted peer has another GUID and other sockets
// (inodes differ even on the same port), so it is never taken for the dead one. Peers on other
// hosts, and any peer whose sockets cannot be seen here, are left to their lease.
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

  static constexpr dds_duration_t kPeriod = DDS_MSECS(200);

 private:
  using PeerGuid = std::array<std::uint8_t, 16>;
  struct SocketId {
    std::uint16_t port;
    std::uint64_t inode;
    bool v6;
    bool operator==(const SocketId&) const = default;
  };
  struct Peer {
    enum class State { Ignored, Candidate, Watched } state = State::Ignored;
    std::vector<std::pair<bool, IpAddress>> addresses;  // with `ports`: its unicast locators
    std::vector<std::uint32_t> ports;
    std::vector<SocketId> sockets;  // those that served them when first seen
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
