// Checks' outcomes (SPEC 4) in every format: JSON, PASS/FAIL lines, a table
// for CSV and Markdown, and JUnit XML for CI systems.
#pragma once

#include <string>
#include <vector>

#include "cli/render/table.h"
#include "model/metrics.h"
#include "scenarios/analyses.h"

namespace cli {

// One check's outcome, and the file it came from (files[file_index]).
struct CheckLine {
  const scenarios::Check* check = nullptr;
  model::MetricValue actual;
  bool ok = false;
  double seconds = 0;  // how long it took to evaluate
  std::string file;
  std::size_t file_index = 0;
};
struct CheckResults {
  std::vector<CheckLine> lines;
  std::vector<std::string> files;  // each line names its file when there are several
  int passed = 0, failed = 0;
};

// What a check expects: "min 0.00", "12,131,595.00 ± 0.50".
std::string expected_text(const scenarios::Check& c);

std::string checks_json(const CheckResults& r);
std::string checks_lines(const CheckResults& r);  // "PASS  NAME: METRIC = ACTUAL (EXPECTED)"
Table checks_table(const CheckResults& r);
// JUnit XML as CI systems read it (Jenkins' junit-10.xsd, GitLab, GitHub
// reporters): <testsuites> with totals, a <testsuite> per input file named
// after it, a <testcase> per check with its time, a <failure> per failed check.
std::string checks_junit(const CheckResults& r, const std::string& timestamp);

}  // namespace cli
