// The subcommands. Each has an options struct (filled by cli/app.cpp, the one
// translation unit that includes CLI11) and a function that runs it and
// returns the exit status. Defaults are those of the command line.
#pragma once

#include <memory>
#include <string>
#include <vector>

namespace cli {

struct RunOptions {
  std::string file;               // "-" for standard input
  std::vector<std::string> sets;  // --set PATH=VALUE
  std::string by = "fy";          // fy|contract-year|calendar|month
  std::string format;             // table|csv|md|json; default from -o, else table
  std::string output;             // -o FILE; default standard output
  bool wide = false;              // --wide: a table wider than the terminal stays one block
  std::string table;              // --table NAME: the one table to write; CSV's default: the first
};
int run_run(const RunOptions& o);

struct EvalOptions {
  std::string file;
  std::vector<std::string> metrics;
  std::vector<std::string> sets;
};
int run_eval(const EvalOptions& o);

struct ExplainOptions {
  std::string file;
  std::vector<std::string> figures;  // metric names, any with @LABEL
  std::vector<std::string> sets;
  std::string variant;  // a variant's name, or ad hoc 'NAME:PATH=VALUE,...'
  std::string format;   // table|md|json; default from -o, else table
  std::string output;
};
int run_explain(const ExplainOptions& o);

struct ValidateOptions {
  std::vector<std::string> files;
  std::vector<std::string> sets;
  bool paths = false;  // list every numeric path with its resolved value
};
int run_validate(const ValidateOptions& o);

struct ConvertOptions {
  std::string file;
  std::string to;      // yaml|csv; default from the extension of -o
  std::string output;  // -o FILE; default standard output
};
int run_convert(const ConvertOptions& o);

// Output options every analysis command has.
struct OutputOptions {
  std::vector<std::string> sets;
  std::string format;  // table|csv|md|json; default from -o, else table
  std::string output;  // -o FILE; default standard output
  bool wide = false;   // --wide: a table wider than the terminal stays one block
  std::string table;   // --table NAME: the one table to write; CSV's default: the first
};

struct CompareOptions : OutputOptions {
  std::string file;
  std::vector<std::string> variants;  // NAME, or ad hoc 'NAME:PATH=VALUE,PATH=VALUE'; default all
  std::vector<std::string> metrics;   // default: the headline metrics
  std::string by;                     // with one metric: per period on this basis
};
int run_compare(const CompareOptions& o);

struct TornadoOptions : OutputOptions {
  std::string file;
  std::string metric;               // default sensitivity.metric, else headroom
  std::vector<std::string> params;  // PATH or PATH=LOW:HIGH, besides sensitivity.parameters
  std::string spread;               // e.g. 10%: low/high = base -/+ spread where none is given
};
int run_tornado(const TornadoOptions& o);

struct GridOptions : OutputOptions {
  std::string file;
  std::string x, y;    // PATH=a,b,c or PATH=start:stop:step; y optional
  std::string metric;  // default sensitivity.metric, else headroom
};
int run_grid(const GridOptions& o);

struct SolveOptions : OutputOptions {
  std::string file;
  std::string vary, metric, target;  // target in pounds
  std::string low, high;             // default: the parameter's range in sensitivity.parameters
};
int run_solve(const SolveOptions& o);

struct CheckOptions : OutputOptions {
  std::vector<std::string> files;
  std::string junit;      // write JUnit XML here
  std::string filter;     // only checks whose name contains this
  std::string lock;       // --lock LOCK: compare its figures instead of running the checks
  std::string tolerance;  // with --lock: pounds a figure may move by; default 0
};
int run_check(const CheckOptions& o);
// check --lock (cli/commands/lock.cpp): exit 1 when a figure moved, 2 when the
// lock is not one of FILE's shape.
int run_check_lock(const CheckOptions& o);

// `envelope lock FILE`: every figure a report quotes, as a lock file
// (docs/lock-format.md), to -o or standard output.
struct LockOptions {
  std::string file;
  std::vector<std::string> sets;  // --set PATH=VALUE, recorded in the lock
  std::string output;             // -o FILE; default standard output
};
int run_lock(const LockOptions& o);

struct MonteCarloOptions : OutputOptions {
  std::string file;
  long long draws = 0;                // default sensitivity.montecarlo.draws, else 10000
  long long seed = -1;                // default sensitivity.montecarlo.seed, else 1
  std::string draws_text, seed_text;  // -n and --seed as typed: when given, they win
  int threads = 0;                    // default: the machine's cores
  std::vector<std::string> metrics;   // default cost, headroom, gap, min_headroom, min_gap, npv
  std::string draws_out;              // CSV of every draw's parameters and metrics
  std::string by;                     // a fan of the first metric's percentiles per period
  bool quiet = false;                 // no progress bar
};
int run_montecarlo(const MonteCarloOptions& o);

struct ReportOptions {
  std::string file;
  std::vector<std::string> sets;
  std::string output;    // -o: .md, .html or .xlsx; default Markdown on standard output
  std::string format;    // md|html|xlsx; default from -o, else md
  std::string title;     // default "Appendix: " and the scenario's name
  std::string sections;  // comma-separated section names; default all that apply
  std::string date;      // YYYY-MM-DD: shown in provenance; default none
  std::string lock;      // --lock LOCK: also write the lock of the figures; default none
};
int run_report(const ReportOptions& o);
struct Loaded;
class OutputFile;
// The lock of `loaded` (read with `sets`) written to `path`, not yet
// committed: `report --lock` commits it once the report is written.
std::unique_ptr<OutputFile> write_report_lock(const Loaded& loaded,
                                              const std::vector<std::string>& sets,
                                              const std::string& path);

struct WorkbookOptions {
  std::string file;
  std::vector<std::string> sets;
  std::string variant;    // a variant's name, or ad hoc 'NAME:PATH=VALUE,...'; default the base
  std::string by = "fy";  // the Periods sheet: fy|contract-year|calendar|month
  std::string output;     // -o FILE.xlsx; required
};
int run_workbook(const WorkbookOptions& o);

struct InitOptions {
  std::string file;  // empty: standard output
  bool force = false;
};
int run_init(const InitOptions& o);
// The starter scenario that `init` writes.
const char* starter_scenario();

}  // namespace cli
