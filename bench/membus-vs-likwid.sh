#!/usr/bin/env bash
# Memory bus: anatomy's all-thread STREAM triad against likwid-bench stream_avx (A = B*s + C,
# 24 bytes per element, as STREAM), alternating.   bench/membus-vs-likwid.sh [ROUNDS]
# Bar (issue 4): all-thread triad >= 0.9x likwid-bench -t stream_avx -w S0:2GB:<all threads>.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
need likwid-bench python3
ROUNDS=${1:-2}
THREADS=$(nproc)

declare -A A L
for r in $(seq 1 "$ROUNDS"); do
  doc=$OUT/links-bus-$r.json
  anatomy_measure links "$doc"
  A[all$r]=$(jget "$doc" links.memoryBus.triadBytesPerSecondAllThreads)
  A[one$r]=$(jget "$doc" links.memoryBus.triadBytesPerSecond)
  A[mean$r]=$(jmean "$doc" links.memoryBus triadBytesPerSecondAllThreads harmonic)
  echo "round $r anatomy: triad $(human "${A[one$r]}" B/s) on 1 thread, $(human "${A[all$r]}" B/s) on $THREADS"
  mbs=$(likwid-bench -t stream_avx -w S0:2GB:"$THREADS" 2>/dev/null | sed -n 's/^MByte\/s:[[:space:]]*\([0-9.]*\).*/\1/p' | tail -1)
  L[all$r]=$(python3 -c "print($mbs * 1e6)")
  echo "round $r likwid:  stream_avx $(human "${L[all$r]}" B/s) on $THREADS threads (S0:2GB)"
done
a=$(median $(for r in $(seq 1 "$ROUNDS"); do echo "${A[all$r]}"; done))
m=$(median $(for r in $(seq 1 "$ROUNDS"); do echo "${A[mean$r]}"; done))
l=$(median $(for r in $(seq 1 "$ROUNDS"); do echo "${L[all$r]}"; done))
echo
echo "medians over $ROUNDS rounds; anatomy's figure is the best sample (as STREAM reports), likwid"
echo "reports the mean over its run, so the second line compares anatomy's mean over all samples:"
printf '  %-46s anatomy %-14s likwid %-14s ratio %s (bar >= 0.9)\n' "STREAM triad, all $THREADS threads (figure)" "$(human "$a" B/s)" "$(human "$l" B/s)" "$(ratio "$a" "$l")"
printf '  %-46s anatomy %-14s likwid %-14s ratio %s\n' "STREAM triad, all $THREADS threads (mean)" "$(human "$m" B/s)" "$(human "$l" B/s)" "$(ratio "$m" "$l")"
