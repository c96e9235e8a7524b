package dev.anatomy.report.html;

import static dev.anatomy.report.html.Html.esc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anatomy.harness.NoiseRecord;
import dev.anatomy.report.Format;
import dev.anatomy.run.Sizes;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The parts of the page that are not charts: header, tiles, warnings and tables. */
final class Blocks {
  /** CPU flags worth a glance: the SIMD and FMA extensions the kernels can use. */
  private static final Set<String> HOT_FLAGS =
      Set.of(
          "sse2",
          "sse4_2",
          "avx",
          "avx2",
          "fma",
          "avx512f",
          "avx512bw",
          "avx512vl",
          "avx512_bf16",
          "avx512_fp16",
          "amx_tile",
          "sve",
          "neon",
          "asimd",
          "hypervisor",
          "constant_tsc");

  private Blocks() {}

  /**
   * The page header: host, CPU, memory, and when and how the run was made.
   *
   * @param doc the document
   * @return HTML
   */
  static String header(JsonNode doc) {
    JsonNode m = doc.path("machine");
    JsonNode run = doc.path("run");
    StringBuilder h = new StringBuilder("<header class=\"top\"><div class=\"wrap\">");
    h.append("<h1>anatomy <span class=\"host\">· ")
        .append(esc(run.path("host").asText("unknown host")))
        .append("</span>");
    if (run.path("partial").asBoolean()) {
      h.append("<span class=\"badge\">PARTIAL: interrupted</span>");
    }
    h.append("</h1>");
    List<String> machine = new ArrayList<>();
    machine.add(m.path("modelName").asText("unknown CPU"));
    if (m.has("logicalCpus")) {
      machine.add(m.path("logicalCpus").asInt() + " logical CPUs");
    }
    if (m.has("physicalCores")) {
      machine.add(m.path("physicalCores").asInt() + " cores");
    }
    Nodes.positive(m.get("memoryTotalBytes"))
        .ifPresent(b -> machine.add(Sizes.format(b) + " memory"));
    if (m.path("hypervisor").asBoolean()) {
      machine.add("under a hypervisor");
    }
    h.append("<div class=\"machine\">").append(esc(String.join(" · ", machine))).append("</div>");
    List<String> about = new ArrayList<>();
    about.add("run " + run.path("startedAt").asText("?").replaceFirst("\\.\\d+Z$", "Z"));
    duration(run).ifPresent(about::add);
    about.add(run.path("effort").asText("?") + " effort");
    List<String> parts = new ArrayList<>();
    run.path("partsMeasured").forEach(p -> parts.add(p.asText()));
    about.add("parts measured: " + (parts.isEmpty() ? "none" : String.join(", ", parts)));
    about.add("anatomy " + run.path("anatomyVersion").asText("?"));
    about.add("schema " + doc.path("schemaVersion").asText("?"));
    h.append("<div class=\"run\">").append(esc(String.join(" · ", about))).append("</div>");
    return h.append("</div></header>").toString();
  }

