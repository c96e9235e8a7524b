# Shared helpers of the bench scripts: run anatomy, read its JSON, print ratios.
# Source it; it sets ROOT, JAVA and OUT (bench/out/, ignored by git).

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA=$JAVA_HOME/bin/java
JAR=$ROOT/target/anatomy.jar
OUT=$ROOT/bench/out
mkdir -p "$OUT"

need() {
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install -y $tool)" >&2; exit 2; }
  done
}

ensure_jar() {
  [ -f "$JAR" ] || (cd "$ROOT" && mvn -B -q package -DskipTests -Djacoco.skip=true) || exit 1
}

# anatomy_measure PART OUT.json [DISK_DIR] [DISK_SIZE_BYTES]
# Writes a document whose top-level PART object holds the part's section (as bin/anatomy's --json
# does). Uses bin/anatomy when it has the measure command, else the forked measuring JVM directly.
anatomy_measure() {
  local part=$1 out=$2 dir=${3:-} size=${4:-1073741824}
  if [ -x "$ROOT/bin/anatomy" ] && "$ROOT/bin/anatomy" measure --help >/dev/null 2>&1; then
    "$ROOT/bin/anatomy" measure --only "$part" ${dir:+--disk-dir "$dir"} \
      --disk-size "$((size / 1048576))MiB" --json "$out" >/dev/null
  else
    ensure_jar
    local opts="{\"parts\":[\"$part\"],\"effort\":\"STANDARD\",\"diskSizeBytes\":$size${dir:+,\"diskDir\":\"$dir\"}}"
    echo "$opts" | "$JAVA" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
        -cp "$JAR" dev.anatomy.run.ForkMain "$part" 2>/dev/null |
      python3 -c 'import json,sys; r=json.load(sys.stdin); json.dump({r["part"]: r["section"], "unavailable": r["unavailable"]}, sys.stdout)' >"$out"
  fi
}

# jget FILE DOTTED.PATH: a number from a JSON document ("" if absent)
jget() {
  python3 - "$1" "$2" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for k in sys.argv[2].split("."):
    d = d.get(k) if isinstance(d, dict) else None
print("" if d is None else d)
PY
}

# jmean FILE PARENT KEY harmonic|arithmetic: the whole run's rate from a figure's samples, as a
# tool that reports one average does: equal-size slices give the harmonic mean of their rates
# (total bytes over total time), equal-length rounds the arithmetic mean (total operations over
# total time).
jmean() {
  python3 - "$1" "$2" "$3" "$4" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for k in sys.argv[2].split("."):
    d = d.get(k) if isinstance(d, dict) else None
s = (d or {}).get("details", {}).get(sys.argv[3], {}).get("samples")
if not s:
    print("")
elif sys.argv[4] == "harmonic":
    print(len(s) / sum(1.0 / x for x in s))
else:
    print(sum(s) / len(s))
PY
}

# median V1 V2 ...
median() {
  python3 -c 'import sys,statistics; v=[float(x) for x in sys.argv[1:] if x]; print(statistics.median(v) if v else "nan")' "$@"
}

# ratio A B: A / B with 3 decimals
ratio() {
  python3 -c 'import sys; a,b=float(sys.argv[1]),float(sys.argv[2]); print("%.3f" % (a/b) if b else "nan")' "$1" "$2"
}

# human V UNIT: a readable number
human() {
  python3 -c 'import sys; v=float(sys.argv[1]); u=sys.argv[2]
for p,s in ((1e9,"G"),(1e6,"M"),(1e3,"k")):
    if abs(v)>=p: print("%.2f %s%s" % (v/p,s,u)); break
else: print("%.2f %s" % (v,u))' "$1" "$2"
}
