// The Markdown appendix: headings, paragraphs, pipe tables with numeric
// columns right-aligned, totals in bold, pipes in text escaped.
#include <doctest/doctest.h>

#include "tests/print.h"

#include "cli/render/report.h"

using namespace cli::report;

TEST_CASE("values as a reader sees them") {
  CHECK(display(Value::of_money(model::Money{101096625})) == "£1,010,966.25");
  CHECK(display(Value::of_money(model::Money{-22364725})) == "-£223,647.25");
  CHECK(display(Value::of_money(model::Money{1213159500})) == "£12,131,595.00");
  CHECK(display(Value::of_count(9)) == "9");
  CHECK(display(Value::of_rate(0.025)) == "2.5%");
  CHECK(display(Value::of_probability(0.1234)) == "12.3%");
  CHECK(display(Value::of_number(0.035)) == "0.035");
}

TEST_CASE("a report as Markdown") {
  Report r{"Appendix: test", {}};
  Section s{"summary", "Summary", "Summary", {"One paragraph."}, {}, {}};
  ReportTable t{"T", "Figures", {"Line", "2019/20", "Note"}, {}, {}};
  t.rows.push_back(
      {Value::of_text("Cost | total"), Value::of_money(model::Money{100}), Value::of_text("a")});
  t.rows.push_back({Value::of_text("Total"), Value::of_money(model::Money{-5}), Value::empty()});
  t.strong = {false, true};
  s.tables.push_back(t);
  r.sections.push_back(s);
  CHECK(render_markdown(r) ==
        "# Appendix: test\n\n"
        "## Summary\n\n"
        "One paragraph.\n\n"
        "**Figures**\n\n"
        "| Line | 2019/20 | Note |\n"
        "| --- | ---: | --- |\n"
        "| Cost \\| total | £1.00 | a |\n"
        "| **Total** | **-£0.05** |  |\n");
}
