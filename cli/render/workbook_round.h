// What a spreadsheet's ROUND(x, 2) gives for a double x: LibreOffice Calc's
// rtl::math::round in its "corrected" mode (LibreOffice 7.4, sal/rtl/math.cxx),
// which rounds x * 100 + 0.5 to 15 significant digits before taking the floor.
// That is why it gets exact half-penny ties right although the double is a
// hair below them (ROUND(1.005, 2) = 1.01), and why it rounds up a value a
// few units in the 16th digit below a half penny, where exact decimal
// arithmetic rounds down. The workbook writer works out, with this, the penny
// the spreadsheet will arrive at for every ROUND it writes, and refuses a
// scenario where that penny is not envelope's (cli/render/workbook_xlsx.h).
#pragma once

#include <cmath>
#include <cstdint>

namespace cli::workbook {

// x rounded to 15 significant digits, as LibreOffice's approxValue does.
inline double approx_value(double x) {
  constexpr double kBigInt = 2199023255552.0;  // 2^41: few fraction bits left
  if (x == 0.0 || !std::isfinite(x) || x > kBigInt) return x;
  bool negative = std::signbit(x);
  double a = negative ? -x : x;
  if (a == std::floor(a) && a < 0x1p53) return x;
  int exponent = 14 - static_cast<int>(std::floor(std::log10(a)));
  double scale = std::pow(10.0, std::abs(exponent));
  double scaled = exponent < 0 ? a / scale : a * scale;
  if (!std::isfinite(scaled)) return x;
  scaled = std::round(scaled);
  double back = exponent < 0 ? scaled * scale : scaled / scale;
  if (!std::isfinite(back)) return x;
  return negative ? -back : back;
}

// ROUND(x, 2) as LibreOffice computes it, as a double.
inline double spreadsheet_round2(double x) {
  if (x == 0.0 || !std::isfinite(x)) return x;
  bool negative = std::signbit(x);
  double a = negative ? -x : x;
  if (a >= 0x1p52 || a == std::floor(a)) return x;
  double scaled = a * 100.0;
  if (scaled < 0x1p52) scaled = std::floor(approx_value(scaled + 0.5));
  double out = scaled / 100.0;
  return negative ? -out : out;
}

// Pounds held as a double (the nearest double to a whole number of pence) as pence.
inline std::int64_t pence_of(double pounds) {
  return std::llround(pounds * 100.0);
}

}  // namespace cli::workbook
