// The only translation unit that includes CLI11 (it costs seconds to compile):
// each command's options are declared here, its logic lives in cli/commands/.
#include "cli/app.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <functional>
#include <iostream>
#include <iterator>
#include <memory>

#include "cli/commands/commands.h"
#include "cli/io.h"
#include "model/suggest.h"

namespace cli {

namespace {

using Action = std::function<int()>;

void add_set(CLI::App& cmd, std::vector<std::string>& sets) {
  cmd.add_option("--set", sets, "Override one value: PATH=VALUE (repeatable)")
      ->allow_extra_args(false)
      ->type_name("PATH=VALUE");
}

void add_wide(CLI::App& cmd, bool& wide) {
  cmd.add_flag("--wide", wide,
               "On a terminal, keep a table wider than it in one block (default: wrap its "
               "columns into blocks that fit)");
}

void add_run(CLI::App& app, Action& action) {
  auto o = std::make_shared<RunOptions>();
  auto* cmd = app.add_subcommand("run", "Project a scenario: cost, envelope, funding by period");
  cmd->add_option("file", o->file, "Scenario file (- for standard input)")->required();
  add_set(*cmd, o->sets);
  cmd->add_option("--by", o->by, "Periods: fy (default), contract-year, calendar or month");
  cmd->add_option("--format", o->format, "table (default), csv, md or json");
  cmd->add_option("-o,--output", o->output, "Write to FILE (format from its extension)");
  add_wide(*cmd, o->wide);
  cmd->add_option("--table", o->table,
                  "Only this table: projection, whole_life or headline (CSV holds one table; "
                  "default projection)");
  cmd->footer(
      "Examples:\n"
      "  envelope run examples/coventry-2019.yaml\n"
      "  envelope run examples/coventry-2019.yaml --set assumptions.uplift=0.02 --by "
      "contract-year\n"
      "  envelope run examples/coventry-2019.yaml -o projection.csv");
  cmd->callback([o, &action] { action = [o] { return run_run(*o); }; });
}

void add_eval(CLI::App& app, Action& action) {
  auto o = std::make_shared<EvalOptions>();
  auto* cmd = app.add_subcommand("eval", "Print metrics, one per line, in pounds");
  cmd->add_option("file", o->file, "Scenario file (- for standard input)")->required();
  cmd->add_option("metrics", o->metrics, "Metric names, e.g. cost headroom@2020/21")->required();
  add_set(*cmd, o->sets);
  cmd->footer(
      "Example:\n"
      "  envelope eval examples/coventry-2019.yaml cost npv cost@2019/20 tcv_base\n"
      "  12131595.00\n  10524008.07\n  1010966.25\n  6739775.00");
  cmd->callback([o, &action] { action = [o] { return run_eval(*o); }; });
}

void add_explain(CLI::App& app, Action& action) {
  auto o = std::make_shared<ExplainOptions>();
  auto* cmd =
      app.add_subcommand("explain", "How a figure is made, down to the inputs and roundings");
  cmd->add_option("file", o->file, "Scenario file (- for standard input)")->required();
  cmd->add_option("figures", o->figures, "Metric names, e.g. cost.da_victims@2019/20 npv")
      ->required();
  add_set(*cmd, o->sets);
  cmd->add_option("--variant", o->variant,
                  "Explain a variant: its name, or ad hoc 'NAME:PATH=VALUE,PATH=VALUE'");
  cmd->add_option("--format", o->format, "table (a tree), md or json; default from -o");
  cmd->add_option("-o,--output", o->output, "Write to FILE");
  cmd->footer(
      "Example:\n"
      "  envelope explain examples/coventry-2019.yaml cost.da_victims@2019/20\n"
      "  envelope explain examples/coventry-2019.yaml npv --format json");
  cmd->callback([o, &action] { action = [o] { return run_explain(*o); }; });
}

void add_validate(CLI::App& app, Action& action) {
  auto o = std::make_shared<ValidateOptions>();
  auto* cmd = app.add_subcommand("validate", "Check scenario files and report every error");
  cmd->add_option("files", o->files, "Scenario files")->required();
  add_set(*cmd, o->sets);
  cmd->add_flag("--paths", o->paths,
                "List every numeric path with its resolved value (the vocabulary of --set)");
  cmd->footer(
      "Examples:\n  envelope validate examples/*.yaml\n"
      "  envelope validate --paths examples/coventry-2019.yaml");
  cmd->callback([o, &action] { action = [o] { return run_validate(*o); }; });
}

void add_convert(CLI::App& app, Action& action) {
  auto o = std::make_shared<ConvertOptions>();
  auto* cmd = app.add_subcommand("convert", "Write a scenario as YAML or as path,value CSV");
  cmd->add_option("file", o->file, "Scenario file (- for standard input)")->required();
  cmd->add_option("--to", o->to, "yaml or csv (default: from the extension of -o)");
  cmd->add_option("-o,--output", o->output, "Write to FILE (default: standard output)");
  cmd->footer(
      "Examples:\n"
      "  envelope convert examples/coventry-2019.yaml --to csv -o coventry.csv\n"
      "  envelope convert coventry.csv --to yaml");
  cmd->callback([o, &action] { action = [o] { return run_convert(*o); }; });
}

void add_output(CLI::App& cmd, OutputOptions& o) {
  add_set(cmd, o.sets);
  cmd.add_option("--format", o.format, "table (default), csv, md or json");
  cmd.add_option("-o,--output", o.output, "Write to FILE (format from its extension)");
  add_wide(cmd, o.wide);
}

void add_compare(CLI::App& app, Action& action) {
  auto o = std::make_shared<CompareOptions>();
  auto* cmd = app.add_subcommand("compare", "Base and variants side by side, with differences");
  cmd->add_option("file", o->file, "Scenario file (- for standard input)")->required();
  cmd->add_option("--variant", o->variants,
                  "A variant of the file, or ad hoc 'name:path=value,path=value' (repeatable; "
                  "default: every variant)")
      ->allow_extra_args(false);
  cmd->add_option("--metric", o->metrics, "Metric rows (repeatable; default: headlines)")
      ->allow_extra_args(false);
  cmd->add_option("--by", o->by,
                  "With one --metric: its value per period (fy, contract-year, ...)");
  add_output(*cmd, *o);
  cmd->footer(
      "Examples:\n"
      "  envelope compare examples/coventry-2019.yaml\n"
      "  envelope compare examples/coventry-2019.yaml --variant uplift_2pc --metric headroom --by "
      "fy\n"
      "  envelope compare examples/coventry-2019.yaml --variant "
      "'cut:funding.public_health.change=-5%'");
  cmd->callback([o, &action] { action = [o] { return run_compare(*o); }; });
}

void add_tornado(CLI::App& app, Action& action) {
  auto o = std::make_shared<TornadoOptions>();
  auto* cmd = app.add_subcommand("tornado", "Each parameter at its low and high, by swing");
  cmd->add_option("file", o->file, "Scenario file (- for standard input)")->required();
  cmd->add_option("--metric", o->metric, "Metric (default: sensitivity.metric, else headroom)");
  cmd->add_option("--param", o->params, "PATH=LOW:HIGH, or PATH with --spread (repeatable)")
      ->allow_extra_args(false);
  cmd->add_option("--spread", o->spread,
                  "Low and high as base -/+ this (10%) where none is given; alone, for every "
                  "amount and rate of the scenario");
  add_output(*cmd, *o);
  cmd->footer(
      "Examples:\n"
      "  envelope tornado examples/coventry-2019.yaml\n"
      "  envelope tornado examples/declining-grant.yaml --spread 10% --metric gap");
  cmd->callback([o, &action] { action = [o] { return run_tornado(*o); }; });
}

void add_grid(CLI::App& app, Action& action) {
  auto o = std::make_shared<GridOptions>();
  auto* cmd = app.add_subcommand("grid", "The metric over one or two parameters' values");
  cmd->add_option("file", o->file, "Scenario file (- for standard input)")->required();
  cmd->add_option("--x", o->x, "PATH=a,b,c or PATH=start:stop:step")->required();
  cmd->add_option("--y", o->y, "A second parameter, for a two-way table");
  cmd->add_option("--metric", o->metric, "Metric (default: sensitivity.metric, else headroom)");
  add_output(*cmd, *o);
  cmd->footer(
      "Example:\n"
      "  envelope grid examples/coventry-2019.yaml --x assumptions.uplift=0:0.03:0.01 "
      "--y defaults.exercise=0,1,2 --metric min_headroom");
  cmd->callback([o, &action] { action = [o] { return run_grid(*o); }; });
}

void add_solve(CLI::App& app, Action& action) {
  auto o = std::make_shared<SolveOptions>();
  auto* cmd = app.add_subcommand("solve", "The parameter value at which a metric reaches a target");
  cmd->add_option("file", o->file, "Scenario file (- for standard input)")->required();
  cmd->add_option("--vary", o->vary, "The parameter's path")->required();
  cmd->add_option("--metric", o->metric, "Metric (default: sensitivity.metric, else headroom)");
  cmd->add_option("--target", o->target, "Target value in pounds")->required();
  cmd->add_option("--low", o->low, "Lowest value to try (default: the sensitivity range)");
  cmd->add_option("--high", o->high, "Highest value to try");
  add_output(*cmd, *o);
  cmd->footer(
      "Example: the uplift at which headroom over the horizon falls to -£500,000\n"
      "  envelope solve examples/coventry-2019.yaml --vary assumptions.uplift --metric headroom "
      "--target -500000 --low 0 --high 0.05\n"
      "Exit status 1 when no value in the range reaches the target.");
  cmd->callback([o, &action] { action = [o] { return run_solve(*o); }; });
}

void add_check(CLI::App& app, Action& action) {
  auto o = std::make_shared<CheckOptions>();
  auto* cmd = app.add_subcommand("check", "Run the checks: exit 0 all pass, 1 any fails");
  cmd->add_option("files", o->files, "Scenario files")->required();
  cmd->add_option("--junit", o->junit, "Write JUnit XML here, for CI");
  cmd->add_option("--filter", o->filter, "Only the checks whose name contains this");
  cmd->add_option("--lock", o->lock,
                  "Compare every figure of this lock (envelope lock) instead: exit 1 if any moved");
  cmd->add_option("--tolerance", o->tolerance, "With --lock: pounds a figure may move by (0)");
  add_output(*cmd, *o);
  cmd->footer(
      "Examples:\n"
      "  envelope check examples/coventry-2019.yaml --junit checks.xml\n"
      "  envelope check examples/coventry-2019.yaml --set envelope.annual=1300000\n"
      "  envelope check examples/coventry-2019.yaml --lock figures.lock --junit figures.xml");
  cmd->callback([o, &action] { action = [o] { return run_check(*o); }; });
}

void add_lock(CLI::App& app, Action& action) {
  auto o = std::make_shared<LockOptions>();
  auto* cmd = app.add_subcommand(
      "lock", "Write every figure a report quotes to a lock file, for check --lock");
  cmd->add_option("file", o->file, "Scenario file (- for standard input)")->required();
  add_set(*cmd, o->sets);
  cmd->add_option("-o,--output", o->output, "Write to FILE (default: standard output)");
  cmd->footer(
      "Examples:\n"
      "  envelope lock examples/coventry-2019.yaml -o figures.lock\n"
      "  envelope check examples/coventry-2019.yaml --lock figures.lock");
  cmd->callback([o, &action] { action = [o] { return run_lock(*o); }; });
}

void add_montecarlo(CLI::App& app, Action& action) {
  auto o = std::make_shared<MonteCarloOptions>();
  auto* cmd = app.add_subcommand("montecarlo",
                                 "Draw the sensitivity parameters: how likely a shortfall is");
  cmd->add_option("file", o->file, "Scenario file (- for standard input)")->required();
  cmd->add_option("-n,--draws", o->draws_text,
                  "Draws, 1 to 100,000,000 (default: sensitivity.montecarlo.draws, else 10000)");
  cmd->add_option("--seed", o->seed_text,
                  "Seed, 0 or more (default: sensitivity.montecarlo.seed, else 1)");
  cmd->add_option("--threads", o->threads, "Threads (default: every core; output is the same)");
  cmd->add_option("--metric", o->metrics,
                  "Metrics (repeatable; default cost, headroom, gap, "
                  "min_headroom, min_gap, npv)")
      ->allow_extra_args(false);
  cmd->add_option("--draws-out", o->draws_out, "Write every draw's parameters and metrics as CSV");
  cmd->add_option("--by", o->by, "A fan: the first metric's percentiles per period (fy, ...)");
  cmd->add_flag("--quiet", o->quiet, "No progress bar on a terminal");
  add_output(*cmd, *o);
  cmd->add_option("--table", o->table,
                  "Only this table: summary, rank_correlation, variance_share (CSV only), "
                  "partial_rank_correlation or fan (with --by) (CSV holds one table; default "
                  "summary)");
  cmd->footer(
      "Example:\n"
      "  envelope montecarlo examples/coventry-2019.yaml -n 20000 --draws-out draws.csv");
  cmd->callback([o, &action] { action = [o] { return run_montecarlo(*o); }; });
}

void add_report(CLI::App& app, Action& action) {
  auto o = std::make_shared<ReportOptions>();
  auto* cmd =
      app.add_subcommand("report", "Write a cabinet-report appendix: Markdown, HTML or XLSX");
  cmd->add_option("file", o->file, "Scenario file (- for standard input)")->required();
  add_set(*cmd, o->sets);
  cmd->add_option("-o,--output", o->output,
                  "Write here: .md, .html or .xlsx (default: Markdown on standard output)");
  cmd->add_option("--format", o->format, "md, html or xlsx (default: from -o)");
  cmd->add_option("--title", o->title, "Title (default: Appendix: and the scenario's name)");
  cmd->add_option("--sections", o->sections,
                  "Only these, comma-separated: summary, assumptions, projection, contracts, "
                  "variants, tornado, montecarlo, checks, provenance");
  cmd->add_option("--date", o->date, "A date for the provenance, YYYY-MM-DD (default: none)");
  cmd->add_option("--lock", o->lock, "Also write every figure it quotes to this lock file");
  cmd->footer(
      "Examples:\n"
      "  envelope report examples/coventry-2019.yaml -o appendix.html\n"
      "  envelope report examples/coventry-2019.yaml -o appendix.xlsx --date 2026-11-25");
  cmd->callback([o, &action] { action = [o] { return run_report(*o); }; });
}

void add_workbook(CLI::App& app, Action& action) {
  auto o = std::make_shared<WorkbookOptions>();
  auto* cmd = app.add_subcommand(
      "workbook", "Write the scenario as a live XLSX model: named inputs, every figure a formula");
  cmd->add_option("file", o->file, "Scenario file (- for standard input)")->required();
  add_set(*cmd, o->sets);
  cmd->add_option("--variant", o->variant,
                  "A variant of the file, or ad hoc 'name:path=value,path=value' (default: base)");
  cmd->add_option("--by", o->by, "Periods sheet: fy (default), contract-year, calendar or month");
  cmd->add_option("-o,--output", o->output, "Write here (.xlsx)")->required();
  cmd->footer(
      "Examples:\n"
      "  envelope workbook examples/coventry-2019.yaml -o model.xlsx\n"
      "  envelope workbook examples/coventry-2019.yaml --variant uplift_2pc --by contract-year "
      "-o uplift.xlsx");
  cmd->callback([o, &action] { action = [o] { return run_workbook(*o); }; });
}

void add_init(CLI::App& app, Action& action) {
  auto o = std::make_shared<InitOptions>();
  auto* cmd = app.add_subcommand("init", "Write a commented starter scenario");
  cmd->add_option("file", o->file, "Where to write it (default: standard output)");
  cmd->add_flag("--force", o->force, "Overwrite an existing file");
  cmd->footer("Example:\n  envelope init my-scenario.yaml && envelope run my-scenario.yaml");
  cmd->callback([o, &action] { action = [o] { return run_init(*o); }; });
}

// One line per command.
constexpr void (*kCommands[])(CLI::App&, Action&) = {
    add_run,     add_eval,       add_explain, add_validate, add_convert,
    add_compare, add_tornado,    add_grid,    add_solve,    add_check,
    add_lock,    add_montecarlo, add_report,  add_workbook, add_init};
// Their names, in the same order: a command named first is set up alone.
constexpr const char* kCommandNames[] = {"run",     "eval",       "explain", "validate", "convert",
                                         "compare", "tornado",    "grid",    "solve",    "check",
                                         "lock",    "montecarlo", "report",  "workbook", "init"};
static_assert(std::size(kCommandNames) == std::size(kCommands));

// The command being parsed when CLI11 stopped, or nullptr.
const CLI::App* current_command(CLI::App& app) {
  auto parsed = app.get_subcommands();
  return parsed.empty() ? nullptr : parsed.back();
}

std::vector<std::string> option_names(const CLI::App& cmd) {
  std::vector<std::string> names;
  for (const CLI::Option* opt : cmd.get_options()) {
    for (const std::string& l : opt->get_lnames())
      names.push_back("--" + l);
    for (const std::string& s : opt->get_snames())
      names.push_back("-" + s);
  }
  return names;
}

std::string after_colon(const std::string& text) {
  std::size_t colon = text.find(": ");
  return colon == std::string::npos ? text : text.substr(colon + 2);
}

// CLI11's message rewritten to name the command and say the fix.
std::string explain(const CLI::ParseError& e, CLI::App& app) {
  const CLI::App* cmd = current_command(app);
  std::string name = cmd ? cmd->get_name() : "";
  std::string help = "envelope " + (name.empty() ? std::string() : name + " ") + "--help";
  std::string what = e.what();
  if (dynamic_cast<const CLI::ExtrasError*>(&e)) {
    std::string extras = after_colon(what), first = extras.substr(0, extras.find(' '));
    for (std::size_t at = 0; at < extras.size();) {  // an option first: "md --frmat"
      std::size_t end = std::min(extras.find(' ', at), extras.size());
      if (extras[at] == '-') {
        first = extras.substr(at, end - at);
        break;
      }
      at = end + 1;
    }
    if (first.starts_with("-")) {
      std::string option = first.substr(0, first.find('='));
      return "unknown option '" + option + "'" + (name.empty() ? "" : " for " + name) +
             (cmd ? model::did_you_mean(option, option_names(*cmd)) : "") + "; " + help +
             " lists them";
    }
    return "unexpected argument '" + first + "'" + (name.empty() ? "" : " to " + name) +
           " (a value holding spaces needs quotes; " + help + " shows what " +
           (name.empty() ? "envelope" : name) + " takes)";
  }
  if (dynamic_cast<const CLI::RequiredError*>(&e) && !cmd)
    return "a command comes first, as in envelope run FILE; envelope --help lists the commands";
  if (dynamic_cast<const CLI::RequiredError*>(&e)) {
    std::string missing = what.substr(0, what.find(" is required"));
    if (missing == "--output") return name + " needs a file to write: -o FILE; " + help;
    if (missing.starts_with("-")) return name + " needs " + missing + " VALUE; " + help;
    if (missing == "file" || missing == "files" || missing == "FILE")
      return name + " needs a scenario FILE: envelope " + name + " FILE (" + help + ")";
    return name + " needs " + missing + "; " + help;
  }
  if (dynamic_cast<const CLI::ArgumentMismatch*>(&e)) {
    std::string option = what.substr(0, what.find(':'));
    return option + " needs a value after it; " + help;
  }
  if (dynamic_cast<const CLI::ConversionError*>(&e)) {
    // "Could not convert: --threads = x"
    std::string rest = after_colon(what);
    std::size_t eq = rest.find(" = ");
    if (eq != std::string::npos)
      return rest.substr(0, eq) + " " + rest.substr(eq + 3) + ": expected a whole number";
  }
  return what + "; " + help;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "envelope: what commissioned service contracts cost, year by year, against a budget "
      "envelope and the funding that pays for them."};
  app.set_version_flag("--version", "envelope " ENVELOPE_VERSION);
  app.require_subcommand(1);
  bool strict = false;
  app.add_flag("--strict", strict,
               "Warnings are errors (exit 2): a contract wholly outside the horizon, a by_year "
               "year outside it, a stream committed beyond its funding");
  std::string include_root;
  app.add_option("--include-root", include_root,
                 "A folder that included CSV tables may be under, besides the current "
                 "directory and the scenario's folder");
  Action action;
  // `envelope COMMAND ...`, the usual form, sets up that command alone (its
  // options are most of the work of starting); anything else, every command.
  std::vector<std::string> names(std::begin(kCommandNames), std::end(kCommandNames));
  auto named = argc > 1 ? std::find(names.begin(), names.end(), argv[1]) : names.end();
  if (named != names.end())
    kCommands[named - names.begin()](app, action);
  else
    for (auto add : kCommands)
      add(app, action);
  for (CLI::App* sub : app.get_subcommands({}))
    sub->fallthrough();  // --strict and --include-root after the command's name too
  if (argc > 1 && argv[1][0] != '-') {
    if (named == names.end()) {
      std::string list;
      for (const std::string& n : names)
        list += (list.empty() ? "" : ", ") + n;
      std::cerr << "envelope: unknown command '" << argv[1] << "'"
                << model::did_you_mean(argv[1], names) << "; the commands are " << list << "\n";
      return kExitBadInput;
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);
    std::cerr << "envelope: " << explain(e, app) << "\n";
    return kExitBadInput;
  }
  set_strict(strict);
  set_include_root(include_root);
  try {
    int status = action();
    return flush_standard_output() ? status : kExitBadInput;
  } catch (const Exit& e) {
    if (e.what()[0] != '\0') std::cerr << "envelope: " << e.what() << "\n";
    return e.status;
  } catch (const std::out_of_range& e) {
    std::cerr << "envelope: " << e.what() << "\n";
    return kExitBadInput;
  } catch (const std::exception& e) {
    std::cerr << "envelope: internal error: " << e.what() << "\n";
    return kExitBadInput;
  }
}

}  // namespace cli
