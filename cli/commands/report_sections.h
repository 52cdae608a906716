// The sections of `envelope report`, each built from a loaded scenario as
// data (cli/render/report.h). A section that does not apply (no variants, no
// sensitivity block, no Monte Carlo settings, no checks) is left out.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cli/io.h"
#include "cli/render/report.h"

namespace cli {

// Every section, in the order the appendix gives them.
inline const std::vector<std::string> kReportSections = {"summary",    "assumptions", "projection",
                                                         "contracts",  "variants",    "tornado",
                                                         "montecarlo", "checks",      "provenance"};

struct ReportSettings {
  std::vector<std::string> sections = kReportSections;  // those to include
  std::vector<std::string> sets;                        // --set overrides, for provenance
  std::optional<std::string> date;                      // --date, for provenance
};

report::Report build_report(const Loaded& loaded, const std::string& title,
                            const ReportSettings& settings);

}  // namespace cli
