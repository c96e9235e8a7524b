#!/usr/bin/env bash
# Cross-checks the compute part's own harness against JMH on the same kernels (the clock chain,
# the FP64 and FP32 peak-FLOPS loops, the ILP probe's FP64 FMA with 8 chains), alternating the two
# sides ROUNDS times. The card is produced by the harness (it fits the time budget; JMH forks
# alone take longer than the whole --quick card); this script is the evidence that the harness
# reads what JMH reads.
#
#   bench/compute-vs-jmh.sh [ROUNDS]        (needs: mvn, jq, python3; the JMH benchmarks are
#                                            src/test/java/dev/anatomy/compute/ComputeJmh.java)
set -euo pipefail
root="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-2}"
out="$root/bench/out/compute-jmh-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
java_home="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
export JAVA_HOME="$java_home"

(cd "$root" && mvn -B -q package -DskipTests -Djacoco.skip=true && mvn -B -q test-compile -Djacoco.skip=true \
  && mvn -B -q dependency:build-classpath -Dmdep.outputFile="$out/classpath.txt" -Dmdep.includeScope=test)
cp="$root/target/test-classes:$root/target/classes:$(cat "$out/classpath.txt")"

for r in $(seq 1 "$rounds"); do
  echo "round $r/$rounds: JMH" >&2
  taskset -c 0 "$java_home/bin/java" --add-modules jdk.incubator.vector -cp "$cp" org.openjdk.jmh.Main \
    'dev\.anatomy\.compute\.ComputeJmh\.' -wi 5 -w 100ms -i 20 -r 50ms \
    -rf json -rff "$out/jmh-$r.json" >"$out/jmh-$r.txt" 2>&1
  echo "round $r/$rounds: anatomy compute (standard)" >&2
  echo '{"parts":["compute"],"effort":"STANDARD"}' \
    | "$java_home/bin/java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
        -XX:+UseParallelGC -Xms256m -Xmx1g -XX:-UsePerfData -cp "$root/target/anatomy.jar" \
        dev.anatomy.run.ForkMain compute 2>/dev/null | jq '.section' >"$out/anatomy-$r.json"
done
uptime >"$out/load.txt"

python3 - "$out" "$rounds" <<'PY' | tee "$out/summary.txt"
import json, sys
out, rounds = sys.argv[1], int(sys.argv[2])
print(f"anatomy's harness vs JMH 1.37 on the same kernels, {rounds} rounds alternating; load: {open(out + '/load.txt').read().strip()}")
print(f"{'round':>5} {'kernel':<28} {'anatomy':>12} {'JMH best':>12} {'ratio':>7}")
for r in range(1, rounds + 1):
    runs = json.load(open(f"{out}/jmh-{r}.json"))
    # anatomy reports the best of its samples; JMH's best 50 ms iteration is the like figure,
    # its mean (the usual JMH score) is shown beside it.
    jmh = {b["benchmark"].rsplit(".", 1)[1]: max(x for fork in b["primaryMetric"]["rawData"] for x in fork) for b in runs}
    mean = {b["benchmark"].rsplit(".", 1)[1]: b["primaryMetric"]["score"] for b in runs}
    a = json.load(open(f"{out}/anatomy-{r}.json"))
    lanes64, lanes32 = a["peakFlops"]["fp64Lanes"], a["peakFlops"]["fp32Lanes"]
    fma8 = [e for e in a["ilp"] if e["op"] == "fp64-fma" and e["chains"] == 8][0]["opsPerCycle"] * a["clockHz"]
    rows = [
        ("clock Hz (add chain)", a["clockHz"], "clockChain", 1),
        ("FP64 peak FLOP/s, 1 core", a["peakFlops"]["fp64PerCore"], "peakFp64", lanes64 * 2),
        ("FP32 peak FLOP/s, 1 core", a["peakFlops"]["fp32PerCore"], "peakFp32", lanes32 * 2),
        ("ILP fp64-fma x8, FMA/s", fma8, "ilpFma8", 1),
    ]
    for name, x, bench, scale in rows:
        y, m = jmh[bench] * scale, mean[bench] * scale
        print(f"{r:>5} {name:<28} {x:>12.4g} {y:>12.4g} {x / y:>7.3f}   (JMH mean {m:.4g})")
print("ratios near 1.0 mean the harness and JMH agree; the machine is shared, so expect a few % of noise")
PY
