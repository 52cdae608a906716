// The only translation unit that includes CLI11 (it costs seconds to compile):
// each command's options are declared here, its logic lives in cli/commands/.
#include "cli/app.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <functional>
#include <iostream>
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

void add_run(CLI::App& app, Action& action) {
  auto o = std::make_shared<RunOptions>();
  auto* cmd = app.add_subcommand("run", "Project a scenario: cost, envelope, funding by period");
  cmd->add_option("file", o->file, "Scenario file (- for standard input)")->required();
  add_set(*cmd, o->sets);
  cmd->add_option("--by", o->by, "Periods: fy (default), contract-year, calendar or month");
  cmd->add_option("--format", o->format, "table (default), csv, md or json");
  cmd->add_option("-o,--output", o->output, "Write to FILE (format from its extension)");
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

void add_init(CLI::App& app, Action& action) {
  auto o = std::make_shared<InitOptions>();
  auto* cmd = app.add_subcommand("init", "Write a commented starter scenario");
  cmd->add_option("file", o->file, "Where to write it (default: standard output)");
  cmd->add_flag("--force", o->force, "Overwrite an existing file");
  cmd->footer("Example:\n  envelope init my-scenario.yaml && envelope run my-scenario.yaml");
  cmd->callback([o, &action] { action = [o] { return run_init(*o); }; });
}

// One line per command.
constexpr void (*kCommands[])(CLI::App&, Action&) = {add_run, add_eval, add_validate, add_convert,
                                                     add_init};

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "envelope: what commissioned service contracts cost, year by year, against a budget "
      "envelope and the funding that pays for them."};
  app.set_version_flag("--version", "envelope " ENVELOPE_VERSION);
  app.require_subcommand(1);
  Action action;
  for (auto add : kCommands)
    add(app, action);
  if (argc > 1 && argv[1][0] != '-') {
    std::vector<std::string> names;
    for (const CLI::App* sub : app.get_subcommands({}))
      names.push_back(sub->get_name());
    if (std::find(names.begin(), names.end(), argv[1]) == names.end()) {
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
    std::cerr << "envelope: " << e.what() << "\nRun with --help for more information.\n";
    return kExitBadInput;
  }
  try {
    return action();
  } catch (const Exit& e) {
    if (e.what()[0] != '\0') std::cerr << "envelope: " << e.what() << "\n";
    return e.status;
  } catch (const std::exception& e) {
    std::cerr << "envelope: internal error: " << e.what() << "\n";
    return kExitBadInput;
  }
}

}  // namespace cli
