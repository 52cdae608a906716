#include <fmt/format.h>
#include <fmt/ranges.h>

#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <limits>
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

// Ctrl-C, after the draws: stops at the next check with a message, and what
// was being written is left unwritten (its temporary removed on the way out).
void stop_if_interrupted(const char* doing) {
  if (g_interrupted) throw Exit(130, fmt::format("interrupted while {}; nothing written", doing));
}

void on_interrupt(int) {
  g_interrupted = true;
}

// Ctrl-C is ours while one of these lives, and the action before is restored
// however it ends; one that was ignored stays ignored.
class InterruptHandler {
 public:
  InterruptHandler() : previous_(std::signal(SIGINT, on_interrupt)) {
    if (previous_ == SIG_IGN) std::signal(SIGINT, SIG_IGN);
  }
  InterruptHandler(const InterruptHandler&) = delete;
  InterruptHandler& operator=(const InterruptHandler&) = delete;
  ~InterruptHandler() { std::signal(SIGINT, previous_); }

 private:
  void (*previous_)(int);
};

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

// Memory of its own, mapped but untouched until written: no single-threaded
// zeroing first, each thread maps the pages of its share of the draws, and
// the pages go back to the system when it goes.
class Mapping {
 public:
  explicit Mapping(std::size_t bytes) : bytes_(std::max<std::size_t>(1, bytes)) {
    void* p = mmap(nullptr, bytes_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) throw std::bad_alloc();
    data_ = static_cast<unsigned char*>(p);
  }
  Mapping(Mapping&& m) noexcept : data_(std::exchange(m.data_, nullptr)), bytes_(m.bytes_) {}
  Mapping& operator=(Mapping&&) = delete;
  ~Mapping() {
    if (data_) munmap(data_, bytes_);
  }
  unsigned char* at(std::size_t byte) { return data_ + byte; }
  // A run of T from `byte`, which must be aligned for T.
  template <typename T>
  std::span<T> span(std::size_t byte, std::size_t count) {
    return {reinterpret_cast<T*>(data_ + byte), count};
  }
  template <typename T>
  std::span<const T> span(std::size_t byte, std::size_t count) const {
    return {reinterpret_cast<const T*>(data_ + byte), count};
  }

 private:
  unsigned char* data_;
  std::size_t bytes_;
};

// What draws the parameters: any draw's values from the seed and its number,
// and each parameter's sort key.
struct Sampler {
  const model::ParameterSampler& parameters;
  std::uint64_t seed;
  std::vector<model::ParameterKey> key_of;

  Sampler(const model::ParameterSampler& p, std::uint64_t s) : parameters(p), seed(s) {
    for (std::size_t i = 0; i < p.size(); ++i)
      key_of.emplace_back(p.distribution(i));
  }
  void draw(std::uint64_t d, std::span<double> values, bool costly_too = true) const {
    parameters.draw(seed, d, values, costly_too);
  }
};

// Everything drawn, as whole pence (or a count, for shortfall_years): each
// metric's draws and the fan's, one series a period. A parameter is not kept
// unless its sampler is costly (PERT): any other draw's values are drawn
// again from (seed, draw) when wanted.
//
// The metrics share one mapping, laid out so that summarising maps nothing
// new: metric m's draws at byte 8nm; summarised, its ranks take 4n bytes and
// move to byte 4nm; the keys of the parameters drawn again, 8n bytes each,
// then follow them. A kept parameter's keys have a mapping of their own,
// written with the draws.
struct Draws {
  std::size_t draws, metric_count, drawn_again = 0;  // parameters not kept
  std::vector<std::size_t> slot;                     // [parameter]: its place after the ranks
  std::vector<std::optional<Mapping>> kept;          // [parameter]: keys kept from the draws
  Mapping memory;
  std::vector<Mapping> fan;
  std::vector<model::MetricQuery> fan_queries;  // the first metric at each period

