package dev.anatomy.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anatomy.result.Json;
import dev.anatomy.run.Sizes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Charts 1 and 2: latency and bandwidth against the working-set size, every variant, with the tiers
 * drawn as bands between the sizes measured at the curve's knees, and the sizes the machine reports
 * as dashed lines.
 */
final class MemoryCurves {
  private static final String TIER_SERIES = "tiers (measured sizes; dashed: reported)";

  private MemoryCurves() {}

  /**
   * Chart 1: the pointer-chase latency curve, one line per variant.
   *
   * @param doc the document
   * @return the chart
   */
  static Chart latency(JsonNode doc) {
    String id = "chart-latency";
    String title = "1 · Latency against working-set size";
    String lead =
        "Each point is one dependent load (p = *p) through a random chain of that many bytes."
            + " The steps are the caches: where a working set stops fitting, latency jumps to the"
            + " next tier's. Log axes; hover a point for its samples.";
    JsonNode curve = doc.path("memory").path("latencyCurve");
    Absences why = new Absences(doc);
    if (!curve.isArray() || curve.isEmpty()) {
      return Chart.absent(
          id, title, lead, List.of(why.sentence("the latency curve", "memory.latencyCurve")));
    }
    Map<String, ObjectNode> series = new LinkedHashMap<>();
    List<JsonNode> points = new ArrayList<>();
    curve.forEach(points::add);
    points.sort(
        Comparator.comparingInt((JsonNode p) -> variantRank(p.path("variant").asText()))
            .thenComparingDouble(p -> p.path("pageSizeBytes").asDouble())
            .thenComparingDouble(p -> p.path("sizeBytes").asDouble()));
    double min = Double.MAX_VALUE;
    double max = 0;
    List<String> variants = new ArrayList<>();
    for (JsonNode p : points) {
      OptionalDouble size = Nodes.positive(p.get("sizeBytes"));
      OptionalDouble ns = Nodes.positive(p.get("latencyNs"));
      if (size.isEmpty() || ns.isEmpty()) {
        continue;
      }
      String variant = p.path("variant").asText("?");
      double page = p.path("pageSizeBytes").asDouble(4096);
      String name = variant + ", " + pages(doc, page);
      ObjectNode s =
          series.computeIfAbsent(
              name,
              n -> {
                if (!variants.contains(variant)) {
                  variants.add(variant);
                }
                return Echarts.line(n, Echarts.color(variants.indexOf(variant)), page > 4096);
              });
      Echarts.point(s, size.getAsDouble(), ns.getAsDouble(), spreadTip(p, "latencyNs"));
      min = Math.min(min, size.getAsDouble());
      max = Math.max(max, size.getAsDouble());
    }
    if (series.isEmpty()) {
      return Chart.absent(id, title, lead, List.of("the latency curve holds no positive point"));
    }
    ObjectNode o = Echarts.option();
    o.set("xAxis", Echarts.every4x(Echarts.logAxis("working set", "bytes"), min, max));
    o.set("yAxis", Echarts.vertical(Echarts.logAxis("latency per load", "ns")));
    ArrayNode all = o.putArray("series");
    all.add(
        tierSeries(
            Tier.of(doc), o.at("/xAxis/min").asDouble(), o.at("/xAxis/max").asDouble(), true));
    series.values().forEach(all::add);
    List<String> notes = new ArrayList<>();
    notes.add(
        "tiers: "
            + doc.path("memory").path("method").path("tiers").asText("knees of the latency curve")
            + "; reported sizes from "
            + dev.anatomy.report.Format.cacheSource(doc.get("machine"))
            + " (caches) and /proc/meminfo (DRAM)");
    return Chart.drawn(id, title, lead, o, "bytes", "ns", notes);
  }

