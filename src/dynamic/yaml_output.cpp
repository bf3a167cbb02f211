// rosidl_runtime_py.message_to_yaml for runtime-typed values: the value is converted as
// message_to_ordereddict / _convert_value do, then written as PyYAML's yaml.dump(...,
// allow_unicode=True, width=sys.maxsize, default_flow_style=flow_style) writes it. The emitter below
// follows PyYAML's (yaml/emitter.py) states, scalar analysis and quoting for the nodes such a
// document has: mappings (whose flow_style is unset: block unless inside a flow collection),
// sequences (flow style as asked) and plain or quoted scalars, written without line folding.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <regex>

#include "list_abbreviation.hpp"
#include "python_text.hpp"
#include "rclite/dynamic/yaml.hpp"
#include "unicode.hpp"

namespace rclite::dynamic {

using idl::Primitive;

namespace {

struct Node {
  enum class Kind { Scalar, Sequence, Mapping };
  Kind kind = Kind::Scalar;
  std::u32string text;  // a scalar's text
  bool is_str = false;  // a Python str (quoted when it would read back as another type)
  std::vector<std::u32string> keys;  // a mapping's keys; its values are `items`
  std::vector<Node> items;            // a sequence's elements or a mapping's values
};

Node scalar(std::string_view text) {
  Node node;
  node.text = unicode::decode_utf8(text);
  return node;
}

Node str(std::u32string text) {
  Node node;
  node.text = std::move(text);
  node.is_str = true;
  return node;
}

// PyYAML's represent_float.
std::string yaml_float(double value) {
  if (std::isnan(value)) return ".nan";
  if (std::isinf(value)) return value < 0 ? "-.inf" : ".inf";
  std::string text = python::float_repr(value);
  if (text.find('.') == std::string::npos && text.find('e') != std::string::npos) {
    text.insert(text.find('e'), ".0");
  }
  return text;
}

class Converter {
 public:
  explicit Converter(const YamlOptions& options) : options_(options) {}

  // _convert_value; `is_field` tells whether a field type is known (no_arr applies then).
  Node convert(const DynamicValue& value, bool is_field) const {
    const ValueType& type = value.type();
    if (type.is_list()) return convert_list(value, is_field);
    if (type.is_message()) return convert_message(value);
    switch (type.primitive) {
      case Primitive::Bool: return scalar(value.get<bool>() ? "true" : "false");
      case Primitive::Byte: {  // bytes become a str of their code points
        std::u32string text(1, static_cast<char32_t>(value.get<std::uint8_t>()));
        if (options_.truncate_length && text.size() > *options_.truncate_length) {
          text = text.substr(0, *options_.truncate_length) + U"...";
        }
        return str(std::move(text));
      }
      case Primitive::Float32:
      case Primitive::Float64: return scalar(yaml_float(value.get<double>()));
      case Primitive::String: return convert_string(unicode::decode_utf8(value.as_string()));
      case Primitive::WString: return convert_string(unicode::decode_utf16(value.as_wstring()));
      case Primitive::Int8:
      case Primitive::Int16:
      case Primitive::Int32:
      case Primitive::Int64: return scalar(std::to_string(value.get<std::int64_t>()));
      default: return scalar(std::to_string(value.get<std::uint64_t>()));
    }
  }

  // message_to_ordereddict.
  Node convert_message(const DynamicValue& value) const {
    Node node;
    node.kind = Node::Kind::Mapping;
    const MessageType& type = value.message_type();
    if (type.is_empty_struct()) return node;
    for (std::size_t i = 0; i < type.members().size(); ++i) {
      node.keys.push_back(unicode::decode_utf8(type.members()[i].name));
      node.items.push_back(convert(value.field(i), true));
    }
    return node;
  }

 private:
  Node convert_string(std::u32string text) const {
    if (options_.no_str) {
      return str(unicode::decode_utf8("<string length: <" + std::to_string(text.size()) + ">>"));
    }
    if (options_.truncate_length && text.size() > *options_.truncate_length) {
      text = text.substr(0, *options_.truncate_length) + U"...";
    }
    return str(std::move(text));
  }

