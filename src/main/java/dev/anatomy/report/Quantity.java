package dev.anatomy.report;

import dev.anatomy.run.Sizes;
import java.util.Locale;

/** Formats a value with its unit as a reader expects it: ns as is, rates with decimal prefixes. */
public final class Quantity {
  private static final String[] PREFIX = {"", "k", "M", "G", "T", "P", "E"};

  private Quantity() {}

  /**
   * Formats a value.
   *
   * @param value the value
   * @param unit its unit from the figure's details, e.g. "ns", "B/s", "FLOP/s", "Hz", ""
   * @return e.g. "1.35 ns", "108 GB/s", "2.45 GHz", "97.1 GFLOP/s", "0.05"
   */
  public static String of(double value, String unit) {
    if (!Double.isFinite(value)) {
      return Format.NONE;
    }
    if ("B/s".equals(unit)) {
      return Sizes.formatRate(value);
    }
    if (unit.isEmpty()) {
      return Format.number(value);
    }
    if (unit.equals("ns") || unit.equals("cycles") || Math.abs(value) < 1000) {
      return Format.number(value) + " " + unit;
    }
    int p = 0;
    double v = value;
    while (Math.abs(v) >= 1000 && p < PREFIX.length - 1) {
      v /= 1000;
      p++;
    }
    return Format.number(v) + " " + PREFIX[p] + unit;
  }

  /**
   * A ratio as a signed percentage change.
   *
   * @param ratio b / a
   * @return e.g. "+3.2%", "-12%", "-" for NaN
   */
  public static String change(double ratio) {
    if (!Double.isFinite(ratio)) {
      return Format.NONE;
    }
    double pct = (ratio - 1) * 100;
    String s = Format.number(Math.abs(pct));
    return (pct < 0 ? "-" : "+") + s + "%";
  }

  /**
   * A p-value.
   *
   * @param p the p-value, NaN if untested
   * @return e.g. "0.008", "<0.001", "-"
   */
  public static String pValue(double p) {
    if (Double.isNaN(p)) {
      return Format.NONE;
    }
    return p < 0.001 ? "<0.001" : String.format(Locale.ROOT, "%.3f", p);
  }
}
