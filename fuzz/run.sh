#!/usr/bin/env bash
# Runs every fuzz target for SECONDS seconds each (default 30), one after the other, with the
# seeds of fuzz/seeds/<target> and a working corpus in fuzz/corpus/<target> (not committed).
# Prints one line per target: executions, coverage, corpus size, and whether it found a crash.
#
#   fuzz/run.sh 25            # CI: 25 s per target
#   fuzz/run.sh 600 geometry  # one target for ten minutes
#
# Needs the nightly toolchain and cargo-fuzz. Exits 1 when a target finds a crash (the input
# is in fuzz/artifacts/<target>/).
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-30}"
shift || true
targets=("$@")
if [ "${#targets[@]}" -eq 0 ]; then
  mapfile -t targets < <(cargo +nightly fuzz list)
fi
if [ "${#targets[@]}" -eq 1 ]; then
  cargo +nightly fuzz build "${targets[0]}"
else
  cargo +nightly fuzz build
fi
status=0
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t" "seeds/$t"
  log="$(mktemp)"
  if cargo +nightly fuzz run "$t" "corpus/$t" "seeds/$t" -- \
      -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
      >"$log" 2>&1; then
    result="no finding"
  else
    result="FINDING (see fuzz/artifacts/$t)"
    status=1
  fi
  execs=$(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}' | tail -n1)
  cov=$(grep -E '#[0-9]+.*cov:' "$log" | tail -n1 | sed -E 's/.*cov: ([0-9]+).*/\1/')
  corpus=$(find "corpus/$t" -type f | wc -l)
  printf '%-13s %6ss  %10s execs  cov %6s  corpus %5s  %s\n' \
    "$t" "$seconds" "${execs:-?}" "${cov:-?}" "$corpus" "$result"
  if [ "$result" != "no finding" ]; then tail -n 40 "$log"; fi
  rm -f "$log"
done
exit "$status"
