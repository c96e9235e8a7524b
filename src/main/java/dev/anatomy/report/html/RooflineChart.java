package dev.anatomy.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anatomy.run.Sizes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Chart 5: the roofline. Attainable FLOP/s against arithmetic intensity (FLOPs per byte moved): a
 * kernel can go no faster than its tier's bandwidth times its intensity (the slopes) nor than the
 * compute peak (the flat roofs). Validation kernels and predictions are placed on it when the
 * document has them.
 */
final class RooflineChart {
  private static final double X_MIN = 1.0 / 32;
  private static final double X_MAX = 64;

  private static final List<String> COMPUTE_COLORS =
      List.of("#e15759", "#f28e2b", "#b07aa1", "#9c755f", "#ff9da7");
  private static final List<String> BANDWIDTH_COLORS =
      List.of("#4e79a7", "#76b7b2", "#59a14f", "#1f4e79", "#86bcb6");

  /**
   * Where each bandwidth roof's label sits along it, in turn, so near-parallel labels do not
   * collide.
   */
  private static final List<String> LABEL_PLACES =
      List.of("insideStartTop", "insideMiddleTop", "insideEndTop");

  /** Beyond this many kernels their names would cover the chart: the tooltips carry them. */
  private static final int LABELLED_KERNELS = 12;

  private RooflineChart() {}

  /**
   * A kernel placed on the roofline.
   *
   * @param name its name
   * @param flopsPerByte its arithmetic intensity
   * @param measured measured FLOP/s, if it was run
   * @param predicted predicted FLOP/s, if the model predicted it
   * @param tip tooltip text: working set, threads, bound, error
   */
  record KernelPoint(
      String name,
      double flopsPerByte,
      OptionalDouble measured,
      OptionalDouble predicted,
      String tip) {}

  /**
   * Builds the chart with the document's validation kernels and prediction.
   *
   * @param doc the document
   * @return the chart
   */
  static Chart build(JsonNode doc) {
    List<String> notes = new ArrayList<>();
    List<KernelPoint> kernels = new ArrayList<>(validation(doc, notes));
    prediction(doc, notes).ifPresent(kernels::add);
    return build(doc, kernels, notes);
  }

  /**
   * Builds the chart with the given kernels.
   *
   * @param doc the document (for the ceilings)
   * @param kernels the kernels to place
   * @param kernelNotes notes about kernels that could not be placed
   * @return the chart
   */
  static Chart build(JsonNode doc, List<KernelPoint> kernels, List<String> kernelNotes) {
    String id = "chart-roofline";
    String title = "5 · The roofline: what a kernel can reach here";
    String lead =
        "A kernel that does I floating-point operations per byte it moves can run no faster than"
            + " the lowest roof above I: the tier's bandwidth x I on the slopes, the compute peak on"
            + " the flat. Left of the ridge a kernel is bandwidth-bound, right of it compute-bound.";
    Roofline roof = Roofline.of(doc);
    List<String> notes = new ArrayList<>(roof.notes());
    notes.addAll(kernelNotes);
    if (roof.compute().isEmpty() && roof.bandwidth().isEmpty()) {
      return Chart.absent(id, title, lead, notes);
    }
    double xmin = X_MIN;
    double xmax = X_MAX;
    for (KernelPoint k : kernels) {
      xmin = Math.min(xmin, k.flopsPerByte() / 2);
      xmax = Math.max(xmax, k.flopsPerByte() * 2);
    }
    ObjectNode o = Echarts.option();
    ObjectNode legend = (ObjectNode) o.get("legend");
    legend.put("type", "plain");
    ((ObjectNode) o.get("grid")).put("top", 96).put("left", 108);
    o.set(
        "xAxis",
        Echarts.logAxis("arithmetic intensity (FLOPs per byte)", "intensity")
            .put("min", xmin)
            .put("max", xmax));
    o.set(
        "yAxis",
        Echarts.vertical(Echarts.logAxis("attainable FLOP/s", "flops")).put("nameGap", 84));
    ArrayNode series = o.putArray("series");
    int ci = 0;
    for (Roofline.Ceiling c : roof.compute()) {
      OptionalDouble top = roof.topBandwidth(c.allCores());
      if (top.isEmpty()) {
        top = roof.topBandwidth(!c.allCores());
      }
      double start = top.isPresent() ? clamp(c.value() / top.getAsDouble(), xmin, xmax) : xmin;
      String color =
          c.theoretical() ? Echarts.GREY : COMPUTE_COLORS.get(ci++ % COMPUTE_COLORS.size());
      String type = c.theoretical() ? "dotted" : c.allCores() ? "dashed" : "solid";
      String label = c.theoretical() ? "" : "insideEndTop";
      series.add(roof(c.name(), color, type, start, c.value(), xmax, c.value(), label));
    }
    int bi = 0;
    for (Roofline.Ceiling b : roof.bandwidth()) {
      OptionalDouble cap = roof.peak(b.allCores());
      if (cap.isEmpty()) {
        cap = roof.peak(!b.allCores());
      }
      double end = cap.isPresent() ? clamp(cap.getAsDouble() / b.value(), xmin, xmax) : xmax;
      String name = b.name() + ", " + Sizes.formatRate(b.value());
      String color = BANDWIDTH_COLORS.get(bi % BANDWIDTH_COLORS.size());
      String where = LABEL_PLACES.get(bi % LABEL_PLACES.size());
      bi++;
      series.add(
          roof(
              name,
              color,
              b.allCores() ? "dashed" : "solid",
              xmin,
              b.value() * xmin,
              end,
              b.value() * end,
              where));
    }
    kernels(kernels, series);
    ((ObjectNode) o.get("yAxis"))
        .put("min", decadeBelow(lowest(series)))
        .put("max", decadeAbove(highest(series)));
    return Chart.drawn(id, title, lead, o, "intensity", "flops", notes).withHeight(560);
  }

