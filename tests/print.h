// Lets doctest print vectors when a CHECK comparing them fails.
#pragma once

#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

namespace doctest {
template <typename T>
struct StringMaker<std::vector<T>> {
  static String convert(const std::vector<T>& v) {
    std::ostringstream out;
    out << "{";
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (i) out << ", ";
      if constexpr (std::is_same_v<T, std::string>)
        out << "\"" << v[i] << "\"";
      else
        out << StringMaker<T>::convert(v[i]).c_str();
    }
    out << "}";
    return out.str().c_str();
  }
};
}  // namespace doctest
