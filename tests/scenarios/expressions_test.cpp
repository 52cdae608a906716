#include <doctest/doctest.h>
#include <muParser.h>

#include <algorithm>
#include <bit>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <deque>
#include <limits>
#include <ostream>
#include <string>
#include <thread>
#include <vector>

#include "tests/print.h"

#include "scenarios/expressions.h"

using namespace scenarios;

namespace {

// What compiling and evaluating gives, in one comparable value: the error
// (message and position), or the names and the bits of the value.
struct Outcome {
  std::string error;
  int position = 0;
  std::vector<std::string> names;
  std::uint64_t bits = 0;

  bool operator==(const Outcome&) const = default;
};

std::ostream& operator<<(std::ostream& os, const Outcome& o) {
  os << "{error \"" << o.error << "\" at " << o.position << ", names";
  for (const std::string& n : o.names)
    os << " " << n;
  return os << ", value bits " << o.bits << "}";
}

// The values bound to the names, in order: each different, none a whole number.
std::vector<double> test_values(std::size_t n) {
  std::vector<double> values;
  for (std::size_t i = 0; i < n; ++i)
    values.push_back(0.0125 * static_cast<double>(i + 1) - 0.3);
  return values;
}

std::uint64_t bits_of(double v) {
  return std::isnan(v) ? 1 : std::bit_cast<std::uint64_t>(v);  // any NaN is a NaN
}

Outcome outcome(std::string_view text) {
  auto compiled = Expression::compile(text);
  if (auto* e = std::get_if<ExpressionError>(&compiled)) return {e->message, e->position};
  const Expression& expr = std::get<Expression>(compiled);
  return {"", 0, expr.names(), bits_of(expr.evaluate(test_values(expr.names().size())))};
}

// Compiling as before reuse: a fresh mu::Parser for each expression, its
// variables found by GetUsedVar(), then Eval(). The fast path and the reused
// parser must give what this gives.
struct Reference {
  mu::Parser parser;
  std::vector<std::string> names;
  std::deque<double> storage;

  static double* make_variable(const char* name, void* user) {
    auto* self = static_cast<Reference*>(user);
    self->names.emplace_back(name);
    return &self->storage.emplace_back(0.0);
  }
};

Outcome reference_outcome(std::string_view text) {
  Reference r;
  std::string owned(text);
  try {
    r.parser.EnableOptimizer(false);
    r.parser.SetVarFactory(&Reference::make_variable, &r);
    r.parser.SetExpr(owned);
    r.parser.GetUsedVar();
    r.parser.Eval();
  } catch (const mu::Parser::exception_type& e) {
    // As describe_error's callers see it: muParser's message, lower-cased,
    // without " at position N"; the position clamped to the text.
    std::string message = e.GetMsg();
    if (auto at = message.rfind(" at position "); at != std::string::npos) message.erase(at);
    if (!message.empty()) message[0] = static_cast<char>(std::tolower(message[0]));
    int last = std::max(0, static_cast<int>(text.size()) - 1);
    return {message, std::clamp(e.GetPos(), 0, last)};
  }
  if (r.parser.GetNumResults() > 1)
    return {
        "a comma separates two values; write amounts inside expressions without thousands "
        "separators",
        static_cast<int>(text.find(','))};
  std::vector<double> values = test_values(r.names.size());
  for (std::size_t i = 0; i < values.size(); ++i)
    r.storage[i] = values[i];
  double v;
  try {
    v = r.parser.Eval();
  } catch (const mu::Parser::exception_type&) {
    v = std::numeric_limits<double>::quiet_NaN();
  }
  return {"", 0, r.names, bits_of(v)};
}

const char* const kTexts[] = {
    // single names: the fast path
    "uplift",
    "x",
    "_",
    "_x1",
    "a_b_c",
    "Uplift2024",
    "e",
    "E",
    "e5",
    "E10",
    "inf",
    "nan",
    "sin",
    "min",
    "max",
    "sum",
    "avg",
    "abs",
    "rint",
    "ln",
    "log",
    "_pi",
    "_e",
    "_pix",
    "pi",
    // names muParser reads otherwise
    "1x",
    "2e",
    "1e5",
    "0x10",
    "x.y",
    "x-y",
    "x y",
    "uplift ",
    " uplift",
    "\tx",
    "x\n",
    "caf\xc3\xa9",
    "x$",
    "x'",
    "x#",
    "",
    // numbers
    "0",
    "1",
    "0.02",
    ".5",
    "5.",
    "1e-3",
    "1E+3",
    "1e400",
    "-1e400",
    "1,000",
    "1,5",
    "-0",
    "+3",
    "--3",
    "0.1 + 0.2",
    // expressions
    "uplift + 0.01",
    "0.0125 * (1 + x)",
    "x * y - z / w",
    "x ^ y",
    "x^2",
    "x^3",
    "x^4",
    "2^x",
    "-x",
    "+x",
    "- -x",
    "min(x, y)",
    "max(x, y, z)",
    "sum(x, y)",
    "avg(x, 2)",
    "sin(x)",
    "min(x)",
    "min()",
    "sqrt(-1)",
    "ln(0)",
    "x / 0",
    "1 / (x - x)",
    "(x)",
    "((x))",
    "x * x",
    "x * 2 * 3",
    "2 * 3 * x",
    "x + y + x",
    "_pi * x",
    "_e",
    "x < y",
    "x >= y ? 1 : 2",
    "x && y",
    "x || 0",
    "x == y",
    "x != y",
    "x = 3",
    "x, y",
    "(x, y)",
    "min(1,000)",
    "x +",
    "* x",
    "(x",
    "x)",
    "()",
    "x y z",
    "x(1)",
    "1 2",
    "x ** 2",
    "x % 2",
    "x !",
    "\"x\"",
    "x + \"a\"",
    "5m",
    "x[1]",
    "{x}",
    "uplift * 1000 + 250000",
    "a + b + c + d + e + f + g",
};

}  // namespace

