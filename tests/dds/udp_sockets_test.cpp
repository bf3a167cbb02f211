// The socket tables the peer death watch reads (src/dds/udp_sockets.hpp), on copies of real ones.
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>

#include "../../src/dds/udp_sockets.hpp"

using namespace rclite::dds;

namespace {

// /proc/net/udp with two Cyclone participants of domain 179 (wildcard discovery and data ports
// 52160/52161 and 52162/52163) and their 127.0.0.1 transmit sockets.
constexpr const char* kUdp =
    "   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops            \n"
    "  461: 0100007F:9742 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 104043 2 00000000f0c282df 0        \n"
    "13899: 00000000:CBC0 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 106775 2 00000000b82e90b9 0        \n"
    "13900: 00000000:CBC1 00000000:0000 07 00000000:00000000 00:00000000 00000000  1000        0 106776 2 00000000c2ae08ba 0        \n"
    "13901: 00000000:CBC2 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 106843 2 00000000e90bf7b7 0        \n"
    "13902: 00000000:CBC3 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 106844 2 00000000737ed02e 0        \n";

// /proc/net/udp6: one socket bound to ::1, one to the wildcard.
constexpr const char* kUdp6 =
    "  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n"
    "  863: 00000000000000000000000001000000:D8D4 00000000000000000000000000000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 136849 2 000000002ed04df2 0\n"
    " 3449: 00000000000000000000000000000000:E2EE 00000000000000000000000000000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 136850 2 00000000b9afc7ba 0\n";

IpAddress v4(std::uint8_t a, std::uint8_t b, std::uint8_t c, std::uint8_t d) {
  IpAddress address{};
  address[12] = a;
  address[13] = b;
  address[14] = c;
  address[15] = d;
  return address;
}

}  // namespace

TEST(UdpSockets, ParsesTheIpv4Table) {
  const auto sockets = parse_proc_net_udp(kUdp, false);
  ASSERT_EQ(sockets.size(), 5u);  // the header is skipped
  EXPECT_FALSE(sockets[0].v6);
  EXPECT_EQ(sockets[0].address, v4(127, 0, 0, 1));
  EXPECT_EQ(sockets[0].port, 0x9742);
  EXPECT_EQ(sockets[0].inode, 104043u);
  EXPECT_EQ(sockets[1].address, IpAddress{});
  EXPECT_EQ(sockets[1].port, 52160);
  EXPECT_EQ(sockets[4].port, 52163);
  EXPECT_EQ(sockets[4].inode, 106844u);
}

TEST(UdpSockets, ReadsThisHostsTable) {
  // A socket of our own, on loopback: listed with its port.
  const int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof address;
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&address), size), 0);
  ASSERT_EQ(::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size), 0);
  const auto port = ntohs(address.sin_port);
  const auto sockets = read_udp_sockets(false);
  ::close(fd);
  ASSERT_TRUE(sockets.has_value());
  EXPECT_TRUE(std::any_of(sockets->begin(), sockets->end(), [&](const UdpSocket& socket) {
    return socket.port == port && socket.address == v4(127, 0, 0, 1) && socket.inode != 0;
  }));
}

TEST(UdpSockets, ParsesTheIpv6Table) {
  const auto sockets = parse_proc_net_udp(kUdp6, true);
  ASSERT_EQ(sockets.size(), 2u);
  IpAddress loopback{};
  loopback[15] = 1;
  EXPECT_TRUE(sockets[0].v6);
  EXPECT_EQ(sockets[0].address, loopback);
  EXPECT_EQ(sockets[0].port, 0xD8D4);
  EXPECT_EQ(sockets[0].inode, 136849u);
  EXPECT_EQ(sockets[1].address, IpAddress{});
  // An IPv6 table read as IPv4 (or the reverse) yields nothing rather than wrong addresses.
  EXPECT_TRUE(parse_proc_net_udp(kUdp6, false).empty());
  EXPECT_TRUE(parse_proc_net_udp(kUdp, true).empty());
}

TEST(UdpSockets, SkipsWhatDoesNotParse) {
  EXPECT_TRUE(parse_proc_net_udp("", false).empty());
  EXPECT_TRUE(parse_proc_net_udp("  1: 0100007F:97 00000000:0000 07 x\n", false).empty());
  EXPECT_TRUE(parse_proc_net_udp("  1: 0100007F:9742 00000000:0000 07 0 0 0 0 0 not-a-number 2\n", false).empty());
  EXPECT_EQ(parse_proc_net_udp("  1: 0100007F:9742 00000000:0000 07 0 0 0 0 0 77 2", false).size(), 1u);  // no newline
}

TEST(UdpSockets, LoopbackAndTheInterfacesAreThisHost) {
  const std::vector<std::pair<bool, IpAddress>> interfaces{{false, v4(192, 168, 1, 5)}};
  EXPECT_TRUE(is_host_address(false, v4(127, 0, 0, 1), {}));
  EXPECT_TRUE(is_host_address(false, v4(127, 1, 2, 3), {}));
  EXPECT_TRUE(is_host_address(false, v4(192, 168, 1, 5), interfaces));
  EXPECT_FALSE(is_host_address(false, v4(192, 168, 1, 6), interfaces));
  EXPECT_FALSE(is_host_address(true, v4(192, 168, 1, 5), interfaces));
  IpAddress loopback6{};
  loopback6[15] = 1;
  EXPECT_TRUE(is_host_address(true, loopback6, {}));
  // Loopback whatever the interfaces say.
  EXPECT_TRUE(is_host_address(false, v4(127, 0, 0, 1), host_interface_addresses()));
}