  Draws(std::size_t n, std::size_t metrics, const model::ParameterSampler& parameters)
      : draws(n), metric_count(metrics), memory(bytes(n, metrics, parameters)) {
    for (std::size_t p = 0; p < parameters.size(); ++p) {
      slot.push_back(parameters.costly(p) ? 0 : drawn_again++);
      kept.emplace_back();
      if (parameters.costly(p)) kept.back().emplace(8 * n);
    }
  }
  static std::size_t keys_at(std::size_t n, std::size_t metrics) {
    return (4 * n * metrics + 7) / 8 * 8;
  }
  static std::size_t bytes(std::size_t n, std::size_t metrics,
                           const model::ParameterSampler& parameters) {
    std::size_t again = 0;
    for (std::size_t p = 0; p < parameters.size(); ++p)
      again += parameters.costly(p) ? 0 : 1;
    return std::max(8 * n * metrics, keys_at(n, metrics) + 8 * n * again);
  }
  std::span<std::int64_t> metric(std::size_t m) {
    return memory.span<std::int64_t>(8 * draws * m, draws);
  }
  std::span<const std::int64_t> metric(std::size_t m) const {
    return memory.span<const std::int64_t>(8 * draws * m, draws);
  }
  std::span<std::int64_t> period(std::size_t p) { return fan[p].span<std::int64_t>(0, draws); }
  std::span<std::uint64_t> keys(std::size_t p) {
    if (kept[p]) return kept[p]->span<std::uint64_t>(0, draws);
    return memory.span<std::uint64_t>(keys_at(draws, metric_count) + 8 * draws * slot[p], draws);
  }
  std::span<const std::uint64_t> keys(std::size_t p) const {
    if (kept[p]) return kept[p]->span<const std::uint64_t>(0, draws);
    return memory.span<const std::uint64_t>(keys_at(draws, metric_count) + 8 * draws * slot[p],
                                            draws);
  }
};

std::int64_t whole(const model::MetricValue& v) {
  return v.is_count ? v.count : v.money.pence;
}

// A draw the scenario refuses: located at the parameters that drew it, with
// their values, so that the range to narrow can be found.
[[noreturn]] void refuse_draw(const Loaded& loaded, const std::vector<std::string>& paths,
                              const Sampler& sampler, long long draw, const std::string& why) {
  std::vector<double> values(paths.size());
  sampler.draw(static_cast<std::uint64_t>(draw), values);
  std::vector<std::string> drawn;
  for (std::size_t p = 0; p < paths.size(); ++p)
    drawn.push_back(fmt::format("{} = {}", paths[p], values[p]));  // shortest round trip
  std::string where = "envelope";
  for (const auto& spec : loaded.analyses.sensitivity.parameters)
    if (spec.mark.source) {
      where = fmt::format("{}:{}:{}: sensitivity.parameters", *spec.mark.source, spec.mark.line,
                          spec.mark.column);
      break;
    }
  std::cerr << fmt::format(
      "{}: draw {} ({}) is refused: {}; narrow the ranges so that every value they can draw is "
      "allowed\n",
      where, draw, fmt::join(drawn, ", "), why);
  throw Exit(kExitBadInput);
}

// Draws [first, last) on one thread, with its own compiled scenario. On a
// failure, its message and draw number.
void run_range(const Loaded& loaded, const std::vector<std::string>& paths, const Sampler& sampler,
               const std::vector<model::MetricQuery>& queries, long long first, long long last,
               Draws& out, std::string& error, long long& failed_draw) {
  scenarios::CompiledScenario compiled = compile_parameters(loaded, paths);
  model::Scenario scenario = compiled.base();
  model::Evaluation e(scenario);
  std::vector<double> values(paths.size());
  std::vector<std::span<std::int64_t>> metric, fan;
  std::vector<std::pair<std::size_t, std::span<std::uint64_t>>> kept;
  for (std::size_t m = 0; m < queries.size(); ++m)
    metric.push_back(out.metric(m));
  for (std::size_t p = 0; p < paths.size(); ++p)
    if (out.kept[p]) kept.emplace_back(p, out.keys(p));
  for (std::size_t p = 0; p < out.fan_queries.size(); ++p)
    fan.push_back(out.period(p));
  for (long long draw = first; draw < last; ++draw) {
    // The shared counter is touched once in 1,024 draws: touched every draw
    // by both threads, its cache line would slow each of them.
    if ((draw - first) % 1024 == 0) {
      if (g_interrupted) return;
      g_done += std::min(1024LL, last - draw);
    }
    sampler.draw(static_cast<std::uint64_t>(draw), values);
    for (auto& [p, keys] : kept)
      keys[draw] = sampler.key_of[p](values[p]);
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
        metric[m][draw] = whole(*v);
      }
      // A period past a draw's horizon (fewer extensions taken) counts zero.
      for (std::size_t p = 0; p < fan.size(); ++p) {
        auto v = e.value(out.fan_queries[p]);
        fan[p][draw] = v ? whole(*v) : 0;
      }
    } catch (const std::out_of_range& e) {
      return fail(e.what());
    }
  }
}