  Node convert_list(const DynamicValue& value, bool is_field) const {
    if (options_.no_arr && is_field) return str(unicode::decode_utf8(abbreviated_list(value)));
    Node node;
    node.kind = Node::Kind::Sequence;
    std::size_t count = value.size();
    const bool truncated = options_.truncate_length && count > *options_.truncate_length;
    if (truncated) count = *options_.truncate_length;
    for (std::size_t i = 0; i < count; ++i) node.items.push_back(convert(value[i], false));
    if (truncated) node.items.push_back(str(U"..."));
    return node;
  }

  const YamlOptions& options_;
};

bool is_break(char32_t c) { return c == U'\n' || c == 0x85 || c == 0x2028 || c == 0x2029; }
bool is_blank_or_end(char32_t c) { return c == 0 || c == U' ' || c == U'\t' || c == U'\r' || is_break(c); }

// Would PyYAML's resolver read this plain text as something other than a str (bool, int, float,
// null, timestamp, merge, value, yaml)? Then a str must be quoted.
bool resolves_as_non_string(std::u32string_view text) {
  static const std::regex kImplicit(
      // bool
      "yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF"
      // float
      "|[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+][0-9]+)?"
      "|\\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?"
      "|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*"
      "|[-+]?\\.(?:inf|Inf|INF)"
      "|\\.(?:nan|NaN|NAN)"
      // int
      "|[-+]?0b[0-1_]+"
      "|[-+]?0[0-7_]+"
      "|[-+]?(?:0|[1-9][0-9_]*)"
      "|[-+]?0x[0-9a-fA-F_]+"
      "|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+"
      // merge, null, value, yaml
      "|<<|~|null|Null|NULL|=|!|&|\\*"
      // timestamp
      "|[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]"
      "|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \\t]+)[0-9][0-9]?"
      ":[0-9][0-9]:[0-9][0-9](?:\\.[0-9]*)?(?:[ \\t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?");
  if (text.empty()) return true;  // null
  if (text.size() > 64) return false;  // longer than anything the patterns match
  const std::string utf8 = unicode::encode_utf8(text);
  return std::regex_match(utf8, kImplicit);
}

// PyYAML's ScalarAnalysis (allow_unicode=True).
struct Analysis {
  bool empty = false;
  bool multiline = false;
  bool allow_flow_plain = true;
  bool allow_block_plain = true;
  bool allow_single_quoted = true;
};

Analysis analyze(std::u32string_view s) {
  Analysis a;
  if (s.empty()) {
    a.empty = true;
    a.allow_flow_plain = false;
    return a;
  }
  bool block_indicators = false;
  bool flow_indicators = false;
  bool line_breaks = false;
  bool special_characters = false;
  bool leading_space = false;
  bool leading_break = false;
  bool trailing_space = false;
  bool trailing_break = false;
  bool break_space = false;
  bool space_break = false;
  if (s.starts_with(U"---") || s.starts_with(U"...")) {
    block_indicators = true;
    flow_indicators = true;
  }
  bool preceded_by_whitespace = true;
  bool followed_by_whitespace = s.size() == 1 || is_blank_or_end(s[1]);
  bool previous_space = false;
  bool previous_break = false;
  for (std::size_t index = 0; index < s.size(); ++index) {
    const char32_t ch = s[index];
    if (index == 0) {
      if (std::u32string_view(U"#,[]{}&*!|>'\"%@`").find(ch) != std::u32string_view::npos) {
        flow_indicators = true;
        block_indicators = true;
      }
      if (ch == U'?' || ch == U':') {
        flow_indicators = true;
        if (followed_by_whitespace) block_indicators = true;
      }
      if (ch == U'-' && followed_by_whitespace) {
        flow_indicators = true;
        block_indicators = true;
      }
    } else {
      if (std::u32string_view(U",?[]{}").find(ch) != std::u32string_view::npos) flow_indicators = true;
      if (ch == U':') {
        flow_indicators = true;
        if (followed_by_whitespace) block_indicators = true;
      }
      if (ch == U'#' && preceded_by_whitespace) {
        flow_indicators = true;
        block_indicators = true;
      }
    }
    if (is_break(ch)) line_breaks = true;
    if (!(ch == U'\n' || (ch >= 0x20 && ch <= 0x7E))) {
      const bool unicode_ok = (ch == 0x85 || (ch >= 0xA0 && ch <= 0xD7FF) ||
                               (ch >= 0xE000 && ch <= 0xFFFD) || (ch >= 0x10000 && ch < 0x10FFFF)) &&
                              ch != 0xFEFF;
      if (!unicode_ok) special_characters = true;
    }
    if (ch == U' ') {
      if (index == 0) leading_space = true;
      if (index == s.size() - 1) trailing_space = true;
      if (previous_break) break_space = true;
      previous_space = true;
      previous_break = false;
    } else if (is_break(ch)) {
      if (index == 0) leading_break = true;
      if (index == s.size() - 1) trailing_break = true;
      if (previous_space) space_break = true;
      previous_space = false;
      previous_break = true;
    } else {
      previous_space = false;
      previous_break = false;
    }
    preceded_by_whitespace = is_blank_or_end(ch);
    followed_by_whitespace = index + 2 >= s.size() || is_blank_or_end(s[index + 2]);
  }
  a.multiline = line_breaks;
  if (leading_space || leading_break || trailing_space || trailing_break) {
    a.allow_flow_plain = a.allow_block_plain = false;
  }
  if (break_space) a.allow_flow_plain = a.allow_block_plain = a.allow_single_quoted = false;
  if (space_break || special_characters) {
    a.allow_flow_plain = a.allow_block_plain = a.allow_single_quoted = false;
  }
  if (line_breaks) a.allow_flow_plain = a.allow_block_plain = false;
  if (flow_indicators) a.allow_flow_plain = false;
  if (block_indicators) a.allow_block_plain = false;
  return a;
}

class Emitter {
 public:
  explicit Emitter(bool flow_sequences) : flow_sequences_(flow_sequences) {}

