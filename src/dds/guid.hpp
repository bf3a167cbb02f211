// A DDS GUID (12-byte participant prefix and 4-byte entity id): the identity of a participant,
// reader or writer. Its own header so that code which only names GUIDs (the graph's pure model and
// decoding) does not pull in Cyclone's headers.
#pragma once

#include <array>
#include <cstdint>

namespace rclite::dds {

using Guid = std::array<std::uint8_t, 16>;

}  // namespace rclite::dds
