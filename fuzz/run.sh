#!/usr/bin/env bash
# Runs libFuzzer on one target or all of them, each for SECONDS, from a seed
# corpus made of the examples, the bad-input catalogue and a few written here.
#
#   fuzz/run.sh [scenario|csv|expression|set|all] [SECONDS=60]
#
# Builds with clang into build-fuzz/ (installing clang and its fuzzer
# runtime from Debian when missing). Findings go to build-fuzz/artifacts/;
# keep each (fixed) in fuzz/regressions/TARGET/, where the test suite
# replays it. The last line of each run gives executions per second and total.
set -euo pipefail
cd "$(dirname "$0")/.."
target="${1:-all}"
seconds="${2:-60}"

missing=()
for p in clang libclang-rt-14-dev; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi
./build.sh >/dev/null  # installs the libraries the targets link
if [ ! -f build-fuzz/build.ninja ]; then
  CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DENVELOPE_FUZZ=ON >&2
fi
targets=(scenario csv expression set)
[ "$target" = all ] || targets=("$target")
cmake --build build-fuzz --target "${targets[@]/#/fuzz_}" >&2

seed() {  # seed TARGET: fills build-fuzz/corpus/TARGET
  local dir="build-fuzz/corpus/$1"
  mkdir -p "$dir"
  case "$1" in
    scenario)
      for f in examples/*.yaml tests/errors/*.yaml tests/golden/data/*.yaml; do
        { printf '\0'; cat "$f"; } > "$dir/yaml-$(basename "$f")"
      done
      for f in examples/*.csv tests/errors/*.csv; do
        { printf '\1'; cat "$f"; } > "$dir/csv-$(basename "$f")"
      done ;;
    csv) cp examples/*.csv examples/tables/*.csv tests/errors/*.csv "$dir/" ;;
    expression)
      local i=0
      for e in "580000 * (1 - pcc_cut)" "min(a, b) + max(1, 2)^2" "-(x / 0)" "1e308 * 10" \
               "((((a))))" "2^0.5 - b*c/d" "max(min(1,2),3)" "uplift + 0.01 * (1 + x)^3"; do
        printf '%s' "$e" > "$dir/seed-$((i++))"
      done ;;
    set)
      local i=0
      for s in "assumptions.uplift=0.02" "contracts.*.uplift=2%" "defaults.extensions=[2, 2]" \
               "funding.core.change=-0.025" "contracts.sva.funded_by={public_health: 1}" \
               "envelope.annual=£1,300,000" "defaults.exercise=all" "scenario.end=2030-03-31" \
               "contracts.da_victims.uplift=[0.01, 0.02]" "funding.core.by_year={2020/21: 1}"; do
        printf '%s' "$s" > "$dir/seed-$((i++))"
      done ;;
  esac
  cp fuzz/regressions/"$1"/* "$dir/" 2>/dev/null || true
}

mkdir -p build-fuzz/artifacts
for t in "${targets[@]}"; do
  seed "$t"
  echo "== fuzz_$t for $seconds s" >&2
  build-fuzz/fuzz/fuzz_"$t" build-fuzz/corpus/"$t" -max_total_time="$seconds" -timeout=10 \
    -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix=build-fuzz/artifacts/"$t"- \
    2> build-fuzz/fuzz_"$t".log || { tail -40 build-fuzz/fuzz_"$t".log >&2; exit 1; }
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' build-fuzz/fuzz_"$t".log | grep -o '[0-9]*$')
  speed=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' build-fuzz/fuzz_"$t".log | grep -o '[0-9]*$')
  echo "fuzz_$t: $seconds s, $runs executions, $speed per second, no finding"
done