  /**
   * Chart 2: the bandwidth curve, one line per kernel and thread count.
   *
   * @param doc the document
   * @return the chart
   */
  static Chart bandwidth(JsonNode doc) {
    String id = "chart-bandwidth";
    String title = "2 · Bandwidth against working-set size";
    String lead =
        "Read, write, copy and triad (a[i] = b[i] + s·c[i]) over arrays of that size; solid: one"
            + " thread, dashed: all threads. Bandwidth falls at each tier's edge.";
    JsonNode curve = doc.path("memory").path("bandwidthCurve");
    Absences why = new Absences(doc);
    if (!curve.isArray() || curve.isEmpty()) {
      return Chart.absent(
          id, title, lead, List.of(why.sentence("the bandwidth curve", "memory.bandwidthCurve")));
    }
    int maxThreads = 1;
    for (JsonNode p : curve) {
      maxThreads = Math.max(maxThreads, p.path("threads").asInt(1));
    }
    List<JsonNode> points = new ArrayList<>();
    curve.forEach(points::add);
    points.sort(
        Comparator.comparingInt((JsonNode p) -> kernelRank(p.path("kernel").asText()))
            .thenComparingInt(p -> p.path("threads").asInt(1))
            .thenComparingDouble(p -> p.path("sizeBytes").asDouble()));
    Map<String, ObjectNode> series = new LinkedHashMap<>();
    double min = Double.MAX_VALUE;
    double max = 0;
    for (JsonNode p : points) {
      OptionalDouble size = Nodes.positive(p.get("sizeBytes"));
      OptionalDouble rate = Nodes.positive(p.get("bytesPerSecond"));
      if (size.isEmpty() || rate.isEmpty()) {
        continue;
      }
      String kernel = p.path("kernel").asText("?");
      int threads = p.path("threads").asInt(1);
      String name = kernel + ", " + threads + (threads == 1 ? " thread" : " threads");
      int top = maxThreads;
      ObjectNode s =
          series.computeIfAbsent(
              name,
              n -> {
                ObjectNode line = Echarts.line(n, kernelColor(kernel), threads > 1);
                if (threads > 1 && threads < top) {
                  ((ObjectNode) line.get("lineStyle")).put("type", "dotted");
                }
                return line;
              });
      Echarts.point(s, size.getAsDouble(), rate.getAsDouble(), spreadTip(p, "bytesPerSecond"));
      min = Math.min(min, size.getAsDouble());
      max = Math.max(max, size.getAsDouble());
    }
    if (series.isEmpty()) {
      return Chart.absent(id, title, lead, List.of("the bandwidth curve holds no positive point"));
    }
    ObjectNode o = Echarts.option();
    o.set("xAxis", Echarts.every4x(Echarts.logAxis("working set", "bytes"), min, max));
    o.set("yAxis", Echarts.vertical(Echarts.logAxis("bandwidth", "rate")));
    ArrayNode all = o.putArray("series");
    all.add(
        tierSeries(
            Tier.of(doc), o.at("/xAxis/min").asDouble(), o.at("/xAxis/max").asDouble(), false));
    series.values().forEach(all::add);
    JsonNode method = doc.path("memory").path("method");
    List<String> notes = new ArrayList<>();
    if (method.hasNonNull("bytesCounted")) {
      notes.add("bytes counted: " + method.get("bytesCounted").asText());
    }
    if (method.hasNonNull("loops")) {
      notes.add("loops: " + method.get("loops").asText());
    }
    return Chart.drawn(id, title, lead, o, "bytes", "rate", notes);
  }

  /**
   * An empty series that carries the tier bands (and the reported sizes), so the legend can hide
   * them.
   *
   * @param tiers the tiers
   * @param min smallest size on the axis
   * @param max largest size on the axis
   * @param reported whether to draw the reported sizes too
   * @return the series
   */
  static ObjectNode tierSeries(List<Tier> tiers, double min, double max, boolean reported) {
    ObjectNode s = Echarts.line(reported ? TIER_SERIES : "tiers (measured sizes)", "#999", false);
    s.put("symbol", "none");
    ArrayNode areas = s.putObject("markArea").put("silent", true).putArray("data");
    ObjectNode lines = s.putObject("markLine");
    lines.put("silent", true);
    lines.putArray("symbol").add("none").add("none");
    ArrayNode marks = lines.putArray("data");
    double lo = min;
    int band = 0;
    for (Tier t : tiers) {
      OptionalDouble measured = t.measuredSize();
      double hi = t.dram() ? max : measured.orElse(Double.NaN);
      if (!Double.isNaN(hi) && hi > lo && lo < max) {
        ArrayNode pair = areas.addArray();
        ObjectNode from = pair.addObject();
        from.put("name", t.name() + latencyLabel(t));
        from.put("xAxis", lo);
        from.putObject("itemStyle").put("color", band % 2 == 0 ? "#f3f6fa" : "#fbf7f0");
        ObjectNode label = from.putObject("label");
        label.put("position", "insideTop");
        label.put("color", "#555");
        label.put("fontWeight", "bold");
        pair.addObject().put("xAxis", Math.min(hi, max));
        band++;
        lo = hi;
      }
      if (!t.dram() && measured.isPresent() && measured.getAsDouble() <= max) {
        marks.add(
            mark(
                measured.getAsDouble(),
                t.name() + " " + Sizes.format(measured.getAsDouble()),
                "solid",
                "#666",
                "end"));
      }
      OptionalDouble rep = t.reportedSize();
      if (reported
          && !t.dram()
          && rep.isPresent()
          && rep.getAsDouble() <= max
          && rep.getAsDouble() >= min) {
        marks.add(
            mark(
                rep.getAsDouble(),
                t.name() + " reported " + Sizes.format(rep.getAsDouble()),
                "dashed",
                Echarts.GREY,
                "insideStartTop"));
      }
    }
    return s;
  }

