package dev.anatomy.compute;

/**
 * The Amdahl calculator behind {@code anatomy amdahl}: from a serial fraction and a core count to
 * the speedup, or from a measured speedup back to the serial fraction, with the limit and
 * Gustafson's scaled speedup beside it. Pure: no I/O, no state.
 *
 * <pre>{@code
 * AmdahlCalculator.Result r = AmdahlCalculator.fromSerialFraction(0.05, 8);
 * r.speedup();          // 5.93
 * AmdahlCalculator.fromSpeedup(5.93, 8).serialFraction();   // 0.05
 * }</pre>
 */
public final class AmdahlCalculator {
  private AmdahlCalculator() {}

  /**
   * Everything the calculator says about one serial fraction on one core count.
   *
   * @param serialFraction p, given or solved for
   * @param cores N
   * @param speedup Amdahl's speedup 1 / (p + (1 - p) / N)
   * @param efficiency speedup / N, between 0 and 1
   * @param limit 1 / p: the speedup no number of cores passes (infinite for p = 0)
   * @param gustafsonSpeedup N - p (N - 1): the speedup when the job grows with the cores and p is
   *     the serial share of the parallel run
   */
  public record Result(
      double serialFraction,
      int cores,
      double speedup,
      double efficiency,
      double limit,
      double gustafsonSpeedup) {}

  /**
   * The speedup of a serial fraction on N cores.
   *
   * @param serialFraction p, between 0 and 1
   * @param cores N, at least 1
   * @return the result
   * @throws IllegalArgumentException for p outside [0, 1] or NaN, or cores below 1
   */
  public static Result fromSerialFraction(double serialFraction, int cores) {
    double s = AmdahlLaw.speedup(serialFraction, cores);
    return new Result(
        serialFraction,
        cores,
        s,
        s / cores,
        AmdahlLaw.limit(serialFraction),
        AmdahlLaw.gustafsonSpeedup(serialFraction, cores));
  }

  /**
   * The serial fraction a measured speedup on N cores implies.
   *
   * @param speedup S, between 1 and N
   * @param cores N, at least 2
   * @return the result, its speedup equal to the one given
   * @throws IllegalArgumentException for S outside [1, N] or NaN, or cores below 2
   */
  public static Result fromSpeedup(double speedup, int cores) {
    double p = AmdahlLaw.serialFraction(speedup, cores);
    // Rounding can put p a hair outside [0, 1] at the ends.
    double clamped = Math.min(1, Math.max(0, p));
    return new Result(
        clamped,
        cores,
        speedup,
        speedup / cores,
        AmdahlLaw.limit(clamped),
        AmdahlLaw.gustafsonSpeedup(clamped, cores));
  }
}
