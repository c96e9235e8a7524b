"""Summarises bench/memory-vs-likwid.sh: anatomy beside the references, round by round."""
import json
import statistics
import sys
from pathlib import Path

out, rounds, threads = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
VISIT_SAMPLES = 5  # samples a default card keeps per visit of a latency point
SIZES = {"16kB": 16384, "256kB": 262144, "8MB": 8 << 20, "1GB": 1 << 30, "2GB": 2 << 30}


def source(doc):
    """Where a card's reported cache sizes come from: sysfs, or cpuid where sysfs has none."""
    caches = doc.get("machine", {}).get("caches") or [{}]
    return caches[0].get("source", "sysfs")


def nearest(points, size):
    return min(points, key=lambda p: abs(p["sizeBytes"] - size) / size)


rows = {}
for r in range(1, rounds + 1):
    doc = json.loads((out / f"anatomy-{r}.json").read_text())
    mem = doc["memory"]
    bw = mem["bandwidthCurve"]
    lat = [p for p in mem["latencyCurve"] if p["variant"] == "tlb-grouped" and p["pageSizeBytes"] == 4096]
    ref, runs = {}, {}
    for line in (out / f"reference-{r}.txt").read_text().splitlines():
        kernel, size, t, value = line.split()
        key = (kernel, size, int(t))
        ref[key] = min(ref.get(key, float("inf")), float(value))
        runs.setdefault(key, []).append(float(value))
    for size in ["16kB", "256kB", "8MB", "1GB"]:
        for ours, theirs in [("read", "load_avx"), ("triad", "stream_avx")]:
            p = nearest([b for b in bw if b["kernel"] == ours and b["threads"] == 1], SIZES[size])
            key = f"{ours:5s} 1T {size:>5s} (anatomy {p['sizeBytes']>>10} KiB) vs {theirs}"
            rows.setdefault(key, []).append((p["bytesPerSecond"] / 1e9, ref[(theirs, size, 1)] / 1e3))
            wide = theirs + "512"
            if (wide, size, 1) in ref:
                # on an AVX-512 machine anatomy's vectors are 512 bits wide: the same width's kernel
                key = f"{ours:5s} 1T {size:>5s} (anatomy {p['sizeBytes']>>10} KiB) vs {wide} (info)"
                rows.setdefault(key, []).append((p["bytesPerSecond"] / 1e9, ref[(wide, size, 1)] / 1e3))
    bw2g = json.loads((out / f"anatomy-2g-{r}.json").read_text())["memory"]["bandwidthCurve"]
    p = nearest([b for b in bw2g if b["kernel"] == "triad" and b["threads"] == threads], SIZES["2GB"])
    key = f"triad {threads}T   2GB (anatomy {p['sizeBytes']>>20} MiB) vs stream_avx"
    rows.setdefault(key, []).append((p["bytesPerSecond"] / 1e9, ref[("stream_avx", "2GB", threads)] / 1e3))
    if ("stream_avx512", "2GB", threads) in ref:
        key = f"triad {threads}T   2GB (anatomy {p['sizeBytes']>>20} MiB) vs stream_avx512 (info)"
        rows.setdefault(key, []).append((p["bytesPerSecond"] / 1e9, ref[("stream_avx512", "2GB", threads)] / 1e3))
    for size in [16384, 262144, 4 << 20, 1 << 30]:
        p = nearest(lat, size)
        # anatomy's point keeps the best of its visits (VISIT_SAMPLES samples each), spread over
        # its card; the C chase's figure is the best of as many of its runs, spread evenly over
        # the round
        visits = len(p["details"]["latencyNs"]["samples"]) // VISIT_SAMPLES
        chase = runs[("chase", str(size), 1)]
        n = min(len(chase), max(1, visits))
        spread = [chase[round(i * (len(chase) - 1) / (n - 1))] for i in range(n)] if n > 1 else chase[:1]
        key = f"latency {size>>10:>7d} KiB (ns, lower is better) vs C chase"
        rows.setdefault(key, []).append((p["latencyNs"], min(spread), f"{visits} visit{'' if visits == 1 else 's'}, {n} of {len(chase)} C runs"))
        if ("chase-long", str(size), 1) in ref:
            key = f"latency {size>>10:>7d} KiB vs C chase, long samples (info)"
            rows.setdefault(key, []).append((p["latencyNs"], ref[("chase-long", str(size), 1)]))
    levels = {l["name"]: l for l in mem["levels"]}
    for name in ["L1", "L2"]:
        if name in levels:
            l = levels[name]
            print(f"round {r}: {name} measured {l['sizeBytes']>>10} KiB, reported {l['reportedSizeBytes']>>10} KiB"
                  + f" ({source(doc)})")