  std::string document(const Node& root) {
    expect_node(root, Context{.root = true});
    write_indent();  // document end
    if (open_ended_) {
      write_indicator(U"...", true);
      write_indent();
    }
    return std::move(out_);
  }

 private:
  struct Context {
    bool root = false;
    bool sequence = false;
    bool mapping = false;
    bool simple_key = false;
  };

  void expect_node(const Node& node, Context context) {
    context_ = context;
    switch (node.kind) {
      case Node::Kind::Scalar:
        increase_indent(true);
        process_scalar(node);
        pop_indent();
        break;
      case Node::Kind::Sequence:
        if (flow_level_ > 0 || flow_sequences_ || node.items.empty()) {
          flow_sequence(node);
        } else {
          block_sequence(node);
        }
        break;
      case Node::Kind::Mapping:
        if (flow_level_ > 0 || node.items.empty()) {
          flow_mapping(node);
        } else {
          block_mapping(node);
        }
        break;
    }
  }

  void flow_sequence(const Node& node) {
    write_indicator(U"[", true, true);
    ++flow_level_;
    increase_indent(true);
    for (std::size_t i = 0; i < node.items.size(); ++i) {
      if (i != 0) write_indicator(U",", false);
      expect_node(node.items[i], Context{.sequence = true});
    }
    pop_indent();
    --flow_level_;
    write_indicator(U"]", false);
  }

  void flow_mapping(const Node& node) {
    write_indicator(U"{", true, true);
    ++flow_level_;
    increase_indent(true);
    for (std::size_t i = 0; i < node.items.size(); ++i) {
      if (i != 0) write_indicator(U",", false);
      expect_node(str(node.keys[i]), Context{.mapping = true, .simple_key = true});
      write_indicator(U":", false);
      expect_node(node.items[i], Context{.mapping = true});
    }
    pop_indent();
    --flow_level_;
    write_indicator(U"}", false);
  }

