package dev.anatomy.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * Chart 6, in three panels: measured speedup against threads with the Amdahl and USL fits carried
 * out to 16x the cores; Amdahl's law shown (a fork-join job with a serial phase); and a global lock
 * (like Python's GIL) beside its limit and the fork-join curve.
 */
final class ScalingCharts {
  private static final int SEARCH_DEPTH = 3;

  private ScalingCharts() {}

  /**
   * The measured scaling and its fits.
   *
   * @param doc the document
   * @return the chart
   */
  static Chart measured(JsonNode doc) {
    String id = "chart-scaling";
    String title = "6a · Multicore scaling: measured, and the fits carried further";
    String lead =
        "Speedup over one thread, pinned, for each kernel. Amdahl's law (a serial fraction p) and"
            + " the Universal Scalability Law (contention σ, coherency κ) are fitted to the points and"
            + " drawn out to 16 times this machine's cores: where the curves flatten, more cores stop"
            + " helping.";
    JsonNode scaling = Nodes.at(doc, "compute.scaling");
    Absences why = new Absences(doc);
    if (!scaling.isObject()) {
      return Chart.absent(
          id, title, lead, List.of(why.sentence("multicore scaling", "compute.scaling")));
    }
    int cores = cores(doc);
    List<ObjectNode> measured = new ArrayList<>();
    List<ObjectNode> fits = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    double[] maxThreads = {cores};
    collect(scaling, "", 0, measured, fits, maxThreads, cores);
    if (measured.isEmpty() && fits.isEmpty()) {
      return Chart.absent(
          id,
          title,
          lead,
          List.of("compute.scaling holds no points (threads, speedup) and no fit"));
    }
    if (Nodes.at(doc, "compute.scaling.usl").isMissingNode()) {
      notes.add(why.sentence("the USL fit", "compute.scaling.usl"));
    }
    double xmax = Math.max(16.0 * cores, maxThreads[0]);
    ObjectNode o = Echarts.option();
    o.set("xAxis", Echarts.logAxis("threads", "threads").put("min", 1).put("max", xmax));
    o.set(
        "yAxis",
        Echarts.vertical(Echarts.logAxis("speedup over one thread", "speedup").put("min", 1)));
    ArrayNode series = o.putArray("series");
    ObjectNode ideal = Echarts.curve("ideal (speedup = threads)", "#c8c8c8", "solid");
    Echarts.point(ideal, 1, 1);
    Echarts.point(ideal, xmax, xmax);
    ObjectNode here = ideal.putObject("markLine");
    here.put("silent", true);
    here.putArray("symbol").add("none").add("none");
    ObjectNode line = here.putArray("data").addObject();
    line.put("xAxis", cores);
    line.putObject("lineStyle").put("color", "#666").put("type", "dashed");
    line.putObject("label")
        .put("formatter", "this machine: " + cores + (cores == 1 ? " core" : " cores"))
        .put("position", "end");
    series.add(ideal);
    fits.forEach(series::add);
    measured.forEach(series::add);
    return new Chart(
        id,
        title,
        lead,
        Optional.of(o),
        List.of("threads"),
        List.of("speedup"),
        notes,
        Chart.HEIGHT);
  }

  private static void collect(
      JsonNode node,
      String name,
      int depth,
      List<ObjectNode> measured,
      List<ObjectNode> fits,
      double[] maxThreads,
      int cores) {
    if (depth > SEARCH_DEPTH || !node.isObject()) {
      return;
    }
    String label = name.isEmpty() ? "" : name + ": ";
    double xmax = 16.0 * cores;
    OptionalDouble p = Nodes.number(node.get("amdahlSerialFraction"));
    int colorBase = measured.size() + fits.size();
    if (p.isPresent()) {
      double serial = p.getAsDouble();
      ObjectNode s =
          Echarts.curve(
              label + String.format(Locale.ROOT, "Amdahl fit, p = %.3f", serial),
              Echarts.color(colorBase + 3),
              "dashed");
      for (double n : grid(xmax)) {
        Echarts.point(s, n, 1 / (serial + (1 - serial) / n));
      }
      fits.add(s);
    }
    JsonNode usl = node.path("usl");
    OptionalDouble sigma = Nodes.number(usl.get("sigma"));
    OptionalDouble kappa = Nodes.number(usl.get("kappa"));
    if (sigma.isPresent() && kappa.isPresent()) {
      double sg = sigma.getAsDouble();
      double kp = kappa.getAsDouble();
      ObjectNode s =
          Echarts.curve(
              label + String.format(Locale.ROOT, "USL fit, σ = %.3f, κ = %.4f", sg, kp),
              Echarts.color(colorBase + 4),
              "dotted");
      for (double n : grid(xmax)) {
        Echarts.point(s, n, n / (1 + sg * (n - 1) + kp * n * (n - 1)));
      }
      fits.add(s);
    }
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      String key = e.getKey();
      JsonNode v = e.getValue();
      if (key.equals("details") || key.equals("usl")) {
        continue;
      }
      if (v.isArray() && points(v)) {
        ObjectNode s =
            Echarts.line(
                label + Connections.words(key) + ", measured",
                Echarts.color(measured.size()),
                false);
        s.put("symbolSize", 9);
        addPoints(v, s, maxThreads);
        measured.add(s);
      } else if (v.isObject()) {
        collect(
            v,
            (label + Connections.words(key)).trim(),
            depth + 1,
            measured,
            fits,
            maxThreads,
            cores);
      }
    }
  }

  private static boolean points(JsonNode array) {
    for (JsonNode p : array) {
      if (p.has("threads") && (p.has("speedup") || p.has("throughput"))) {
        return true;
      }
    }
    return false;
  }

  private static void addPoints(JsonNode array, ObjectNode series, double[] maxThreads) {
    double base = 0;
    for (JsonNode p : array) {
      if (p.path("threads").asInt() == 1) {
        base = Nodes.positive(p.get("throughput")).orElse(0);
      }
    }
    TreeMap<Double, Double> sorted = new TreeMap<>();
    for (JsonNode p : array) {
      OptionalDouble t = Nodes.positive(p.get("threads"));
      OptionalDouble s = Nodes.positive(p.get("speedup"));
      if (s.isEmpty() && base > 0) {
        OptionalDouble tp = Nodes.positive(p.get("throughput"));
        s = tp.isPresent() ? OptionalDouble.of(tp.getAsDouble() / base) : OptionalDouble.empty();
      }
      if (t.isPresent() && s.isPresent()) {
        sorted.put(t.getAsDouble(), s.getAsDouble());
        maxThreads[0] = Math.max(maxThreads[0], t.getAsDouble());
      }
    }
    sorted.forEach((t, s) -> Echarts.point(series, t, s));
  }

  private static List<Double> grid(double max) {
    List<Double> g = new ArrayList<>();
    for (double n = 1; n < max; n *= Math.pow(2, 0.25)) {
      g.add(n);
    }
    g.add(max);
    return g;
  }

  /**
   * Amdahl's law shown: a fork-join job whose serial phase is a fraction p of the work.
   *
   * @param doc the document
   * @return the chart
   */
  static Chart amdahlDemo(JsonNode doc) {
    String id = "chart-amdahl";
    String title = "6b · Amdahl's law, shown";
    String lead =
        "A job whose serial phase is a fraction p of the single-thread time (one thread works, the"
            + " others wait): measured speedup (points) beside Amdahl's 1 / (p + (1 − p) / N)"
            + " (dashed). Even 5% serial work caps the speedup at 20.";
    JsonNode demo = Nodes.at(doc, "compute.amdahlDemo");
    Absences why = new Absences(doc);
    if (!demo.isArray() || demo.isEmpty()) {
      return Chart.absent(
          id, title, lead, List.of(why.sentence("the Amdahl demo", "compute.amdahlDemo")));
    }
    Map<Double, String> fitted = new TreeMap<>();
    for (JsonNode f : Nodes.at(doc, "compute.amdahlDemoFit")) {
      Nodes.number(f.get("serialFraction"))
          .ifPresent(
              p ->
                  Nodes.number(f.get("fittedSerialFraction"))
                      .ifPresent(
                          q -> fitted.put(p, String.format(Locale.ROOT, " (fit: %.3f)", q))));
    }
    ObjectNode o = demoOption();
    ArrayNode series = o.putArray("series");
    int i = 0;
    for (Map.Entry<Double, List<JsonNode>> g : bySerialFraction(demo).entrySet()) {
      String p = fraction(g.getKey());
      String color = Echarts.color(i++);
      ObjectNode m =
          Echarts.line(
              "p = " + p + ", measured" + fitted.getOrDefault(g.getKey(), ""), color, false);
      m.put("symbolSize", 9);
      ObjectNode law = Echarts.curve("p = " + p + ", Amdahl", color, "dashed");
      for (JsonNode pt : g.getValue()) {
        double n = pt.path("threads").asDouble();
        Nodes.positive(pt.get("speedup")).ifPresent(s -> Echarts.point(m, n, s));
        double expected = Nodes.positive(pt.get("amdahlSpeedup")).orElse(amdahl(g.getKey(), n));
        Echarts.point(law, n, expected);
      }
      series.add(m).add(law);
    }
    return new Chart(
        id, title, lead, Optional.of(o), List.of("threads"), List.of("speedup"), List.of(), 420);
  }

  /**
   * A global lock, like Python's GIL: a fraction p of each task holds one lock.
   *
   * @param doc the document
   * @return the chart
   */
  static Chart globalLock(JsonNode doc) {
    String id = "chart-global-lock";
    String title = "6c · A global lock, like Python's GIL";
    String lead =
        "The same work with a fraction p of each task inside one global lock: measured speedup"
            + " (points) beside its limit min(N, 1/p) (dashed) and the fork-join job with the same p"
            + " (dotted). Contention and serial phases cost differently.";
    JsonNode demo = Nodes.at(doc, "compute.globalLockDemo");
    Absences why = new Absences(doc);
    if (!demo.isArray() || demo.isEmpty()) {
      return Chart.absent(
          id, title, lead, List.of(why.sentence("the global-lock demo", "compute.globalLockDemo")));
    }
    Map<Double, List<JsonNode>> forkJoin = bySerialFraction(Nodes.at(doc, "compute.amdahlDemo"));
    ObjectNode o = demoOption();
    ArrayNode series = o.putArray("series");
    int i = 0;
    for (Map.Entry<Double, List<JsonNode>> g : bySerialFraction(demo).entrySet()) {
      double p = g.getKey();
      String color = Echarts.color(i++);
      ObjectNode m = Echarts.line("p = " + fraction(p) + ", global lock", color, false);
      m.put("symbolSize", 9);
      ObjectNode limit =
          Echarts.curve("p = " + fraction(p) + ", limit min(N, 1/p)", color, "dashed");
      for (JsonNode pt : g.getValue()) {
        double n = pt.path("threads").asDouble();
        Nodes.positive(pt.get("speedup")).ifPresent(s -> Echarts.point(m, n, s));
        Echarts.point(limit, n, p > 0 ? Math.min(n, 1 / p) : n);
      }
      series.add(m).add(limit);
      List<JsonNode> fj = forkJoin.get(p);
      if (fj != null) {
        ObjectNode f = Echarts.curve("p = " + fraction(p) + ", fork-join", color, "dotted");
        for (JsonNode pt : fj) {
          Nodes.positive(pt.get("speedup"))
              .ifPresent(s -> Echarts.point(f, pt.path("threads").asDouble(), s));
        }
        series.add(f);
      }
    }
    return new Chart(
        id, title, lead, Optional.of(o), List.of("threads"), List.of("speedup"), List.of(), 420);
  }

  private static ObjectNode demoOption() {
    ObjectNode o = Echarts.option();
    ((ObjectNode) o.get("legend")).put("type", "plain");
    ((ObjectNode) o.get("grid")).put("top", 100).put("left", 70).put("right", 24);
    ObjectNode x = Echarts.valueAxis("threads");
    x.put("minInterval", 1);
    x.put("min", 1);
    o.set("xAxis", x);
    o.set(
        "yAxis", Echarts.vertical(Echarts.valueAxis("speedup over one thread").put("scale", true)));
    return o;
  }

  private static Map<Double, List<JsonNode>> bySerialFraction(JsonNode demo) {
    Map<Double, List<JsonNode>> groups = new TreeMap<>();
    for (JsonNode pt : demo) {
      OptionalDouble p = Nodes.number(pt.get("serialFraction"));
      if (p.isPresent() && Nodes.positive(pt.get("threads")).isPresent()) {
        groups.computeIfAbsent(p.getAsDouble(), k -> new ArrayList<>()).add(pt);
      }
    }
    groups
        .values()
        .forEach(
            l ->
                l.sort(
                    (a, b) ->
                        Double.compare(
                            a.path("threads").asDouble(), b.path("threads").asDouble())));
    return groups;
  }

  /**
   * Amdahl's law.
   *
   * @param p serial fraction
   * @param n threads
   * @return 1 / (p + (1 - p) / n)
   */
  static double amdahl(double p, double n) {
    return 1 / (p + (1 - p) / n);
  }

  private static String fraction(double p) {
    return String.format(Locale.ROOT, "%.2f", p);
  }

  /**
   * The number of cores the fits are drawn against: physical cores, else logical CPUs, else the
   * CPUs the run could use.
   *
   * @param doc the document
   * @return at least 1
   */
  static int cores(JsonNode doc) {
    JsonNode m = doc.path("machine");
    int c = m.path("physicalCores").asInt(0);
    if (c <= 0) {
      c = m.path("logicalCpus").asInt(0);
    }
    if (c <= 0) {
      c = doc.path("environment").path("allowedCpus").size();
    }
    return Math.max(1, c);
  }
}
