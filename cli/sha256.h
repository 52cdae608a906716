// SHA-256 (FIPS 180-4) of a byte string, as 64 lowercase hex digits: the
// fingerprint of each input file in a report's provenance.
#pragma once

#include <string>
#include <string_view>

namespace cli {

std::string sha256_hex(std::string_view bytes);

}  // namespace cli
