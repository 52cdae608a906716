// Numbers as finance users type them. Always decimal: "010" is ten.
// Accepted: 1347955, 1347955.5, -0.025, 1.5e6, and with a pound sign and
// thousands commas, £1,347,955 or 1,347,955.00 (commas in groups of three).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "model/money.h"

namespace scenarios {

std::optional<double> parse_number(std::string_view text);

// Money as SPEC 3.1 says every number enters: the shortest decimal of the
// number's double, in pence rounded half away from zero (1347955.005 is
// 134795501p). nullopt when not a number or out of range.
std::optional<model::Money> parse_money(std::string_view text);

// A rate: a number, or a percentage "3%" (0.03) or "-2.5%", read as the
// decimal it writes (2.5% is the double nearest 0.025).
std::optional<double> parse_rate(std::string_view text);
// Whether a number is written as a percentage.
bool is_percentage(std::string_view text);

// The number inside accounting brackets, "(0.02)" or "(£1,000)", which a
// finance user may type for a negative number: never read as positive.
std::optional<std::string> bracketed_number(std::string_view text);

// A whole number written without a decimal point: "5", "010" (ten).
std::optional<std::int64_t> parse_whole(std::string_view text);

}  // namespace scenarios
