package dev.anatomy.harness;

/**
 * Which statistic of the samples a figure reports.
 *
 * <p>Capability figures take the best sample, as STREAM and multichase do: on a shared machine
 * interference only ever slows a run down, so the best run is the closest to what the hardware can
 * do. Typical figures take the median.
 */
public enum Statistic {
  /** Best of N where lower is better (latencies). */
  MIN("min"),
  /** Best of N where higher is better (bandwidths, rates). */
  MAX("max"),
  /** The middle sample (typical behaviour). */
  MEDIAN("median");

  private final String label;

  Statistic(String label) {
    this.label = label;
  }

  /**
   * The name written into documents.
   *
   * @return "min", "max" or "median"
   */
  public String label() {
    return label;
  }

  /**
   * Parses a label written by {@link #label()}.
   *
   * @param label "min", "max" or "median"
   * @return the statistic
   */
  public static Statistic fromLabel(String label) {
    for (Statistic s : values()) {
      if (s.label.equals(label)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown statistic '" + label + "'");
  }
}
