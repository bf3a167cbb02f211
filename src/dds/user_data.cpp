#include "user_data.hpp"

#include <cctype>

namespace rclite::dds {

std::map<std::string, std::string> parse_user_data(std::string_view text) {
  while (!text.empty() && text.back() == '\0') text.remove_suffix(1);  // trailing NULs are tolerated
  std::map<std::string, std::string> values;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t equals = text.find('=', start);
    const std::size_t end = text.find(';', start);
    if (equals == std::string_view::npos || end == std::string_view::npos || equals > end) return {};
    const std::string_view key = text.substr(start, equals - start);
    if (key.empty()) return {};
    for (char c : key) {
      if (!std::isalnum(static_cast<unsigned char>(c))) return {};
    }
    values.emplace(std::string(key), std::string(text.substr(equals + 1, end - equals - 1)));
    start = end + 1;
  }
  return values;
}

std::string endpoint_id_to_string(const EndpointId& id) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string text;
  for (std::size_t i = 0; i < id.size(); ++i) {
    const std::uint8_t byte = id[i];
    if (i != 0) text += '.';
    if (byte >= 16) text += kHex[byte >> 4];
    else if (i == 0) text += ' ';
    text += kHex[byte & 0xf];
  }
  return text;
}

}  // namespace rclite::dds
