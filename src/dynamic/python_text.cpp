#include "python_text.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>
#include <type_traits>

#include "unicode.hpp"

namespace rclite::dynamic::python {

namespace {

// A finite value as sign, significant digits d1d2d3... and exponent: value = d1.d2d3... * 10^exponent.
struct Digits {
  bool negative = false;
  std::string digits;
  int exponent = 0;
};

Digits parse_scientific(std::string_view text) {
  Digits d;
  if (!text.empty() && text.front() == '-') {
    d.negative = true;
    text.remove_prefix(1);
  }
  const std::size_t e = text.find('e');
  for (char c : text.substr(0, e)) {
    if (c != '.') d.digits += c;
  }
  std::string_view exponent = text.substr(e + 1);
  if (!exponent.empty() && exponent.front() == '+') exponent.remove_prefix(1);
  std::from_chars(exponent.data(), exponent.data() + exponent.size(), d.exponent);
  while (d.digits.size() > 1 && d.digits.back() == '0') d.digits.pop_back();
  return d;
}

// The shortest digits that read back as the same F (float or double).
template <class F>
Digits shortest_digits(F value) {
  std::array<char, 64> buffer{};
  const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value,
                                    std::chars_format::scientific);
  return parse_scientific(std::string_view(buffer.data(), static_cast<std::size_t>(result.ptr - buffer.data())));
}

// The value rounded to `precision` digits after the point, in `format` (exact, like printf).
std::string rounded(double value, std::chars_format format, int precision) {
  std::array<char, 400> buffer{};
  const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value, format, precision);
  return std::string(buffer.data(), static_cast<std::size_t>(result.ptr - buffer.data()));
}

void append_hex(std::string& out, const char* prefix, std::uint32_t value, int width) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%s%0*x", prefix, width, value);
  out += buffer;
}

// --- numpy's FloatingFormat (numpy/core/arrayprint.py), precision 8, floatmode 'maxprec' ------

// dragon4_positional(x, precision=8, unique=True, fractional=True, trim='.'): integer part and
// fractional part, without the point.
template <class F>
std::pair<std::string, std::string> positional(F value) {
  const Digits d = shortest_digits(value);
  const int point = d.exponent + 1;  // digits before the decimal point
  const int fraction_digits = std::max(0, static_cast<int>(d.digits.size()) - point);
  std::string integer_part;
  std::string fraction_part;
  if (fraction_digits > 8) {
    const std::string text = rounded(static_cast<double>(value), std::chars_format::fixed, 8);
    const std::size_t dot = text.find('.');
    integer_part = text.substr(0, dot);
    fraction_part = text.substr(dot + 1);
    while (!fraction_part.empty() && fraction_part.back() == '0') fraction_part.pop_back();
    return {integer_part, fraction_part};
  }
  if (d.negative) integer_part = "-";
  if (point <= 0) {
    integer_part += "0";
    fraction_part = std::string(static_cast<std::size_t>(-point), '0') + d.digits;
  } else if (static_cast<std::size_t>(point) >= d.digits.size()) {
    integer_part += d.digits + std::string(static_cast<std::size_t>(point) - d.digits.size(), '0');
  } else {
    integer_part += d.digits.substr(0, static_cast<std::size_t>(point));
    fraction_part = d.digits.substr(static_cast<std::size_t>(point));
  }
  if (fraction_part == "0") fraction_part.clear();  // trim='.' keeps "1." for 1.0
  return {integer_part, fraction_part};
}

// dragon4_scientific(x, precision=8, unique=True, trim='.'): sign and first digit, the other
// digits, the exponent.
struct Scientific {
  std::string integer_part;
  std::string fraction_part;
  int exponent = 0;
};

template <class F>
Scientific scientific(F value) {
  Digits d = shortest_digits(value);
  if (d.digits.size() > 9) {
    d = parse_scientific(rounded(static_cast<double>(value), std::chars_format::scientific, 8));
  }
  Scientific s;
  s.integer_part = (d.negative ? "-" : "") + d.digits.substr(0, 1);
  s.fraction_part = d.digits.substr(1);
  s.exponent = d.exponent;
  return s;
}

