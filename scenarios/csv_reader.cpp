#include "scenarios/csv_reader.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>

namespace scenarios {

namespace {

class CsvParser {
 public:
  CsvParser(std::string_view text, std::string_view source)
      : text_(text), source_(source_name(source)) {}

  CsvResult run();

 private:
  bool at_end() const { return pos_ >= text_.size(); }
  char peek() const { return text_[pos_]; }
  bool at_line_end() const { return peek() == '\n' || (peek() == '\r'); }
  void advance();  // one byte, keeping line and column (characters, not bytes)
  void skip_line_end();
  Mark here() const { return Mark{source_, line_, column_}; }
  void error(Mark at, std::string message) { result_.errors.add(at, "", std::move(message)); }
  bool quoted_cell(CsvCell& cell);
  void plain_cell(CsvCell& cell);

  std::string_view text_;
  const std::string* source_;
  std::size_t pos_ = 0;
  int line_ = 1, column_ = 1;
  CsvResult result_;
};

void CsvParser::advance() {
  unsigned char c = static_cast<unsigned char>(text_[pos_++]);
  bool crlf = c == '\r' && pos_ < text_.size() && text_[pos_] == '\n';
  if (c == '\n' || (c == '\r' && !crlf)) {
    ++line_, column_ = 1;
  } else if ((c & 0xC0) != 0x80 && c != '\r') {
    ++column_;
  }
}

void CsvParser::skip_line_end() {
  if (!at_end() && peek() == '\r') advance();
  if (!at_end() && peek() == '\n') advance();
}

bool CsvParser::quoted_cell(CsvCell& cell) {
  cell.quoted = true;
  advance();  // the opening quote
  while (true) {
    if (at_end()) {
      error(cell.mark, "unterminated quoted field");
      return false;
    }
    if (peek() == '"') {
      advance();
      if (!at_end() && peek() == '"') {
        cell.text += '"';
        advance();
        continue;
      }
      break;
    }
    if (peek() == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') {
      advance();  // CRLF inside a field reads as LF
      continue;
    }
    cell.text += peek();
    advance();
  }
  if (!at_end() && peek() != ',' && !at_line_end()) {
    if (line_ != cell.mark.line)
      error(cell.mark, "unterminated quoted field (it runs on to line " + std::to_string(line_) +
                           ", where text follows its closing quote)");
    else
      error(here(),
            "text after the closing quote of a field (a quote inside a field is written \"\")");
    return false;
  }
  return true;
}

void CsvParser::plain_cell(CsvCell& cell) {
  while (!at_end() && peek() != ',' && !at_line_end()) {
    cell.text += peek();
    advance();
  }
}

CsvResult CsvParser::run() {
  if (text_.starts_with("\xEF\xBB\xBF")) pos_ = 3;  // byte-order mark: not a character
  if (std::size_t nul = text_.find('\0'); nul != std::string_view::npos) {
    while (pos_ < nul)
      advance();
    error(here(), "binary file (NUL byte); expected CSV text");
    return std::move(result_);
  }
  if (std::size_t bad = invalid_utf8(text_); bad != std::string_view::npos) {
    while (pos_ < bad)
      advance();
    error(here(), "not UTF-8 text; save the file as UTF-8 (Excel: \"CSV UTF-8\")");
    return std::move(result_);
  }
  while (!at_end()) {
    CsvRow row;
    while (true) {
      CsvCell cell;
      cell.mark = here();
      if (!at_end() && peek() == '"') {
        if (!quoted_cell(cell)) return std::move(result_);
      } else {
        plain_cell(cell);
      }
      row.push_back(std::move(cell));
      if (at_end() || at_line_end()) break;
      advance();  // the comma
    }
    skip_line_end();
    bool blank = std::all_of(row.begin(), row.end(),
                             [](const CsvCell& c) { return c.text.empty() && !c.quoted; });
    if (!blank) result_.rows.push_back(std::move(row));
  }
  return std::move(result_);
}

}  // namespace

// The offset of the first byte that is not part of valid UTF-8, or npos.
std::size_t invalid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    // Eight ASCII bytes (none with its top bit set) at a time: most text.
    std::uint64_t eight;
    while (i + 8 <= s.size() &&
           (std::memcpy(&eight, s.data() + i, 8), (eight & 0x8080808080808080u) == 0))
      i += 8;
    if (i == s.size()) break;
    unsigned char c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80           ? 1
                    : (c >> 5) == 0x6  ? 2
                    : (c >> 4) == 0xE  ? 3
                    : (c >> 3) == 0x1E ? 4
                                       : 0;
    if (n == 0 || i + n > s.size()) return i;
    for (std::size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return i;
    i += n;
  }
  return std::string_view::npos;
}

CsvResult parse_csv(std::string_view text, std::string_view source_name) {
  return CsvParser(text, source_name).run();
}

}  // namespace scenarios
