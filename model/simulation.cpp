#include "model/simulation.h"

#include "model/partial_correlation.h"

#include <sys/mman.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <new>
#include <thread>
#include <utility>

namespace model {

namespace {

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
  const ParameterSampler& parameters;
  std::uint64_t seed;
  std::vector<ParameterKey> key_of;

  Sampler(const ParameterSampler& p, std::uint64_t s) : parameters(p), seed(s) {
    for (std::size_t i = 0; i < p.size(); ++i)  // a mean of steps is no discrete value
      key_of.emplace_back(p.steps(i) > 1 ? Distribution{} : p.distribution(i));
  }
  // The key that parameter p's rank correlations are computed on.
  std::uint64_t key(std::size_t p, std::span<const double> values) const {
    return key_of[p](parameters.summary(p, values));
  }
  void draw(std::uint64_t d, std::span<double> values, bool paths_too = true) const {
    parameters.draw(seed, d, values, paths_too);
  }
  // A path's keys (of the mean of its steps) are kept from the draws: drawing
  // it again would cost a step's sampling for each of its steps.
  bool kept(std::size_t p) const { return parameters.steps(p) > 1; }
};

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
  std::vector<Summary> metrics, fan;
  std::vector<std::vector<double>> rank, partial;  // [parameter][metric]
};

// The partial rank correlations (model/partial_correlation.h) from the
// parameters' rank correlations with each other and with the metrics.
std::vector<std::vector<double>> partials(std::span<const PackedRanks> parameters,
                                          const std::vector<std::vector<double>>& rank,
                                          int threads) {
  std::size_t k = parameters.size(), metrics = rank.empty() ? 0 : rank[0].size();
  Eigen::MatrixXd r = Eigen::MatrixXd::Identity(k + metrics, k + metrics);
  std::vector<std::pair<std::size_t, std::size_t>> pairs;
  for (std::size_t a = 0; a < k; ++a)
    for (std::size_t b = a + 1; b < k; ++b)
      pairs.emplace_back(a, b);
  parallel_tasks(pairs.size(), threads, [&](std::size_t i) {
    auto [a, b] = pairs[i];
    r(a, b) = r(b, a) = rank_correlation(parameters[a], parameters[b]);
  });
  for (std::size_t p = 0; p < k; ++p)
    for (std::size_t m = 0; m < metrics; ++m)
      r(p, k + m) = r(k + m, p) = rank[p][m];
  Eigen::MatrixXd partial = partial_rank_correlations(r, k);
  std::vector<std::vector<double>> out(k, std::vector<double>(metrics));
  for (std::size_t p = 0; p < k; ++p)
    for (std::size_t m = 0; m < metrics; ++m)
      out[p][m] = partial(static_cast<Eigen::Index>(p), static_cast<Eigen::Index>(m));
  return out;
}

// Each step of every path as a series of its own (8 bytes a draw a step):
// what a partial rank correlation controls for when another parameter is a
// path, since a metric moves with the path's steps, not only with its mean.
// Their keys are written with the draws (drawing the paths again would cost
// as much as the draws' own sampling), then sorted and ranked in place.
struct StepSeries {
  std::vector<std::size_t> parameter;  // [series]: whose step it is
  std::vector<std::size_t> value_at;   // [series]: its place among a draw's values
  std::vector<ParameterKey> key_of;    // [series]: a step has its distribution's keys
  std::vector<Mapping> keys;           // [series]: its keys, then its ranks
  std::vector<PackedRanks> ranks;      // [series], once ranked

