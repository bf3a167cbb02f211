// What this host shows of its UDP sockets and addresses, for the peer death watch
// (peer_death_watch.hpp): a process's sockets close when it dies, whatever lease it announced.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rclite::dds {

// An address as DDSI locators hold it: 16 bytes in network order, IPv4 in the last four.
using IpAddress = std::array<std::uint8_t, 16>;

struct UdpSocket {
  bool v6 = false;
  IpAddress address{};  // the local address it is bound to; all zero for the wildcard
  std::uint16_t port = 0;
  std::uint64_t inode = 0;  // unique among the sockets that exist: a new socket on the same port has another
};

// The sockets listed in the text of /proc/net/udp (`v6` false) or /proc/net/udp6 (`v6` true).
// Lines that do not parse (the header) are skipped.
std::vector<UdpSocket> parse_proc_net_udp(std::string_view text, bool v6);

// The UDP sockets of this network namespace (every process's, whoever owns them); none if the
// table cannot be read.
std::optional<std::vector<UdpSocket>> read_udp_sockets(bool v6);

// Whether `address` is one of this host's: loopback (127/8, ::1) or an address of one of its
// interfaces (`interface_addresses`, from host_interface_addresses()).
bool is_host_address(bool v6, const IpAddress& address, const std::vector<std::pair<bool, IpAddress>>& interface_addresses);
std::vector<std::pair<bool, IpAddress>> host_interface_addresses();

}  // namespace rclite::dds
