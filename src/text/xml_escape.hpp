// Text placed inside XML attributes and elements we write (Cyclone configuration, DDS Security
// governance and permissions documents).
#pragma once

#include <string>

namespace rclite::text {

inline std::string xml_escape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace rclite::text
