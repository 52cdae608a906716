// Times the stages of `envelope run` in-process: reading and compiling a
// scenario, projecting it, and evaluating every metric.
//   build/envelope_bench [FILE] [ITERATIONS] [reevaluate]
// With `reevaluate`, only the re-evaluation stage runs: for counting its
// instructions under valgrind --tool=callgrind, one build against another.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>

#include "model/metrics.h"
#include "scenarios/compiled_scenario.h"
#include "scenarios/evaluator.h"
#include "scenarios/scenario_reader.h"

namespace {

template <typename F>
double microseconds_per_call(int iterations, F&& f) {
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < iterations; ++i)
    f();
  std::chrono::duration<double, std::micro> elapsed = std::chrono::steady_clock::now() - start;
  return elapsed.count() / iterations;
}

}  // namespace

int main(int argc, char** argv) {
  std::string path = argc > 1 ? argv[1] : "examples/coventry-2019.yaml";
  int iterations = argc > 2 ? std::stoi(argv[2]) : 2000;
  std::ifstream in(path);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto loaded = scenarios::read_scenario(text, path);
  if (!loaded.scenario) {
    std::fprintf(stderr, "%s: does not load\n", path.c_str());
    return 2;
  }
  const model::Scenario& s = *loaded.scenario;
  std::vector<model::MetricQuery> queries;
  for (const std::string& name : model::all_metric_names(s))
    queries.push_back(std::get<model::MetricQuery>(model::parse_metric(name, s)));

  long sink = 0;
  bool only_reevaluate = argc > 3 && std::string(argv[3]) == "reevaluate";
  if (only_reevaluate) iterations = -iterations;  // the first two stages run no times
  double read = microseconds_per_call(
      iterations, [&] { sink += scenarios::read_scenario(text, path).scenario->contracts.size(); });
  double metrics = microseconds_per_call(iterations, [&] {
    model::Evaluation e(s);
    for (const auto& q : queries)
      sink += e.value(q)->money.pence;
  });
  scenarios::Diagnostics errors;
  auto compiled = scenarios::CompiledScenario::compile(
      *loaded.tree, {"assumptions.uplift", "defaults.exercise"}, errors);
  // As the what-if analyses re-evaluate: one evaluator, its scenario changed in place.
  scenarios::MetricEvaluator evaluate(*compiled,
                                      std::get<model::MetricQuery>(model::parse_metric("cost", s)));
  int step = 0;
  if (only_reevaluate) iterations = -iterations;
  double reevaluate = microseconds_per_call(iterations, [&] {
    double values[] = {0.0001 * (step % 300), double(step % 3)};
    ++step;
    auto v = evaluate(values);
    if (!std::holds_alternative<model::MetricValue>(v)) std::abort();
    sink += std::get<model::MetricValue>(v).money.pence;
  });
  if (only_reevaluate) {
    std::printf("change uplift and exercise, re-evaluate cost: %6.2f us\n", reevaluate);
    return sink == 42 ? 1 : 0;
  }
  std::printf("%s: %zu contracts, %zu metrics\n", path.c_str(), s.contracts.size(), queries.size());
  std::printf("read and compile the scenario: %10.1f us\n", read);
  std::printf("project and evaluate every metric: %6.1f us\n", metrics);
  std::printf("change uplift and exercise, re-evaluate cost: %6.2f us\n", reevaluate);
  return sink == 42 ? 1 : 0;
}
