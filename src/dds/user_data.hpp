// USER_DATA strings of ROS endpoints and participants (spec §5): `key=value;` pairs.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace rclite::dds {

// rmw::impl::cpp::parse_key_value: keys are alphanumeric, values run to ';'. Malformed content
// yields an empty map, as in rmw.
std::map<std::string, std::string> parse_user_data(std::string_view text);

// A client/service id: the participant's 12-byte GUID prefix and a 4-byte big-endian counter.
using EndpointId = std::array<std::uint8_t, 16>;

// rmw_cyclonedds' rendering: hex bytes joined by '.', no zero padding, the first byte padded to
// two characters with a space (" 1.10.df.4d.24.b3.c.48.3b.8d.d.d0.0.0.0.8").
std::string endpoint_id_to_string(const EndpointId& id);

}  // namespace rclite::dds