TEST_CASE("an expression compiles and evaluates as a fresh muParser would") {
  for (const char* text : kTexts) {
    INFO("text: \"", text, "\"");
    CHECK(outcome(text) == reference_outcome(text));
  }
}

TEST_CASE("a single name is a variable, its value whatever it is bound to") {
  auto compiled = Expression::compile("uplift");
  const Expression& e = std::get<Expression>(compiled);
  CHECK(e.text() == "uplift");
  CHECK(e.names() == std::vector<std::string>{"uplift"});
  CHECK(e.evaluate(std::vector<double>{0.025}) == 0.025);
  CHECK(std::signbit(e.evaluate(std::vector<double>{-0.0})));
  CHECK(std::isinf(e.evaluate(std::vector<double>{INFINITY})));
  CHECK(std::isnan(e.evaluate(std::vector<double>{NAN})));
  CHECK(std::isnan(e.evaluate(std::vector<double>{})));  // unbound: as last bound
  auto fresh = Expression::compile("uplift");
  CHECK(std::get<Expression>(fresh).evaluate(std::vector<double>{}) == 0.0);  // never bound
}

TEST_CASE("a constant alone is not a name") {
  auto compiled = Expression::compile("_pi");
  const Expression& e = std::get<Expression>(compiled);
  CHECK(e.names().empty());
  CHECK(e.evaluate({}) == doctest::Approx(3.14159265358979));
}

TEST_CASE("expressions alive at once keep their own variables") {
  std::vector<Expression> all;
  for (const char* text : {"x * 2", "y", "x - y", "x"})
    all.push_back(std::get<Expression>(Expression::compile(text)));
  CHECK(all[0].evaluate(std::vector<double>{3}) == 6);
  CHECK(all[1].evaluate(std::vector<double>{5}) == 5);
  CHECK(all[2].evaluate(std::vector<double>{10, 4}) == 6);
  CHECK(all[3].evaluate(std::vector<double>{7}) == 7);
  CHECK(all[0].evaluate(std::vector<double>{1.5}) == 3);
  Expression moved = std::move(all[2]);
  CHECK(moved.evaluate(std::vector<double>{1, 1}) == 0);
}

TEST_CASE("threads compile and evaluate their own expressions at once") {
  std::vector<int> right(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([t, &right] {
      for (int i = 0; i < 200; ++i) {
        double x = t * 1000 + i;
        auto a = std::get<Expression>(Expression::compile("x * 2 + y"));
        auto b = std::get<Expression>(Expression::compile("rate"));
        right[t] += a.evaluate(std::vector<double>{x, 1}) == 2 * x + 1 &&
                    b.evaluate(std::vector<double>{x}) == x;
      }
    });
  for (std::thread& t : threads)
    t.join();
  CHECK(right == std::vector<int>(4, 200));
}