template <class F>
std::vector<std::string> format_floats(const std::vector<F>& values) {
  std::vector<F> finite;
  for (F v : values) {
    if (std::isfinite(v)) finite.push_back(v);
  }
  // Exponential notation when the non-zero magnitudes span too much (compared in F, as numpy).
  bool exp_format = false;
  F max_value = 0;
  F min_value = std::numeric_limits<F>::max();
  bool any_non_zero = false;
  for (F v : finite) {
    if (v == 0) continue;
    any_non_zero = true;
    max_value = std::max(max_value, std::fabs(v));
    min_value = std::min(min_value, std::fabs(v));
  }
  if (any_non_zero) {
    exp_format = max_value >= static_cast<F>(1e8) || min_value < static_cast<F>(0.0001) ||
                 max_value / min_value > static_cast<F>(1000.0);
  }

  std::size_t pad_left = 0;
  std::size_t pad_right = 0;
  std::size_t precision = 0;
  std::size_t exp_size = 0;
  std::vector<std::pair<std::string, std::string>> positional_parts;
  if (exp_format) {
    for (F v : finite) {
      const Scientific s = scientific(v);
      precision = std::max(precision, s.fraction_part.size());
      pad_left = std::max(pad_left, s.integer_part.size());
      exp_size = std::max(exp_size, std::max<std::size_t>(2, std::to_string(std::abs(s.exponent)).size()));
    }
    pad_right = exp_size + 2 + precision;
  } else {
    for (F v : finite) {
      auto parts = positional(v);
      pad_left = std::max(pad_left, parts.first.size());
      pad_right = std::max(pad_right, parts.second.size());
      positional_parts.push_back(std::move(parts));
    }
  }
  if (finite.size() != values.size()) {
    const bool negative_inf = std::any_of(values.begin(), values.end(),
                                          [](F v) { return std::isinf(v) && v < 0; });
    const std::size_t offset = pad_right + 1;
    const std::size_t nan_length = 3;
    const std::size_t inf_length = 3 + (negative_inf ? 1 : 0);
    if (nan_length > offset) pad_left = std::max(pad_left, nan_length - offset);
    if (inf_length > offset) pad_left = std::max(pad_left, inf_length - offset);
  }

  std::vector<std::string> words;
  std::size_t next = 0;
  for (F v : values) {
    std::string word;
    if (!std::isfinite(v)) {
      const std::string text = std::isnan(v) ? "nan" : (v < 0 ? "-inf" : "inf");
      const std::size_t width = pad_left + pad_right + 1;
      word = std::string(width > text.size() ? width - text.size() : 0, ' ') + text;
    } else if (exp_format) {
      // The second pass asks every value for `precision` digits (min_digits): past its shortest
      // digits, dragon4 goes on with the exact digits of the binary value, correctly rounded.
      const std::string text = rounded(static_cast<double>(v), std::chars_format::scientific,
                                       static_cast<int>(precision));
      const std::size_t e = text.find('e');
      const std::size_t dot = std::min(text.find('.'), e);
      Scientific s;
      s.integer_part = text.substr(0, dot);
      s.fraction_part = dot < e ? text.substr(dot + 1, e - dot - 1) : std::string();
      std::from_chars(text.data() + e + (text[e + 1] == '+' ? 2 : 1), text.data() + text.size(), s.exponent);
      word = std::string(pad_left > s.integer_part.size() ? pad_left - s.integer_part.size() : 0, ' ') +
             s.integer_part + "." + s.fraction_part + "e" + (s.exponent < 0 ? "-" : "+");
      const std::string exponent = std::to_string(std::abs(s.exponent));
      word += std::string(exp_size > exponent.size() ? exp_size - exponent.size() : 0, '0') + exponent;
    } else {
      const auto& [integer_part, fraction_part] = positional_parts[next++];
      word = std::string(pad_left - integer_part.size(), ' ') + integer_part + "." + fraction_part +
             std::string(pad_right - fraction_part.size(), ' ');
    }
    words.push_back(std::move(word));
  }
  return words;
}

