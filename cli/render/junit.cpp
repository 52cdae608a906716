#include "cli/render/junit.h"

#include <algorithm>
#include <ctime>
#include <filesystem>

namespace cli {

std::string junit_class_name(const std::string& file) {
  std::string name = std::filesystem::path(file).lexically_normal().replace_extension().string();
  std::replace(name.begin(), name.end(), '.', '_');
  return name;
}

std::string utc_timestamp() {
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &utc);
  return text;
}

}  // namespace cli
