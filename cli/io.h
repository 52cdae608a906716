// Input, output and failure for the commands: reading files or standard
// input, loading a scenario (printing its diagnostics), choosing a format,
// and writing output atomically so that a failure never leaves a partial file.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/metrics.h"
#include "model/projection.h"
#include "model/scenario.h"
#include "scenarios/analyses.h"
#include "scenarios/node.h"

namespace cli {

// Thrown by commands to end with an exit status; the message (if any) has
// been printed, or is printed by the caller as "envelope: MESSAGE".
struct Exit : std::runtime_error {
  int status;
  Exit(int status, const std::string& message = "") : std::runtime_error(message), status(status) {}
};

inline constexpr int kExitOk = 0, kExitCheckFailed = 1, kExitBadInput = 2;

[[noreturn]] void fail_usage(const std::string& message);  // Exit(2, message)

struct Input {
  std::string text;
  std::string source;  // the path, or "<stdin>" for "-"
};
Input read_input(const std::string& path);

// Reads a file that a scenario includes (scenarios::FileReader).
std::optional<std::string> read_included_file(const std::string& path, std::string& error);
// Why a table `path` that the scenario `scenario` ("<stdin>" for standard
// input) includes may not be read (SPEC 2.2), or nullopt: it must resolve,
// symbolic links followed, inside the current directory, the scenario's
// folder or the --include-root folder, and be a regular file. Nothing of
// the file is read to decide.
std::optional<std::string> include_refusal(const std::string& path, const std::string& scenario);
// --include-root DIR: one more folder an included table may be under.
void set_include_root(const std::string& dir);

struct Loaded {
  scenarios::Node tree;
  model::Scenario scenario;
  scenarios::Analyses analyses;
  std::string source;
  std::vector<Input> files;  // every file read: the scenario, then the tables it includes
  // The scenario projected over financial years, when the warnings did it.
  std::optional<model::Projection> financial_years;
};
// An evaluation of the loaded scenario, starting from the projection the
// warnings made (which it takes), if any. The scenario must not have changed.
model::Evaluation evaluate(Loaded& loaded);
// Reads, overrides and compiles; on any error prints every diagnostic to
// standard error and throws Exit(2). Warnings (SPEC 5) are printed to
// standard error too and change nothing, unless --strict made them errors:
// then Exit(2) after them.
Loaded load_scenario(const std::string& path, const std::vector<std::string>& sets);
// --strict: warnings are errors.
void set_strict(bool strict);

enum class Format { table, csv, markdown, json };
// The format asked for: --format when given, else the name that
// `by_extension` gives the extension of -o (in any case), else "" (standard
// output). Refuses first an -o naming one of `inputs`; an unknown extension
// is a usage error ending with `advice`.
std::string format_name(const std::string& format, const std::string& output,
                        const std::vector<std::string>& inputs,
                        const std::vector<std::pair<std::string, std::string>>& by_extension,
                        const std::string& advice);

// --format wins; else the extension of -o (.csv .md .json .txt); else table.
// First of all, an -o naming one of `inputs` is refused (exit 2).
Format choose_format(const std::string& format, const std::string& output,
                     const std::vector<std::string>& inputs = {});
// Exit 2 when `output` is one of `inputs` or a file this run has read.
void refuse_overwriting_input(const std::string& output, const std::vector<std::string>& inputs);

// Colour on a terminal only, never with NO_COLOR set or when writing a file.
bool use_colour(const std::string& output);
// The width a table must fit when written to `output`: the terminal's
// columns (else COLUMNS) when it is standard output and a terminal, and not
// `wide`; otherwise 0, for no limit. Output that is not a terminal is never wrapped.
std::size_t table_width(const std::string& output, bool wide);

// Writes text to standard output ("" or "-") or to `path` as OutputFile does.
// Refuses to overwrite any of `inputs`. A failed write, to standard output
// too, is exit 2 with a message naming what failed.
void write_output(const std::string& path, const std::string& text,
                  const std::vector<std::string>& inputs = {});

// Exit 2 when two of a command's outputs (option, path) name the same file,
// through a symbolic link or not, before anything runs. Empty paths and "-"
// are not files.
void refuse_same_outputs(const std::vector<std::pair<std::string, std::string>>& outputs);

// Flushes standard output: false, with a message on standard error, when a
// write to it failed (a full disk, a closed pipe), so that main exits 2.
bool flush_standard_output();

// A file written piece by piece (SPEC 5). A regular file, or a new one, is
// written through a temporary beside it and renamed into place by commit(),
// keeping the mode and (where the process may set it) the owner of the file
// it replaces; a symbolic link is followed and its target replaced, the link
// left as it was. A device or a pipe (-o /dev/null) is written directly at
// commit(), never replaced. Destroyed uncommitted (a failure, an
// interruption), it removes the temporary and leaves `path` as it was.
// Refuses (exit 2) a path that is one of `inputs` or any file this run has
// read (a scenario, a table it includes), a directory, and a file it cannot
// write.
class OutputFile {
 public:
  OutputFile(const std::string& path, const std::vector<std::string>& inputs);
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;
  ~OutputFile();

  void write(std::string_view text);
  void commit();
  // For writers that open the file by name themselves (before commit()).
  const std::string& temporary_path() const { return temporary_; }

 private:
  void flush();
  void copy_into_target();
  std::string path_, target_, temporary_, buffer_;
  int fd_ = -1;
  bool ok_ = true, committed_ = false, direct_ = false;
  int error_ = 0;
};

}  // namespace cli
