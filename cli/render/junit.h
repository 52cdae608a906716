// What every JUnit file envelope writes shares (check, check --lock).
#pragma once

#include <string>

namespace cli {

// A JUnit class name from a scenario's path: without its extension, and
// with no other dot, since Jenkins splits a class name at its last dot.
std::string junit_class_name(const std::string& file);

// The time now, UTC, as JUnit's timestamp writes it (no time zone).
std::string utc_timestamp();

}  // namespace cli