  /**
   * One roof: a series without points whose mark line is the roof, so the legend can hide it and
   * its label runs along it.
   */
  private static ObjectNode roof(
      String name,
      String color,
      String type,
      double x0,
      double y0,
      double x1,
      double y1,
      String labelPlace) {
    ObjectNode s = Echarts.curve(name, color, type);
    ObjectNode mark = s.putObject("markLine");
    mark.putArray("symbol").add("none").add("none");
    ObjectNode style = mark.putObject("lineStyle");
    style.put("color", color);
    style.put("type", type);
    style.put("width", 2.5);
    ObjectNode label = mark.putObject("label");
    label.put("show", !labelPlace.isEmpty());
    label.put("formatter", name);
    label.put("position", labelPlace.isEmpty() ? "insideEndTop" : labelPlace);
    label.put("color", color);
    label.put("fontSize", 11);
    ArrayNode segment = mark.putArray("data").addArray();
    ObjectNode from = segment.addObject();
    from.put("name", name);
    from.putArray("coord").add(x0).add(y0);
    segment.addObject().putArray("coord").add(x1).add(y1);
    return s;
  }

  private static void kernels(List<KernelPoint> kernels, ArrayNode series) {
    if (kernels.isEmpty()) {
      return;
    }
    ObjectNode measured = Echarts.scatter("kernel, measured", "#222", "circle");
    ObjectNode predicted = Echarts.scatter("kernel, predicted", "#222", "emptyDiamond");
    predicted.put("symbolSize", 13);
    ObjectNode gap = Echarts.curve("prediction error", "#555", "dotted");
    gap.put("connectNulls", false);
    ((ObjectNode) gap.get("lineStyle")).put("width", 1);
    ArrayNode gapData = (ArrayNode) gap.get("data");
    boolean labelled = kernels.size() <= LABELLED_KERNELS;
    for (KernelPoint k : kernels) {
      if (k.measured().isPresent()) {
        Echarts.point(
            measured, k.flopsPerByte(), k.measured().getAsDouble(), k.name() + "; " + k.tip());
        if (labelled) {
          Echarts.labelLast(measured, k.name(), "right");
        }
      }
      if (k.predicted().isPresent()) {
        Echarts.point(
            predicted, k.flopsPerByte(), k.predicted().getAsDouble(), k.name() + "; " + k.tip());
        if (labelled && k.measured().isEmpty()) {
          Echarts.labelLast(predicted, k.name(), "right");
        }
      }
      if (k.measured().isPresent() && k.predicted().isPresent()) {
        gapData.addArray().add(k.flopsPerByte()).add(k.measured().getAsDouble());
        gapData.addArray().add(k.flopsPerByte()).add(k.predicted().getAsDouble());
        gapData.add("-");
      }
    }
    for (ObjectNode s : List.of(measured, predicted)) {
      if (!s.get("data").isEmpty()) {
        series.add(s);
      }
    }
    if (!gapData.isEmpty()) {
      series.add(gap);
    }
  }

