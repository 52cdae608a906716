#include "model/suggest.h"

#include <algorithm>
#include <numeric>

namespace model {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), 0);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  std::size_t limit = std::max<std::size_t>(2, word.size() / 3);
  const std::string* best = nullptr;
  std::size_t best_distance = limit + 1;
  for (const std::string& c : candidates) {
    std::size_t d = edit_distance(word, c);
    if (d < best_distance) best = &c, best_distance = d;
  }
  // A word spelt out (minimum for min) or cut short (tol for tolerance): the
  // longest candidate of at least three letters that one begins with.
  if (!best)
    for (const std::string& c : candidates)
      if (c.size() >= 3 && word.size() >= 3 && c != word &&
          (word.starts_with(c) || c.starts_with(word)) && (!best || c.size() > best->size()))
        best = &c;
  return best ? " (did you mean '" + *best + "'?)" : "";
}

}  // namespace model