  void block_sequence(const Node& node) {
    const bool indentless = context_.mapping && !indention_;
    increase_indent(false, indentless);
    for (const Node& item : node.items) {
      write_indent();
      write_indicator(U"-", true, false, true);
      expect_node(item, Context{.sequence = true});
    }
    pop_indent();
  }

  void block_mapping(const Node& node) {
    increase_indent(false);
    for (std::size_t i = 0; i < node.items.size(); ++i) {
      write_indent();
      expect_node(str(node.keys[i]), Context{.mapping = true, .simple_key = true});
      write_indicator(U":", false);
      expect_node(node.items[i], Context{.mapping = true});
    }
    pop_indent();
  }

  void increase_indent(bool flow, bool indentless = false) {
    indents_.push_back(indent_);
    if (indent_ < 0) {
      indent_ = flow ? kBestIndent : 0;
    } else if (!indentless) {
      indent_ += kBestIndent;
    }
  }

  void pop_indent() {
    indent_ = indents_.back();
    indents_.pop_back();
  }

  // choose_scalar_style and process_scalar.
  void process_scalar(const Node& node) {
    const Analysis analysis = analyze(node.text);
    const bool implicit = !node.is_str || !resolves_as_non_string(node.text);
    if (implicit && !(context_.simple_key && (analysis.empty || analysis.multiline)) &&
        ((flow_level_ > 0 && analysis.allow_flow_plain) ||
         (flow_level_ == 0 && analysis.allow_block_plain))) {
      write_plain(node.text);
    } else if (analysis.allow_single_quoted && !(context_.simple_key && analysis.multiline)) {
      write_single_quoted(node.text);
    } else {
      write_double_quoted(node.text);
    }
  }

  void write(std::u32string_view text) {
    column_ += static_cast<int>(text.size());
    out_ += unicode::encode_utf8(text);
  }

  void write_indicator(std::u32string_view indicator, bool need_whitespace, bool whitespace = false,
                       bool indention = false) {
    if (!whitespace_ && need_whitespace) write(U" ");
    write(indicator);
    whitespace_ = whitespace;
    indention_ = indention_ && indention;
    open_ended_ = false;
  }

  void write_indent() {
    const int indent = std::max(indent_, 0);
    if (!indention_ || column_ > indent || (column_ == indent && !whitespace_)) write_line_break();
    if (column_ < indent) {
      whitespace_ = true;
      write(std::u32string(static_cast<std::size_t>(indent - column_), U' '));
    }
  }

  void write_line_break(char32_t line_break = U'\n') {
    whitespace_ = true;
    indention_ = true;
    unicode::append_utf8(out_, line_break);
    column_ = 0;
  }

  void write_plain(std::u32string_view text) {
    if (context_.root) open_ended_ = true;
    if (text.empty()) return;
    if (!whitespace_) write(U" ");
    whitespace_ = false;
    indention_ = false;
    write(text);
  }

  // With no line width, only line breaks are special: each run of them is written doubled at
  // its first "\n" (a single break inside quotes would read back as a space), then indented.
  void write_single_quoted(std::u32string_view text) {
    write_indicator(U"'", true);
    bool breaks = false;
    std::size_t start = 0;
    for (std::size_t end = 0; end <= text.size(); ++end) {
      const bool at_end = end == text.size();
      const char32_t ch = at_end ? 0 : text[end];
      if (breaks) {
        if (at_end || !is_break(ch)) {
          if (text[start] == U'\n') write_line_break();
          for (std::size_t k = start; k < end; ++k) write_line_break(text[k]);
          write_indent();
          start = end;
        }
      } else if (at_end || ch == U' ' || is_break(ch) || ch == U'\'') {
        if (start < end) {
          write(text.substr(start, end - start));
          start = end;
        }
      }
      if (!at_end && ch == U'\'') {
        write(U"''");
        start = end + 1;
      }
      if (!at_end) breaks = is_break(ch);
    }
    write_indicator(U"'", false);
  }

