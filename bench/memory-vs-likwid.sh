#!/usr/bin/env bash
# Issue 2's bars, measured in one run on this machine: anatomy's memory figures beside
# likwid-bench (bandwidth) and bench/chase.c (latency), alternating the two sides ROUNDS times.
#
#   bench/memory-vs-likwid.sh [ROUNDS]        (needs: likwid-bench, cc, python3; run as root)
#
# Bars: one thread at 16 kB, 256 kB, 8 MB, 1 GB: read >= 0.9x likwid load_avx, triad >= 0.9x
# stream_avx (A = B*s + C, 24 bytes); all threads at 2 GB: triad >= 0.9x stream_avx; latency
# within 10% of the C chase at 16 KiB, 256 KiB, 4 MiB, 1 GiB; L1 and L2 within one sweep step of
# sysfs; measure --only memory <= 25 s and --quick <= 8 s.
set -euo pipefail
root="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-4}"
out="$root/bench/out/memory-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
threads="$(nproc)"
cc -O2 -o "$out/chase" "$root/bench/chase.c"
"$root/bin/anatomy" --version >/dev/null   # builds the jar if needed, outside the timings

likwid() { # kernel size threads -> MB/s
  likwid-bench -t "$1" -w "S0:$2:$3" -s 1 2>/dev/null | awk '/^MByte\/s:/ {print $2}'
}

for r in $(seq 1 "$rounds"); do
  echo "round $r: anatomy measure --only memory --max-size 2GiB" >&2
  start=$(date +%s.%N)
  "$root/bin/anatomy" measure --only memory --max-size 2GiB --no-store --json "$out/anatomy-$r.json" \
    >"$out/card-$r.txt" 2>"$out/progress-$r.txt" \
    || "$root/bin/anatomy" measure --only memory --max-size 2GiB --json "$out/anatomy-$r.json" \
      >"$out/card-$r.txt" 2>"$out/progress-$r.txt"
  echo "$(date +%s.%N) - $start" | bc >"$out/seconds-$r.txt"
  echo "round $r: likwid-bench and the C chase" >&2
  {
    for s in 16kB 256kB 8MB 1GB; do
      echo "load_avx $s 1 $(likwid load_avx "$s" 1)"
      echo "stream_avx $s 1 $(likwid stream_avx "$s" 1)"
    done
    echo "stream_avx 2GB $threads $(likwid stream_avx 2GB "$threads")"
    for s in 16384 262144 4194304 1073741824; do
      echo "chase $s 1 $(taskset -c 0 "$out/chase" "$s" | awk '{print $2}')"
      echo "chase-long $s 1 $(taskset -c 0 "$out/chase" "$s" 7 0 | awk '{print $2}')"
    done
  } >"$out/reference-$r.txt"
done

for r in $(seq 1 "$rounds"); do
  start=$(date +%s.%N)
  "$root/bin/anatomy" measure --only memory --quick --no-store >/dev/null 2>&1 \
    || "$root/bin/anatomy" measure --only memory --quick >/dev/null 2>&1
  echo "$(date +%s.%N) - $start" | bc >"$out/quick-seconds-$r.txt"
done

python3 "$root/bench/memory_report.py" "$out" "$rounds" "$threads" | tee "$out/summary.txt"