template <class I>
std::vector<std::string> format_integers(const std::vector<I>& values) {
  std::vector<std::string> words;
  std::size_t width = 0;
  for (I v : values) {
    words.push_back(std::to_string(v));
    width = std::max(width, words.back().size());
  }
  for (auto& word : words) word.insert(0, width - word.size(), ' ');
  return words;
}

// Beyond 1000 elements numpy prints the first and last 3 ("threshold" and "edgeitems").
template <class T>
std::vector<T> summarized(const std::vector<T>& values, bool& summary) {
  summary = values.size() > 1000;
  if (!summary) return values;
  std::vector<T> edges(values.begin(), values.begin() + 3);
  edges.insert(edges.end(), values.end() - 3, values.end());
  return edges;
}

// numpy's _formatArray for one dimension, and the "array(" prefix and dtype of array_repr.
std::string array_repr(std::vector<std::string> words, bool summary, std::string_view dtype) {
  if (summary) words.insert(words.begin() + 3, "...");
  constexpr std::size_t kLineWidth = 75;
  const std::string hanging(7, ' ');  // under "array(["
  // array2string takes the suffix ")" or "," off the line width, and _formatArray one more
  // column for the separator or "]".
  const std::size_t element_width = kLineWidth - 1 - 1;
  std::string text;
  std::string line = hanging;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (line.size() + words[i].size() > element_width && line.size() > hanging.size()) {
      line.erase(line.find_last_not_of(' ') + 1);
      text += line + "\n";
      line = hanging;
    }
    line += words[i];
    if (i + 1 < words.size()) line += ", ";
  }
  text += line;
  std::string result = "array([" + text.substr(hanging.size()) + "]";
  const bool implied = dtype == "int64" || dtype == "float64";
  if (implied) return result + ")";
  result += ",";
  const std::string dtype_text = "dtype=" + std::string(dtype) + ")";
  const std::size_t last_newline = result.rfind('\n');
  const std::size_t last_line = last_newline == std::string::npos ? result.size() : result.size() - last_newline - 1;
  result += last_line + dtype_text.size() + 1 > kLineWidth ? "\n      " : " ";
  return result + dtype_text;
}

// Non-printable code points above U+007F (str.isprintable() of Python 3.11, Unicode 14),
// without the unassigned ones except the noncharacters.
constexpr std::array<std::pair<char32_t, char32_t>, 28> kNonPrintable{{
    {0x80, 0xA0},       {0xAD, 0xAD},       {0x600, 0x605},     {0x61C, 0x61C},
    {0x6DD, 0x6DD},     {0x70F, 0x70F},     {0x890, 0x891},     {0x8E2, 0x8E2},
    {0x1680, 0x1680},   {0x180E, 0x180E},   {0x2000, 0x200F},   {0x2028, 0x202F},
    {0x205F, 0x2064},   {0x2066, 0x206F},   {0x3000, 0x3000},   {0xD800, 0xF8FF},
    {0xFDD0, 0xFDEF},   {0xFEFF, 0xFEFF},   {0xFFF9, 0xFFFB},   {0x110BD, 0x110BD},
    {0x110CD, 0x110CD}, {0x13430, 0x13438}, {0x1BCA0, 0x1BCA3}, {0x1D173, 0x1D17A},
    {0xE0001, 0xE0001}, {0xE0020, 0xE007F}, {0xF0000, 0xFFFFD}, {0x100000, 0x10FFFD},
}};

}  // namespace

bool is_printable(char32_t code) {
  if (code < 0x80) return code >= 0x20 && code < 0x7F;
  if ((code & 0xFFFE) == 0xFFFE) return false;  // the noncharacters U+xxFFFE and U+xxFFFF
  if (code > 0x10FFFF) return false;
  for (const auto& [first, last] : kNonPrintable) {
    if (code < first) return true;
    if (code <= last) return false;
  }
  return true;
}

