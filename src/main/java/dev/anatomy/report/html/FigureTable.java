package dev.anatomy.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anatomy.run.Sizes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every figure of a document as table rows: key, value, unit, statistic, spread, method. A figure
 * is a number in a part's section; its {@code details} (when it has them) give the rest. Points of
 * a curve are listed with what locates them (size, threads, kernel) and grouped by curve.
 */
final class FigureTable {
  /** Top-level keys that are not parts: they have their own sections of the page. */
  private static final Set<String> NOT_PARTS =
      Set.of("schemaVersion", "run", "environment", "machine", "unavailable");

  /** Fields that locate a point of a curve rather than measure something. */
  private static final List<String> CONTEXT =
      List.of(
          "name",
          "op",
          "kernel",
          "variant",
          "serialFraction",
          "chains",
          "threads",
          "sizeBytes",
          "workingSetBytes",
          "pageSizeBytes");

  private FigureTable() {}

  /**
   * One figure.
   *
   * @param key its dotted key, arrays as {@code [i]}
   * @param context what locates it inside a curve, or ""
   * @param value the number
   * @param unit its unit
   * @param details its details object, or a missing node
   */
  record Row(String key, String context, double value, String unit, JsonNode details) {
    /**
     * The value as a person reads it.
     *
     * @return e.g. "1.35 ns"
     */
    String human() {
      return Units.human(value, unit);
    }
  }

  /**
   * The figures, grouped by section: the part and the first key below it ({@code
   * memory.latencyCurve}, {@code compute.peakFlops}).
   *
   * @param doc the document
   * @return group name to rows, in document order
   */
  static Map<String, List<Row>> groups(JsonNode doc) {
    Map<String, List<Row>> groups = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> part : doc.properties()) {
      if (NOT_PARTS.contains(part.getKey()) || !part.getValue().isObject()) {
        continue;
      }
      for (Map.Entry<String, JsonNode> e : part.getValue().properties()) {
        if (e.getKey().equals("details") || e.getKey().equals("method")) {
          continue;
        }
        List<Row> rows = new ArrayList<>();
        String group;
        if (e.getValue().isContainerNode()) {
          group = part.getKey() + "." + e.getKey();
          walk(e.getValue(), group, "", false, rows);
        } else {
          group = part.getKey();
          leaf(part.getValue(), e.getKey(), part.getKey() + "." + e.getKey(), "", false, rows);
        }
        if (!rows.isEmpty()) {
          groups.computeIfAbsent(group, k -> new ArrayList<>()).addAll(rows);
        }
      }
    }
    return groups;
  }

  private static void walk(
      JsonNode node, String key, String context, boolean point, List<Row> out) {
    if (node.isArray()) {
      int i = 0;
      for (JsonNode item : node) {
        walk(item, key + "[" + i + "]", context(item), true, out);
        i++;
      }
      return;
    }
    if (!node.isObject()) {
      return;
    }
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      String k = e.getKey();
      if (k.equals("details") || k.equals("histogram") || k.equals("method")) {
        continue;
      }
      if (e.getValue().isContainerNode()) {
        walk(e.getValue(), key + "." + k, context, false, out);
      } else {
        leaf(node, k, key + "." + k, context, point, out);
      }
    }
  }

  private static void leaf(
      JsonNode parent, String k, String key, String context, boolean point, List<Row> out) {
    JsonNode v = parent.get(k);
    if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
      return;
    }
    JsonNode d = parent.path("details").path(k);
    if (point && d.isMissingNode() && CONTEXT.contains(k)) {
      return;
    }
    String unit = d.path("unit").asText(Units.fromKey(k));
    out.add(new Row(key, context, v.asDouble(), unit, d));
  }

  /**
   * What locates a point of a curve: its name, kernel, variant, size, threads.
   *
   * @param item an array element
   * @return e.g. "read · 1 thread · 64 KiB", or ""
   */
  static String context(JsonNode item) {
    if (!item.isObject()) {
      return "";
    }
    List<String> parts = new ArrayList<>();
    for (String k : CONTEXT) {
      JsonNode v = item.get(k);
      if (v == null || v.isNull() || item.path("details").has(k)) {
        continue;
      }
      if (v.isTextual()) {
        parts.add(v.asText());
      } else if (v.isNumber()) {
        parts.add(contextNumber(k, v.asDouble()));
      }
    }
    return String.join(" · ", parts);
  }

  private static String contextNumber(String key, double v) {
    return switch (key) {
      case "threads" -> (long) v + ((long) v == 1 ? " thread" : " threads");
      case "chains" -> (long) v + ((long) v == 1 ? " chain" : " chains");
      case "pageSizeBytes" -> Sizes.format(v) + " pages";
      case "serialFraction" -> "p = " + v;
      default -> key.endsWith("Bytes") ? Sizes.format(v) : Double.toString(v);
    };
  }
}
