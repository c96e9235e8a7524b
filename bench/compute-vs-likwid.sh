#!/usr/bin/env bash
# Issue 3's bars, measured in one run on this machine: anatomy's computing-units figures beside
# likwid-bench's peakflops kernels, alternating the two sides ROUNDS times (at least 2).
#
#   bench/compute-vs-likwid.sh [ROUNDS]        (needs: likwid-bench, jq, python3, bc)
#
# Bars: FP64 peak per core >= 0.95x likwid peakflops_avx_fma on one thread, all cores >= 0.95x
# likwid on all threads, FP32 per core >= 0.95x peakflops_sp_avx_fma (goal 1.0x), each likwid
# figure the best of 3 runs since anatomy reports its best sample; FLOP/s per core
# / (clock x lanes x 2 x FMA units) between 0.9 and 1.02; the fork-join demo's fitted serial
# fraction within +-0.03 of p = 0.05 and 0.25; measure --only compute <= 15 s, --quick <= 5 s.
#
# Runs bin/anatomy when it has the measure command, else the forked measuring JVM directly
# (java ... dev.anatomy.run.ForkMain compute), which is what bin/anatomy runs for the part.
set -euo pipefail
root="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-2}"
[ "$rounds" -ge 2 ] || { echo "compute-vs-likwid.sh: ROUNDS must be at least 2, was $rounds" >&2; exit 2; }
out="$root/bench/out/compute-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
threads="$(nproc)"

java_home="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
jar="$root/target/anatomy.jar"
use_cli=0
if [ -x "$root/bin/anatomy" ] && "$root/bin/anatomy" measure --help >/dev/null 2>&1; then
  use_cli=1
  "$root/bin/anatomy" --version >/dev/null   # builds the jar if needed, outside the timings
elif [ ! -f "$jar" ]; then
  (cd "$root" && JAVA_HOME="$java_home" mvn -B -q package -DskipTests -Djacoco.skip=true)
fi

anatomy() { # EFFORT (QUICK|STANDARD) JSON_OUT -> writes {"compute": {...}, "unavailable": {...}}
  local effort="$1" json="$2"
  if [ "$use_cli" = 1 ]; then
    local quick=()
    [ "$effort" = QUICK ] && quick=(--quick)
    "$root/bin/anatomy" measure --only compute "${quick[@]}" --json "$json" >/dev/null 2>&1
  else
    echo "{\"parts\":[\"compute\"],\"effort\":\"$effort\"}" \
      | "$java_home/bin/java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
          -XX:+UseParallelGC -Xms256m -Xmx1g -XX:-UsePerfData -cp "$jar" \
          dev.anatomy.run.ForkMain compute 2>/dev/null \
      | jq '{compute: .section, unavailable: .unavailable}' >"$json"
  fi
}

likwid() { # kernel workgroup -> MFLOP/s, best of 3 runs (anatomy reports its best sample too)
  for i in 1 2 3; do
    likwid-bench -t "$1" -w "$2" -s 1 2>/dev/null | awk '/^MFlops\/s:/ {print $2}'
  done | sort -g | tail -n 1
}

seconds_since() { echo "$(date +%s.%N) - $1" | bc; }

for r in $(seq 1 "$rounds"); do
  echo "round $r/$rounds: likwid-bench peakflops" >&2
  {
    echo "fp64_1 $(likwid peakflops_avx_fma S0:16kB:1)"
    echo "fp64_all $(likwid peakflops_avx_fma "S0:$((16 * threads))kB:$threads")"
    echo "fp32_1 $(likwid peakflops_sp_avx_fma S0:16kB:1)"
  } >"$out/likwid-$r.txt"
  echo "round $r/$rounds: anatomy measure --only compute" >&2
  start=$(date +%s.%N)
  anatomy STANDARD "$out/anatomy-$r.json"
  seconds_since "$start" >"$out/seconds-$r.txt"
  echo "round $r/$rounds: anatomy measure --only compute --quick" >&2
  start=$(date +%s.%N)
  anatomy QUICK "$out/quick-$r.json"
  seconds_since "$start" >"$out/quick-seconds-$r.txt"
