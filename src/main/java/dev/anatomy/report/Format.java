package dev.anatomy.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anatomy.run.Sizes;
import java.util.Locale;

/** Formats figures read from a document for the card: value, unit and spread. */
public final class Format {
  /** Shown where a figure is absent. */
  public static final String NONE = "-";

  private Format() {}

  /**
   * A number with three significant digits.
   *
   * @param v the number
   * @return e.g. "1.30", "14.5", "118"
   */
  public static String number(double v) {
    double a = Math.abs(v);
    if (a >= 100 || a == 0) {
      return String.format(Locale.ROOT, "%.0f", v);
    }
    if (a >= 10) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    return String.format(Locale.ROOT, "%.2f", v);
  }

  /**
   * The spread of a figure as "±x%": the median absolute deviation of its samples over its value
   * (robust to one disturbed sample), or half their range for documents without it.
   *
   * @param parent the object holding the figure
   * @param key the figure's key
   * @return e.g. " ±3%", or "" without details
   */
  public static String spread(JsonNode parent, String key) {
    JsonNode d = parent.path("details").path(key);
    JsonNode mad = d.get("relativeMad");
    JsonNode range = d.get("relativeSpread");
    double pct;
    if (mad != null && mad.isNumber()) {
      pct = mad.asDouble() * 100;
    } else if (range != null && range.isNumber()) {
      pct = range.asDouble() * 50;
    } else {
      return "";
    }
    return pct < 0.5 ? " ±<1%" : String.format(Locale.ROOT, " ±%.0f%%", pct);
  }

  /**
   * A latency in nanoseconds, with its spread.
   *
   * @param parent holder
   * @param key key
   * @return e.g. "1.30 ns ±2%"
   */
  public static String ns(JsonNode parent, String key) {
    JsonNode v = parent.get(key);
    return v == null || !v.isNumber() ? NONE : number(v.asDouble()) + " ns" + spread(parent, key);
  }

  /**
   * A bandwidth, with its spread.
   *
   * @param parent holder
   * @param key key
   * @return e.g. "149 GB/s ±4%"
   */
  public static String rate(JsonNode parent, String key) {
    JsonNode v = parent.get(key);
    return v == null || !v.isNumber() ? NONE : Sizes.formatRate(v.asDouble()) + spread(parent, key);
  }

  /**
   * A size in binary units.
   *
   * @param node a number of bytes, or null
   * @return e.g. "32 KiB", or "-"
   */
  public static String size(JsonNode node) {
    return node == null || !node.isNumber() ? NONE : Sizes.format(node.asDouble());
  }

  /**
   * Where a document's reported cache sizes come from, in words: {@code machine.caches[].source}
   * ({@code sysfs} where a document written before the field existed has caches).
   *
   * @param machine the document's {@code machine} section
   * @return "sysfs", "cpuid via sysconf (sysfs has none)", or "none"
   */
  public static String cacheSource(JsonNode machine) {
    JsonNode caches = machine == null ? null : machine.get("caches");
    if (caches == null || caches.isEmpty()) {
      return "none";
    }
    String source = caches.get(0).path("source").asText("sysfs");
    return "cpuid".equals(source) ? "cpuid via sysconf (sysfs has none)" : source;
  }
}
