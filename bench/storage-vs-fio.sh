#!/usr/bin/env bash
# Disk: anatomy's storage part against fio --direct=1, alternating, on the same folder and file size.
#   bench/storage-vs-fio.sh [DIR] [SIZE_MiB] [ROUNDS]
# Bars (issue 4): sequential read and write 1 MiB psync >= 0.9x; random read 4 KiB QD1 psync >= 0.9x
# IOPS; random read QD32 >= 0.9x fio libaio iodepth=32.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
need fio python3
DIR=${1:-$ROOT/bench/out/disk}
SIZE_MIB=${2:-1024}
ROUNDS=${3:-2}
mkdir -p "$DIR"
FILE=$DIR/fio-bench.bin
trap 'rm -f "$FILE"' EXIT

fio_json() { fio --output-format=json --name=b --filename="$FILE" --direct=1 --bs="$1" --rw="$2" "${@:3}"; }

declare -A A F
for r in $(seq 1 "$ROUNDS"); do
  doc=$OUT/storage-$r.json
  anatomy_measure storage "$doc" "$DIR" $((SIZE_MIB * 1048576))
  A[sw$r]=$(jget "$doc" storage.sequentialWriteBytesPerSecond)
  A[sr$r]=$(jget "$doc" storage.sequentialReadBytesPerSecond)
  A[rr$r]=$(jget "$doc" storage.randomReadIops)
  A[rr32$r]=$(jget "$doc" storage.randomReadIopsQd32)
  A[p50$r]=$(jget "$doc" storage.randomReadLatencyNs.p50)
  A[swm$r]=$(jmean "$doc" storage sequentialWriteBytesPerSecond harmonic)
  A[srm$r]=$(jmean "$doc" storage sequentialReadBytesPerSecond harmonic)
  A[rrm$r]=$(jmean "$doc" storage randomReadIops arithmetic)
  A[rr32m$r]=$(jmean "$doc" storage randomReadIopsQd32 arithmetic)
  echo "round $r anatomy: seq write $(human "${A[sw$r]}" B/s), seq read $(human "${A[sr$r]}" B/s), rand read $(human "${A[rr$r]}" IOPS) QD1 / $(human "${A[rr32$r]}" IOPS) QD32, p50 $(human "${A[p50$r]}" ns)"

  rm -f "$FILE"
  F[sw$r]=$(fio_json 1M write --ioengine=psync --size="${SIZE_MIB}M" | python3 -c 'import json,sys; print(json.load(sys.stdin)["jobs"][0]["write"]["bw_bytes"])')
  F[sr$r]=$(fio_json 1M read --ioengine=psync --size="${SIZE_MIB}M" | python3 -c 'import json,sys; print(json.load(sys.stdin)["jobs"][0]["read"]["bw_bytes"])')
  rr=$(fio_json 4k randread --ioengine=psync --size="${SIZE_MIB}M" --runtime=1 --time_based |
    python3 -c 'import json,sys; j=json.load(sys.stdin)["jobs"][0]["read"]; print(j["iops"], j["clat_ns"]["percentile"]["50.000000"])')
  F[rr$r]=${rr% *}
  F[p50$r]=${rr#* }
  F[rr32$r]=$(fio_json 4k randread --ioengine=libaio --iodepth=32 --size="${SIZE_MIB}M" --runtime=1 --time_based | python3 -c 'import json,sys; print(json.load(sys.stdin)["jobs"][0]["read"]["iops"])')
  F[swm$r]=${F[sw$r]}; F[srm$r]=${F[sr$r]}; F[rrm$r]=${F[rr$r]}; F[rr32m$r]=${F[rr32$r]}
  rm -f "$FILE"
  echo "round $r fio:     seq write $(human "${F[sw$r]}" B/s), seq read $(human "${F[sr$r]}" B/s), rand read $(human "${F[rr$r]}" IOPS) QD1 / $(human "${F[rr32$r]}" IOPS) QD32 (libaio), p50 $(human "${F[p50$r]}" ns)"
done

echo
echo "medians over $ROUNDS rounds, ${SIZE_MIB} MiB in $DIR (anatomy / fio; bar >= 0.9, goal 1.0)."
echo "anatomy's figures are medians of slices or rounds; the 'whole run' lines compare the mean over"
echo "the whole pass (total bytes or operations over total time), which is what fio reports:"
for k in sw:"sequential write 1 MiB QD1 (figure)" swm:"sequential write 1 MiB QD1 (whole run)" sr:"sequential read 1 MiB QD1 (figure)" srm:"sequential read 1 MiB QD1 (whole run)" rr:"random read 4 KiB QD1 IOPS (figure)" rrm:"random read 4 KiB QD1 IOPS (whole run)" rr32:"random read 4 KiB QD32 IOPS (figure)" rr32m:"random read 4 KiB QD32 IOPS (whole run)" p50:"random read QD1 p50 latency (lower is better)"; do
  key=${k%%:*}; name=${k#*:}
  a=$(median $(for r in $(seq 1 "$ROUNDS"); do echo "${A[$key$r]}"; done))
  f=$(median $(for r in $(seq 1 "$ROUNDS"); do echo "${F[$key$r]}"; done))
  printf '  %-48s anatomy %-14s fio %-14s ratio %s\n' "$name" "$(human "$a" '')" "$(human "$f" '')" "$(ratio "$a" "$f")"
done
