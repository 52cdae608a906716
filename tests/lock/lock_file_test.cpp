// The lock format (cli/render/lock_file.h): written text, exactly, and read back.
#include <doctest/doctest.h>

#include <string>

#include "cli/render/lock_file.h"

using namespace cli::lock;

namespace {

model::MetricValue pence(long long p) {
  return {model::Money::from_pence(p), 0, false};
}

model::MetricValue count(long n) {
  return {{}, n, true};
}

Lock odd_lock() {
  Lock l;
  l.tool = "envelope 0.1.0";
  l.inputs = {{std::string(64, 'a'), "dir with spaces/x.yaml"}};
  l.sets = {"contracts.*.uplift=2%"};
  l.draws = 1000;
  l.seed = 7;
  l.shape = {{"contract", "a", 0}, {"group", "A = B\nC\\D", 0}};
  l.figures = {{"cost.group.A = B\nC\\D", Part::metrics, pence(-5), 0},
               {"shortfall_years", Part::metrics, count(3), 0},
               {"montecarlo[cost].p5", Part::montecarlo, pence(123456), 0}};
  return l;
}

}  // namespace

TEST_CASE("a lock is written line by line, names and values escaped onto one line") {
  CHECK(
      to_text(odd_lock()) ==
      "# envelope lock\n"
      "# The figures a report of this scenario quotes, one per line (docs/lock-format.md).\n"
      "# envelope check FILE --lock LOCK recomputes each and lists those that moved.\n"
      "\n[lock]\nformat = 1\ntool = envelope 0.1.0\n"
      "input = " +
          std::string(64, 'a') +
          "  dir with spaces/x.yaml\n"
          "set = contracts.*.uplift=2%\nbasis = fy\nmontecarlo.draws = 1000\nmontecarlo.seed = 7\n"
          "\n[shape]\ncontract = a\ngroup = A = B\\nC\\\\D\n"
          "\n[metrics]\ncost.group.A = B\\nC\\\\D = -0.05\nshortfall_years = 3\n"
          "\n[montecarlo]\nmontecarlo[cost].p5 = 1234.56\n");
}

TEST_CASE("a lock reads back as it was written") {
  Lock l = odd_lock();
  auto parsed = parse_lock(to_text(l), "x.lock");
  REQUIRE(std::holds_alternative<Lock>(parsed));
  const Lock& back = std::get<Lock>(parsed);
  CHECK(back.tool == l.tool);
  CHECK(back.inputs[0].source == "dir with spaces/x.yaml");
  CHECK(back.sets == l.sets);
  CHECK(back.draws == 1000);
  CHECK(back.seed == 7);
  REQUIRE(back.shape.size() == 2);
  CHECK(back.shape[1].name == "A = B\nC\\D");
  CHECK(back.shape[1].line == 16);  // after 3 comments, a blank, 8 of [lock], a blank, [shape]
  REQUIRE(back.figures.size() == 3);
  CHECK(back.figures[0].name == "cost.group.A = B\nC\\D");
  CHECK(back.figures[0].value.money.pence == -5);
  CHECK(back.figures[1].value.is_count);
  CHECK(back.figures[1].value.count == 3);
  CHECK(back.figures[2].part == Part::montecarlo);
  CHECK(back.figures[2].line == 23);
  CHECK(to_text(back) == to_text(l));
}

TEST_CASE("a lock checked out with CRLF line ends reads the same") {
  std::string text = to_text(odd_lock()), crlf;
  for (char c : text)
    crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  auto parsed = parse_lock(crlf, "x.lock");
  REQUIRE(std::holds_alternative<Lock>(parsed));
  CHECK(to_text(std::get<Lock>(parsed)) == text);
}

TEST_CASE("every error of a lock is collected, each with its line") {
  auto parsed = parse_lock(
      "# envelope lock\n[lock]\nformat = 1\n[metrics]\ncost = 1.5\nnpv = x\ncost = 1.50\n",
      "x.lock");
  REQUIRE(std::holds_alternative<std::vector<std::string>>(parsed));
  auto errors = std::get<std::vector<std::string>>(parsed);
  REQUIRE(errors.size() == 2);
  CHECK(errors[0] ==
        "x.lock:5: cost: expected pounds with two decimals (12131595.00) or a whole number, got "
        "'1.5'");
  CHECK(errors[1] ==
        "x.lock:6: npv: expected pounds with two decimals (12131595.00) or a whole number, got "
        "'x'");
}

TEST_CASE("amounts are read exactly, in pence") {
  auto parsed = parse_lock(
      "# envelope lock\n[lock]\nformat = 1\n[metrics]\na = -0.01\nb = 92233720368547758.07\n"
      "c = .50\n",
      "x.lock");
  REQUIRE(std::holds_alternative<std::vector<std::string>>(parsed));
  auto errors = std::get<std::vector<std::string>>(parsed);
  REQUIRE(errors.size() == 2);  // b has 19 digits; c no pounds
  CHECK(errors[0].starts_with("x.lock:6: b: "));
  CHECK(errors[1].starts_with("x.lock:7: c: "));
  auto ok = parse_lock("# envelope lock\n[lock]\nformat = 1\n[metrics]\na = -0.01\n", "x.lock");
  CHECK(std::get<Lock>(ok).figures[0].value.money.pence == -1);
}