  private static Optional<String> duration(JsonNode run) {
    try {
      Duration d =
          Duration.between(
              Instant.parse(run.path("startedAt").asText()),
              Instant.parse(run.path("finishedAt").asText()));
      return Optional.of(String.format(Locale.ROOT, "took %.1f s", d.toMillis() / 1000.0));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /**
   * The headline figures as tiles, those the document has.
   *
   * @param doc the document
   * @return HTML, or "" when there is none
   */
  static String tiles(JsonNode doc) {
    StringBuilder t = new StringBuilder();
    List<Tier> tiers = Tier.of(doc);
    if (!tiers.isEmpty()) {
      Tier first = tiers.get(0);
      first
          .figure("latencyNs")
          .ifPresent(
              ns ->
                  tile(
                      t,
                      "memory",
                      first.name() + " latency",
                      Units.nanoseconds(ns),
                      first.measuredSize().isPresent()
                          ? first.name()
                              + " holds "
                              + Sizes.format(first.measuredSize().getAsDouble())
                          : ""));
    }
    for (Tier tier : tiers) {
      if (tier.dram()) {
        tier.figure("latencyNs")
            .ifPresent(
                ns -> tile(t, "memory", "DRAM latency", Units.nanoseconds(ns), cycles(tier)));
        OptionalDouble all = tier.figure("triadBytesPerSecondAllThreads");
        OptionalDouble one = tier.figure("triadBytesPerSecond");
        if (all.isPresent()) {
          tile(
              t,
              "memory",
              "DRAM bandwidth",
              Sizes.formatRate(all.getAsDouble()),
              "triad, all threads");
        } else if (one.isPresent()) {
          tile(
              t,
              "memory",
              "DRAM bandwidth",
              Sizes.formatRate(one.getAsDouble()),
              "triad, one thread");
        }
      }
    }
    JsonNode c = doc.path("compute");
    Nodes.positive(c.get("clockHz"))
        .ifPresent(
            hz -> tile(t, "compute", "clock", Units.decimal(hz, "Hz"), "one core busy, measured"));
    OptionalDouble all = Nodes.positive(c.path("peakFlops").get("fp64AllCores"));
    OptionalDouble one = Nodes.positive(c.path("peakFlops").get("fp64PerCore"));
    if (all.isPresent()) {
      tile(
          t,
          "compute",
          "peak FP64",
          Units.decimal(all.getAsDouble(), "FLOP/s"),
          "all cores, SIMD + FMA");
    } else if (one.isPresent()) {
      tile(
          t,
          "compute",
          "peak FP64",
          Units.decimal(one.getAsDouble(), "FLOP/s"),
          "one core, SIMD + FMA");
    }
    JsonNode s = doc.path("storage");
    Nodes.positive(s.get("sequentialReadBytesPerSecond"))
        .ifPresent(
            r ->
                tile(
                    t,
                    "storage",
                    "disk read",
                    Sizes.formatRate(r),
                    "sequential, 1 MiB blocks"
                        + (s.has("direct") && !s.path("direct").asBoolean() ? ", buffered" : "")));
    Nodes.positive(s.get("randomReadIops"))
        .ifPresent(
            r ->
                tile(
                    t,
                    "storage",
                    "disk random reads",
                    Units.decimal(r, "IO/s"),
                    "4 KiB, queue depth 1"));
    Nodes.positive(Nodes.at(doc, "links.network.loopback.tcpRoundTripNs.p50"))
        .ifPresent(
            ns -> tile(t, "links", "TCP round trip", Units.nanoseconds(ns), "loopback, median"));
    Nodes.positive(Nodes.at(doc, "links.network.loopback.tcpBytesPerSecond"))
        .ifPresent(
            r -> tile(t, "links", "TCP stream", Sizes.formatRate(r), "loopback, one connection"));
    return t.isEmpty() ? "" : "<div class=\"tiles\">" + t + "</div>";
  }

  private static String cycles(Tier t) {
    OptionalDouble c = t.figure("latencyCycles");
    return c.isPresent() ? Units.human(c.getAsDouble(), "") + " cycles" : "one dependent load";
  }

  private static void tile(StringBuilder t, String part, String label, String value, String sub) {
    t.append("<div class=\"tile ")
        .append(part)
        .append("\"><div class=\"label\">")
        .append(esc(label))
        .append("</div><div class=\"value\">")
        .append(esc(value))
        .append("</div><div class=\"sub\">")
        .append(esc(sub))
        .append("</div></div>");
  }

  /**
   * The noise warning, when the machine was busy while it was measured.
   *
   * @param doc the document
   * @return HTML, or "" when the machine was quiet
   */
  static String busy(JsonNode doc) {
    JsonNode env = doc.path("environment");
    List<String> steps = new ArrayList<>();
    for (JsonNode n : env.path("noise")) {
      double steal = n.path("stealFraction").asDouble();
      double foreign = n.path("foreignBusyFraction").asDouble();
      if (steal > NoiseRecord.STEAL_LIMIT || foreign > NoiseRecord.FOREIGN_LIMIT) {
        steps.add(
            n.path("step").asText("?")
                + ": "
                + Units.percent(foreign)
                + " of CPU time used by other processes, "
                + Units.percent(steal)
                + " stolen by the hypervisor, load average "
                + n.path("loadAverage").asText("?"));
      }
    }
    if (!env.path("busy").asBoolean() && steps.isEmpty()) {
      return "";
    }
    StringBuilder b =
        new StringBuilder("<div class=\"banner\" id=\"busy\"><b>⚠ The machine was busy while");
    b.append(
            " it was measured:</b> other work ran beside anatomy, so the figures of these steps may be")
        .append(" low and their spread wide. Measure again on a quiet machine to be sure.<ul>");
    steps.forEach(s -> b.append("<li>").append(esc(s)).append("</li>"));
    return b.append("</ul></div>").toString();
  }

  /**
   * Memory-level parallelism and loaded latency, when measured.
   *
   * @param doc the document
   * @return HTML, or ""
   */
  static String memoryExtras(JsonNode doc) {
    JsonNode mem = doc.path("memory");
    JsonNode mlp = mem.path("memoryLevelParallelism");
    JsonNode loaded = mem.path("loadedLatency");
    if (!mlp.path("chains").isArray() && !loaded.isObject()) {
      return "";
    }
    StringBuilder out = new StringBuilder("<div class=\"grid2\">");
    if (mlp.path("chains").isArray() && !mlp.path("chains").isEmpty()) {
      out.append("<div class=\"table-card\"><h3>Memory-level parallelism</h3><p class=\"muted\">")
          .append("Independent pointer chases at once over ")
          .append(esc(Format.size(mlp.get("workingSetBytes"))))
          .append(
              ": how many misses the core keeps in flight.</p><table><thead><tr><th>chains</th>")
          .append(
              "<th class=\"num\">ns per load</th><th class=\"num\">speedup</th></tr></thead><tbody>");
      for (JsonNode ch : mlp.path("chains")) {
        out.append("<tr><td>")
            .append(ch.path("chains").asInt())
            .append("</td><td class=\"num\">")
            .append(esc(Units.human(ch.path("nsPerLoad").asDouble(), "ns")))
            .append(esc(spread(ch, "nsPerLoad")))
            .append("</td><td class=\"num\">")
            .append(esc(Units.human(ch.path("speedup").asDouble(), "x")))
            .append("</td></tr>");
      }
      out.append("</tbody></table></div>");
    }
    if (loaded.isObject()) {
      out.append(
              "<div class=\"table-card\"><h3>Loaded latency</h3><p class=\"muted\">One chase over ")
          .append(esc(Format.size(loaded.get("workingSetBytes"))))
          .append(" while ")
          .append(loaded.path("streamingThreads").asInt())
          .append(" other thread(s) stream reads: DRAM latency under load.</p><table><tbody>");
      row(out, "idle", loaded, "idleLatencyNs");
      row(out, "loaded", loaded, "loadedLatencyNs");
      Nodes.positive(loaded.get("streamBytesPerSecond"))
          .ifPresent(
              r ->
                  out.append("<tr><td>streams moved</td><td class=\"num\">")
                      .append(esc(Sizes.formatRate(r)))
                      .append("</td></tr>"));
      out.append("</tbody></table></div>");
    }
    return out.append("</div>").toString();
  }

  private static void row(StringBuilder out, String label, JsonNode parent, String key) {
    Nodes.positive(parent.get(key))
        .ifPresent(
            v ->
                out.append("<tr><td>")
                    .append(esc(label))
                    .append("</td><td class=\"num\">")
                    .append(esc(Units.nanoseconds(v) + spread(parent, key)))
                    .append("</td></tr>"));
  }

  private static String spread(JsonNode parent, String key) {
    return Format.spread(parent, key);
  }

  /**
   * The connections table: each link's measured and theoretical bandwidth and its latency.
   *
   * @param links the links
   * @return HTML
   */
  static String connectionsTable(List<Connections.Link> links) {
    StringBuilder out =
        new StringBuilder("<div class=\"table-card\"><h3>Every connection</h3><table><thead><tr>");
    out.append(
            "<th>connection</th><th class=\"num\">measured, best</th><th class=\"num\">theoretical</th>")
        .append(
            "<th class=\"num\">measured / theoretical</th><th>latency</th></tr></thead><tbody>");
    for (Connections.Link l : links) {
      OptionalDouble best = l.bestMeasured();
      OptionalDouble theo = l.theoretical();
      out.append("<tr><td>")
          .append(esc(l.name()))
          .append("</td><td class=\"num\">")
          .append(best.isPresent() ? esc(Sizes.formatRate(best.getAsDouble())) : "—")
          .append("</td><td class=\"num\">")
          .append(theo.isPresent() ? esc(Sizes.formatRate(theo.getAsDouble())) : "—")
          .append("</td><td class=\"num\">")
          .append(
              best.isPresent() && theo.isPresent()
                  ? esc(Units.percent(best.getAsDouble() / theo.getAsDouble()))
                  : "—")
          .append("</td><td>")
          .append(l.latency().isEmpty() ? "—" : esc(l.latency()))
          .append("</td></tr>");
    }
    return out.append("</tbody></table></div>").toString();
  }

  /**
   * The computing units' headline figures and the instruction-level parallelism table.
   *
   * @param doc the document
   * @return HTML, or "" without a compute section
   */
  static String computeSummary(JsonNode doc) {
    JsonNode c = doc.path("compute");
    if (!c.isObject()) {
      return "";
    }
    String[][] keys = {
      {"clockHz", "clock, one core busy"},
      {"clockHzAllCores", "clock, all cores busy"},
      {"peakFlops.fp64PerCore", "peak FP64, one core"},
      {"peakFlops.fp64AllCores", "peak FP64, all cores"},
      {"peakFlops.fp32PerCore", "peak FP32, one core"},
      {"peakFlops.fp64Ceiling", "FP64 ceiling (cores x clock x lanes x 2 x FMA units)"},
      {"simd.vectorBits", "vector width, bits"},
      {"simd.speedupFp64", "SIMD speedup, FP64"},
      {"scaling.amdahlSerialFraction", "serial fraction (Amdahl fit)"}
    };
    StringBuilder out =
        new StringBuilder(
            "<div class=\"grid2\"><div class=\"table-card\"><h3>The computing units</h3><table><tbody>");
    Absences why = new Absences(doc);
    for (String[] k : keys) {
      String key = "compute." + k[0];
      OptionalDouble v = Nodes.number(doc, key);
      String last = k[0].substring(k[0].lastIndexOf('.') + 1);
      String unit =
          k[0].contains("Flops")
              ? "FLOP/s"
              : k[0].startsWith("simd.speedup") ? "x" : Units.fromKey(last);
      out.append("<tr><td>").append(esc(k[1])).append("</td><td class=\"num\">");
      if (v.isPresent()) {
        out.append(esc(Units.human(v.getAsDouble(), unit)));
      } else {
        out.append("<span class=\"muted\">")
            .append(esc(why.why(key).orElse("not measured")))
            .append("</span>");
      }
      out.append("</td></tr>");
    }
    out.append("</tbody></table></div>").append(ilp(c)).append("</div>");
    return out.toString();
  }

  private static String ilp(JsonNode c) {
    Map<String, Map<Integer, Double>> table = new TreeMap<>();
    Set<Integer> chains = new TreeSet<>();
    for (JsonNode e : c.path("ilp")) {
      OptionalDouble ops = Nodes.number(e.get("opsPerCycle"));
      if (ops.isPresent()) {
        int n = e.path("chains").asInt();
        chains.add(n);
        table
            .computeIfAbsent(e.path("op").asText("?"), k -> new TreeMap<>())
            .put(n, ops.getAsDouble());
      }
    }
    if (table.isEmpty()) {
      return "";
    }
    StringBuilder out =
        new StringBuilder(
            "<div class=\"table-card\"><h3>Instructions per cycle, by independent chains</h3>");
    out.append(
            "<p class=\"muted\">One chain shows an operation's latency; many chains, how much independent")
        .append(
            " work the core overlaps (out-of-order execution).</p><table><thead><tr><th>operation</th>");
    chains.forEach(n -> out.append("<th class=\"num\">").append(n).append("</th>"));
    out.append("</tr></thead><tbody>");
    table.forEach(
        (op, row) -> {
          out.append("<tr><td>").append(esc(op)).append("</td>");
          chains.forEach(
              n ->
                  out.append("<td class=\"num\">")
                      .append(row.containsKey(n) ? esc(Units.human(row.get(n), "")) : "—")
                      .append("</td>"));
          out.append("</tr>");
        });
    return out.append("</tbody></table></div>").toString();
  }

  /**
   * The inventory: what the machine reports.
   *
   * @param doc the document
   * @return HTML
   */
  static String inventory(JsonNode doc) {
    JsonNode m = doc.path("machine");
    if (!m.isObject()) {
      return "<div class=\"absent-part\">The document has no machine inventory.</div>";
    }
    StringBuilder out =
        new StringBuilder(
            "<div class=\"grid2\"><div class=\"table-card\"><h3>Processor and memory, as reported</h3><dl class=\"facts\">");
    fact(
        out,
        "CPU",
        m.path("modelName").asText("?")
            + " ("
            + m.path("vendor").asText("?")
            + ", family "
            + m.path("family").asText("?")
            + ", model "
            + m.path("model").asText("?")
            + ", stepping "
            + m.path("stepping").asText("?")
            + ")");
    fact(
        out,
        "CPUs",
        m.path("logicalCpus").asText("?")
            + " logical, "
            + m.path("physicalCores").asText("?")
            + " cores, "
            + m.path("packages").asText("?")
            + " package(s)");
    List<String> smt = new ArrayList<>();
    for (JsonNode s : m.path("smtSiblings")) {
      if (s.size() > 1) {
        smt.add(s.toString());
      }
    }
    fact(out, "SMT siblings", smt.isEmpty() ? "none (one thread per core)" : String.join(" ", smt));
    List<String> numa = new ArrayList<>();
    for (JsonNode n : m.path("numaNodes")) {
      numa.add("node " + n.path("id").asText() + ": CPUs " + n.path("cpus").toString());
    }
    fact(out, "NUMA", numa.isEmpty() ? "?" : String.join("; ", numa));
    Nodes.positive(m.get("memoryTotalBytes"))
        .ifPresent(
            b ->
                fact(
                    out,
                    "memory",
                    Sizes.format(b)
                        + " total, "
                        + Format.size(m.get("memoryAvailableBytes"))
                        + " available at the start"));
    Nodes.positive(m.get("reportedMhz"))
        .ifPresent(
            mhz ->
                fact(
                    out,
                    "clock, reported",
                    Units.decimal(mhz * 1e6, "Hz")
                        + " (/proc/cpuinfo; the measured clock is in the computing units)"));
    fact(out, "hypervisor", m.path("hypervisor").asBoolean() ? "yes: a virtual machine" : "no");
    fact(
        out,
        "huge pages",
        m.path("transparentHugePages").asText("?") + " (transparent huge pages mode)");
    fact(out, "clock source", m.path("clockSource").asText("?"));
    fact(out, "kernel", m.path("kernel").asText("?"));
    out.append("</dl>");
    out.append("<h3 style=\"margin-top:14px\">CPU flags</h3><div class=\"chips\">");
    List<String> flags = new ArrayList<>();
    m.path("flags").forEach(f -> flags.add(f.asText()));
    flags.sort(
        Comparator.comparing((String f) -> !HOT_FLAGS.contains(f))
            .thenComparing(Comparator.naturalOrder()));
    for (String flag : flags) {
      out.append(HOT_FLAGS.contains(flag) ? "<span class=\"hot\">" : "<span>")
          .append(esc(flag))
          .append("</span>");
    }
    out.append("</div></div>");
    out.append(
            "<div class=\"table-card\"><h3>Caches, as reported ("
                + esc(Format.cacheSource(m))
                + ")</h3><table><thead><tr><th>level</th><th>type</th>")
        .append(
            "<th class=\"num\">size</th><th class=\"num\">line</th><th class=\"num\">ways</th><th>shared by CPUs</th><th class=\"num\">instances</th></tr></thead><tbody>");
    for (JsonNode c : m.path("caches")) {
      out.append("<tr><td>L")
          .append(c.path("level").asInt())
          .append("</td><td>")
          .append(esc(c.path("type").asText()))
          .append("</td><td class=\"num\">")
          .append(esc(Format.size(c.get("sizeBytes"))))
          .append("</td><td class=\"num\">")
          .append(esc(Format.size(c.get("lineBytes"))))
          .append("</td><td class=\"num\">")
          .append(c.path("ways").asInt(0) > 0 ? esc(c.path("ways").asText()) : "—")
          .append("</td><td>")
          .append(c.path("sharedCpus").isEmpty() ? "—" : esc(c.path("sharedCpus").toString()))
          .append("</td><td class=\"num\">")
          .append(c.path("instances").asInt(0) > 0 ? esc(c.path("instances").asText()) : "—")
          .append("</td></tr>");
    }
    out.append("</tbody></table>");
    out.append(
        "<p class=\"muted\">Reported is not measured: a virtual machine often reports its host's caches. The measured sizes are in the memory units above.</p></div></div>");
    return out.toString();
  }

  private static void fact(StringBuilder out, String term, String value) {
    out.append("<dt>").append(esc(term)).append("</dt><dd>").append(esc(value)).append("</dd>");
  }

  /**
   * The environment: kernel, JVM, timer, and the noise of each step.
   *
   * @param doc the document
   * @return HTML
   */
  static String environment(JsonNode doc) {
    JsonNode env = doc.path("environment");
    StringBuilder out =
        new StringBuilder(
            "<div class=\"grid2\"><div class=\"table-card\"><h3>Software and timer</h3><dl class=\"facts\">");
    fact(out, "kernel", env.path("kernel").asText("?") + " (" + env.path("os").asText("?") + ")");
    JsonNode jvm = env.path("jvm");
    fact(out, "JVM", jvm.path("vm").asText("?") + ", " + jvm.path("vendor").asText("?"));
    List<String> flags = new ArrayList<>();
    jvm.path("flags").forEach(f -> flags.add(f.asText()));
    fact(out, "JVM flags", flags.isEmpty() ? "none" : String.join(" ", flags));
    fact(out, "huge pages", env.path("transparentHugePages").asText("?"));
    fact(out, "clock source", env.path("clockSource").asText("?"));
    Nodes.positive(env.get("timerGranularityNs"))
        .ifPresent(ns -> fact(out, "timer granularity", Units.nanoseconds(ns)));
    Nodes.positive(env.get("timerLatencyNs"))
        .ifPresent(ns -> fact(out, "timer latency", Units.nanoseconds(ns)));
    fact(out, "CPUs allowed", env.path("allowedCpus").toString());
    fact(out, "hypervisor", env.path("hypervisor").asBoolean() ? "yes" : "no");
    out.append("</dl></div>");
    out.append(
            "<div class=\"table-card\"><h3>Noise during each step</h3><table><thead><tr><th>step</th><th class=\"num\">seconds</th>")
        .append(
            "<th class=\"num\">other processes</th><th class=\"num\">stolen</th><th class=\"num\">load</th></tr></thead><tbody>");
    for (JsonNode n : env.path("noise")) {
      double steal = n.path("stealFraction").asDouble();
      double foreign = n.path("foreignBusyFraction").asDouble();
      boolean busy = steal > NoiseRecord.STEAL_LIMIT || foreign > NoiseRecord.FOREIGN_LIMIT;
      out.append(busy ? "<tr class=\"busy\">" : "<tr>")
          .append("<td>")
          .append(esc(n.path("step").asText()))
          .append("</td><td class=\"num\">")
          .append(esc(Units.human(n.path("seconds").asDouble(), "")))
          .append("</td><td class=\"num\">")
          .append(esc(Units.percent(foreign)))
          .append("</td><td class=\"num\">")
          .append(esc(Units.percent(steal)))
          .append("</td><td class=\"num\">")
          .append(esc(n.path("loadAverage").asText("?")))
          .append("</td></tr>");
    }
    out.append(
            "</tbody></table><p class=\"muted\">A step is marked busy when other processes used more than ")
        .append(esc(Units.percent(NoiseRecord.FOREIGN_LIMIT)))
        .append(" of the CPU time or the hypervisor stole more than ")
        .append(esc(Units.percent(NoiseRecord.STEAL_LIMIT)))
        .append(".</p></div></div>");
    return out.toString();
  }

  /**
   * Every figure, grouped, with a filter box.
   *
   * @param doc the document
   * @return HTML
   */
  static String figures(JsonNode doc) {
    Map<String, List<FigureTable.Row>> groups = FigureTable.groups(doc);
    int total = groups.values().stream().mapToInt(List::size).sum();
    StringBuilder out =
        new StringBuilder(
            "<div class=\"filter\"><input id=\"figure-filter\" type=\"search\" placeholder=\"Filter figures: a key, a kernel, a size…\" aria-label=\"filter figures\">");
    out.append("<span class=\"muted\">")
        .append(total)
        .append(" figures in ")
        .append(groups.size())
        .append(" groups</span><span class=\"muted\" id=\"figure-count\"></span></div>");
    out.append("<div id=\"figures\">");
    groups.forEach(
        (group, rows) -> {
          out.append("<details class=\"group\"")
              .append(rows.size() <= 12 ? " open" : "")
              .append("><summary>")
              .append(esc(group))
              .append(" <span class=\"count\">· ")
              .append(rows.size())
              .append(rows.size() == 1 ? " figure" : " figures")
              .append(
                  "</span></summary><table><thead><tr><th>key</th><th>at</th><th class=\"num\">value</th><th>unit</th>")
              .append(
                  "<th>statistic</th><th class=\"num\">median</th><th class=\"num\">min – max</th><th class=\"num\" title=\"range of the samples over the value; MAD: median absolute deviation over the value\">spread</th><th>method</th></tr></thead><tbody>");
          rows.forEach(r -> figureRow(out, r));
          out.append("</tbody></table></details>");
        });
    return out.append("</div>").toString();
  }

  private static void figureRow(StringBuilder out, FigureTable.Row r) {
    JsonNode d = r.details();
    out.append("<tr><td class=\"key\">")
        .append(esc(r.key()))
        .append("</td><td class=\"at\">")
        .append(esc(r.context()))
        .append("</td><td class=\"num\" title=\"")
        .append(esc(Double.toString(r.value())))
        .append("\">")
        .append(esc(r.human()))
        .append("</td><td>")
        .append(esc(r.unit()))
        .append("</td><td>");
    if (d.isObject()) {
      out.append(esc(d.path("statistic").asText("?")))
          .append(" of ")
          .append(d.path("samples").size());
      String median =
          Nodes.number(d.get("median")).stream()
              .mapToObj(v -> Units.human(v, r.unit()))
              .findFirst()
              .orElse("—");
      String range =
          Nodes.number(d.get("min")).isPresent() && Nodes.number(d.get("max")).isPresent()
              ? Units.human(d.get("min").asDouble(), r.unit())
                  + " – "
                  + Units.human(d.get("max").asDouble(), r.unit())
              : "—";
      String spread =
          Nodes.number(d.get("relativeSpread")).stream()
                  .mapToObj(Units::percent)
                  .findFirst()
                  .orElse("—")
              + Nodes.number(d.get("relativeMad")).stream()
                  .mapToObj(m -> " (MAD " + Units.percent(m) + ")")
                  .findFirst()
                  .orElse("");
      String method =
          d.path("method").asText("")
              + (d.hasNonNull("variant") && !d.get("variant").asText().isEmpty()
                  ? " [" + d.get("variant").asText() + "]"
                  : "");
      out.append("</td><td class=\"num\">")
          .append(esc(median))
          .append("</td><td class=\"num\">")
          .append(esc(range))
          .append("</td><td class=\"num\">")
          .append(esc(spread))
          .append("</td><td class=\"method\">")
          .append(esc(method))
          .append("</td></tr>");
    } else {
      out.append(
          "—</td><td class=\"num\">—</td><td class=\"num\">—</td><td class=\"num\">—</td><td class=\"method\">reported or derived; no samples</td></tr>");
    }
  }

  /**
   * Everything the document says could not be measured.
   *
   * @param doc the document
   * @return HTML
   */
  static String unavailable(JsonNode doc) {
    JsonNode u = doc.path("unavailable");
    if (!u.isObject() || u.isEmpty()) {
      return "<p class=\"muted\">Everything the run set out to measure was measured.</p>";
    }
    StringBuilder out =
        new StringBuilder(
            "<div class=\"table-card\"><table><thead><tr><th>key</th><th>why it is missing</th></tr></thead><tbody>");
    for (Map.Entry<String, JsonNode> e : u.properties()) {
      out.append("<tr><td class=\"key\">")
          .append(esc(e.getKey()))
          .append("</td><td>")
          .append(esc(e.getValue().asText()))
          .append("</td></tr>");
    }
    return out.append("</tbody></table></div>").toString();
  }
}
