// fmt support for Money: "{}" gives £1,347,955 (pence shown when not zero).
#pragma once

#include <fmt/format.h>

#include "model/money.h"

template <>
struct fmt::formatter<model::Money> : fmt::formatter<std::string_view> {
  auto format(model::Money m, fmt::format_context& ctx) const {
    return fmt::formatter<std::string_view>::format(model::to_display_string(m), ctx);
  }
};
