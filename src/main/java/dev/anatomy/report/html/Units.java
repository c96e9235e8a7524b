package dev.anatomy.report.html;

import dev.anatomy.report.Format;
import dev.anatomy.run.Sizes;
import java.util.Locale;

/**
 * Turns a figure and its unit into what a person reads: binary sizes, decimal rates, ns to s, Hz to
 * GHz, FLOP/s to GFLOP/s. The same rules as the charts' axes in {@code report.js}.
 */
final class Units {
  private Units() {}

  /**
   * A value with its unit, in the most readable scale.
   *
   * @param value the figure
   * @param unit its unit as the document writes it ("ns", "B/s", "B", "Hz", "FLOP/s", ...)
   * @return e.g. "1.35 ns", "11.6 GB/s", "32 KiB", "2.45 GHz", "39.1 GFLOP/s"
   */
  static String human(double value, String unit) {
    return switch (unit) {
      case "B", "bytes" -> Sizes.format(value);
      case "B/s" -> Sizes.formatRate(value);
      case "ns" -> nanoseconds(value);
      case "s" -> nanoseconds(value * 1e9);
      case "Hz" -> decimal(value, "Hz");
      case "FLOP/s", "flop/s", "IO/s", "op/s" -> decimal(value, unit);
      case "", "ratio", "x" -> Format.number(value) + (unit.equals("x") ? "x" : "");
      default -> Format.number(value) + " " + unit;
    };
  }

  /**
   * A latency, from nanoseconds up to seconds.
   *
   * @param ns nanoseconds
   * @return e.g. "1.35 ns", "86.0 µs", "2.10 ms"
   */
  static String nanoseconds(double ns) {
    double a = Math.abs(ns);
    if (a >= 1e9) {
      return Format.number(ns / 1e9) + " s";
    }
    if (a >= 1e6) {
      return Format.number(ns / 1e6) + " ms";
    }
    if (a >= 1e3) {
      return Format.number(ns / 1e3) + " µs";
    }
    return Format.number(ns) + " ns";
  }

  /**
   * A quantity with a decimal prefix.
   *
   * @param v the value
   * @param unit the unit after the prefix
   * @return e.g. "2.45 GHz"
   */
  static String decimal(double v, String unit) {
    String[] prefixes = {"", "k", "M", "G", "T", "P"};
    int p = 0;
    double x = v;
    while (Math.abs(x) >= 999.5 && p < prefixes.length - 1) {
      x /= 1000;
      p++;
    }
    return Format.number(x) + " " + prefixes[p] + unit;
  }

  /**
   * A fraction as a percentage.
   *
   * @param fraction e.g. 0.079
   * @return e.g. "7.9%"
   */
  static String percent(double fraction) {
    double pct = fraction * 100;
    return pct < 0.05 && pct > 0
        ? "<0.1%"
        : String.format(Locale.ROOT, pct >= 10 ? "%.0f%%" : "%.1f%%", pct);
  }

  /**
   * The unit a figure has when the document names none: from the key's suffix, as the conventions
   * name figures ({@code latencyNs}, {@code bytesPerSecond}, {@code sizeBytes}, {@code clockHz}).
   *
   * @param key the figure's key (last segment)
   * @return the unit, or "" when the name says none
   */
  static String fromKey(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    if (k.contains("bytespersecond")) {
      return "B/s";
    }
    if (k.endsWith("bytes")) {
      return "B";
    }
    if (k.endsWith("ns") || k.contains("latencyns")) {
      return "ns";
    }
    if (k.contains("hz")) {
      return "Hz";
    }
    if (k.contains("flops")) {
      return "FLOP/s";
    }
    if (k.endsWith("iops")) {
      return "IO/s";
    }
    if (k.endsWith("seconds")) {
      return "s";
    }
    return "";
  }
}