done
uptime >"$out/load.txt"

python3 - "$out" "$rounds" "$threads" <<'PY' | tee "$out/summary.txt"
import json, sys
out, rounds, threads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])

def read_likwid(r):
    d = {}
    for line in open(f"{out}/likwid-{r}.txt"):
        k, *v = line.split()
        d[k] = float(v[0]) * 1e6 if v else float("nan")
    return d

def num(path):
    return float(open(path).read().strip())

rows = []
for r in range(1, rounds + 1):
    a = json.load(open(f"{out}/anatomy-{r}.json"))["compute"]
    pf = a.get("peakFlops", {})
    fits = {round(f["serialFraction"], 2): f["fittedSerialFraction"] for f in a.get("amdahlDemoFit", [])}
    rows.append(dict(
        likwid=read_likwid(r), fp64_1=pf.get("fp64PerCore", float("nan")),
        fp64_all=pf.get("fp64AllCores", float("nan")), fp32_1=pf.get("fp32PerCore", float("nan")),
        consistency=pf.get("fp64PerCoreOverCeiling", float("nan")), clock=a.get("clockHz", float("nan")),
        units=pf.get("fmaUnits"), fits=fits, seconds=num(f"{out}/seconds-{r}.txt"),
        quick=num(f"{out}/quick-seconds-{r}.txt")))

print(f"compute vs likwid-bench, {rounds} rounds alternating, {threads} CPUs; load: {open(out + '/load.txt').read().strip()}")
print(f"{'round':>5} {'figure':<10} {'anatomy GFLOP/s':>16} {'likwid GFLOP/s':>15} {'ratio':>7}")
best = {}
for i, row in enumerate(rows, 1):
    for key in ("fp64_1", "fp64_all", "fp32_1"):
        a, l = row[key], row["likwid"].get(key, float("nan"))
        print(f"{i:>5} {key:<10} {a / 1e9:>16.2f} {l / 1e9:>15.2f} {a / l:>7.3f}")
        ba, bl = best.get(key, (0, 0))
        best[key] = (max(ba, a), max(bl, l))
print()
ok = True
def bar(name, value, low, high=float("inf")):
    global ok
    passed = low <= value <= high
    ok &= passed
    print(f"  {'PASS' if passed else 'FAIL'}  {name}: {value:.3f} (bar {low}" + (f" to {high})" if high != float('inf') else "+)"))
print("bars (best anatomy round over best likwid round):")
bar("FP64 per core / likwid peakflops_avx_fma 1 thread", best["fp64_1"][0] / best["fp64_1"][1], 0.95)
bar(f"FP64 all cores / likwid peakflops_avx_fma {threads} threads", best["fp64_all"][0] / best["fp64_all"][1], 0.95)
bar("FP32 per core / likwid peakflops_sp_avx_fma 1 thread", best["fp32_1"][0] / best["fp32_1"][1], 0.95)
for i, row in enumerate(rows, 1):
    bar(f"round {i}: FLOP/s per core / (clock {row['clock'] / 1e9:.3f} GHz x lanes x 2 x {row['units']} FMA units)", row["consistency"], 0.9, 1.02)
    for p in (0.05, 0.25):
        f = row["fits"].get(p)
        if f is None:
            print(f"  n/a   round {i}: fork-join fit for p = {p}: not measured (needs 2 CPUs)")
        else:
            bar(f"round {i}: fork-join fitted p - {p} (fitted {f:.4f})", f - p, -0.03, 0.03)
    bar(f"round {i}: measure --only compute seconds", row["seconds"], 0, 15)
    bar(f"round {i}: measure --only compute --quick seconds", row["quick"], 0, 5)
print("all bars passed" if ok else "some bars failed (the machine is shared: see the load above)")
PY
