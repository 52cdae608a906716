#include <doctest/doctest.h>

#include "tests/print.h"

#include "scenarios/yaml_reader.h"

using namespace scenarios;

namespace {

std::vector<std::string> messages(const YamlResult& r) {
  std::vector<std::string> out;
  for (const Diagnostic& d : r.errors.items())
    out.push_back(to_string(d));
  return out;
}

}  // namespace

TEST_CASE("a mapping keeps its order and marks") {
  auto r = parse_yaml("b: 1\na:\n  - x\n  - 'y'\n", "t.yaml");
  REQUIRE(r.root);
  REQUIRE(r.errors.empty());
  REQUIRE(r.root->entries.size() == 2);
  CHECK(r.root->entries[0].key == "b");
  CHECK(r.root->entries[1].key == "a");
  const Node& list = r.root->entries[1].value;
  REQUIRE(list.items.size() == 2);
  CHECK(list.items[1].text == "y");
  CHECK(list.items[1].quoted);
  CHECK(list.items[1].mark.line == 4);
  CHECK(list.items[1].mark.column == 5);
}

TEST_CASE("numbers stay text, 010 is not turned into octal") {
  auto r = parse_yaml("term: 010\n", "t.yaml");
  REQUIRE(r.root);
  CHECK(r.root->find("term")->text == "010");
}

TEST_CASE("null values") {
  auto r = parse_yaml("a:\nb: ~\nc: ''\n", "t.yaml");
  REQUIRE(r.root);
  CHECK(r.root->find("a")->is_null());
  CHECK(r.root->find("b")->is_null());
  CHECK(r.root->find("c")->is_scalar());
}

TEST_CASE("a key given twice is an error") {
  auto r = parse_yaml("a:\n  x: 1\n  x: 2\n", "t.yaml");
  CHECK(messages(r) ==
        std::vector<std::string>{"t.yaml:3:3: a.x: duplicate key 'x' (first given at line 2)"});
}

TEST_CASE("an unterminated quoted string is an error") {
  auto at_end = parse_yaml("name: \"abc\n", "t.yaml");
  CHECK_FALSE(at_end.root);
  CHECK(messages(at_end) == std::vector<std::string>{"t.yaml:1:7: unterminated quoted string"});
  auto with_more = parse_yaml("name: \"abc\nterm: 5\nx: \"y\"\n", "t.yaml");
  CHECK_FALSE(with_more.root);
  CHECK(messages(with_more) ==
        std::vector<std::string>{
            "t.yaml:1:7: unterminated quoted string (a quoted string must close on its line)"});
}

TEST_CASE("tabs in indentation are an error") {
  auto r = parse_yaml("a:\n\tb: 1\n", "t.yaml");
  CHECK_FALSE(r.root);
  CHECK(messages(r) == std::vector<std::string>{"t.yaml:2:1: tab character; indent with spaces"});
}

TEST_CASE("aliases expand, a self-reference or a bomb is an error") {
  auto ok = parse_yaml("a: &x {k: 1}\nb: *x\n", "t.yaml");
  REQUIRE(ok.root);
  CHECK(ok.root->find("b")->find("k")->text == "1");

  auto self = parse_yaml("a: &x\n  b: *x\n", "t.yaml");
  CHECK_FALSE(self.root);
  CHECK(messages(self) ==
        std::vector<std::string>{"t.yaml:2:6: alias *x refers to the node that contains it"});

  std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  for (char c = 'b'; c <= 'j'; ++c) {
    std::string previous = std::string("*") + char(c - 1);
    bomb += std::string(1, c) + ": &" + c + " [" + previous;
    for (int i = 1; i < 10; ++i)
      bomb += ", " + previous;
    bomb += "]\n";
  }
  auto exploded = parse_yaml(bomb, "t.yaml");
  CHECK_FALSE(exploded.root);
  REQUIRE(exploded.errors.size() == 1);
  CHECK(exploded.errors.items()[0].message ==
        "more than 500000 nodes after expanding aliases (an alias bomb?)");

  auto unknown = parse_yaml("a: *nope\n", "t.yaml");
  CHECK(messages(unknown) == std::vector<std::string>{"t.yaml:1:4: unknown alias *nope"});
}

TEST_CASE("deep nesting is an error, not a stack overflow") {
  std::string deep(100000, '[');
  auto r = parse_yaml(deep, "t.yaml");
  CHECK_FALSE(r.root);
  CHECK(r.errors.items()[0].message == "nested more than 64 levels deep");
}

TEST_CASE("binary input and a second document are errors") {
  auto binary = parse_yaml(std::string("a: 1\nb\0c", 9), "t.bin");
  CHECK(messages(binary) ==
        std::vector<std::string>{"t.bin:2:2: binary file (NUL byte); expected YAML text"});
  auto two = parse_yaml("a: 1\n---\nb: 2\n", "t.yaml");
  CHECK(messages(two) ==
        std::vector<std::string>{"t.yaml:2:1: a second YAML document; a scenario file holds one"});
}

TEST_CASE("marks can be offset into a larger source") {
  auto r = parse_yaml("[1, \"x]", "--set", 1, 20);
  REQUIRE_FALSE(r.root);
  CHECK(r.errors.items()[0].mark.column >= 20);
}
