#include <fmt/format.h>

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <optional>
#include <span>
#include <thread>
#include <utility>

#include "cli/commands/analyses.h"
#include "cli/commands/commands.h"
#include "cli/commands/common.h"
#include "model/analyses.h"
#include "model/draw_statistics.h"
#include "model/montecarlo.h"
#include "scenarios/limits.h"

namespace cli {

namespace {

std::atomic<bool> g_interrupted{false};
std::atomic<long long> g_done{0};

const std::vector<std::string> kDefaultMetrics = {"cost",         "headroom", "gap",
                                                  "min_headroom", "min_gap",  "npv"};

model::Distribution distribution_of(const scenarios::ParameterSpec& p) {
  using Kind = model::Distribution::Kind;
  static const std::pair<const char*, Kind> kinds[] = {
      {"uniform", Kind::uniform}, {"triangular", Kind::triangular}, {"pert", Kind::pert},
      {"normal", Kind::normal},   {"lognormal", Kind::lognormal},   {"discrete", Kind::discrete}};
  model::Distribution d;
  for (auto [name, kind] : kinds)
    if (p.dist == name) d.kind = kind;
  d.low = p.low.value_or(0);
  d.high = p.high.value_or(0);
  d.mode = p.mode.value_or(0);
  d.mean = p.mean.value_or(0);
  d.sd = p.sd.value_or(1);
  d.values = p.values;
  d.weights = p.weights;
  return d;
}

// One number per draw, left uninitialised until the draws fill it: no
// single-threaded zeroing first, and each thread maps the pages of its share.
template <typename T>
class Column {
 public:
  explicit Column(std::size_t n) : data_(new T[n]), size_(n) {}
  T& operator[](std::size_t i) { return data_[i]; }
  const T& operator[](std::size_t i) const { return data_[i]; }
  std::span<T> all() { return {data_.get(), size_}; }
  std::span<const T> all() const { return {data_.get(), size_}; }