  /** Mark lines lie outside what ECharts scales an axis to, so the y range is set from them. */
  private static double lowest(ArrayNode series) {
    return ys(series).min().orElse(1e9);
  }

  private static double highest(ArrayNode series) {
    return ys(series).max().orElse(1e11);
  }

  private static java.util.stream.DoubleStream ys(ArrayNode series) {
    java.util.stream.DoubleStream.Builder b = java.util.stream.DoubleStream.builder();
    for (JsonNode s : series) {
      for (JsonNode seg : s.path("markLine").path("data")) {
        for (JsonNode end : seg) {
          b.add(end.path("coord").path(1).asDouble());
        }
      }
      for (JsonNode d : s.path("data")) {
        JsonNode v = d.has("value") ? d.get("value") : d;
        if (v.isArray()) {
          b.add(v.path(1).asDouble());
        }
      }
    }
    return b.build().filter(v -> v > 0);
  }

  private static double decadeBelow(double v) {
    return Math.pow(10, Math.floor(Math.log10(v)));
  }

  private static double decadeAbove(double v) {
    return Math.pow(10, Math.ceil(Math.log10(v)));
  }

  private static double clamp(double v, double lo, double hi) {
    return Math.max(lo, Math.min(hi, v));
  }

  /**
   * The validation kernels ({@code validation.kernels[]}, or the measured-only {@code
   * validation.runs[]} of the validation part) that can be placed: those whose entry gives their
   * FLOPs and bytes, as {@code arithmeticIntensity} or {@code flopsPerIteration} with {@code
   * bytesPerIteration} (or {@code bytesReadPerIteration} + {@code bytesWrittenPerIteration}), and
   * their FLOP/s, as {@code measuredFlopsPerSecond}/{@code predictedFlopsPerSecond} or from {@code
   * flopsPerIteration} x {@code iterations} over {@code measuredSeconds}/{@code predictedSeconds}.
   *
   * @param doc the document
   * @param notes receives the names of the kernels that could not be placed, and why
   * @return the placed kernels
   */
  static List<KernelPoint> validation(JsonNode doc, List<String> notes) {
    List<KernelPoint> out = new ArrayList<>();
    List<String> noFlops = new ArrayList<>();
    List<String> noShape = new ArrayList<>();
    JsonNode entries = doc.path("validation").path("kernels");
    if (!entries.isArray()) {
      entries = doc.path("validation").path("runs");
    }
    for (JsonNode k : entries) {
      String name = k.path("name").asText("kernel");
      OptionalDouble flopsPerIteration = Nodes.number(k.get("flopsPerIteration"));
      OptionalDouble intensity = Nodes.positive(k.get("arithmeticIntensity"));
      if (intensity.isEmpty() && flopsPerIteration.isPresent()) {
        double bytes =
            Nodes.positive(k.get("bytesPerIteration"))
                .orElse(
                    Nodes.number(k.get("bytesReadPerIteration")).orElse(0)
                        + Nodes.number(k.get("bytesWrittenPerIteration")).orElse(0));
        if (bytes > 0 && flopsPerIteration.getAsDouble() > 0) {
          intensity = OptionalDouble.of(flopsPerIteration.getAsDouble() / bytes);
        }
      }
      if (flopsPerIteration.isPresent() && flopsPerIteration.getAsDouble() == 0) {
        noFlops.add(name);
        continue;
      }
      OptionalDouble flops = OptionalDouble.empty();
      OptionalDouble iterations = Nodes.positive(k.get("iterations"));
      if (flopsPerIteration.isPresent() && iterations.isPresent()) {
        flops = OptionalDouble.of(flopsPerIteration.getAsDouble() * iterations.getAsDouble());
      }
      OptionalDouble measured = rate(k, "measuredFlopsPerSecond", "measuredSeconds", flops);
      OptionalDouble predicted = rate(k, "predictedFlopsPerSecond", "predictedSeconds", flops);
      if (intensity.isEmpty() || (measured.isEmpty() && predicted.isEmpty())) {
        noShape.add(name);
        continue;
      }
      out.add(new KernelPoint(name, intensity.getAsDouble(), measured, predicted, kernelTip(k)));
    }
    if (!noFlops.isEmpty()) {
      notes.add(
          "not on the roofline, as they do no floating-point work: " + String.join(", ", noFlops));
    }
    if (!noShape.isEmpty()) {
      notes.add(
          "not on the roofline, as their entries give no FLOPs and bytes per iteration: "
              + String.join(", ", noShape));
    }
    return out;
  }