  private static ObjectNode mark(double x, String label, String type, String color, String where) {
    ObjectNode m = Json.object();
    m.put("xAxis", x);
    m.putObject("lineStyle").put("type", type).put("color", color).put("width", 1);
    ObjectNode l = m.putObject("label");
    l.put("formatter", label);
    l.put("position", where);
    l.put("color", color);
    l.put("fontSize", 11);
    return m;
  }

  private static String latencyLabel(Tier t) {
    OptionalDouble ns = t.figure("latencyNs");
    return ns.isPresent() ? " · " + Units.nanoseconds(ns.getAsDouble()) : "";
  }

  /**
   * A tooltip line from a figure's details: its statistic, median, spread and sample count.
   *
   * @param parent the object holding the figure
   * @param key the figure's key
   * @return e.g. "min of 5 samples; median 1.42 ns; spread 7.9%", or ""
   */
  static String spreadTip(JsonNode parent, String key) {
    JsonNode d = parent.path("details").path(key);
    if (!d.isObject()) {
      return "";
    }
    String unit = d.path("unit").asText(Units.fromKey(key));
    StringBuilder sb = new StringBuilder();
    sb.append(d.path("statistic").asText("?"))
        .append(" of ")
        .append(d.path("samples").size())
        .append(" samples");
    Nodes.number(d.get("median"))
        .ifPresent(m -> sb.append("; median ").append(Units.human(m, unit)));
    Nodes.number(d.get("relativeSpread"))
        .ifPresent(r -> sb.append("; spread ").append(Units.percent(r)));
    return sb.toString();
  }

  /**
   * Names a page size the way the variants are labelled, saying when the kernel granted no huge
   * pages although they were asked for.
   *
   * @param doc the document (for memory.method.pages)
   * @param pageBytes the requested page size
   * @return e.g. "4 KiB pages", "2 MiB pages", "2 MiB pages asked, none granted"
   */
  static String pages(JsonNode doc, double pageBytes) {
    String name = Sizes.format(pageBytes) + " pages";
    for (JsonNode p : doc.path("memory").path("method").path("pages")) {
      if (p.path("requestedPageSizeBytes").asDouble() == pageBytes
          && pageBytes > 4096
          && p.has("anonHugePageBytes")
          && p.get("anonHugePageBytes").asDouble() == 0) {
        return name + " asked, none granted";
      }
    }
    return name;
  }

  private static int variantRank(String variant) {
    return switch (variant.toLowerCase(Locale.ROOT)) {
      case "tlb-grouped" -> 0;
      case "random" -> 1;
      default -> 2;
    };
  }

  private static int kernelRank(String kernel) {
    int i = List.of("read", "write", "copy", "triad").indexOf(kernel.toLowerCase(Locale.ROOT));
    return i < 0 ? 9 : i;
  }

  /**
   * The colour each kernel has in every chart.
   *
   * @param kernel read, write, copy, triad
   * @return a palette colour
   */
  static String kernelColor(String kernel) {
    return switch (kernel.toLowerCase(Locale.ROOT)) {
      case "read" -> Echarts.color(0);
      case "write" -> Echarts.color(3);
      case "copy" -> Echarts.color(2);
      case "triad" -> Echarts.color(5);
      default -> Echarts.color(6);
    };
  }
}
