#include "cli/render/lock_check.h"
#include "cli/render/junit.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>

#include "cli/render/json.h"
#include "cli/render/markup.h"
#include "cli/render/table.h"
#include "model/analyses.h"

namespace cli::lock {

namespace {

std::string moved_message(const Outcome& o) {
  return fmt::format("quoted {}, now {}, difference {}", value_text(o.quoted->value),
                     value_text(o.now), value_text(model::difference(o.quoted->value, o.now)));
}

// "tornado.parameter" as a reader says it: "tornado parameter".
std::string kind_words(const std::string& kind) {
  if (kind == "tornado.metric") return "tornado metric";
  if (kind == "tornado.parameter") return "tornado parameter";
  if (kind == "montecarlo.metric") return "Monte Carlo metric";
  return kind;
}

// Each item of `from` (the lock when `in_lock`) that `other` has not.
void missing_items(const std::vector<ShapeItem>& from, const std::vector<ShapeItem>& other,
                   bool in_lock, const std::string& lock, const std::string& file,
                   std::vector<std::string>& out) {
  std::set<std::pair<std::string, std::string>> has;
  for (const ShapeItem& i : other)
    has.insert({i.kind, i.name});
  for (const ShapeItem& i : from) {
    if (has.count({i.kind, i.name})) continue;
    if (in_lock)
      out.push_back(fmt::format("{}:{}: {} {} is in the lock but not in {}", lock, i.line,
                                kind_words(i.kind), i.name, file));
    else
      out.push_back(fmt::format("{}: {} {} is in {} but not in the lock", lock, kind_words(i.kind),
                                i.name, file));
  }
}

void missing_figures(const Lock& quoted, const Lock& now, const std::string& lock,
                     const std::string& file, std::vector<std::string>& out) {
  std::set<std::string> recomputed, locked;
  for (const Figure& f : now.figures)
    recomputed.insert(f.name);
  for (const Figure& f : quoted.figures) {
    locked.insert(f.name);
    if (!recomputed.count(f.name))
      out.push_back(fmt::format("{}:{}: figure {} is in the lock but {} has no such figure now",
                                lock, f.line, f.name, file));
  }
  for (const Figure& f : now.figures)
    if (!locked.count(f.name))
      out.push_back(fmt::format("{}: figure {} of {} is not in the lock", lock, f.name, file));
}

}  // namespace

std::vector<std::string> shape_differences(const Lock& quoted, const Lock& now,
                                           const std::string& lock, const std::string& file) {
  std::vector<std::string> out;
  missing_items(quoted.shape, now.shape, true, lock, file, out);
  missing_items(now.shape, quoted.shape, false, lock, file, out);
  if (out.empty()) missing_figures(quoted, now, lock, file, out);
  return out;
}

Comparison compare_locks(const Lock& quoted, const Lock& now, double tolerance,
                         const std::string& filter) {
  std::map<std::string, const Figure*> by_name;
  for (const Figure& f : now.figures)
    by_name[f.name] = &f;
  Comparison c;
  c.tolerance = tolerance;
  for (const Figure& f : quoted.figures) {
    if (!filter.empty() && f.name.find(filter) == std::string::npos) continue;
    const Figure* n = by_name.at(f.name);
    c.figures.push_back({&f, n->value, has_moved(f.value, n->value, tolerance)});
  }
  return c;
}

std::size_t Comparison::moved() const {
  return std::count_if(figures.begin(), figures.end(), [](const Outcome& o) { return o.moved; });
}

bool has_moved(const model::MetricValue& quoted, const model::MetricValue& now, double tolerance) {
  if (quoted.is_count || now.is_count)
    return quoted.is_count != now.is_count || quoted.count != now.count;
  double pence = std::fabs(static_cast<double>(now.money.pence - quoted.money.pence));
  return pence > tolerance * 100 + 1e-6;  // the tolerance in pounds, to the penny
}

Table moved_table(const Comparison& c) {
  Table t;
  t.title = fmt::format("Figures that moved since {} (difference: now - quoted)", c.lock);
  t.key_header = "figure";
  t.label_header = "Figure";
  t.headers = {"Quoted", "Now", "Difference"};
  for (const Outcome& o : c.figures)
    if (o.moved)
      t.rows.push_back({o.quoted->name,
                        o.quoted->name,
                        {value_cell(o.quoted->value), value_cell(o.now),
                         value_cell(model::difference(o.quoted->value, o.now))}});
  return t;
}

std::string summary_line(const Comparison& c) {
  std::string tolerance =
      c.tolerance > 0 ? fmt::format(" (tolerance £{:.2f})", c.tolerance) : std::string();
  if (c.moved() == 0)
    return fmt::format("All {} figures are as {} quotes them{}\n", c.figures.size(), c.lock,
                       tolerance);
  return fmt::format("{} of {} figures moved since {}{}\n", c.moved(), c.figures.size(), c.lock,
                     tolerance);
}

std::string comparison_json(const Comparison& c) {
  JsonWriter w;
  w.begin_object().key("lock").string(c.lock).key("file").string(c.file);
  w.key("tolerance").money(model::round_to_pence(c.tolerance * 100));
  w.key("compared").integer(static_cast<long long>(c.figures.size()));
  w.key("moved").integer(static_cast<long long>(c.moved()));
  w.key("figures").begin_array();
  for (const Outcome& o : c.figures) {
    if (!o.moved) continue;
    w.begin_object().key("name").string(o.quoted->name);
    w.key("part").string(part_name(o.quoted->part)).key("quoted");
    write_value(w, o.quoted->value);
    w.key("now");
    write_value(w, o.now);
    w.key("difference");
    write_value(w, model::difference(o.quoted->value, o.now));
    w.end_object();
  }
  w.end_array().end_object();
  return w.str();
}

std::string comparison_junit(const Comparison& c, const std::string& timestamp) {
  std::string cases, klass = junit_class_name(c.file);
  for (const Outcome& o : c.figures) {
    cases +=
        fmt::format("    <testcase classname=\"{}/{}\" name=\"{}\" time=\"0.000000\"",
                    escape_markup(klass), part_name(o.quoted->part), escape_markup(o.quoted->name));
    if (!o.moved) {
      cases += "/>\n";
      continue;
    }
    std::string message = escape_markup(moved_message(o));
    cases += fmt::format(">\n      <failure message=\"{}\" type=\"moved\">{}</failure>\n", message,
                         message);
    cases += "    </testcase>\n";
  }
  std::size_t tests = c.figures.size(), failures = c.moved();
  return fmt::format(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<testsuites name=\"envelope check --lock\" tests=\"{}\" failures=\"{}\" errors=\"0\" "
      "skipped=\"0\" time=\"{:.6f}\">\n"
      "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"0\" "
      "time=\"{:.6f}\" timestamp=\"{}\" hostname=\"localhost\" id=\"0\" package=\"envelope\">\n"
      "{}  </testsuite>\n</testsuites>\n",
      tests, failures, c.seconds, escape_markup(c.lock), tests, failures, c.seconds, timestamp,
      cases);
}

}  // namespace cli::lock
