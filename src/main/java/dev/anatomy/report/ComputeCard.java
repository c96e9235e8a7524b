package dev.anatomy.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/** The computing units on the card: clock, peak FLOPS, SIMD, ILP, scaling and the demos. */
public final class ComputeCard implements CardSection {
  @Override
  public String part() {
    return "compute";
  }

  @Override
  public String render(JsonNode doc) {
    JsonNode c = doc.get("compute");
    if (c == null) {
      return "";
    }
    StringBuilder out = new StringBuilder("COMPUTING UNITS\n");
    clock(c, out);
    peak(c.path("peakFlops"), out);
    simd(c.path("simd"), out);
    ilp(c.path("ilpSummary"), out);
    scaling("compute-bound", c.path("scaling"), out);
    scaling("memory-bound", c.path("scaling").path("memoryBound"), out);
    demos(c, out);
    return out.toString();
  }

  private static void clock(JsonNode c, StringBuilder out) {
    if (!c.has("clockHz")) {
      return;
    }
    out.append("  clock ")
        .append(ghz(c.path("clockHz").asDouble()))
        .append(Format.spread(c, "clockHz"))
        .append(" one core busy");
    if (c.has("clockHzAllCores")) {
      out.append(", ").append(ghz(c.path("clockHzAllCores").asDouble())).append(" all cores busy");
    }
    if (c.has("tscHzReported")) {
      out.append("; TSC ").append(ghz(c.path("tscHzReported").asDouble())).append(" (reported)");
    }
    out.append(" - dependent integer adds, one per cycle\n");
  }

  private static void peak(JsonNode p, StringBuilder out) {
    if (!p.has("fp64PerCore")) {
      return;
    }
    out.append(
        String.format(
            Locale.ROOT,
            "  peak FP64 %s per core, %s on %d cores (ceiling %s = cores x clock x %d lanes x 2 x"
                + " %d FMA units, units inferred); FP32 %s per core, %s all cores%n",
            gflops(p, "fp64PerCore"),
            gflops(p, "fp64AllCores"),
            p.path("cores").asInt(),
            gflops(p.path("fp64Ceiling").asDouble()),
            p.path("fp64Lanes").asInt(),
            p.path("fmaUnits").asInt(),
            gflops(p, "fp32PerCore"),
            gflops(p, "fp32AllCores")));
  }

  private static void simd(JsonNode s, StringBuilder out) {
    if (!s.has("vectorBits")) {
      return;
    }
    out.append(
        String.format(
            Locale.ROOT,
            "  SIMD %d-bit (%d fp64, %d fp32 lanes); Vector API over scalar FMA loops: fp64 %sx,"
                + " fp32 %sx, int32 %sx%n",
            s.path("vectorBits").asInt(),
            s.path("lanesFp64").asInt(),
            s.path("lanesFp32").asInt(),
            Format.number(s.path("speedupFp64").asDouble()),
            Format.number(s.path("speedupFp32").asDouble()),
            Format.number(s.path("speedupInt32").asDouble())));
  }

  private static void ilp(JsonNode summary, StringBuilder out) {
    if (!summary.isArray() || summary.isEmpty()) {
      return;
    }
    out.append(
        "  instructions per cycle, 1 chain (latency) and independent chains (throughput):\n");
    Table t = new Table("op", "latency", "best", "at chains", "overlap");
    for (JsonNode s : summary) {
      t.add(
          s.path("op").asText(),
          Format.number(s.path("latencyCycles").asDouble()) + " cycles",
          Format.number(s.path("bestOpsPerCycle").asDouble()) + "/cycle",
          String.valueOf(s.path("bestChains").asInt()),
          Format.number(s.path("overlap").asDouble()) + "x");
    }
    out.append(t.render("    "));
  }

  private static void scaling(String name, JsonNode s, StringBuilder out) {
    JsonNode points = s.path("points");
    if (!points.isArray() || points.isEmpty()) {
      return;
    }
    JsonNode last = points.get(points.size() - 1);
    out.append(
        String.format(
            Locale.ROOT,
            "  scaling, %s: %sx on %d threads; Amdahl serial fraction %s",
            name,
            Format.number(last.path("speedup").asDouble()),
            last.path("threads").asInt(),
            s.has("amdahlSerialFraction")
                ? String.format(Locale.ROOT, "%.3f", s.path("amdahlSerialFraction").asDouble())
                : Format.NONE));
    JsonNode predicted = s.path("predictedSpeedup");
    if (predicted.isArray() && !predicted.isEmpty()) {
      out.append("; predicted");
      for (JsonNode p : predicted) {
        out.append(' ')
            .append(Format.number(p.path("amdahl").asDouble()))
            .append("x at ")
            .append(p.path("threads").asInt());
      }
    }
    out.append('\n');
  }

  private static void demos(JsonNode c, StringBuilder out) {
    JsonNode fits = c.path("amdahlDemoFit");
    if (fits.isArray() && !fits.isEmpty()) {
      out.append("  Amdahl's law shown (fork-join, serial phase p):");
      for (JsonNode f : fits) {
        out.append(
            String.format(
                Locale.ROOT,
                " p=%.2f fitted %.3f;",
                f.path("serialFraction").asDouble(),
                f.path("fittedSerialFraction").asDouble()));
      }
      out.append('\n');
    }
    JsonNode lock = c.path("globalLockDemo");
    if (lock.isArray() && !lock.isEmpty()) {
      out.append("  global lock (p of each task locked), most threads:");
      double p = Double.NaN;
      JsonNode best = null;
      for (JsonNode l : lock) {
        if (best != null && l.path("serialFraction").asDouble() != p) {
          lockEntry(best, out);
        }
        p = l.path("serialFraction").asDouble();
        best = l;
      }
      lockEntry(best, out);
      out.append('\n');
    }
  }

  private static void lockEntry(JsonNode l, StringBuilder out) {
    out.append(
        String.format(
            Locale.ROOT,
            " p=%.2f %sx (limit %s, fork-join %sx);",
            l.path("serialFraction").asDouble(),
            Format.number(l.path("speedup").asDouble()),
            Format.number(l.path("limit").asDouble()),
            Format.number(l.path("forkJoinSpeedup").asDouble())));
  }

  private static String ghz(double hz) {
    return String.format(Locale.ROOT, "%.3g GHz", hz / 1e9);
  }

  private static String gflops(JsonNode parent, String key) {
    JsonNode v = parent.get(key);
    return v == null || !v.isNumber()
        ? Format.NONE
        : gflops(v.asDouble()) + Format.spread(parent, key);
  }

  private static String gflops(double v) {
    return String.format(Locale.ROOT, "%.3g GFLOP/s", v / 1e9);
  }
}
