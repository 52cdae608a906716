#include "cli/render/markup.h"

#include <cctype>

namespace cli {

namespace {

// The length of a character XML 1.0 cannot hold at text[i] (a control
// character other than tab, line feed and carriage return, such as a
// vertical tab pasted from Word or a bell; U+FFFE or U+FFFF, EF BF BE and
// EF BF BF in UTF-8), or 0.
std::size_t not_xml_at(std::string_view text, std::size_t i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  if (byte(i) < 0x20 && text[i] != '\t' && text[i] != '\n' && text[i] != '\r') return 1;
  if (byte(i) == 0xEF && i + 2 < text.size() && byte(i + 1) == 0xBF && (byte(i + 2) & 0xFE) == 0xBE)
    return 3;
  return 0;
}

constexpr std::string_view kReplacement = "\uFFFD";

}  // namespace

std::string escape_markdown(std::string_view text) {
  constexpr std::string_view kMarkup = "\\`*[]<>|~&$";
  auto alphanumeric = [&](std::size_t i) {
    return i < text.size() && std::isalnum(static_cast<unsigned char>(text[i]));
  };
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\n' || c == '\r') {
      out += ' ';
      continue;
    }
    // An underscore inside a word (pcc_cut) is never emphasis: left as written.
    bool emphasis = c == '_' && !(i > 0 && alphanumeric(i - 1) && alphanumeric(i + 1));
    if (emphasis || kMarkup.find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

std::string xml_characters(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (std::size_t n = not_xml_at(text, i)) {
      out += kReplacement;
      i += n - 1;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::string escape_markup(std::string_view text) {
  std::string safe = xml_characters(text), out;
  out.reserve(safe.size());
  for (char c : safe) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace cli
