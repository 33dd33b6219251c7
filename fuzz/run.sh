#!/usr/bin/env bash
# Runs every fuzz target (or those named) for SECONDS each, seeded from fuzz/corpus/<target>/;
# new inputs go to fuzz/work/<target>/ (git-ignored), crashes to fuzz/artifacts/<target>/.
# Usage: fuzz/run.sh SECONDS [TARGET...]. Exit 1 when a target crashed.
# Needs cargo-fuzz. Its compiler flags are nightly-only; the default toolchain, stable
# included, is told to accept them (RUSTC_BOOTSTRAP=1), so no nightly is needed.
set -uo pipefail
cd "$(dirname "$0")"
seconds=${1:?usage: fuzz/run.sh SECONDS [TARGET...]}
shift
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <(cargo fuzz list)
fi
export RUSTC_BOOTSTRAP=1
# No sanitizer: isnad is safe Rust (its C is SQLite's, which is fuzzed upstream); without ASan
# libFuzzer runs several times faster, and panics, overflows (debug assertions) and hangs are
# what it looks for here.
flags=(-s none --debug-assertions)
cargo fuzz build "${flags[@]}" || exit 1
failed=0
for t in "${targets[@]}"; do
  mkdir -p "work/$t" "artifacts/$t"
  echo "fuzz $t: ${seconds}s"
  if ! cargo fuzz run "${flags[@]}" "$t" "work/$t" "corpus/$t" -- \
      -max_total_time="$seconds" -max_len=8192 -timeout=30 -rss_limit_mb=4096 \
      -print_final_stats=1 2>"work/$t.log"; then
    echo "fuzz $t: CRASH (see fuzz/work/$t.log and fuzz/artifacts/$t/)"
    failed=1
  fi
  grep -E '^#[0-9]+ +DONE|^stat::number_of_executed_units|^stat::peak_rss_mb' "work/$t.log" | tail -3
done
exit $failed