std::string float_repr(double value) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value < 0 ? "-inf" : "inf";
  if (value == 0) return std::signbit(value) ? "-0.0" : "0.0";
  const Digits d = shortest_digits(value);
  const int point = d.exponent + 1;
  std::string text = d.negative ? "-" : "";
  const auto count = static_cast<int>(d.digits.size());
  if (point <= -4 || point > 16) {  // Python's float_repr_style 'short'
    text += d.digits.substr(0, 1);
    if (count > 1) text += "." + d.digits.substr(1);
    const std::string exponent = std::to_string(std::abs(d.exponent));
    text += std::string(d.exponent < 0 ? "e-" : "e+") + (exponent.size() < 2 ? "0" : "") + exponent;
  } else if (point <= 0) {
    text += "0." + std::string(static_cast<std::size_t>(-point), '0') + d.digits;
  } else if (point >= count) {
    text += d.digits + std::string(static_cast<std::size_t>(point - count), '0') + ".0";
  } else {
    text += d.digits.substr(0, static_cast<std::size_t>(point)) + "." +
            d.digits.substr(static_cast<std::size_t>(point));
  }
  return text;
}

std::string str_repr(std::u32string_view text) {
  const bool has_single = text.find(U'\'') != std::u32string_view::npos;
  const bool has_double = text.find(U'"') != std::u32string_view::npos;
  const char32_t quote = has_single && !has_double ? U'"' : U'\'';
  std::string out(1, static_cast<char>(quote));
  for (char32_t c : text) {
    if (c == quote || c == U'\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == U'\t') {
      out += "\\t";
    } else if (c == U'\n') {
      out += "\\n";
    } else if (c == U'\r') {
      out += "\\r";
    } else if (c < 0x20 || c == 0x7F) {
      append_hex(out, "\\x", c, 2);
    } else if (c < 0x7F) {
      out += static_cast<char>(c);
    } else if (is_printable(c)) {
      unicode::append_utf8(out, c);
    } else if (c <= 0xFF) {
      append_hex(out, "\\x", c, 2);
    } else if (c <= 0xFFFF) {
      append_hex(out, "\\u", c, 4);
    } else {
      append_hex(out, "\\U", c, 8);
    }
  }
  out += static_cast<char>(quote);
  return out;
}

std::string byte_repr(std::uint8_t value) {
  const char quote = value == '\'' ? '"' : '\'';
  std::string out = "b";
  out += quote;
  if (value == '\\') {
    out += "\\\\";
  } else if (value == '\t') {
    out += "\\t";
  } else if (value == '\n') {
    out += "\\n";
  } else if (value == '\r') {
    out += "\\r";
  } else if (value < 0x20 || value >= 0x7F) {
    append_hex(out, "\\x", value, 2);
  } else {
    out += static_cast<char>(value);
  }
  out += quote;
  return out;
}

std::string numpy_array_repr(const std::vector<std::int64_t>& values, std::string_view dtype) {
  bool summary = false;
  const auto shown = summarized(values, summary);
  return array_repr(format_integers(shown), summary, dtype);
}

std::string numpy_array_repr(const std::vector<std::uint64_t>& values, std::string_view dtype) {
  bool summary = false;
  const auto shown = summarized(values, summary);
  return array_repr(format_integers(shown), summary, dtype);
}

std::string numpy_array_repr(const std::vector<float>& values) {
  bool summary = false;
  const auto shown = summarized(values, summary);
  return array_repr(format_floats(shown), summary, "float32");
}

std::string numpy_array_repr(const std::vector<double>& values) {
  bool summary = false;
  const auto shown = summarized(values, summary);
  return array_repr(format_floats(shown), summary, "float64");
}

std::string float32_str(float value) {
  if (!std::isfinite(value)) return float_repr(value);
  std::array<char, 64> buffer{};
  const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);  // shortest
  double shortest = 0;
  std::from_chars(buffer.data(), result.ptr, shortest);
  return float_repr(shortest);  // the double nearest those digits prints as those digits
}

}  // namespace rclite::dynamic::python
