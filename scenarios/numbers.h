// Numbers as finance users type them. Always decimal: "010" is ten.
// Accepted: 1347955, 1347955.5, -0.025, 1.5e6, and with a pound sign and
// thousands commas, £1,347,955 or 1,347,955.00 (commas in groups of three).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "model/money.h"

namespace scenarios {

std::optional<double> parse_number(std::string_view text);

// Money exactly: up to two decimals are kept as written, further decimals
// round half away from zero. nullopt when not a number or out of range.
std::optional<model::Money> parse_money(std::string_view text);

// A rate: a number, or a percentage "3%" (0.03) or "-2.5%".
std::optional<double> parse_rate(std::string_view text);

// A whole number written without a decimal point: "5", "010" (ten).
std::optional<std::int64_t> parse_whole(std::string_view text);

}  // namespace scenarios