 private:
  std::unique_ptr<T[]> data_;
  std::size_t size_;
};

// Everything drawn: values[p][draw], and metrics[m][draw] and fan[period][draw]
// as whole pence (or a count, for shortfall_years).
struct Draws {
  std::size_t draws = 0;
  std::vector<Column<double>> values;
  std::vector<Column<std::int64_t>> metrics, fan;
  std::vector<model::MetricQuery> fan_queries;  // the first metric at each period
};

std::int64_t whole(const model::MetricValue& v) {
  return v.is_count ? v.count : v.money.pence;
}

// Draws [first, last) on one thread, with its own compiled scenario. On a
// failure, its message and draw number.
void run_range(const Loaded& loaded, const std::vector<std::string>& paths,
               const std::vector<model::Distribution>& distributions, const Eigen::MatrixXd& factor,
               const std::vector<model::MetricQuery>& queries, std::uint64_t seed, long long first,
               long long last, Draws& out, std::string& error, long long& failed_draw) {
  scenarios::CompiledScenario compiled = compile_parameters(loaded, paths);
  model::Scenario scenario = compiled.base();
  model::Evaluation e(scenario);
  std::vector<double> values(paths.size());
  for (long long draw = first; draw < last; ++draw) {
    // The shared counter is touched once in 1,024 draws: touched every draw
    // by both threads, its cache line would slow each of them.
    if ((draw - first) % 1024 == 0) {
      if (g_interrupted) return;
      g_done += std::min(1024LL, last - draw);
    }
    model::draw_values(factor, distributions, seed, static_cast<std::uint64_t>(draw), values);
    for (std::size_t p = 0; p < values.size(); ++p)
      out.values[p][draw] = values[p];
    auto fail = [&](const std::string& why) {
      error = why;
      failed_draw = draw;
    };
    if (auto why = compiled.apply(values, scenario)) return fail(*why);
    if (auto why = model::horizon_problem(scenario)) return fail(*why);
    try {
      e.refresh();
      for (std::size_t m = 0; m < queries.size(); ++m) {
        auto v = e.value(queries[m]);
        if (!v) return fail(queries[m].text + ": no such period in the horizon");
        out.metrics[m][draw] = whole(*v);
      }
      // A period past a draw's horizon (fewer extensions taken) counts zero.
      for (std::size_t p = 0; p < out.fan_queries.size(); ++p) {
        auto v = e.value(out.fan_queries[p]);
        out.fan[p][draw] = v ? whole(*v) : 0;
      }
    } catch (const std::out_of_range& e) {
      return fail(e.what());
    }
  }
}

// Runs task(i, sorter) for i in [0, count) on `threads` threads, each with its own sorter.
template <typename Task>
void parallel_tasks(std::size_t count, int threads, Task task) {
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    model::DrawSorter sorter;
    for (std::size_t i = next++; i < count; i = next++)
      task(i, sorter);
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t)
    pool.emplace_back(work);
  work();
  for (auto& th : pool)
    th.join();
}

struct Statistics {
  std::vector<model::Summary> metrics, fan;
  std::vector<std::vector<double>> rank;  // [parameter][metric]
};

// Summaries, fan and rank correlations. Each series is sorted once, which
// gives its percentiles, and is then replaced by its ranks: `d` is used up.
Statistics summarise_draws(Draws& d, const std::vector<model::MetricQuery>& queries, int threads) {
  std::size_t metrics = d.metrics.size(), periods = d.fan.size(), parameters = d.values.size();
  Statistics s;
  s.metrics.resize(metrics);
  s.fan.resize(periods);
  // The parameters first: theirs are the longest sorts.
  parallel_tasks(parameters + metrics + periods, threads, [&](std::size_t i, auto& sorter) {
    if (i < parameters) {
      auto values = d.values[i].all();
      model::replace_by_doubled_ranks(values, sorter.sort(std::span<const double>(values)));
    } else if (i < parameters + metrics) {
      std::size_t m = i - parameters;
      auto values = d.metrics[m].all();
      auto order = sorter.sort(std::span<const std::int64_t>(values));
      bool count = queries[m].measure == model::Measure::shortfall_years;
      s.metrics[m] = model::summarise(values, order, count ? 1.0 : 0.01);
      model::replace_by_doubled_ranks(values, order);
    } else {
      auto fan = std::as_const(d.fan[i - parameters - metrics]).all();
      s.fan[i - parameters - metrics] = model::summarise(fan, sorter.sort(fan), 0.01);
    }
  });
  s.rank.assign(parameters, std::vector<double>(metrics));
  parallel_tasks(parameters * metrics, threads, [&](std::size_t i, auto&) {
    std::size_t p = i / metrics, m = i % metrics;
    s.rank[p][m] = model::rank_correlation(std::as_const(d.values[p]).all(),
                                           std::as_const(d.metrics[m]).all());
  });
  return s;
}

// Every draw's parameters and metrics, one CSV row each, into `file`.
void write_draws(OutputFile& file, const Draws& d, const std::vector<std::string>& paths,
                 const std::vector<std::string>& metrics,
                 const std::vector<model::MetricQuery>& queries) {
  std::string row = "draw";
  for (const auto& p : paths)
    row += "," + csv_field(p);
  for (const auto& m : metrics)
    row += "," + csv_field(m);
  file.write(row + "\n");
  for (std::size_t draw = 0; draw < d.draws; ++draw) {
    row = std::to_string(draw);
    for (const auto& v : d.values)
      row.append(",").append(number_text(v[draw]));
    for (std::size_t m = 0; m < metrics.size(); ++m) {
      std::int64_t x = d.metrics[m][draw];
      row.append(",").append(queries[m].measure == model::Measure::shortfall_years
                                 ? std::to_string(x)
                                 : model::to_decimal_string(model::Money{x}));
    }
    file.write(row.append("\n"));
  }
}

std::string money2(double x) {
  return fmt::format("{:.2f}", x);
}

// Ctrl-C stops the draws; nothing is written.
void on_interrupt(int) {
  g_interrupted = true;
}

// A progress bar on standard error until `finished`.
void show_progress(long long draws, const std::atomic<bool>& finished) {
  while (!finished) {
    long long done = g_done.load();
    int width = 40, filled = static_cast<int>(width * done / std::max(1LL, draws));
    std::fprintf(stderr, "\r[%s%s] %lld/%lld draws", std::string(filled, '#').c_str(),
                 std::string(width - filled, ' ').c_str(), done, draws);
    std::fflush(stderr);
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  std::fprintf(stderr, "\r%80s\r", "");
}

}  // namespace

MonteCarloRun run_monte_carlo(const Loaded& loaded, const MonteCarloOptions& o) {
  g_interrupted = false;
  g_done = 0;
  auto previous = std::signal(SIGINT, on_interrupt);
  const scenarios::Sensitivity& sens = loaded.analyses.sensitivity;
  if (sens.parameters.empty()) fail_usage("no sensitivity.parameters to draw");
  long long draws = o.draws > 0 ? o.draws : sens.draws.value_or(10000);
  long long seed = o.seed >= 0 ? o.seed : sens.seed.value_or(1);
  if (draws > scenarios::kMaxDraws) fail_usage("at most 100,000,000 draws (the limit)");
  std::vector<std::string> paths;
  std::vector<model::Distribution> distributions;
  for (const auto& p : sens.parameters) {
    paths.push_back(p.path);
    distributions.push_back(distribution_of(p));
  }
  std::vector<model::RankCorrelation> correlations;
  auto index = [&](const std::string& path) {
    return static_cast<int>(std::find(paths.begin(), paths.end(), path) - paths.begin());
  };
  for (const auto& c : sens.correlation)
    correlations.push_back({index(c.a), index(c.b), c.rho});
  auto factor = model::copula_factor(paths.size(), correlations, paths);
  if (auto* error = std::get_if<std::string>(&factor))
    fail_usage("sensitivity.correlation: " + *error);
  std::vector<std::string> metrics = o.metrics.empty() ? kDefaultMetrics : o.metrics;
  std::vector<model::MetricQuery> queries;
  for (const auto& m : metrics)
    queries.push_back(parse_metric_arg(m, loaded.scenario));

  Draws out;
  out.draws = static_cast<std::size_t>(draws);
  for (std::size_t p = 0; p < paths.size(); ++p)
    out.values.emplace_back(out.draws);
  for (std::size_t m = 0; m < metrics.size(); ++m)
    out.metrics.emplace_back(out.draws);
  std::vector<std::string> fan_labels;
  if (!o.by.empty()) {
    auto basis = model::parse_basis(o.by);
    if (!basis) fail_usage(fmt::format("--by {}: use fy, contract-year, calendar or month", o.by));
    model::Evaluation base(loaded.scenario);
    for (const auto& period : base.projection(*basis).periods) {
      fan_labels.push_back(period.label);
      out.fan_queries.push_back(parse_metric_arg(metrics[0] + "@" + period.label, loaded.scenario));
    }
    for (std::size_t p = 0; p < fan_labels.size(); ++p)
      out.fan.emplace_back(out.draws);
  }
  int threads = o.threads > 0 ? o.threads : std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<int>(std::min<long long>(threads, draws));
  std::vector<std::string> errors(threads);
  std::vector<long long> failed(threads, -1);
  std::vector<std::thread> pool;
  std::atomic<bool> finished{false};
  std::thread progress;
  if (!o.quiet && isatty(STDERR_FILENO))
    progress = std::thread(show_progress, draws, std::cref(finished));
  for (int t = 0; t < threads; ++t) {
    long long first = draws * t / threads, last = draws * (t + 1) / threads;
    pool.emplace_back([&, t, first, last] {
      run_range(loaded, paths, distributions, std::get<Eigen::MatrixXd>(factor), queries,
                static_cast<std::uint64_t>(seed), first, last, out, errors[t], failed[t]);
    });
  }
  for (auto& th : pool)
    th.join();
  finished = true;
  if (progress.joinable()) progress.join();
  std::signal(SIGINT, previous);
  if (g_interrupted)
    throw Exit(130, fmt::format("interrupted after {} of {} draws; nothing written", g_done.load(),
                                draws));
  for (int t = 0; t < threads; ++t)  // the lowest draw that failed, whatever the threads
    if (failed[t] >= 0) fail_usage(fmt::format("draw {}: {}", failed[t], errors[t]));

  MonteCarloRun run;
  if (!o.draws_out.empty()) {
    run.draws_file = std::make_unique<OutputFile>(o.draws_out, std::vector<std::string>{o.file});
    write_draws(*run.draws_file, out, paths, metrics, queries);
  }
  Statistics statistics = summarise_draws(out, queries, threads);
  run.draws = draws, run.seed = seed;
  run.paths = std::move(paths), run.metrics = std::move(metrics), run.queries = std::move(queries);
  run.summaries = std::move(statistics.metrics);
  run.fan_labels = std::move(fan_labels), run.fan = std::move(statistics.fan);
  run.rank = std::move(statistics.rank);
  return run;
}

double MonteCarloRun::variance_share(std::size_t p, std::size_t m) const {
  double total = 0;
  for (const auto& r : rank)
    total += r[m] * r[m];
  return total > 0 ? rank[p][m] * rank[p][m] / total : 0.0;
}

int run_montecarlo(const MonteCarloOptions& o) {
  Format format = choose_format(o.format, o.output, {o.file});
  Loaded loaded = load_scenario(o.file, o.sets);
  MonteCarloRun run = run_monte_carlo(loaded, o);
  const auto& draws = run.draws;
  const auto& seed = run.seed;
  const auto& paths = run.paths;
  const auto& metrics = run.metrics;
  const auto& summaries = run.summaries;
  const auto& fan_labels = run.fan_labels;
  const auto& fan = run.fan;
  const auto& rank = run.rank;
  auto share = [&](std::size_t p, std::size_t m) { return run.variance_share(p, m); };
  std::string text;
  auto stats = [](const model::Summary& s) {
    return std::vector<std::pair<const char*, double>>{
        {"mean", s.mean}, {"se", s.se},   {"sd", s.sd},   {"min", s.min},
        {"p5", s.p5},     {"p10", s.p10}, {"p25", s.p25}, {"p50", s.p50},
        {"p75", s.p75},   {"p90", s.p90}, {"p95", s.p95}, {"max", s.max}};
  };
  if (format == Format::json) {
    JsonWriter w;
    w.begin_object().key("draws").integer(draws).key("seed").integer(seed);
    w.key("metrics").begin_object();
    for (std::size_t m = 0; m < metrics.size(); ++m) {
      w.key(metrics[m]).begin_object();
      for (auto [name, value] : stats(summaries[m]))
        w.key(name).number(std::round(value * 100) / 100);
      w.key("p_below_zero").number(summaries[m].p_below_zero).end_object();
    }
    w.end_object().key("fan");
    if (fan_labels.empty()) {
      w.null();
    } else {
      w.begin_object().key("metric").string(metrics[0]).key("basis").string(o.by);
      w.key("periods").begin_array();
      for (std::size_t p = 0; p < fan_labels.size(); ++p) {
        w.begin_object().key("label").string(fan_labels[p]);
        for (auto [name, value] : stats(fan[p]))
          w.key(name).number(std::round(value * 100) / 100);
        w.end_object();
      }
      w.end_array().end_object();
    }
    w.key("parameters").begin_object();
    for (std::size_t p = 0; p < paths.size(); ++p) {
      w.key(paths[p]).begin_object();
      for (std::size_t m = 0; m < metrics.size(); ++m)
        w.key(metrics[m])
            .begin_object()
            .key("rank_correlation")
            .number(rank[p][m])
            .key("variance_share")
            .number(share(p, m))
            .end_object();
      w.end_object();
    }
    w.end_object().end_object();
    text = w.str();
  } else {
    Table t;
    t.title = fmt::format("Monte Carlo: {} draws, seed {}", draws, seed);
    t.key_header = "metric";
    t.label_header = "Metric";
    for (auto [name, value] : stats(summaries[0]))
      t.headers.push_back(name), (void)value;
    t.headers.push_back("P(< 0)");
    for (std::size_t m = 0; m < metrics.size(); ++m) {
      Row row{metrics[m], metrics[m], {}};
      for (auto [name, value] : stats(summaries[m]))
        row.cells.push_back(Cell{money2(value), money2(value), true, value < 0}), (void)name;
      std::string p = fmt::format("{:.4f}", summaries[m].p_below_zero);
      row.cells.push_back(Cell{p, p, true, false});
      t.rows.push_back(std::move(row));
    }
    Table r;
    r.title = "Rank correlation with each metric (share of variance)";
    r.key_header = "parameter";
    r.label_header = "Parameter";
    r.headers = metrics;
    for (std::size_t p = 0; p < paths.size(); ++p) {
      Row row{paths[p], paths[p], {}};
      for (std::size_t m = 0; m < metrics.size(); ++m) {
        std::string cell = fmt::format("{:+.3f} ({:.0f}%)", rank[p][m], 100 * share(p, m));
        row.cells.push_back(Cell{cell, fmt::format("{}", rank[p][m]), true, false});
      }
      r.rows.push_back(std::move(row));
    }
    std::vector<Table> tables = {t, r};
    if (!fan_labels.empty()) {
      Table f;
      f.title = fmt::format("Fan: {} by period", metrics[0]);
      f.key_header = "period";
      f.label_header = "Period";
      for (auto [name, value] : stats(fan[0]))
        f.headers.push_back(name), (void)value;
      for (std::size_t p = 0; p < fan_labels.size(); ++p) {
        Row row{fan_labels[p], fan_labels[p], {}};
        for (auto [name, value] : stats(fan[p]))
          row.cells.push_back(Cell{money2(value), money2(value), true, value < 0}), (void)name;
        f.rows.push_back(std::move(row));
      }
      tables.push_back(std::move(f));
    }
    text = render(tables, format, use_colour(o.output));
  }
  write_output(o.output, text, {o.file});
  if (run.draws_file) run.draws_file->commit();
  return kExitOk;
}

}  // namespace cli
