// The subcommands. Each has an options struct (filled by cli/app.cpp, the one
// translation unit that includes CLI11) and a function that runs it and
// returns the exit status. Defaults are those of the command line.
#pragma once

#include <string>
#include <vector>

namespace cli {

struct RunOptions {
  std::string file;               // "-" for standard input
  std::vector<std::string> sets;  // --set PATH=VALUE
  std::string by = "fy";          // fy|contract-year|calendar|month
  std::string format;             // table|csv|md|json; default from -o, else table
  std::string output;             // -o FILE; default standard output
};
int run_run(const RunOptions& o);

struct EvalOptions {
  std::string file;
  std::vector<std::string> metrics;
  std::vector<std::string> sets;
};
int run_eval(const EvalOptions& o);

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

struct InitOptions {
  std::string file;  // empty: standard output
  bool force = false;
};
int run_init(const InitOptions& o);
// The starter scenario that `init` writes.
const char* starter_scenario();

}  // namespace cli
