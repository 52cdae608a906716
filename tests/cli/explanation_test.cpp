// The explain renderers (cli/render/explanation.h) on a figure built by hand,
// against text written out by hand: headroom of 750.00 of envelope less
// 900.00 of cost, the cost's amount an expression of one assumption.
#include <doctest/doctest.h>

#include "cli/render/explanation.h"

using namespace cli;

namespace {

ExplainedFigure headroom() {
  DescribedInput annual{"envelope.annual", "1000", "1000", "s.yaml:5:11", {}};
  DescribedInput x{"assumptions.x", "600", "600", "s.yaml:3:6", {}};
  DescribedInput cost{"contracts.a.annual", "2 * x", "1200", "s.yaml:11:13", {x}};
  ExplainedFigure envelope{"envelope@2024/25",
                           model::Money{75000},
                           0,
                           false,
                           "months 2024-04 to 2024-12",
                           model::Explanation::Combines::sum,
                           {annual},
                           {}};
  ExplainedFigure less_cost{
      "less cost", model::Money{-90000}, 0, false, "", model::Explanation::Combines::sum, {cost},
      {}};
  return ExplainedFigure{"headroom@2024/25",
                         model::Money{-15000},
                         0,
                         false,
                         "the envelope less cost",
                         model::Explanation::Combines::sum,
                         {},
                         {envelope, less_cost}};
}

ExplainedFigure shortfall_years() {
  DescribedInput change{"envelope.change", "not given", "0 (the default)", "", {}};
  return ExplainedFigure{"shortfall_years",
                         model::Money{},
                         2,
                         true,
                         "",
                         model::Explanation::Combines::count_below_zero,
                         {change},
                         {}};
}

}  // namespace

TEST_CASE("an explanation as a tree: parts under box characters, inputs under a dot") {
  CHECK(explanation_text({headroom()}) ==
        "headroom@2024/25: -£150.00 = the envelope less cost\n"
        "├─ envelope@2024/25: £750.00 = months 2024-04 to 2024-12\n"
        "│      · envelope.annual = 1000 (s.yaml:5:11)\n"
        "└─ less cost: -£900.00\n"
        "       · contracts.a.annual = 2 * x = 1200 (s.yaml:11:13)\n"
        "         · assumptions.x = 600 (s.yaml:3:6)\n");
}

TEST_CASE("explanations of several figures, a blank line between, a count as a count") {
  CHECK(explanation_text({shortfall_years(), shortfall_years()}) ==
        "shortfall_years: 2\n"
        "    · envelope.change = not given = 0 (the default)\n"
        "\n"
        "shortfall_years: 2\n"
        "    · envelope.change = not given = 0 (the default)\n");
}

TEST_CASE("an explanation as a Markdown list, text escaped") {
  CHECK(explanation_markdown({headroom()}) ==
        "- **headroom@2024/25**: -£150.00 = the envelope less cost\n"
        "  - **envelope@2024/25**: £750.00 = months 2024-04 to 2024-12\n"
        "    - input: envelope.annual = 1000 (s.yaml:5:11)\n"
        "  - **less cost**: -£900.00\n"
        "    - input: contracts.a.annual = 2 \\* x = 1200 (s.yaml:11:13)\n"
        "      - assumptions.x = 600 (s.yaml:3:6)\n");
}

TEST_CASE("an explanation as JSON: amounts with two decimals, a count whole") {
  CHECK(explanation_json({headroom()}) ==
        "{\n"
        "  \"figure\": \"headroom@2024/25\",\n"
        "  \"value\": -150.00,\n"
        "  \"formula\": \"the envelope less cost\",\n"
        "  \"parts\": [\n"
        "    {\n"
        "      \"label\": \"envelope@2024/25\",\n"
        "      \"value\": 750.00,\n"
        "      \"formula\": \"months 2024-04 to 2024-12\",\n"
        "      \"inputs\": [\n"
        "        {\n"
        "          \"path\": \"envelope.annual\",\n"
        "          \"written\": \"1000\",\n"
        "          \"value\": \"1000\",\n"
        "          \"at\": \"s.yaml:5:11\"\n"
        "        }\n"
        "      ],\n"
        "      \"parts\": []\n"
        "    },\n"
        "    {\n"
        "      \"label\": \"less cost\",\n"
        "      \"value\": -900.00,\n"
        "      \"formula\": \"\",\n"
        "      \"inputs\": [\n"
        "        {\n"
        "          \"path\": \"contracts.a.annual\",\n"
        "          \"written\": \"2 * x\",\n"
        "          \"value\": \"1200\",\n"
        "          \"at\": \"s.yaml:11:13\",\n"
        "          \"assumptions\": [\n"
        "            {\n"
        "              \"path\": \"assumptions.x\",\n"
        "              \"written\": \"600\",\n"
        "              \"value\": \"600\",\n"
        "              \"at\": \"s.yaml:3:6\"\n"
        "            }\n"
        "          ]\n"
        "        }\n"
        "      ],\n"
        "      \"parts\": []\n"
        "    }\n"
        "  ]\n"
        "}\n");
  // Two figures: an array of two objects, each as one figure alone is written.
  const std::string one =
      "  {\n"
      "    \"figure\": \"shortfall_years\",\n"
      "    \"value\": 2,\n"
      "    \"formula\": \"\",\n"
      "    \"combines\": \"count below zero\",\n"
      "    \"inputs\": [\n"
      "      {\n"
      "        \"path\": \"envelope.change\",\n"
      "        \"written\": \"not given\",\n"
      "        \"value\": \"0 (the default)\"\n"
      "      }\n"
      "    ],\n"
      "    \"parts\": []\n"
      "  }";
  CHECK(explanation_json({shortfall_years(), shortfall_years()}) ==
        "[\n" + one + ",\n" + one + "\n]\n");
}
