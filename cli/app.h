// The envelope command line: parses arguments, runs one subcommand, and maps
// every outcome to an exit status (0 ok, 1 a check failed, 2 bad usage or input).
#pragma once

namespace cli {

int main(int argc, char** argv);

}  // namespace cli