// Runs task(i) for i in [0, count) on `threads` threads.
template <typename Task>
void parallel_tasks(std::size_t count, int threads, Task task) {
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < count; i = next++)
      task(i);
  };
  std::vector<std::thread> pool;
  for (std::size_t t = 1; t < std::min(static_cast<std::size_t>(threads), count); ++t)
    pool.emplace_back(work);
  work();
  for (auto& th : pool)
    th.join();
}

struct Statistics {
  std::vector<model::Summary> metrics, fan;
  std::vector<std::vector<double>> rank;  // [parameter][metric]
};

// Summaries, fan and rank correlations, in the draws' own memory (see
// Draws): each metric is sorted in place, which gives its percentiles, and
// then holds its ranks in half the space; each parameter is drawn again into
// keys in the space that frees, sorted and ranked there. `d` is used up.
Statistics summarise_draws(Draws& d, const std::vector<model::MetricQuery>& queries,
                           const Sampler& sampler, int threads) {
  std::size_t n = d.draws, metrics = d.metric_count, periods = d.fan.size();
  std::size_t parameters = d.kept.size();
  Statistics s;
  s.metrics.resize(metrics);
  s.fan.resize(periods);
  parallel_tasks(metrics + periods, threads, [&](std::size_t i) {
    if (i < metrics) {
      bool count = queries[i].measure == model::Measure::shortfall_years;
      model::PackedRanks at_start;  // in the first half of the metric's space
      s.metrics[i] = model::summarise(d.metric(i),
                                      count ? model::Scale::count : model::Scale::pence, &at_start);
    } else {
      s.fan[i - metrics] = model::summarise(d.period(i - metrics), model::Scale::pence);
    }
  });
  d.fan.clear();
  stop_if_interrupted("summarising the draws");
  std::vector<model::PackedRanks> ranks;
  for (std::size_t m = 0; m < metrics; ++m) {
    std::memmove(d.memory.at(4 * n * m), d.memory.at(8 * n * m), 4 * n);
    ranks.emplace_back(d.memory.at(4 * n * m), n);
  }
  // The parameters not kept, drawn again into the space after the ranks.
  constexpr std::size_t kChunk = 1 << 16;
  if (d.drawn_again > 0)
    parallel_tasks((n + kChunk - 1) / kChunk, threads, [&](std::size_t chunk) {
      std::vector<double> values(parameters);
      std::vector<std::span<std::uint64_t>> keys;
      for (std::size_t p = 0; p < parameters; ++p)
        keys.push_back(d.keys(p));
      for (std::size_t draw = chunk * kChunk; draw < std::min(n, (chunk + 1) * kChunk); ++draw) {
        sampler.draw(draw, values, false);
        for (std::size_t p = 0; p < parameters; ++p)
          if (!d.kept[p]) keys[p][draw] = sampler.key_of[p](values[p]);
      }
    });
  stop_if_interrupted("summarising the draws");
  s.rank.assign(parameters, std::vector<double>(metrics));
  parallel_tasks(parameters, threads, [&](std::size_t p) {
    std::vector<double> values(parameters);
    model::SortedDraws sorted(d.keys(p), [&](std::uint32_t draw) {
      sampler.draw(draw, values, d.kept[p].has_value());
      return sampler.key_of[p](values[p]);
    });
    model::PackedRanks own = sorted.to_doubled_ranks();
    for (std::size_t m = 0; m < metrics; ++m)
      s.rank[p][m] = model::rank_correlation(own, ranks[m]);
  });
  stop_if_interrupted("summarising the draws");
  return s;
}

