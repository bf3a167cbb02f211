// UTF-8 and UTF-16 conversions for string values, YAML text and printing.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace rclite::dynamic::unicode {

inline constexpr char32_t kReplacement = 0xFFFD;

// Code points of UTF-8 text; each invalid byte sequence becomes U+FFFD (Python's "replace").
std::u32string decode_utf8(std::string_view text);
// nullopt when `text` is not valid UTF-8.
std::optional<std::u32string> decode_utf8_strict(std::string_view text);
// Code points of UTF-16 text; a lone surrogate is kept as its own code point (as Python does).
std::u32string decode_utf16(std::u16string_view text);

// Surrogate code points are written as U+FFFD.
std::string encode_utf8(std::u32string_view text);
void append_utf8(std::string& out, char32_t code_point);
std::u16string encode_utf16(std::u32string_view text);

}  // namespace rclite::dynamic::unicode
