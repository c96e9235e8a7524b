package dev.anatomy.compare;

import dev.anatomy.result.KeyWords;
import java.util.List;
import java.util.Locale;

/**
 * Which way a figure is better, read from the unit in its key (the project names every figure with
 * its unit: {@code latencyNs}, {@code readBytesPerSecond}, {@code randomReadIops}).
 *
 * <ul>
 *   <li>Lower is better: times ({@code ...Ns}, {@code nsPer...}, {@code ...Seconds}, {@code
 *       ...Cycles}, {@code ...Latency...}).
 *   <li>Higher is better: rates ({@code ...PerSecond}, {@code ...Iops}, {@code ...Flops}, {@code
 *       ...Hz}, {@code ...PerCycle}) and {@code speedup}.
 *   <li>A key with no unit word (a percentile such as {@code p99}, a qualifier such as {@code
 *       fp64AllCores}) takes the direction of the nearest enclosing key that has one ({@code
 *       randomReadLatencyNs.p99}, {@code peakFlops.fp64AllCores}); failing that, the figure's
 *       {@code details.unit} decides; failing that the direction is {@link #UNKNOWN}.
 * </ul>
 *
 * A figure of unknown direction (a fitted serial fraction, a USL coefficient) is still compared and
 * its difference tested, but it is never called better, worse or a regression.
 */
public enum Direction {
  /** Smaller values are better (times). */
  LOWER_IS_BETTER,
  /** Larger values are better (rates, speed-ups). */
  HIGHER_IS_BETTER,
  /** Neither can be told from the key or the unit. */
  UNKNOWN;

  /**
   * The direction of a figure.
   *
   * @param keys the object keys on the figure's path, outermost first, the figure's own key last
   * @param unit the figure's unit from its details, or ""
   * @return the direction
   */
  public static Direction of(List<String> keys, String unit) {
    for (int i = keys.size() - 1; i >= 0; i--) {
      Direction d = ofKey(keys.get(i));
      if (d != UNKNOWN) {
        return d;
      }
    }
    return ofUnit(unit);
  }

  /**
   * The direction one key says.
   *
   * @param key e.g. "readBytesPerSecondAllThreads"
   * @return its direction, UNKNOWN if it has no unit word
   */
  static Direction ofKey(String key) {
    List<String> w = KeyWords.of(key);
    if (containsRun(w, "per", "second")
        || w.contains("iops")
        || w.contains("flops")
        || w.contains("hz")
        || w.contains("speedup")
        || containsRun(w, "per", "cycle")) {
      return HIGHER_IS_BETTER;
    }
    if (w.contains("ns")
        || w.contains("seconds")
        || w.contains("cycles")
        || w.contains("latency")) {
      return LOWER_IS_BETTER;
    }
    return UNKNOWN;
  }

  /**
   * The direction a unit says.
   *
   * @param unit e.g. "ns", "B/s"
   * @return its direction
   */
  static Direction ofUnit(String unit) {
    String u = unit == null ? "" : unit.strip().toLowerCase(Locale.ROOT);
    return switch (u) {
      case "ns", "us", "ms", "s", "cycles" -> LOWER_IS_BETTER;
      case "b/s", "iops", "flop/s", "hz", "ops/cycle", "x" -> HIGHER_IS_BETTER;
      default -> u.endsWith("/s") ? HIGHER_IS_BETTER : UNKNOWN;
    };
  }

  private static boolean containsRun(List<String> words, String first, String second) {
    for (int i = 0; i + 1 < words.size(); i++) {
      if (words.get(i).equals(first) && words.get(i + 1).startsWith(second)) {
        return true;
      }
    }
    return false;
  }
}
