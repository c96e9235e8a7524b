package dev.anatomy.harness;

import java.util.Arrays;

/**
 * Raw samples of one figure, in the order they were taken, with the statistics derived from them.
 * Immutable; the samples are kept so that later comparison can test significance.
 */
public final class Samples {
  private final double[] values;
  private final int warmupsDiscarded;

  /**
   * Validates and copies the samples.
   *
   * @param values at least one finite sample, in measurement order
   * @param warmupsDiscarded how many samples were taken and dropped before these, while the JIT and
   *     caches settled
   */
  public Samples(double[] values, int warmupsDiscarded) {
    if (values.length == 0) {
      throw new IllegalArgumentException("at least one sample is needed");
    }
    for (double v : values) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("samples must be finite, found " + v);
      }
    }
    this.values = values.clone();
    this.warmupsDiscarded = warmupsDiscarded;
  }

  /**
   * These samples followed by another measurement's of the same quantity, warm-ups added up: one
   * point measured in several visits.
   *
   * @param later the samples taken after these
   * @return both, in measurement order
   */
  public Samples followedBy(Samples later) {
    double[] all = java.util.Arrays.copyOf(values, values.length + later.values.length);
    System.arraycopy(later.values, 0, all, values.length, later.values.length);
    return new Samples(all, warmupsDiscarded + later.warmupsDiscarded);
  }

  /**
   * Samples with no warm-up recorded.
   *
   * @param values at least one finite sample
   * @return the samples
   */
  public static Samples of(double... values) {
    return new Samples(values, 0);
  }

  /**
   * The samples.
   *
   * @return a copy, in measurement order
   */
  public double[] values() {
    return values.clone();
  }

  /**
   * Samples dropped before these while the JIT and caches settled.
   *
   * @return zero or more
   */
  public int warmupsDiscarded() {
    return warmupsDiscarded;
  }

  /**
   * Number of samples.
   *
   * @return at least 1
   */
  public int count() {
    return values.length;
  }

  /**
   * Smallest sample.
   *
   * @return the minimum
   */
  public double min() {
    return Arrays.stream(values).min().orElseThrow();
  }

  /**
   * Largest sample.
   *
   * @return the maximum
   */
  public double max() {
    return Arrays.stream(values).max().orElseThrow();
  }

  /**
   * Arithmetic mean.
   *
   * @return the mean
   */
  public double mean() {
    return Arrays.stream(values).average().orElseThrow();
  }

  /**
   * Median (mean of the two middle samples for an even count).
   *
   * @return the median
   */
  public double median() {
    return percentile(50);
  }

  /**
   * Percentile by linear interpolation between closest ranks.
   *
   * @param p between 0 and 100
   * @return the percentile
   */
  public double percentile(double p) {
    if (p < 0 || p > 100) {
      throw new IllegalArgumentException("percentile must be between 0 and 100, was " + p);
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    double rank = p / 100.0 * (sorted.length - 1);
    int lo = (int) Math.floor(rank);
    int hi = (int) Math.ceil(rank);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
  }

  /**
   * Sample standard deviation (n - 1); 0 for a single sample.
   *
   * @return the standard deviation
   */
  public double standardDeviation() {
    if (values.length < 2) {
      return 0;
    }
    double mean = mean();
    double sum = 0;
    for (double v : values) {
      sum += (v - mean) * (v - mean);
    }
    return Math.sqrt(sum / (values.length - 1));
  }

  /**
   * Coefficient of variation: standard deviation over mean; 0 when the mean is 0.
   *
   * @return the relative spread
   */
  public double coefficientOfVariation() {
    double mean = mean();
    return mean == 0 ? 0 : standardDeviation() / Math.abs(mean);
  }

  /**
   * The figure a statistic picks from these samples.
   *
   * @param statistic which one
   * @return the chosen value
   */
  public double pick(Statistic statistic) {
    return switch (statistic) {
      case MIN -> min();
      case MAX -> max();
      case MEDIAN -> median();
    };
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Samples s
        && s.warmupsDiscarded == warmupsDiscarded
        && Arrays.equals(s.values, values);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(values) + warmupsDiscarded;
  }

  @Override
  public String toString() {
    return "Samples" + Arrays.toString(values) + " after " + warmupsDiscarded + " warm-ups";
  }
}
