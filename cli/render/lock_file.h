// A lock file (docs/lock-format.md): the figures a report quotes, with the
// inputs and settings that made them, as line-oriented text that diffs well.
// `envelope lock` and `report --lock` write one (to_text); `check --lock`
// reads it back (parse_lock) and recomputes every figure.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "model/metrics.h"

namespace cli::lock {

inline constexpr int kFormat = 1;

// The parts of a lock, each a section of the file, in this order.
enum class Part { metrics, periods, variants, tornado, montecarlo };
inline constexpr Part kParts[] = {Part::metrics, Part::periods, Part::variants, Part::tornado,
                                  Part::montecarlo};
const char* part_name(Part p);  // "metrics", "periods", ...

struct Figure {
  std::string name;  // "cost", "cost.da_victims@2019/20", "variant[no_extensions].cost", ...
  Part part = Part::metrics;
  model::MetricValue value;  // pounds to the penny, or a count
  int line = 0;              // the line a parsed lock holds it on; 0 when computed
};

// What a lock's figures are figures of: each contract, group, stream,
// variant and period, the tornado's metric and parameters, the metrics Monte
// Carlo draws. A lock belongs to
// a scenario when the two have the same items of each kind.
struct ShapeItem {
  std::string kind;  // contract, group, stream, variant, period, tornado.metric,
                     // tornado.parameter, montecarlo.metric
  std::string name;
  int line = 0;  // as Figure::line
};

struct InputHash {
  std::string sha256;  // 64 lowercase hex digits
  std::string source;  // the path as given, "<stdin>" for standard input
};

struct Lock {
  std::string tool;                // "envelope 0.1.0"
  std::vector<InputHash> inputs;   // the scenario, then each table it includes
  std::vector<std::string> sets;   // --set PATH=VALUE, in order
  std::string basis = "fy";        // of the periods part: always fy
  std::optional<long long> draws;  // Monte Carlo: set when the lock has its figures
  std::optional<long long> seed;
  std::vector<ShapeItem> shape;
  std::vector<Figure> figures;  // grouped by part, in kParts order
};

// The lock as text: "# envelope lock", then [lock], [shape] and a section
// per part that has figures. The same Lock gives the same bytes.
std::string to_text(const Lock& lock);

// A lock read back from `text`, or every error, each "SOURCE:LINE: message".
std::variant<Lock, std::vector<std::string>> parse_lock(std::string_view text,
                                                        std::string_view source);

// "12131595.00", "-0.05", or a count as "9": how a value is written in a lock.
std::string value_text(const model::MetricValue& v);

}  // namespace cli::lock