// Every draw's parameters and metrics, one CSV row each, into `file`.
void write_draws(OutputFile& file, const Draws& d, const Sampler& sampler,
                 const std::vector<std::string>& paths, const std::vector<std::string>& metrics,
                 const std::vector<model::MetricQuery>& queries) {
  std::string row = "draw";
  for (const auto& p : paths)
    row += "," + csv_field(p);
  for (const auto& m : metrics)
    row += "," + csv_field(m);
  file.write(row + "\n");
  std::vector<double> values(paths.size());
  for (std::size_t draw = 0; draw < d.draws; ++draw) {
    if (draw % 65536 == 0) stop_if_interrupted("writing --draws-out");
    row = std::to_string(draw);
    sampler.draw(draw, values, false);
    for (std::size_t p = 0; p < values.size(); ++p) {
      double v = d.kept[p] ? sampler.key_of[p].value(d.keys(p)[draw]) : values[p];
      row.append(",").append(number_text(v));
    }
    for (std::size_t m = 0; m < metrics.size(); ++m) {
      std::int64_t x = d.metric(m)[draw];
      row.append(",").append(queries[m].measure == model::Measure::shortfall_years
                                 ? std::to_string(x)
                                 : model::to_decimal_string(model::Money{x}));
    }
    file.write(row.append("\n"));
  }
}

// A summary's two-decimal figure (model::summarise) in hundredths, exactly.
model::Money hundredths(double two_decimals) {
  return model::Money{model::round_half_away(two_decimals * 100)};
}

std::string money2(double x) {
  return model::to_decimal_string(hundredths(x));
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
  // Ctrl-C stops the draws, and everything after them, with nothing written.
  g_interrupted = false;
  g_done = 0;
  InterruptHandler handler;
  const scenarios::Sensitivity& sens = loaded.analyses.sensitivity;
  if (sens.parameters.empty()) fail_usage("no sensitivity.parameters to draw");
  long long draws = o.draws > 0 ? o.draws : sens.draws.value_or(10000);
  long long seed = o.seed >= 0 ? o.seed : sens.seed.value_or(1);
  if (!o.draws_text.empty())
    draws = parse_whole_arg(o.draws_text, "-n", "a whole number of draws", 1, scenarios::kMaxDraws);
  if (!o.seed_text.empty())
    seed = parse_whole_arg(o.seed_text, "--seed", "a seed, a whole number,", 0,
                           std::numeric_limits<long long>::max());
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

  model::ParameterSampler parameters(std::get<Eigen::MatrixXd>(factor), distributions);
  Sampler sampler(parameters, static_cast<std::uint64_t>(seed));
  Draws out(static_cast<std::size_t>(draws), metrics.size(), parameters);
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
      out.fan.emplace_back(8 * out.draws);
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
      run_range(loaded, paths, sampler, queries, first, last, out, errors[t], failed[t]);
    });
  }
  for (auto& th : pool)
    th.join();
  finished = true;
  if (progress.joinable()) progress.join();
  if (g_interrupted)
    throw Exit(130, fmt::format("interrupted after {} of {} draws; nothing written", g_done.load(),
                                draws));
  for (int t = 0; t < threads; ++t)  // the lowest draw that failed, whatever the threads
    if (failed[t] >= 0) refuse_draw(loaded, paths, sampler, failed[t], errors[t]);

  MonteCarloRun run;
  if (!o.draws_out.empty()) {
    run.draws_file = std::make_unique<OutputFile>(o.draws_out, std::vector<std::string>{o.file});
    write_draws(*run.draws_file, out, sampler, paths, metrics, queries);
  }
  Statistics statistics = summarise_draws(out, queries, sampler, threads);
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
  refuse_same_outputs({{"-o", o.output}, {"--draws-out", o.draws_out}});
  Format format = choose_format(o.format, o.output, {o.file});
  Loaded loaded = load_scenario(o.file, o.sets);
  // Held to the end: a Ctrl-C after the last check only sets the flag, so the
  // files below are written whole or (before that check) not at all.
  InterruptHandler handler;
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
        w.key(name).money(hundredths(value));
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
          w.key(name).money(hundredths(value));
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
  stop_if_interrupted("writing the output");
  write_output(o.output, text, {o.file});
  if (run.draws_file) run.draws_file->commit();
  return kExitOk;
}

}  // namespace cli
