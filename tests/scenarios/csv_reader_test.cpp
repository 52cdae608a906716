#include <doctest/doctest.h>

#include "tests/print.h"

#include "scenarios/csv_reader.h"

using namespace scenarios;

namespace {

std::vector<std::vector<std::string>> cells(const CsvResult& r) {
  std::vector<std::vector<std::string>> out;
  for (const CsvRow& row : r.rows) {
    out.emplace_back();
    for (const CsvCell& c : row)
      out.back().push_back(c.text);
  }
  return out;
}

std::vector<std::string> errors(const CsvResult& r) {
  std::vector<std::string> out;
  for (const Diagnostic& d : r.errors.items())
    out.push_back(to_string(d));
  return out;
}

using Rows = std::vector<std::vector<std::string>>;

}  // namespace

TEST_CASE("plain rows, LF or CRLF, with or without a final line break") {
  Rows expected = {{"a", "b"}, {"1", "2"}};
  CHECK(cells(parse_csv("a,b\n1,2\n", "t.csv")) == expected);
  CHECK(cells(parse_csv("a,b\r\n1,2\r\n", "t.csv")) == expected);
  CHECK(cells(parse_csv("a,b\r\n1,2", "t.csv")) == expected);
  CHECK(cells(parse_csv("a,b\r1,2\r", "t.csv")) == expected);
}

TEST_CASE("quoted fields hold commas, doubled quotes and line breaks") {
  auto r = parse_csv("note,x\n\"Cut by 3%, as \"\"agreed\"\"\",\"two\r\nlines\"\n", "t.csv");
  CHECK(errors(r).empty());
  CHECK(cells(r) == Rows{{"note", "x"}, {"Cut by 3%, as \"agreed\"", "two\nlines"}});
  CHECK(r.rows[1][1].quoted);
  CHECK(r.rows[1][1].mark.line == 2);
  CHECK(r.rows[1][1].mark.column == 28);  // after 26 characters of the first cell and a comma
}

TEST_CASE("a byte-order mark is skipped and columns count characters") {
  auto r = parse_csv("\xEF\xBB\xBFpath,value\n£1,x\n", "t.csv");
  CHECK(cells(r) == Rows{{"path", "value"}, {"£1", "x"}});
  CHECK(r.rows[0][0].mark.column == 1);
  CHECK(r.rows[1][1].mark.column == 4);  // "£1," is three characters
}

TEST_CASE("blank lines and rows of empty cells are skipped, empty cells are kept") {
  CHECK(cells(parse_csv("a,b\n\n,\n\r\n1,\n", "t.csv")) == Rows{{"a", "b"}, {"1", ""}});
  CHECK(cells(parse_csv("", "t.csv")).empty());
}

TEST_CASE("malformed quoting is a located error") {
  CHECK(errors(parse_csv("a,b\n1,\"open\n2,3\n", "t.csv")) ==
        std::vector<std::string>{"t.csv:2:3: unterminated quoted field"});
  CHECK(errors(parse_csv("a,\"b\"x\n", "t.csv")) ==
        std::vector<std::string>{
            "t.csv:1:6: text after the closing quote of a field (a quote inside a field is "
            "written \"\")"});
  CHECK(errors(parse_csv(std::string("a,b\n1,\0", 7), "t.csv")) ==
        std::vector<std::string>{"t.csv:2:3: binary file (NUL byte); expected CSV text"});
}

TEST_CASE("invalid_utf8 finds the first bad byte wherever it falls among ASCII runs") {
  // The check takes eight ASCII bytes at a time: a bad byte at every offset
  // from 0 to 20, before, inside and after those runs, is found where it is.
  for (std::size_t at = 0; at <= 20; ++at) {
    std::string text(at, 'a');
    CHECK(invalid_utf8(text) == std::string_view::npos);
    CHECK(invalid_utf8(text + "\xff" + std::string(9, 'b')) == at);       // never a UTF-8 byte
    CHECK(invalid_utf8(text + "\xc2") == at);                             // cut off at the end
    CHECK(invalid_utf8(text + "\xe2\x82x" + std::string(9, 'b')) == at);  // a bad continuation
    // "£" (C2 A3) and "€" (E2 82 AC) are valid; the first bad byte after them is found.
    CHECK(invalid_utf8(text + "\xc2\xa3" + std::string(9, 'b') + "\x80") == at + 11);
    CHECK(invalid_utf8(text + "\xe2\x82\xac" + std::string(at, 'c')) == std::string_view::npos);
  }
}
