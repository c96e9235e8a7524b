package dev.anatomy.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/** The memory units on the card: the tiers, measured beside reported, and MLP. */
public final class MemoryCard implements CardSection {
  @Override
  public String part() {
    return "memory";
  }

  @Override
  public String render(JsonNode doc) {
    JsonNode mem = doc.get("memory");
    if (mem == null) {
      return "";
    }
    StringBuilder out = new StringBuilder("MEMORY UNITS\n");
    JsonNode levels = mem.path("levels");
    int threads = doc.path("environment").path("allowedCpus").size();
    Table t =
        new Table(
            "tier",
            "size",
            "reported",
            "latency",
            "read 1T",
            "write 1T",
            "triad 1T",
            "read " + threads + "T",
            "triad " + threads + "T");
    for (JsonNode l : levels) {
      String latency = Format.ns(l, "latencyNs");
      JsonNode cycles = l.get("latencyCycles");
      if (cycles != null && cycles.isNumber()) {
        latency += String.format(Locale.ROOT, " (%s cy)", Format.number(cycles.asDouble()));
      }
      t.add(
          l.path("name").asText(),
          Format.size(l.get("sizeBytes")),
          Format.size(l.get("reportedSizeBytes")),
          latency,
          Format.rate(l, "readBytesPerSecond"),
          Format.rate(l, "writeBytesPerSecond"),
          Format.rate(l, "triadBytesPerSecond"),
          Format.rate(l, "readBytesPerSecondAllThreads"),
          Format.rate(l, "triadBytesPerSecondAllThreads"));
    }
    out.append(t.render("  "));
    out.append(
        "  size: measured from the knees of the latency curve (tlb-grouped chase, 4 KiB pages);"
            + " reported: "
            + Format.cacheSource(doc.get("machine"))
            + "\n");
    JsonNode dram = null;
    for (JsonNode l : levels) {
      if ("DRAM".equals(l.path("name").asText())) {
        dram = l.get("bandwidthWorkingSetBytes");
      }
    }
    out.append("  bandwidth at half each cache's measured size")
        .append(dram == null ? "" : ", DRAM at " + Format.size(dram))
        .append("; bytes counted as STREAM (write-allocate not counted)\n");
    mlp(mem, out);
    loaded(mem, out);
    return out.toString();
  }

  private static void mlp(JsonNode mem, StringBuilder out) {
    JsonNode chains = mem.path("memoryLevelParallelism").path("chains");
    if (!chains.isArray() || chains.isEmpty()) {
      return;
    }
    StringBuilder line = new StringBuilder("  memory-level parallelism (");
    line.append(Format.size(mem.path("memoryLevelParallelism").get("workingSetBytes")))
        .append("): ");
    boolean first = true;
    for (JsonNode c : chains) {
      if (!first) {
        line.append(", ");
      }
      first = false;
      line.append(c.path("chains").asInt())
          .append(" chains ")
          .append(Format.number(c.path("nsPerLoad").asDouble()))
          .append(" ns/load");
      if (c.path("chains").asInt() > 1) {
        line.append(" (").append(Format.number(c.path("speedup").asDouble())).append("x)");
      }
    }
    out.append(line.toString().replace("1 chains", "1 chain")).append('\n');
  }

  private static void loaded(JsonNode mem, StringBuilder out) {
    JsonNode l = mem.get("loadedLatency");
    if (l == null) {
      return;
    }
    out.append("  loaded latency: ")
        .append(Format.ns(l, "loadedLatencyNs"))
        .append(" while ")
        .append(l.path("streamingThreads").asInt())
        .append(" other core(s) stream reads (idle: ")
        .append(Format.ns(l, "idleLatencyNs"))
        .append(")\n");
  }
}
