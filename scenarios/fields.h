// Reading one typed field of a scenario tree: money, rates, dates, whole
// numbers, text. Each reader returns nullopt after adding a located message
// to the Diagnostics; numeric fields take a number or an expression over the
// assumptions.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/calendar.h"
#include "model/money.h"
#include "model/scenario.h"
#include "scenarios/diagnostic.h"
#include "scenarios/expressions.h"
#include "scenarios/node.h"

namespace scenarios {

// A node and the dotted path it was written at. A field read in bulk (each
// key of each contract) keeps its parent and its key instead, and makes the
// path only when asked: in a message, which most fields never need.
struct Field {
  const Node* node = nullptr;
  std::string joined;             // the path, unless `parent` is set
  const Field* parent = nullptr;  // else: the parent's path, then key (or index)
  std::string_view key;
  int index = -1;

  Field() = default;
  Field(const Node* n, std::string path) : node(n), joined(std::move(path)) {}
  std::string path() const;
  Mark mark() const { return node->mark; }
};

// The child at `key` (or list item `index`) of `parent`, which must outlive
// it, as is the case for fields read and dropped within their parent's reading.
Field lazy_child(const Field& parent, const Node* node, std::string_view key);
Field lazy_item(const Field& parent, const Node* node, int index);

enum class Sign { any, not_negative, positive };

class FieldReader {
 public:
  explicit FieldReader(Diagnostics& errors) : errors_(errors) {}

  // Names usable in expressions, and their values; `plain`, the text of those
  // written as plain numbers (not percentages), so that a rate field naming
  // one above 1 is refused as a literal above 1 would be.
  void set_assumptions(std::map<std::string, double> values,
                       std::map<std::string, std::string> plain = {}) {
    assumptions_ = std::move(values);
    plain_assumptions_ = std::move(plain);
  }
  const std::map<std::string, double>& assumptions() const { return assumptions_; }

  void error(const Field& f, std::string message) {
    errors_.add(f.mark(), f.path(), std::move(message));
  }
  void error_at(const Mark& m, const std::string& path, std::string message) {
    errors_.add(m, path, std::move(message));
  }

  std::optional<std::string> text(const Field& f);
  std::optional<model::Money> money(const Field& f, Sign sign);
  // A rate above -1: a number, "3%", or an expression. A plain number above 1
  // (or an assumption written as one) is refused: "3" is 300%; "300%" is not.
  std::optional<double> rate(const Field& f);
  std::optional<model::RateSchedule> rates(const Field& f);  // a rate or a list of rates
  std::optional<double> real(const Field& f, std::string_view what);
  std::optional<double> share(const Field& f);  // a number or a percentage ("60%")
  std::optional<std::int64_t> whole(const Field& f, std::string_view what);
  std::optional<model::Date> date(const Field& f);
  // A date that must be the first (or last) day of a month, as its month.
  std::optional<model::Month> first_of_month(const Field& f);
  std::optional<model::Month> last_of_month(const Field& f);

  bool expect_mapping(const Field& f);
  // Adds an error for every key of f's mapping not in `allowed`, with a suggestion.
  void check_keys(const Field& f, const std::vector<std::string>& allowed);

  // An expression's value, or nullopt after a located error (syntax, unknown
  // name, division by zero). `quoted` shifts columns past the opening quote.
  std::optional<double> expression(const Field& f, std::string_view what);

  // The expression compiled for a node read by expression(), or null for a number.
  std::shared_ptr<const Expression> compiled(const Node* node) const {
    auto it = compiled_.find(node);
    return it == compiled_.end() ? nullptr : it->second;
  }

 private:
  // A scalar's number (parse) or expression value; `what` names the expected kind.
  template <typename Parse>
  std::optional<double> numeric(const Field& f, std::string_view what, Parse parse);
  bool expect_scalar(const Field& f, std::string_view what);
  // A number in accounting brackets, "(0.02)": refused with a located error.
  bool refuse_brackets(const Field& f);
  // An amount in shorthand, "520k" or "£1.3m": refused with the number to write.
  bool refuse_shorthand(const Field& f);
  // "1.347.955", "580.000,00", "500 000": thousands separated as some
  // countries (or typists) do, refused with the number to write.
  bool refuse_separators(const Field& f);
  // "500000 pa", "40000 pcm": an amount with its period after it.
  bool refuse_per_period(const Field& f);

  Diagnostics& errors_;
  std::map<std::string, double> assumptions_;
  std::map<std::string, std::string> plain_assumptions_;
  std::map<const Node*, std::shared_ptr<const Expression>> compiled_;
  std::map<std::string, std::shared_ptr<const Expression>, std::less<>> by_text_;
};

// A rate as a number, "0.03", and as a percentage, "3%" (12 significant digits).
std::string rate_text(double rate);
std::string percent_text(double rate);

// The child of a mapping field: {node.find(key), path.key}; node is nullptr when absent.
Field child(const Field& f, std::string_view key);

}  // namespace scenarios
