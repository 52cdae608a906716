// The appendix as GitHub-flavoured Markdown (cli/render/report.h).
#include <string>

#include "cli/render/markup.h"
#include "cli/render/report.h"

namespace cli::report {

namespace {

std::string table_markdown(const ReportTable& t) {
  std::string out;
  if (!t.caption.empty()) out += "**" + escape_markdown(t.caption) + "**\n\n";
  std::string header = "|", rule = "|";
  for (std::size_t c = 0; c < t.headers.size(); ++c) {
    header += " " + escape_markdown(t.headers[c]) + " |";
    rule += c > 0 && is_numeric_column(t, c) ? " ---: |" : " --- |";
  }
  out += header + "\n" + rule + "\n";
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    bool strong = r < t.strong.size() && t.strong[r];
    out += "|";
    for (std::size_t c = 0; c < t.headers.size(); ++c) {
      std::string text = c < t.rows[r].size() ? escape_markdown(display(t.rows[r][c])) : "";
      out += " " + (strong && !text.empty() ? "**" + text + "**" : text) + " |";
    }
    out += "\n";
  }
  return out + "\n";
}

}  // namespace

std::string render_markdown(const Report& r) {
  std::string out = "# " + escape_markdown(r.title) + "\n\n";
  for (const Section& s : r.sections) {
    out += "## " + s.title + "\n\n";
    for (const std::string& p : s.paragraphs)
      out += p + "\n\n";
    for (const ReportTable& t : s.tables)
      out += table_markdown(t);
  }
  while (out.size() > 1 && out[out.size() - 2] == '\n')
    out.pop_back();
  return out;
}

}  // namespace cli::report
