// Located errors. The scenarios layer never stops at the first problem: it
// collects Diagnostics and returns them with whatever it could read.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace scenarios {

// A source's name, the same pointer for the same name and kept for the life
// of the process: every node of a tree has a mark, and the names are few.
const std::string* source_name(std::string_view name);

// A place in a source: a file, standard input ("-") or a --set argument.
// Lines and columns are 1-based.
struct Mark {
  const std::string* source = nullptr;  // from source_name
  int line = 1, column = 1;
};

struct Diagnostic {
  Mark mark;
  std::string path;  // dotted scenario path, e.g. "contracts.da_victims.term"; may be empty
  std::string message;
};

// "lots.yaml:14:12: contracts.da_victims.term: expected a whole number ..."
std::string to_string(const Diagnostic& d);

class Diagnostics {
 public:
  // Adds d unless an identical message was already added (a default shared by
  // many contracts is reported once).
  void add(Mark mark, std::string path, std::string message);
  bool empty() const { return items_.empty(); }
  std::size_t size() const { return items_.size(); }
  const std::vector<Diagnostic>& items() const { return items_; }
  void append(const Diagnostics& other);
  // The same, each path placed under `prefix` ("variants.no_uplift"): an
  // error found while applying a part of the file names that part.
  void append_under(const Diagnostics& other, std::string_view prefix);

 private:
  std::vector<Diagnostic> items_;
};

}  // namespace scenarios
