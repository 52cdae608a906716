// Reads each file named on the command line with envelope's YAML reader and
// prints one line per file: "ok " and the tree as JSON (every scalar a
// string, null as null), or "error " and the first located message.
// tests/yaml_suite/run_suite.py drives it over the YAML test suite.
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "scenarios/yaml_reader.h"

namespace {

std::string json_string(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

std::string json(const scenarios::Node& n) {
  switch (n.kind) {
    case scenarios::Node::Kind::null:
      return "null";
    case scenarios::Node::Kind::scalar:
      return json_string(n.text);
    case scenarios::Node::Kind::sequence: {
      std::string out = "[";
      for (std::size_t i = 0; i < n.items.size(); ++i)
        out += (i ? "," : "") + json(n.items[i]);
      return out + "]";
    }
    case scenarios::Node::Kind::mapping: {
      std::string out = "{";
      for (std::size_t i = 0; i < n.entries.size(); ++i)
        out += (i ? "," : "") + json_string(n.entries[i].key) + ":" + json(n.entries[i].value);
      return out + "}";
    }
  }
  return "null";
}

}  // namespace

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    std::ifstream in(argv[i], std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    scenarios::YamlResult r = scenarios::parse_yaml(text.str(), argv[i]);
    if (!r.errors.empty())
      std::cout << "error " << scenarios::to_string(r.errors.items().front()) << "\n";
    else if (r.root)
      std::cout << "ok " << json(*r.root) << "\n";
    else
      std::cout << "error (no tree and no message)\n";
  }
}
