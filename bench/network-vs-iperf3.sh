#!/usr/bin/env bash
# Network on loopback: anatomy's links part against iperf3 (one stream) and sockperf ping-pong,
# alternating.   bench/network-vs-iperf3.sh [ROUNDS]
# Bars (issue 4): TCP throughput >= 0.9x iperf3 one stream; round-trip p50 within 15% of twice
# sockperf pp's p50 (sockperf reports half the round trip).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
need iperf3 sockperf python3
ROUNDS=${1:-4}
IPERF_PORT=5299
SOCKPERF_PORT=11299
MSG=16

iperf3 -s -p $IPERF_PORT >/dev/null 2>&1 &
IPERF_PID=$!
sockperf sr --tcp -i 127.0.0.1 -p $SOCKPERF_PORT >/dev/null 2>&1 &
SOCKPERF_PID=$!
trap 'kill $IPERF_PID $SOCKPERF_PID 2>/dev/null || true' EXIT
sleep 1

declare -A A I S
for r in $(seq 1 "$ROUNDS"); do
  doc=$OUT/links-net-$r.json
  anatomy_measure links "$doc"
  A[bw$r]=$(jget "$doc" links.network.loopback.tcpBytesPerSecond)
  A[par$r]=$(jget "$doc" links.network.loopback.tcpBytesPerSecondParallel)
  A[rtt$r]=$(jget "$doc" links.network.loopback.tcpRoundTripNs.p50)
  A[mean$r]=$(jmean "$doc" links.network.loopback tcpBytesPerSecond arithmetic)
  echo "round $r anatomy:  one stream $(human "${A[bw$r]}" B/s), parallel $(human "${A[par$r]}" B/s), round trip p50 $(human "${A[rtt$r]}" ns)"

  I[bw$r]=$(iperf3 -c 127.0.0.1 -p $IPERF_PORT -t 3 -J | python3 -c 'import json,sys; print(json.load(sys.stdin)["end"]["sum_received"]["bits_per_second"]/8)')
  half=$(sockperf pp --tcp -i 127.0.0.1 -p $SOCKPERF_PORT -t 3 -m $MSG 2>&1 | sed -n 's/.*percentile 50.000 = *\([0-9.]*\).*/\1/p')
  S[rtt$r]=$(python3 -c "print(2 * $half * 1000)")
  echo "round $r iperf3:   one stream $(human "${I[bw$r]}" B/s); sockperf pp --tcp -m $MSG: p50 ${half} us one way, so round trip $(human "${S[rtt$r]}" ns)"
done

a=$(median $(for r in $(seq 1 "$ROUNDS"); do echo "${A[bw$r]}"; done))
am=$(median $(for r in $(seq 1 "$ROUNDS"); do echo "${A[mean$r]}"; done))
i=$(median $(for r in $(seq 1 "$ROUNDS"); do echo "${I[bw$r]}"; done))
ar=$(median $(for r in $(seq 1 "$ROUNDS"); do echo "${A[rtt$r]}"; done))
sr=$(median $(for r in $(seq 1 "$ROUNDS"); do echo "${S[rtt$r]}"; done))
echo
echo "medians over $ROUNDS rounds:"
printf '  %-40s anatomy %-14s iperf3 %-14s ratio %s (bar >= 0.9)\n' "TCP one stream, loopback (figure)" "$(human "$a" B/s)" "$(human "$i" B/s)" "$(ratio "$a" "$i")"
printf '  %-40s anatomy %-14s iperf3 %-14s ratio %s\n' "TCP one stream, loopback (mean)" "$(human "$am" B/s)" "$(human "$i" B/s)" "$(ratio "$am" "$i")"
printf '  %-40s anatomy %-14s 2x sockperf %-9s ratio %s (bar 0.85..1.15)\n' "TCP round trip p50, $MSG-byte messages" "$(human "$ar" ns)" "$(human "$sr" ns)" "$(ratio "$ar" "$sr")"
