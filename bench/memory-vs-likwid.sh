#!/usr/bin/env bash
# Issue 2's bars, measured in one run on this machine: anatomy's memory figures beside
# likwid-bench (bandwidth) and bench/chase.c (latency), alternating the two sides ROUNDS times.
#
# Each round runs the default card (`measure --only memory`: the one-thread figures, latency, L1
# and L2, time), a quick card (L1 and L2, time; in the rounds since bench run 44, so that both
# cards meet the same conditions: run back to back after the last round, four quick cards took
# 7.9-8.8 s in run 43 where alternating cards took 6.4-7.0 s an hour later) and a card to 2 GiB
# (the all-thread triad at 2 GB only), then the references. The
# C chase runs five times per round at every size, before likwid-bench and after each of its
# sizes (some 40 s in all), and between its kernels too at the sizes up to 4 MiB (9 to 17 runs a
# round); at each size its figure is the best of as many runs, spread evenly over the round, as
# anatomy's point there had visits in that round's card: anatomy's points keep the best of their
# visits, two for most sizes, five to nine in the caches.
#
# Each C run first chases its fresh chain for half a second, as multichase drops its first
# half-second sample: a fresh 4 MiB chain read 100-130 ns at first on the Firecracker guest and
# settled to 12 ns over 50-150 ms, while a card's visits chase the same lines size after size.
#
# A card's visits and the C chase's runs come tens of seconds apart, and where the guest's share
# of a shared cache comes and goes from one half second to the next (4 MiB on the Firecracker
# guest) the two sides of a round then measure different machines. So each round also runs
# bench/ChasePoint.java: anatomy's own latency probe, as a card chases, alternating in one process
# with the C chase at each latency size (ten pairs, two at 1 GiB), both sides meeting the same
# moments; the report compares the medians of all rounds' pairs.
#
#   bench/memory-vs-likwid.sh [ROUNDS]        (needs: likwid-bench, cc, python3; run as root)
#
# Bars: one thread at 16 kB, 256 kB, 8 MB, 1 GB: read >= 0.9x likwid load_avx, triad >= 0.9x
# stream_avx (A = B*s + C, 24 bytes); all threads at 2 GB: triad >= 0.9x stream_avx; latency
# within 10% of the C chase at 16 KiB, 256 KiB, 4 MiB, 1 GiB; L1 and L2 within one sweep step of
# the reported sizes (sysfs, or cpuid where sysfs has none); measure --only memory <= 25 s and
# --quick <= 8 s.
set -euo pipefail
root="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-4}"
out="$root/bench/out/memory-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
threads="$(nproc)"
# where the CPU has AVX-512, anatomy's Vector API loops are 512 bits wide: likwid's AVX-512 kernels
# run too, as the same-width reference (printed for information; the bars name the AVX kernels)
avx512=no
grep -qw avx512f /proc/cpuinfo && avx512=yes
cc -O2 -o "$out/chase" "$root/bench/chase.c"
"$root/bin/anatomy" --version >/dev/null   # builds the jar if needed, outside the timings
# the point comparison runs on the JDK the launcher finds, against the jar it built
java_home="$(ANATOMY_PRINT_JAVA_HOME=1 "$root/bin/anatomy")"
"$java_home/bin/javac" -cp "$root/target/anatomy.jar" -d "$out/classes" "$root/bench/ChasePoint.java"
points() { # anatomy's probe and the C chase, alternating at each latency size
  local s pairs
  for s in 16384 262144 4194304 1073741824; do
    pairs=10
    [ "$s" -ge 1073741824 ] && pairs=2
    "$java_home/bin/java" --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC \
      -cp "$out/classes:$root/target/anatomy.jar" dev.anatomy.memory.ChasePoint "$s" "$pairs" \
      "$out/chase"
  done
}

likwid() { # kernel size threads -> MB/s
  likwid-bench -t "$1" -w "S0:$2:$3" -s 1 2>/dev/null | awk '/^MByte\/s:/ {print $2}'
}

chases() { # the C chase at each latency size (or at the sizes given), one line each
  local s one
  for s in "${@:-16384 262144 4194304 1073741824}"; do
    for one in $s; do
      echo "chase $one 1 $(taskset -c 0 "$out/chase" "$one" | awk '{print $2}')"
    done
  done
}

for r in $(seq 1 "$rounds"); do
  echo "round $r: anatomy measure --only memory (the default card)" >&2
  start=$(date +%s.%N)
  "$root/bin/anatomy" measure --only memory --no-store --json "$out/anatomy-$r.json" \
    >"$out/card-$r.txt" 2>"$out/progress-$r.txt"
  echo "$(date +%s.%N) - $start" | bc >"$out/seconds-$r.txt"
  echo "round $r: anatomy measure --only memory --quick" >&2
  start=$(date +%s.%N)
  "$root/bin/anatomy" measure --only memory --quick --no-store \
    --json "$out/quick-$r.json" >/dev/null 2>&1
  echo "$(date +%s.%N) - $start" | bc >"$out/quick-seconds-$r.txt"
  echo "round $r: anatomy measure --only memory --max-size 2GiB (for the all-thread triad)" >&2
  "$root/bin/anatomy" measure --only memory --max-size 2GiB --no-store \
    --json "$out/anatomy-2g-$r.json" >/dev/null 2>"$out/progress-2g-$r.txt"
  echo "round $r: likwid-bench and the C chase" >&2
  {
    chases
    for s in 16kB 256kB 8MB 1GB; do
      echo "load_avx $s 1 $(likwid load_avx "$s" 1)"
      chases "16384 262144 4194304"
      echo "stream_avx $s 1 $(likwid stream_avx "$s" 1)"
      if [ "$avx512" = yes ]; then
        chases "16384 262144 4194304"
        echo "load_avx512 $s 1 $(likwid load_avx512 "$s" 1)"
        chases "16384 262144 4194304"
        echo "stream_avx512 $s 1 $(likwid stream_avx512 "$s" 1)"
      fi
      chases
    done
    echo "stream_avx 2GB $threads $(likwid stream_avx 2GB "$threads")"
    if [ "$avx512" = yes ]; then
      echo "stream_avx512 2GB $threads $(likwid stream_avx512 2GB "$threads")"
    fi
    for s in 16384 262144 4194304 1073741824; do
      echo "chase-long $s 1 $(taskset -c 0 "$out/chase" "$s" 7 0 | awk '{print $2}')"
    done
  } >"$out/reference-$r.txt"
  echo "round $r: anatomy's latency probe and the C chase, alternating" >&2
  points >"$out/points-$r.txt"
done

python3 "$root/bench/memory_report.py" "$out" "$rounds" "$threads" | tee "$out/summary.txt"
