package dev.anatomy.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anatomy.result.FigureIndex;
import dev.anatomy.result.KeyWords;
import dev.anatomy.result.SchemaVersion;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A run in the OpenMetrics text format (the Prometheus exposition format), for a Pushgateway or a
 * node-exporter text file: one gauge family per kind of figure, named after its path with its unit
 * as the suffix, in base units (times in seconds), and labelled with the host, the run and the
 * identity of the array element it came from (tier, kernel, threads, size, ...).
 *
 * <pre>
 * # TYPE anatomy_memory_levels_latency_seconds gauge
 * # UNIT anatomy_memory_levels_latency_seconds seconds
 * # HELP anatomy_memory_levels_latency_seconds memory.levels.latencyNs (ns): dependent loads ...
 * anatomy_memory_levels_latency_seconds{host="vm",run="aea91b62-...",tier="L1"} 1.35E-9
 * ...
 * # EOF
 * </pre>
 *
 * The format is sealed by a golden-file test; a change to names or labels is a change to every
 * dashboard built on them.
 */
public final class OpenMetrics {
  /** Prefix of every metric family. */
  public static final String PREFIX = "anatomy_";

  private static final Pattern PERCENTILE = Pattern.compile("p(\\d+)");
  private static final Set<String> BASE_UNITS =
      Set.of("seconds", "bytes", "hertz", "bytes_per_second");

  private OpenMetrics() {}

  /** A metric family being built. */
  private static final class Family {
    final String name;
    final String type;
    final String unit;
    final String help;
    final List<String> samples = new ArrayList<>();

    Family(String name, String type, String unit, String help) {
      this.name = name;
      this.type = type;
      this.unit = unit;
      this.help = help;
    }
  }

  /** How a figure's key maps to a metric: name words, unit suffix, factor to base unit. */
  private record Naming(List<String> words, String unit, double factor) {}

  /**
   * Renders a document.
   *
   * @param doc a document of the current schema version
   * @return the exposition, ending in {@code # EOF} and a newline
   */
  public static String render(JsonNode doc) {
    JsonNode run = doc.path("run");
    Map<String, String> common = new LinkedHashMap<>();
    common.put("host", run.path("host").asText("unknown"));
    common.put("run", run.path("id").asText("unknown"));

    Map<String, Family> families = new LinkedHashMap<>();
    Map<String, String> info = new LinkedHashMap<>(common);
    info.put("anatomy_version", run.path("anatomyVersion").asText(""));
    info.put(
        "schema_version", Integer.toString(doc.path("schemaVersion").asInt(SchemaVersion.CURRENT)));
    info.put("effort", run.path("effort").asText(""));
    info.put("partial", Boolean.toString(run.path("partial").asBoolean(false)));
    info.put("cpu", doc.path("machine").path("modelName").asText(""));
    info.put("kernel_release", doc.path("environment").path("kernel").asText(""));
    Family runInfo =
        new Family(PREFIX + "run", "info", "", "The run: anatomy version, effort, CPU, kernel.");
    runInfo.samples.add(sample(PREFIX + "run_info", info, 1));
    families.put(runInfo.name, runInfo);
    runTimes(run, common, families);

    Set<String> seen = new HashSet<>();
    for (FigureIndex.Entry e : FigureIndex.of(doc)) {
      Naming naming = naming(e);
      String name = PREFIX + String.join("_", naming.words());
      Family f =
          families.computeIfAbsent(
              name,
              n ->
                  new Family(
                      n,
                      "gauge",
                      BASE_UNITS.contains(naming.unit()) ? naming.unit() : "",
                      help(e, naming)));
      Map<String, String> labels = new LinkedHashMap<>(common);
      e.labels().forEach((k, v) -> labels.put(labelName(k, e.arrays().get(k)), v));
      quantile(e).ifPresent(q -> labels.put("quantile", q));
      String line = sample(name, labels, e.figure().value() * naming.factor());
      String identity = line.substring(0, line.lastIndexOf(' '));
      if (seen.add(identity)) {
        f.samples.add(line);
      }
    }

    StringBuilder out = new StringBuilder();
    for (Family f : families.values()) {
      out.append("# TYPE ").append(f.name).append(' ').append(f.type).append('\n');
      if (!f.unit.isEmpty()) {
        out.append("# UNIT ").append(f.name).append(' ').append(f.unit).append('\n');
      }
      out.append("# HELP ").append(f.name).append(' ').append(escapeHelp(f.help)).append('\n');
      f.samples.forEach(s -> out.append(s).append('\n'));
    }
    out.append("# EOF\n");
    return out.toString();
  }