  private static OptionalDouble rate(
      JsonNode k, String rateKey, String secondsKey, OptionalDouble flops) {
    OptionalDouble direct = Nodes.positive(k.get(rateKey));
    if (direct.isPresent()) {
      return direct;
    }
    OptionalDouble seconds = Nodes.positive(k.get(secondsKey));
    if (flops.isPresent() && seconds.isPresent()) {
      return OptionalDouble.of(flops.getAsDouble() / seconds.getAsDouble());
    }
    return OptionalDouble.empty();
  }

  private static String kernelTip(JsonNode k) {
    List<String> parts = new ArrayList<>();
    Nodes.positive(k.get("workingSetBytes"))
        .ifPresent(w -> parts.add(Sizes.format(w) + " working set"));
    if (k.has("threads")) {
      int t = k.get("threads").asInt();
      parts.add(t + (t == 1 ? " thread" : " threads"));
    }
    JsonNode bound = k.path("bound");
    if (bound.has("kind")) {
      parts.add(bound.path("kind").asText() + "-bound (" + bound.path("tier").asText("?") + ")");
    }
    OptionalDouble m = Nodes.positive(k.get("measuredSeconds"));
    OptionalDouble p = Nodes.positive(k.get("predictedSeconds"));
    if (m.isPresent() && p.isPresent()) {
      parts.add(
          String.format(
              Locale.ROOT,
              "predicted %s, measured %s (%+.0f%%)",
              Units.nanoseconds(p.getAsDouble() * 1e9),
              Units.nanoseconds(m.getAsDouble() * 1e9),
              (p.getAsDouble() / m.getAsDouble() - 1) * 100));
    }
    return String.join("; ", parts);
  }

  /**
   * The document's prediction ({@code prediction} section of {@code anatomy predict --json}), as a
   * point: its attainable FLOP/s at the intensity attainable FLOP/s over attainable bytes/s.
   *
   * @param doc the document
   * @param notes receives why a prediction could not be placed
   * @return the point, or empty
   */
  static Optional<KernelPoint> prediction(JsonNode doc, List<String> notes) {
    JsonNode p = doc.path("prediction");
    if (!p.isObject()) {
      return Optional.empty();
    }
    OptionalDouble flops = Nodes.positive(p.get("attainableFlopsPerSecond"));
    OptionalDouble bytes = Nodes.positive(p.get("attainableBytesPerSecond"));
    String name = p.path("kernel").path("name").asText(p.path("name").asText("predicted kernel"));
    if (flops.isEmpty() || bytes.isEmpty()) {
      notes.add(name + ": not on the roofline, as the prediction gives no FLOP/s and bytes/s");
      return Optional.empty();
    }
    List<String> tip = new ArrayList<>();
    JsonNode bound = p.path("bound");
    if (bound.has("kind")) {
      tip.add(bound.path("kind").asText() + "-bound (" + bound.path("tier").asText("?") + ")");
    }
    Nodes.positive(p.get("predictedSeconds"))
        .ifPresent(s -> tip.add("predicted time " + Units.nanoseconds(s * 1e9)));
    tip.add(Sizes.formatRate(bytes.getAsDouble()));
    return Optional.of(
        new KernelPoint(
            name,
            flops.getAsDouble() / bytes.getAsDouble(),
            OptionalDouble.empty(),
            flops,
            String.join("; ", tip)));
  }
}