  void write_double_quoted(std::u32string_view text) {
    write_indicator(U"\"", true);
    std::size_t start = 0;
    for (std::size_t end = 0; end <= text.size(); ++end) {
      const bool at_end = end == text.size();
      const char32_t ch = at_end ? 0 : text[end];
      const bool plain = !at_end && ch != U'"' && ch != U'\\' && ch != 0x85 && ch != 0x2028 &&
                         ch != 0x2029 && ch != 0xFEFF &&
                         ((ch >= 0x20 && ch <= 0x7E) || (ch >= 0xA0 && ch <= 0xD7FF) ||
                          (ch >= 0xE000 && ch <= 0xFFFD));
      if (plain) continue;
      if (start < end) write(text.substr(start, end - start));
      if (!at_end) {
        write(escape(ch));
        start = end + 1;
      }
    }
    write_indicator(U"\"", false);
  }

  static std::u32string escape(char32_t ch) {
    switch (ch) {
      case 0: return U"\\0";
      case 0x07: return U"\\a";
      case 0x08: return U"\\b";
      case 0x09: return U"\\t";
      case 0x0A: return U"\\n";
      case 0x0B: return U"\\v";
      case 0x0C: return U"\\f";
      case 0x0D: return U"\\r";
      case 0x1B: return U"\\e";
      case U'"': return U"\\\"";
      case U'\\': return U"\\\\";
      case 0x85: return U"\\N";
      case 0xA0: return U"\\_";
      case 0x2028: return U"\\L";
      case 0x2029: return U"\\P";
      default: break;
    }
    char buffer[16];
    if (ch <= 0xFF) {
      std::snprintf(buffer, sizeof buffer, "\\x%02X", static_cast<unsigned>(ch));
    } else if (ch <= 0xFFFF) {
      std::snprintf(buffer, sizeof buffer, "\\u%04X", static_cast<unsigned>(ch));
    } else {
      std::snprintf(buffer, sizeof buffer, "\\U%08X", static_cast<unsigned>(ch));
    }
    return unicode::decode_utf8(buffer);
  }

  static constexpr int kBestIndent = 2;
  const bool flow_sequences_;
  std::string out_;
  int column_ = 0;
  bool whitespace_ = true;
  bool indention_ = true;
  bool open_ended_ = false;
  int indent_ = -1;  // PyYAML's None
  std::vector<int> indents_;
  int flow_level_ = 0;
  Context context_;
};

}  // namespace

namespace {
Node node_of(const YamlTree& tree) {
  Node node;
  node.text = unicode::decode_utf8(tree.text);
  node.is_str = tree.is_string;
  switch (tree.kind) {
    case YamlTree::Kind::Scalar: node.kind = Node::Kind::Scalar; break;
    case YamlTree::Kind::Sequence: node.kind = Node::Kind::Sequence; break;
    case YamlTree::Kind::Mapping: node.kind = Node::Kind::Mapping; break;
  }
  for (const auto& key : tree.keys) node.keys.push_back(unicode::decode_utf8(key));
  for (const auto& item : tree.items) node.items.push_back(node_of(item));
  return node;
}
}  // namespace

YamlTree YamlTree::string(std::string text) {
  YamlTree tree;
  tree.text = std::move(text);
  tree.is_string = true;
  return tree;
}

YamlTree YamlTree::number(double value) { return scalar(yaml_float(value)); }

YamlTree YamlTree::scalar(std::string text) {
  YamlTree tree;
  tree.text = std::move(text);
  return tree;
}

std::string to_yaml(const YamlTree& tree) { return Emitter(false).document(node_of(tree)); }

std::string to_yaml(const DynamicValue& value, const YamlOptions& options) {
  const Converter converter(options);
  const Node root = converter.convert(value, false);
  return Emitter(options.flow_style).document(root);
}

}  // namespace rclite::dynamic
