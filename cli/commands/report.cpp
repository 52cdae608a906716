// `envelope report`: the appendix of a cabinet report, as Markdown, one
// self-contained HTML page, or an XLSX workbook (cli/render/report.h).
#include <fmt/format.h>

#include <algorithm>

#include "cli/commands/commands.h"
#include "cli/commands/common.h"
#include "cli/commands/report_sections.h"
#include "model/calendar.h"
#include "model/suggest.h"

namespace cli {

namespace {

enum class ReportFormat { markdown, html, xlsx };

ReportFormat report_format(const ReportOptions& o) {
  std::string name =
      format_name(o.format, o.output, {o.file},
                  {{".md", "md"}, {".html", "html"}, {".htm", "html"}, {".xlsx", "xlsx"}},
                  "use .md, .html or .xlsx, or --format md|html|xlsx");
  if (name.empty() || name == "md" || name == "markdown") return ReportFormat::markdown;
  if (name == "html") return ReportFormat::html;
  if (name == "xlsx") return ReportFormat::xlsx;
  fail_usage(fmt::format("unknown report format '{}'; use md, html or xlsx", name));
}

// "summary,checks" in the appendix's own order; an unknown name is an error.
std::vector<std::string> chosen_sections(const std::string& list) {
  if (list.empty()) return kReportSections;
  std::vector<std::string> named;
  std::size_t start = 0;
  while (start <= list.size()) {
    std::size_t comma = std::min(list.find(',', start), list.size());
    std::string name = list.substr(start, comma - start);
    name.erase(0, name.find_first_not_of(' '));  // "summary, checks" as typed
    name.erase(name.find_last_not_of(' ') + 1);
    if (std::find(kReportSections.begin(), kReportSections.end(), name) == kReportSections.end())
      fail_usage(fmt::format("--sections: unknown section '{}'{}; the sections are {}", name,
                             model::did_you_mean(name, kReportSections),
                             fmt::join(kReportSections, ", ")));
    named.push_back(name);
    start = comma + 1;
  }
  std::vector<std::string> out;
  for (const std::string& s : kReportSections)
    if (std::find(named.begin(), named.end(), s) != named.end()) out.push_back(s);
  return out;
}

// The --date as a time (midnight UTC), checked; without one, 1 January 1980,
// the earliest time a zip file can hold, so that the workbook is the same
// whenever it is written.
std::time_t creation_time(const std::optional<std::string>& date) {
  if (!date) return 315532800;
  int y = 0, m = 0, d = 0;
  char extra = 0;
  if (std::sscanf(date->c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &extra) != 3 || date->size() != 10)
    fail_usage(fmt::format("--date {}: expected a date as YYYY-MM-DD, from 1980", *date));
  if (!model::is_valid({y, m, d})) fail_usage(fmt::format("--date {}: no such date", *date));
  if (y < 1980) fail_usage(fmt::format("--date {}: expected a date from 1980 on", *date));
  return static_cast<std::time_t>(model::days_from_epoch({y, m, d})) * 86400;
}

// A section asked for by name that would have nothing to show (SPEC 5: a
// command asked to do nothing): exit 2, saying what the file needs. Without
// --sections, such sections are left out of the appendix.
void refuse_empty_sections(const Loaded& loaded, const std::vector<std::string>& sections) {
  const scenarios::Analyses& a = loaded.analyses;
  bool drawn = !a.sensitivity.parameters.empty() && (a.sensitivity.draws || a.sensitivity.seed);
  for (const std::string& s : sections) {
    std::string need;
    if (s == "variants" && a.variants.empty())
      need = "a variants: section, e.g. variants: {no_uplift: {assumptions.uplift: 0}}";
    else if (s == "tornado" && a.sensitivity.parameters.empty())
      need = "sensitivity.parameters, e.g. assumptions.uplift: {low: 0, high: 0.03}";
    else if (s == "montecarlo" && !drawn)
      need = "sensitivity.parameters and sensitivity.montecarlo: {draws: 10000, seed: 1}";
    else if (s == "checks" && a.checks.empty())
      need = "a checks: section, e.g. checks: [{name: Fits, metric: min_headroom, min: 0}]";
    if (!need.empty())
      fail_usage(fmt::format("--sections {}: {} has nothing to show there; add {}", s,
                             loaded.source, need));
  }
}

void write_workbook(const report::Report& r, const ReportOptions& o, std::time_t created) {
  OutputFile file(o.output, {o.file});
  if (auto error = report::write_xlsx(r, file.temporary_path(), created)) fail_usage(*error);
  file.commit();
}

}  // namespace

int run_report(const ReportOptions& o) {
  ReportFormat format = report_format(o);
  // Before any analysis runs: a workbook cannot go to standard output.
  if (format == ReportFormat::xlsx && (o.output.empty() || o.output == "-"))
    fail_usage("an XLSX report needs a file: -o appendix.xlsx");
  ReportSettings settings;
  settings.sections = chosen_sections(o.sections);
  settings.sets = o.sets;
  if (!o.date.empty()) settings.date = o.date;
  std::time_t created = creation_time(settings.date);
  refuse_same_outputs({{"-o", o.output}, {"--lock", o.lock}});
  Loaded loaded = load_scenario(o.file, o.sets);
  if (!o.sections.empty()) refuse_empty_sections(loaded, settings.sections);
  std::unique_ptr<OutputFile> lock;  // committed once the report is written
  if (!o.lock.empty()) lock = write_report_lock(loaded, o.sets, o.lock);
  std::string title = o.title.empty() ? "Appendix: " + loaded.scenario.name : o.title;
  report::Report r = build_report(loaded, title, settings);
  if (format == ReportFormat::xlsx) {
    write_workbook(r, o, created);
    if (lock) lock->commit();
    return kExitOk;
  }
  std::string text =
      format == ReportFormat::html ? report::render_html(r) : report::render_markdown(r);
  write_output(o.output, text, {o.file});
  if (lock) lock->commit();
  return kExitOk;
}

}  // namespace cli
