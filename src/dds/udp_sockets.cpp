#include "udp_sockets.hpp"

#include <ifaddrs.h>
#include <netinet/in.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <fstream>
#include <sstream>

namespace rclite::dds {

namespace {

// One 32-bit word as the kernel prints it (%08X of the word as it lies in memory, which holds the
// address in network order): copying the parsed value back to memory gives the bytes again.
bool parse_word(std::string_view hex, std::uint8_t* out) {
  std::uint32_t value = 0;
  const auto [end, ec] = std::from_chars(hex.data(), hex.data() + hex.size(), value, 16);
  if (ec != std::errc() || end != hex.data() + hex.size()) return false;
  std::memcpy(out, &value, 4);
  return true;
}

// "0100007F:1CF2" (IPv4) or 32 hex digits ":" port (IPv6).
bool parse_local_address(std::string_view text, bool v6, UdpSocket& socket) {
  const std::size_t colon = text.find(':');
  const std::size_t digits = v6 ? 32 : 8;
  if (colon != digits) return false;
  socket.v6 = v6;
  socket.address = {};
  for (std::size_t word = 0; word < digits / 8; ++word) {
    std::uint8_t* out = socket.address.data() + (v6 ? 4 * word : 12);
    if (!parse_word(text.substr(8 * word, 8), out)) return false;
  }
  const std::string_view port = text.substr(colon + 1);
  const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), socket.port, 16);
  return ec == std::errc() && end == port.data() + port.size();
}

std::vector<std::string_view> fields_of(std::string_view line) {
  std::vector<std::string_view> fields;
  std::size_t start = 0;
  while (true) {
    start = line.find_first_not_of(" \t", start);
    if (start == std::string_view::npos) break;
    std::size_t end = line.find_first_of(" \t", start);
    if (end == std::string_view::npos) end = line.size();
    fields.push_back(line.substr(start, end - start));
    start = end;
  }
  return fields;
}

bool is_loopback(bool v6, const IpAddress& address) {
  if (!v6) return address[12] == 127;
  static constexpr IpAddress kLoopback6{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
  return address == kLoopback6;
}

}  // namespace

std::vector<UdpSocket> parse_proc_net_udp(std::string_view text, bool v6) {
  // "sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode ..."
  constexpr std::size_t kLocalAddress = 1;
  constexpr std::size_t kInode = 9;
  std::vector<UdpSocket> sockets;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const auto fields = fields_of(text.substr(start, end - start));
    start = end + 1;
    UdpSocket socket;
    if (fields.size() <= kInode || !parse_local_address(fields[kLocalAddress], v6, socket)) continue;
    const std::string_view inode = fields[kInode];
    const auto [inode_end, ec] = std::from_chars(inode.data(), inode.data() + inode.size(), socket.inode);
    if (ec != std::errc() || inode_end != inode.data() + inode.size()) continue;
    sockets.push_back(socket);
  }
  return sockets;
}

std::optional<std::vector<UdpSocket>> read_udp_sockets(bool v6) {
  std::ifstream file(v6 ? "/proc/net/udp6" : "/proc/net/udp");
  if (!file) return std::nullopt;
  std::ostringstream text;
  text << file.rdbuf();
  return parse_proc_net_udp(text.str(), v6);
}

std::vector<std::pair<bool, IpAddress>> host_interface_addresses() {
  std::vector<std::pair<bool, IpAddress>> addresses;
  ifaddrs* list = nullptr;
  if (::getifaddrs(&list) != 0) return addresses;
  for (const ifaddrs* entry = list; entry != nullptr; entry = entry->ifa_next) {
    if (entry->ifa_addr == nullptr) continue;
    IpAddress address{};
    if (entry->ifa_addr->sa_family == AF_INET) {
      const auto* in = reinterpret_cast<const sockaddr_in*>(entry->ifa_addr);
      std::memcpy(address.data() + 12, &in->sin_addr, 4);
      addresses.emplace_back(false, address);
    } else if (entry->ifa_addr->sa_family == AF_INET6) {
      const auto* in6 = reinterpret_cast<const sockaddr_in6*>(entry->ifa_addr);
      std::memcpy(address.data(), &in6->sin6_addr, 16);
      addresses.emplace_back(true, address);
    }
  }
  ::freeifaddrs(list);
  return addresses;
}

bool is_host_address(bool v6, const IpAddress& address, const std::vector<std::pair<bool, IpAddress>>& interface_addresses) {
  return is_loopback(v6, address) ||
         std::find(interface_addresses.begin(), interface_addresses.end(), std::pair(v6, address)) !=
             interface_addresses.end();
}

}  // namespace rclite::dds
