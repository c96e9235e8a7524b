package dev.anatomy.compare;

import dev.anatomy.result.Figure;

/**
 * One figure present in both runs, side by side.
 *
 * @param path the figure's path (see {@link dev.anatomy.result.FigureIndex})
 * @param a the figure in the first run
 * @param b the figure in the second run
 * @param direction which way is better
 * @param pValue the two-sided Mann-Whitney U p-value of their samples; NaN if not tested
 * @param significant whether the difference is significant after the false-discovery-rate control
 */
public record FigureComparison(
    String path, Figure a, Figure b, Direction direction, double pValue, boolean significant) {

  /** What the comparison says about a figure. */
  public enum Verdict {
    /** Significantly better in the second run. */
    BETTER,
    /** Significantly worse in the second run. */
    WORSE,
    /** Significantly different, but which way is better is unknown. */
    DIFFERENT,
    /** No significant difference: the change is within the noise of the samples. */
    SAME,
    /** Too few samples on a side to tell a difference from noise. */
    UNTESTED
  }

  /**
   * The ratio of the second run's value to the first's.
   *
   * @return b / a, NaN if a is 0
   */
  public double ratio() {
    return a.value() == 0 ? Double.NaN : b.value() / a.value();
  }

  /**
   * How much worse the second run is, as a fraction: for a time, b/a - 1; for a rate, 1 - b/a.
   * Negative when it is better.
   *
   * @return the fraction, NaN when the direction is unknown or a is 0
   */
  public double worseBy() {
    double r = ratio();
    return switch (direction) {
      case LOWER_IS_BETTER -> r - 1;
      case HIGHER_IS_BETTER -> 1 - r;
      case UNKNOWN -> Double.NaN;
    };
  }

  /**
   * The verdict.
   *
   * @return better, worse, different, same, or untested
   */
  public Verdict verdict() {
    if (Double.isNaN(pValue)) {
      return Verdict.UNTESTED;
    }
    if (!significant) {
      return Verdict.SAME;
    }
    double w = worseBy();
    if (Double.isNaN(w)) {
      return Verdict.DIFFERENT;
    }
    return w > 0 ? Verdict.WORSE : Verdict.BETTER;
  }

  /**
   * Whether this is a regression beyond a tolerance: significantly worse by more than {@code
   * percent} percent.
   *
   * @param percent tolerance, e.g. 5 for 5%
   * @return true for a regression
   */
  public boolean regressedBeyond(double percent) {
    return verdict() == Verdict.WORSE && worseBy() * 100 > percent;
  }
}