  StepSeries(const Sampler& sampler, std::size_t n) {
    const ParameterSampler& parameters = sampler.parameters;
    for (std::size_t p = 0; p < parameters.size(); ++p)
      for (int t = 0; sampler.kept(p) && t < parameters.steps(p); ++t) {
        parameter.push_back(p);
        value_at.push_back(parameters.offset(p) + static_cast<std::size_t>(t));
        key_of.emplace_back(parameters.distribution(p));
        keys.emplace_back(8 * n);
      }
  }
  std::size_t size() const { return parameter.size(); }
  std::span<std::uint64_t> series(std::size_t i, std::size_t n) {
    return keys[i].span<std::uint64_t>(0, n);
  }
  // Sorts each series' keys and ranks them (a tie of top bits is settled by
  // drawing that draw again: see SortedDraws).
  void rank(const Sampler& sampler, std::size_t n, int threads) {
    ranks.resize(size());
    parallel_tasks(size(), threads, [&](std::size_t i) {
      std::vector<double> values(sampler.parameters.width());
      SortedDraws sorted(series(i, n), [&](std::uint32_t draw) {
        sampler.draw(draw, values);
        return key_of[i](values[value_at[i]]);
      });
      ranks[i] = sorted.to_doubled_ranks();
    });
  }
};

// Everything drawn, as whole pence (or a count, for shortfall_years): each
// metric's draws and the fan's, one series a period. A parameter of one
// step is not kept: its values are drawn again from (seed, draw) when
// wanted. A path's keys are kept (Sampler::kept), its steps' values not.
//
// The metrics share one mapping, laid out so that summarising maps nothing
// new: metric m's draws at byte 8nm; summarised, its ranks take 4n bytes and
// move to byte 4nm; the keys of the parameters drawn again, 8n bytes each,
// then follow them. A path's keys have a mapping of their own, written with
// the draws, and so do its steps' (StepSeries).
struct Draws {
  std::size_t draws, metric_count, drawn_again = 0;  // parameters not kept
  std::vector<std::size_t> slot;                     // [parameter]: its place after the ranks
  std::vector<std::optional<Mapping>> kept;          // [parameter]: keys kept from the draws
  Mapping memory;
  std::vector<Mapping> fan;
  StepSeries steps;

