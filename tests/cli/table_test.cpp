// Text tables: alignment, and wrapping to a width (cli/render/table.h),
// against text written out by hand.
#include <doctest/doctest.h>

#include "cli/render/table.h"

using namespace cli;

namespace {

Table three_columns() {
  Table t;
  t.title = "T";
  t.label_header = "Line";
  t.headers = {"a", "b", "c"};
  Cell cell{"1,000.00", "1000.00", true, false};
  t.rows.push_back(Row{"x", "x", {cell, cell, cell}});
  return t;
}

}  // namespace

TEST_CASE("a table that fits is one block, whatever the width allows") {
  std::string one =
      "T\n"
      "Line         a         b         c\n"
      "x     1,000.00  1,000.00  1,000.00\n";
  CHECK(render_text(three_columns(), false) == one);
  CHECK(render_text(three_columns(), false, 34) == one);
}

TEST_CASE("a wider table wraps its columns into blocks that repeat the labels") {
  CHECK(render_text(three_columns(), false, 24) ==
        "T\n"
        "Line         a         b\n"
        "x     1,000.00  1,000.00\n"
        "\n"
        "Line         c\n"
        "x     1,000.00\n");
  // Narrower than a label and one column: a column a block, never none.
  CHECK(render_text(three_columns(), false, 5) ==
        "T\n"
        "Line         a\nx     1,000.00\n\n"
        "Line         b\nx     1,000.00\n\n"
        "Line         c\nx     1,000.00\n");
}