  private static void runTimes(
      JsonNode run, Map<String, String> common, Map<String, Family> families) {
    try {
      Instant started = Instant.parse(run.path("startedAt").asText());
      Instant finished = Instant.parse(run.path("finishedAt").asText());
      Family start =
          new Family(
              PREFIX + "run_start_timestamp_seconds",
              "gauge",
              "seconds",
              "When the run started, seconds since the Unix epoch.");
      start.samples.add(
          sample(start.name, common, started.getEpochSecond() + started.getNano() / 1e9));
      families.put(start.name, start);
      Family duration =
          new Family(PREFIX + "run_duration_seconds", "gauge", "seconds", "How long the run took.");
      duration.samples.add(
          sample(duration.name, common, Duration.between(started, finished).toNanos() / 1e9));
      families.put(duration.name, duration);
    } catch (DateTimeParseException e) {
      // a document without valid times still exports its figures
    }
  }

  /** Name words and unit of a figure: the keys on its path, the unit moved to the end. */
  private static Naming naming(FigureIndex.Entry e) {
    List<String> keys = new ArrayList<>(e.keys());
    if (PERCENTILE.matcher(keys.get(keys.size() - 1)).matches() && keys.size() > 1) {
      keys.remove(keys.size() - 1);
    }
    List<String> words = new ArrayList<>();
    for (int i = 0; i < keys.size() - 1; i++) {
      words.addAll(KeyWords.of(keys.get(i)));
    }
    List<String> last = new ArrayList<>(KeyWords.of(keys.get(keys.size() - 1)));
    String unit = "";
    double factor = 1;
    int bps = indexOfRun(last, "bytes", "per", "second");
    if (bps >= 0) {
      last.subList(bps, bps + 3).clear();
      unit = "bytes_per_second";
    } else if (last.contains("ns")) {
      last.remove("ns");
      unit = "seconds";
      factor = 1e-9;
    } else if (last.contains("hz")) {
      last.remove("hz");
      unit = "hertz";
    } else if (last.contains("bytes")) {
      last.remove("bytes");
      unit = "bytes";
    } else if (last.contains("cycles")) {
      last.remove("cycles");
      unit = "cycles";
    }
    words.addAll(last);
    if (!unit.isEmpty()) {
      words.add(unit);
    }
    List<String> clean = new ArrayList<>();
    for (String w : words) {
      String s = w.replaceAll("[^a-z0-9_]", "_");
      if (!s.isEmpty()) {
        clean.add(s);
      }
    }
    return new Naming(clean, unit, factor);
  }

  private static int indexOfRun(List<String> words, String... run) {
    outer:
    for (int i = 0; i + run.length <= words.size(); i++) {
      for (int j = 0; j < run.length; j++) {
        if (!words.get(i + j).equals(run[j])) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static java.util.Optional<String> quantile(FigureIndex.Entry e) {
    var m = PERCENTILE.matcher(e.key());
    if (!m.matches() || e.keys().size() < 2) {
      return java.util.Optional.empty();
    }
    // p50 -> 0.5, p99 -> 0.99, p999 -> 0.999
    String q = ("0." + m.group(1)).replaceAll("0+$", "");
    return java.util.Optional.of(q.endsWith(".") ? q + "0" : q);
  }

  private static String labelName(String key, String array) {
    if (key.equals("name")) {
      return "levels".equals(array) ? "tier" : "name";
    }
    String s = KeyWords.snake(key).replaceAll("[^a-z0-9_]", "_");
    return s.isEmpty() || Character.isDigit(s.charAt(0)) ? "_" + s : s;
  }

  private static String help(FigureIndex.Entry e, Naming naming) {
    String unit = e.figure().unit();
    StringBuilder h = new StringBuilder(String.join(".", e.keys()));
    h.append(" (").append(unit.isEmpty() ? "no unit" : unit);
    if (naming.factor() != 1) {
      h.append(", exported in ").append(naming.unit());
    }
    h.append(")");
    if (!e.figure().method().isEmpty()) {
      h.append(": ").append(e.figure().method());
    }
    return h.toString();
  }

  private static String sample(String name, Map<String, String> labels, double value) {
    StringBuilder s = new StringBuilder(name);
    if (!labels.isEmpty()) {
      s.append('{');
      boolean first = true;
      for (Map.Entry<String, String> l : labels.entrySet()) {
        if (!first) {
          s.append(',');
        }
        first = false;
        s.append(l.getKey()).append("=\"").append(escapeLabel(l.getValue())).append('"');
      }
      s.append('}');
    }
    s.append(' ').append(number(value));
    return s.toString();
  }

  private static String number(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }

  private static String escapeLabel(String v) {
    return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  private static String escapeHelp(String v) {
    return v.replace("\\", "\\\\").replace("\n", "\\n");
  }
}