  Draws(std::size_t n, std::size_t metrics, const Sampler& sampler)
      : draws(n), metric_count(metrics), memory(bytes(n, metrics, sampler)), steps(sampler, n) {
    for (std::size_t p = 0; p < sampler.parameters.size(); ++p) {
      slot.push_back(sampler.kept(p) ? 0 : drawn_again++);
      kept.emplace_back();
      if (sampler.kept(p)) kept.back().emplace(8 * n);
    }
  }
  static std::size_t keys_at(std::size_t n, std::size_t metrics) {
    return (4 * n * metrics + 7) / 8 * 8;
  }
  static std::size_t bytes(std::size_t n, std::size_t metrics, const Sampler& sampler) {
    std::size_t again = 0;
    for (std::size_t p = 0; p < sampler.parameters.size(); ++p)
      again += sampler.kept(p) ? 0 : 1;
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

// The partial rank correlations where some parameters are paths: parameter
// p (its value, or the mean of its path) with each metric, controlling for
// each other parameter of one step and for every step of each other path.
std::vector<std::vector<double>> partials_with_steps(std::span<const PackedRanks> parameters,
                                                     std::span<const PackedRanks> metrics,
                                                     const std::vector<std::vector<double>>& rank,
                                                     const Sampler& sampler, StepSeries& steps,
                                                     std::size_t n, int threads) {
  steps.rank(sampler, n, threads);
  std::size_t k = parameters.size(), t = steps.size(), first_metric = k + t;
  std::vector<PackedRanks> all(parameters.begin(), parameters.end());
  all.insert(all.end(), steps.ranks.begin(), steps.ranks.end());
  all.insert(all.end(), metrics.begin(), metrics.end());
  // Each parameter with what it is controlled for and the metrics.
  std::vector<std::vector<Eigen::Index>> sets(k);
  std::vector<std::size_t> controls(k);
  for (std::size_t p = 0; p < k; ++p) {
    std::vector<Eigen::Index>& at = sets[p];
    at.push_back(static_cast<Eigen::Index>(p));
    for (std::size_t q = 0; q < k; ++q)
      if (q != p && !sampler.kept(q)) at.push_back(static_cast<Eigen::Index>(q));
    for (std::size_t i = 0; i < t; ++i)
      if (steps.parameter[i] != p) at.push_back(static_cast<Eigen::Index>(k + i));
    controls[p] = at.size();
    for (std::size_t m = 0; m < metrics.size(); ++m)
      at.push_back(static_cast<Eigen::Index>(first_metric + m));
  }
  // Only the correlations a partial reads: within a set, and not between two
  // metrics (partial_rank_correlations takes each metric alone). A path's
  // mean and its own steps never meet, and a parameter's correlation with a
  // metric is the rank correlation already worked out.
  auto size = static_cast<Eigen::Index>(all.size());
  Eigen::MatrixXd r = Eigen::MatrixXd::Identity(size, size);
  std::vector<std::vector<bool>> wanted(all.size(), std::vector<bool>(all.size()));
  std::vector<std::vector<std::size_t>> with(all.size());  // [a]: each b > a to correlate with
  for (const auto& at : sets)
    for (std::size_t x = 0; x < at.size(); ++x)
      for (std::size_t y = x + 1; y < at.size(); ++y) {
        auto a = static_cast<std::size_t>(std::min(at[x], at[y]));
        auto b = static_cast<std::size_t>(std::max(at[x], at[y]));
        if (a >= first_metric || wanted[a][b]) continue;
        wanted[a][b] = true;
        if (a < k && b >= first_metric)
          r(static_cast<Eigen::Index>(a), static_cast<Eigen::Index>(b)) =
              r(static_cast<Eigen::Index>(b), static_cast<Eigen::Index>(a)) =
                  rank[a][b - first_metric];
        else
          with[a].push_back(b);
      }
  parallel_tasks(all.size(), threads, [&](std::size_t a) {
    std::vector<PackedRanks> others;
    for (std::size_t b : with[a])
      others.push_back(all[b]);
    std::vector<double> rho = rank_correlations(all[a], others);
    for (std::size_t j = 0; j < others.size(); ++j) {
      auto x = static_cast<Eigen::Index>(a), y = static_cast<Eigen::Index>(with[a][j]);
      r(x, y) = r(y, x) = rho[j];
    }
  });
  std::vector<std::vector<double>> out(k);
  for (std::size_t p = 0; p < k; ++p) {
    Eigen::MatrixXd partial = partial_rank_correlations(r(sets[p], sets[p]), controls[p]);
    for (std::size_t m = 0; m < metrics.size(); ++m)
      out[p].push_back(partial(0, static_cast<Eigen::Index>(m)));
  }
  return out;
}

// Summaries, fan and rank correlations, in the draws' own memory (see
// Draws): each metric is sorted in place, which gives its percentiles, and
// then holds its ranks in half the space; each parameter is drawn again into
// keys in the space that frees, sorted and ranked there. `d` is used up.
std::optional<Statistics> summarise_draws(Draws& d, const std::vector<Scale>& scales,
                                          const Sampler& sampler, int threads,
                                          const std::function<bool()>& stopped) {
  std::size_t n = d.draws, metrics = d.metric_count, periods = d.fan.size();
  std::size_t parameters = d.kept.size();
  Statistics s;
  s.metrics.resize(metrics);
  s.fan.resize(periods);
  parallel_tasks(metrics + periods, threads, [&](std::size_t i) {
    if (i < metrics) {
      PackedRanks at_start;  // in the first half of the metric's space
      s.metrics[i] = summarise(d.metric(i), scales[i], &at_start);
    } else {
      s.fan[i - metrics] = summarise(d.period(i - metrics), Scale::pence);
    }
  });
  d.fan.clear();
  if (stopped()) return std::nullopt;
  std::vector<PackedRanks> ranks;
  for (std::size_t m = 0; m < metrics; ++m) {
    std::memmove(d.memory.at(4 * n * m), d.memory.at(8 * n * m), 4 * n);
    ranks.emplace_back(d.memory.at(4 * n * m), n);
  }
  // The parameters not kept, drawn again into the space after the ranks.
  constexpr std::size_t kChunk = 1 << 16;
  if (d.drawn_again > 0)
    parallel_tasks((n + kChunk - 1) / kChunk, threads, [&](std::size_t chunk) {
      std::vector<double> values(sampler.parameters.width());
      std::vector<std::span<std::uint64_t>> keys;
      for (std::size_t p = 0; p < parameters; ++p)
        keys.push_back(d.keys(p));
      for (std::size_t draw = chunk * kChunk; draw < std::min(n, (chunk + 1) * kChunk); ++draw) {
        sampler.draw(draw, values, false);
        for (std::size_t p = 0; p < parameters; ++p)
          if (!d.kept[p]) keys[p][draw] = sampler.key(p, values);
      }
    });
  if (stopped()) return std::nullopt;
  s.rank.assign(parameters, std::vector<double>(metrics));
  std::vector<PackedRanks> own_ranks(parameters);  // in each parameter's keys, which stay
  parallel_tasks(parameters, threads, [&](std::size_t p) {
    std::vector<double> values(sampler.parameters.width());
    SortedDraws sorted(d.keys(p), [&](std::uint32_t draw) {
      sampler.draw(draw, values, d.kept[p].has_value());
      return sampler.key(p, values);
    });
    own_ranks[p] = sorted.to_doubled_ranks();
    s.rank[p] = rank_correlations(own_ranks[p], ranks);
  });
  if (stopped()) return std::nullopt;
  s.partial = d.steps.size() > 0
                  ? partials_with_steps(own_ranks, ranks, s.rank, sampler, d.steps, n, threads)
                  : partials(own_ranks, s.rank, threads);
  return s;
}

// Where a thread's draws failed: the first draw it refused, and why.
struct Failure {
  long long draw = -1;
  std::string why;
};

// Draws [first, last) on one thread, with a model of its own, until the
// first the model refuses or `stop` says to.
void draw_range(DrawModel& model, const Sampler& sampler, long long first, long long last,
                Draws& out, const MonteCarloCallbacks& callbacks, Failure& failure) {
  std::size_t metrics = out.metric_count, periods = out.fan.size();
  std::vector<double> values(sampler.parameters.width());
  std::vector<std::int64_t> results(metrics + periods);
  std::vector<std::span<std::int64_t>> series;
  for (std::size_t m = 0; m < metrics; ++m)
    series.push_back(out.metric(m));
  for (std::size_t p = 0; p < periods; ++p)
    series.push_back(out.period(p));
  std::vector<std::pair<std::size_t, std::span<std::uint64_t>>> kept;
  for (std::size_t p = 0; p < out.kept.size(); ++p)
    if (out.kept[p]) kept.emplace_back(p, out.keys(p));
  std::vector<std::span<std::uint64_t>> steps;
  for (std::size_t i = 0; i < out.steps.size(); ++i)
    steps.push_back(out.steps.series(i, out.draws));
  for (long long draw = first; draw < last; ++draw) {
    if ((draw - first) % 1024 == 0) {
      if (callbacks.stop && callbacks.stop()) return;
      if (callbacks.progress) callbacks.progress(std::min(1024LL, last - draw));
    }
    sampler.draw(static_cast<std::uint64_t>(draw), values);
    for (auto& [p, keys] : kept)
      keys[draw] = sampler.key(p, values);
    for (std::size_t i = 0; i < steps.size(); ++i)
      steps[i][draw] = out.steps.key_of[i](values[out.steps.value_at[i]]);
    if (auto why = model.evaluate(values, results)) {
      failure = {draw, std::move(*why)};
      return;
    }
    for (std::size_t s = 0; s < series.size(); ++s)
      series[s][draw] = results[s];
  }
}

}  // namespace

// What a DrawTable reads: the draws, and what draws the parameters again.
struct DrawTable::Parts {
  const MonteCarloPlan& plan;
  const Draws& draws;
  const Sampler& sampler;
};

const MonteCarloPlan& DrawTable::plan() const {
  return parts_.plan;
}

std::size_t DrawTable::size() const {
  return parts_.draws.draws;
}

void DrawTable::parameters(std::size_t draw, std::span<double> out) const {
  parts_.sampler.draw(draw, out);
}

std::vector<std::string> value_names(const MonteCarloPlan& plan) {
  std::vector<std::string> out;
  for (std::size_t p = 0; p < plan.parameters.size(); ++p) {
    int steps = p < plan.stepping.size() ? plan.stepping[p].steps : 1;
    if (steps == 1) out.push_back(plan.parameters[p]);
    for (int s = 1; steps > 1 && s <= steps; ++s)
      out.push_back(plan.parameters[p] + "[" + std::to_string(s) + "]");
  }
  return out;
}

std::int64_t DrawTable::metric(std::size_t m, std::size_t draw) const {
  return parts_.draws.metric(m)[draw];
}

double MonteCarloSummary::variance_share(std::size_t p, std::size_t m) const {
  double total = 0;
  for (const auto& r : rank)
    total += r[m] * r[m];
  return total > 0 ? rank[p][m] * rank[p][m] / total : 0.0;
}

std::size_t MonteCarloSummary::metric_index(const std::string& name) const {
  return static_cast<std::size_t>(std::find(metrics.begin(), metrics.end(), name) -
                                  metrics.begin());
}

MonteCarloOutcome run_monte_carlo(const MonteCarloPlan& plan, const DrawModelFactory& model,
                                  const MonteCarloCallbacks& callbacks) {
  auto factor = copula_factor(plan.parameters.size(), plan.correlations, plan.parameters);
  if (auto* error = std::get_if<std::string>(&factor)) return BadCorrelation{*error};
  ParameterSampler parameters(std::get<Eigen::MatrixXd>(factor), plan.distributions, plan.stepping);
  Sampler sampler(parameters, plan.seed);
  std::size_t n = plan.draws;
  Draws out(n, plan.metrics.size(), sampler);
  for (std::size_t p = 0; p < plan.fan_periods.size(); ++p)
    out.fan.emplace_back(8 * n);
  int threads = static_cast<int>(std::min<std::uint64_t>(std::max(1, plan.threads), n));
  std::vector<Failure> failures(threads);
  std::atomic<long long> done{0};
  MonteCarloCallbacks counted = callbacks;
  counted.progress = [&](long long d) {
    done += d;
    if (callbacks.progress) callbacks.progress(d);
  };
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    long long first = static_cast<long long>(n * t / threads);
    long long last = static_cast<long long>(n * (t + 1) / threads);
    pool.emplace_back([&, t, first, last] {
      std::unique_ptr<DrawModel> own = model();
      draw_range(*own, sampler, first, last, out, counted, failures[t]);
    });
  }
  for (auto& th : pool)
    th.join();
  auto stopped = [&] { return callbacks.stop && callbacks.stop(); };
  if (stopped()) return Stopped{true, done.load()};
  for (const Failure& f : failures)  // the lowest draw that failed, whatever the threads
    if (f.draw >= 0) {
      RefusedDraw refused{static_cast<std::uint64_t>(f.draw),
                          std::vector<double>(parameters.width()), f.why};
      sampler.draw(refused.draw, refused.values);
      return refused;
    }
  if (callbacks.draws) callbacks.draws(DrawTable(DrawTable::Parts{plan, out, sampler}));
  auto statistics = summarise_draws(out, plan.scales, sampler, threads, stopped);
  if (!statistics) return Stopped{false, done.load()};
  MonteCarloSummary s;
  s.draws = plan.draws, s.seed = plan.seed;
  s.parameters = plan.parameters, s.metrics = plan.metrics, s.fan_periods = plan.fan_periods;
  s.metric_summaries = std::move(statistics->metrics);
  s.fan = std::move(statistics->fan);
  s.rank = std::move(statistics->rank);
  s.partial = std::move(statistics->partial);
  return s;
}

}  // namespace model
