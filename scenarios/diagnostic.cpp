#include "scenarios/diagnostic.h"

#include <algorithm>
#include <mutex>
#include <set>

namespace scenarios {

const std::string* source_name(std::string_view name) {
  static std::mutex guard;
  static std::set<std::string, std::less<>> names;  // nodes never move
  std::lock_guard<std::mutex> lock(guard);
  auto it = names.find(name);
  if (it == names.end()) it = names.emplace(name).first;
  return &*it;
}

std::string to_string(const Diagnostic& d) {
  std::string out = d.mark.source ? *d.mark.source : std::string("<input>");
  out += ":" + std::to_string(d.mark.line) + ":" + std::to_string(d.mark.column) + ": ";
  if (!d.path.empty()) out += d.path + ": ";
  return out + d.message;
}

void Diagnostics::add(Mark mark, std::string path, std::string message) {
  Diagnostic d{std::move(mark), std::move(path), std::move(message)};
  std::string text = to_string(d);
  bool seen = std::any_of(items_.begin(), items_.end(),
                          [&](const Diagnostic& e) { return to_string(e) == text; });
  if (!seen) items_.push_back(std::move(d));
}

void Diagnostics::append(const Diagnostics& other) {
  for (const Diagnostic& d : other.items())
    add(d.mark, d.path, d.message);
}

void Diagnostics::append_under(const Diagnostics& other, std::string_view prefix) {
  for (const Diagnostic& d : other.items())
    add(d.mark, d.path.empty() ? std::string(prefix) : std::string(prefix) + "." + d.path,
        d.message);
}

}  // namespace scenarios