STEP = 2 ** (1 / 8)  # the fine sweep step near a knee
reported_by = "none"
for kind in ["anatomy", "quick"]:
    for name in ["L1", "L2"]:
        found = []
        for r in range(1, rounds + 1):
            path = out / f"{kind}-{r}.json"
            if not path.exists():
                continue
            level = {l["name"]: l for l in json.loads(path.read_text())["memory"]["levels"]}.get(name)
            if level and level.get("sizeBytes"):
                found.append((level["sizeBytes"], level["reportedSizeBytes"]))
                reported_by = source(json.loads(path.read_text()))
        if found:
            # the sweep's sizes are rounded to whole KiB: one step below 32 KiB is 29 KiB (29.3)
            within = sum(1 for m, s in found if s / STEP - 1024 <= m <= s * STEP + 1024)
            print(f"{'--quick ' if kind == 'quick' else 'default '}cards: {name} "
                  + ", ".join(f"{m >> 10}" for m, _ in found)
                  + f" KiB ({reported_by} {found[0][1] >> 10} KiB): {within} of {len(found)} within one step")

print()
print("Each side's figure is the median over the rounds; their ratio is the one judged against the bar.")
print("The two sides of a round are measured tens of seconds apart, so pairing them within a round")
print("adds no information on a shared machine and only compounds the two noises; the median of the")
print("per-round ratios is printed beside it for information.")
print(f"{'figure':70s} {'anatomy':>9s} {'reference':>9s} {'ratio':>6s}")
for key, values in rows.items():
    for i, (a, b, *note) in enumerate(values, 1):
        print(f"{key:70s} {a:9.2f} {b:9.2f} {a / b:6.2f}  (round {i}{''.join(', ' + n for n in note)})")
    ma = statistics.median(v[0] for v in values)
    mb = statistics.median(v[1] for v in values)
    print(f"{'  medians, and their ratio':70s} {ma:9.2f} {mb:9.2f} {ma / mb:6.2f}"
          f"  (median of round ratios {statistics.median(v[0] / v[1] for v in values):.2f})")
pairs = {}
for r in range(1, rounds + 1):
    path = out / f"points-{r}.txt"
    if path.exists():
        for line in path.read_text().splitlines():
            side, size, value = line.split()
            pairs.setdefault(int(size), {}).setdefault(side, []).append(float(value))
if pairs:
    print()
    print("Latency, anatomy's probe and the C chase alternating in one process (bench/ChasePoint.java),")
    print("all rounds' pairs pooled: both sides meet the same moments of the machine.")
    print(f"{'size':>12s} {'pairs':>5s} {'anatomy median':>14s} {'C median':>9s} {'ratio':>6s}"
          f" {'anatomy best':>12s} {'C best':>7s} {'ratio':>6s} {'pair ratios, median':>19s}")
    for size, sides in sorted(pairs.items()):
        a, c = sides["anatomy"], sides["chase"]
        ma, mc = statistics.median(a), statistics.median(c)
        per = statistics.median(x / y for x, y in zip(a, c))
        print(f"{size >> 10:>8d} KiB {len(a):5d} {ma:14.2f} {mc:9.2f} {ma / mc:6.2f}"
              f" {min(a):12.2f} {min(c):7.2f} {min(a) / min(c):6.2f} {per:19.2f}")
        slow = sum(1 for v in a + c if v > 2 * min(a + c))
        if slow:
            print(f"{'':12s} {slow} of {len(a) + len(c)} runs read over twice the best of both sides"
                  " (the machine moved between the two)")
for name in ["seconds", "quick-seconds"]:
    secs = [float((out / f"{name}-{r}.txt").read_text()) for r in range(1, rounds + 1)]
    print(f"measure --only memory {'--quick ' if 'quick' in name else ''}wall seconds: "
          + ", ".join(f"{s:.1f}" for s in secs) + f" (median {statistics.median(secs):.1f})")
