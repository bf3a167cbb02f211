// A user program built against an installed rclite: bundled interface headers, headers it
// generated itself with rclite_generate_interfaces, and the CDR encoder. Exits non-zero on any
// mismatch.
#include <cstdint>
#include <iostream>
#include <string_view>
#include <vector>

#include <builtin_interfaces/msg/time.hpp>
#include <demo_msgs/msg/point2.hpp>
#include <demo_srvs/srv/distance.hpp>
#include <example_interfaces/srv/add_two_ints.hpp>
#include <rclite/wire/cdr.hpp>

namespace {

int failures = 0;

void check(bool ok, std::string_view what) {
  if (!ok) {
    std::cerr << "FAILED: " << what << "\n";
    ++failures;
  }
}

template <typename T>
bool has_rihs01_hash() {
  constexpr std::string_view hash = rclite::wire::MessageTraits<T>::type_hash;
  return hash.size() == 7 + 64 && hash.starts_with("RIHS01_");
}

}  // namespace

int main() {
  using rclite::wire::MessageTraits;
  using rclite::wire::ServiceTraits;

  // --- Our own message: constants and default values -----------------------------------------
  using demo_msgs::msg::Point2;
  static_assert(Point2::ORIGIN_X == 0.0);
  check(Point2::FRAME == "map", "Point2::FRAME constant");
  const Point2 defaults;
  check(defaults.x == 0.0 && defaults.y == 2.5 && defaults.frame_id == "map", "Point2 defaults");
  check(MessageTraits<Point2>::ros_type_name == "demo_msgs/msg/Point2", "Point2 ros_type_name");
  check(MessageTraits<Point2>::dds_type_name == "demo_msgs::msg::dds_::Point2_", "Point2 dds_type_name");
  check(has_rihs01_hash<Point2>(), "Point2 type_hash");

  // --- Our own service, nesting our message (DEPENDENCIES) and a bundled one -----------------
  using demo_srvs::srv::Distance;
  using Request = Distance::Request;
  using Response = Distance::Response;
  check(MessageTraits<Request>::ros_type_name == "demo_srvs/srv/Distance_Request",
        "Distance_Request ros_type_name");
  check(MessageTraits<Request>::dds_type_name == "demo_srvs::srv::dds_::Distance_Request_",
        "Distance_Request dds_type_name");
  check(MessageTraits<Response>::dds_type_name == "demo_srvs::srv::dds_::Distance_Response_",
        "Distance_Response dds_type_name");
  check(ServiceTraits<Distance>::ros_type_name == "demo_srvs/srv/Distance", "Distance ros_type_name");
  check(has_rihs01_hash<Request>() && has_rihs01_hash<Response>() &&
            has_rihs01_hash<Distance::Event>(),
        "Distance type hashes");
  check(ServiceTraits<Distance>::type_hash.starts_with("RIHS01_"), "Distance service hash");
  check(MessageTraits<Request>::type_hash != MessageTraits<Response>::type_hash,
        "request and response hashes differ");

  Request request;
  request.a.x = 1.5;
  request.a.y = -2.0;
  request.a.frame_id = "odom";
  request.b.x = 4.5;
  request.stamp.sec = 1700000000;
  request.stamp.nanosec = 123456789;
  {
    const std::vector<std::uint8_t> bytes = rclite::wire::encode(request);
    check(bytes.size() >= 4 && bytes[0] == 0x00 && bytes[1] == 0x01, "CDR little-endian header");
    check(rclite::wire::decode<Request>(bytes) == request, "Distance_Request round trip");
  }
  {
    const rclite::wire::RequestHeader header{0x0123456789abcdefULL, 42};
    std::vector<std::uint8_t> bytes;
    rclite::wire::encode_service_sample(header, request, bytes);
    Request decoded;
    check(rclite::wire::decode_service_sample(bytes, decoded) == header, "service header round trip");
    check(decoded == request, "Distance_Request service sample round trip");
  }
  {
    Response response;
    response.distance = 3.0;
    response.ok = true;
    check(rclite::wire::decode<Response>(rclite::wire::encode(response)) == response,
          "Distance_Response round trip");
  }

  // --- A bundled service: the bytes real ROS 2 Jazzy put on the wire ---------------------------
  using example_interfaces::srv::AddTwoInts;
  check(MessageTraits<AddTwoInts::Request>::dds_type_name ==
            "example_interfaces::srv::dds_::AddTwoInts_Request_",
        "AddTwoInts_Request dds_type_name");
  check(ServiceTraits<AddTwoInts>::type_hash ==
            "RIHS01_e118de6bf5eeb66a2491b5bda11202e7b68f198d6f67922cf30364858239c81a",
        "AddTwoInts type_hash (Jazzy)");
  check(MessageTraits<builtin_interfaces::msg::Time>::type_hash ==
            "RIHS01_b106235e25a4c5ed35098aa0a61a3ee9c9b18d197f398b0e4206cea9acf9c197",
        "builtin_interfaces/msg/Time type_hash (Jazzy)");
  {
    const rclite::wire::RequestHeader header{0x619e8441dde8f550ULL, 1};
    const std::vector<std::uint8_t> jazzy = {
        0x00, 0x01, 0x00, 0x00, 0x50, 0xf5, 0xe8, 0xdd, 0x41, 0x84, 0x9e, 0x61,
        0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x29, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00};
    std::vector<std::uint8_t> bytes;
    rclite::wire::encode_service_sample(header, AddTwoInts::Request{41, 1}, bytes);
    check(bytes == jazzy, "AddTwoInts request matches the Jazzy sample");
    AddTwoInts::Request decoded;
    check(rclite::wire::decode_service_sample(jazzy, decoded) == header, "Jazzy sample header");
    check(decoded == AddTwoInts::Request{41, 1}, "Jazzy sample body");
  }

  if (failures != 0) {
    std::cerr << failures << " check(s) failed\n";
    return 1;
  }
  std::cout << "downstream: all checks passed\n";
  return 0;
}
