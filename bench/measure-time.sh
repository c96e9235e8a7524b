#!/usr/bin/env bash
# Wall time of 'measure --only storage,links' with the default 1 GiB disk file (bar: <= 20 s).
#   bench/measure-time.sh [DIR] [ROUNDS]
# Without bin/anatomy's measure command it times the two forked measuring JVMs back to back, which
# leaves out the parent JVM's own start and validation (about a second).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
DIR=${1:-$ROOT/bench/out/disk}
ROUNDS=${2:-2}
mkdir -p "$DIR"
for r in $(seq 1 "$ROUNDS"); do
  start=$(date +%s.%N)
  if [ -x "$ROOT/bin/anatomy" ] && "$ROOT/bin/anatomy" measure --help >/dev/null 2>&1; then
    "$ROOT/bin/anatomy" measure --only storage,links --disk-dir "$DIR" --json "$OUT/time-$r.json" >/dev/null
    how="bin/anatomy measure --only storage,links"
  else
    anatomy_measure storage "$OUT/time-storage-$r.json" "$DIR"
    anatomy_measure links "$OUT/time-links-$r.json"
    how="ForkMain storage + ForkMain links (no parent JVM)"
  fi
  end=$(date +%s.%N)
  printf 'round %d: %.1f s  (%s; bar <= 20 s)\n' "$r" "$(python3 -c "print($end - $start)")" "$how"
done
