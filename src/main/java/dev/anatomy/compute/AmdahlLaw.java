package dev.anatomy.compute;

import java.util.OptionalDouble;
import org.hipparchus.distribution.continuous.TDistribution;

/**
 * Amdahl's and Gustafson's laws, and the least-squares fit of a serial fraction to measured
 * speedups.
 *
 * <p>Amdahl: a job whose fraction p must run on one thread speeds up on N threads by S(N) = 1 / (p
 * + (1 - p) / N), never beyond 1 / p. Gustafson: if the job grows with the machine so that a
 * fraction s of the <em>parallel</em> run's time is serial, the scaled speedup is N - s (N - 1).
 */
public final class AmdahlLaw {
  private AmdahlLaw() {}

  /**
   * Amdahl's speedup.
   *
   * @param serialFraction p, between 0 and 1
   * @param cores N, at least 1
   * @return 1 / (p + (1 - p) / N)
   */
  public static double speedup(double serialFraction, double cores) {
    checkFraction(serialFraction);
    checkCores(cores);
    return 1 / (serialFraction + (1 - serialFraction) / cores);
  }

  /**
   * The serial fraction that gives a speedup on N cores: Amdahl's law solved for p.
   *
   * @param speedup S, between 1 and N
   * @param cores N, more than 1 (on one core every p gives S = 1)
   * @return (N / S - 1) / (N - 1)
   */
  public static double serialFraction(double speedup, double cores) {
    checkCores(cores);
    if (!(cores > 1)) {
      throw new IllegalArgumentException(
          "on 1 core every serial fraction gives speedup 1; 2 or more cores are needed");
    }
    if (!(speedup >= 1 && speedup <= cores)) {
      throw new IllegalArgumentException(
          "speedup must be between 1 and the number of cores (" + cores + "), was " + speedup);
    }
    return (cores / speedup - 1) / (cores - 1);
  }

  /**
   * Gustafson's scaled speedup.
   *
   * @param serialFraction s, the serial share of the parallel run's time, between 0 and 1
   * @param cores N, at least 1
   * @return N - s (N - 1)
   */
  public static double gustafsonSpeedup(double serialFraction, double cores) {
    checkFraction(serialFraction);
    checkCores(cores);
    return cores - serialFraction * (cores - 1);
  }

  /**
   * The speedup no number of cores can pass.
   *
   * @param serialFraction p, between 0 and 1
   * @return 1 / p, infinite for p = 0
   */
  public static double limit(double serialFraction) {
    checkFraction(serialFraction);
    return 1 / serialFraction;
  }

  /**
   * A serial fraction fitted to measurements.
   *
   * @param serialFraction the fit, clamped to [0, 1]
   * @param unclamped the least-squares value before clamping (below 0 when the measured speedup
   *     beat linear, as noise can make it)
   * @param halfWidth95 half the width of the 95% confidence interval, when there are at least two
   *     thread counts above 1 to estimate the residual spread from
   * @param points thread counts above 1 that entered the fit
   */
  public record Fit(
      double serialFraction, double unclamped, OptionalDouble halfWidth95, int points) {}

  /**
   * Fits p to measured speedups by least squares on 1 / S(N) - 1 / N = p (1 - 1 / N), which is
   * linear in p. Points at one thread carry no information and are skipped.
   *
   * @param threads thread counts
   * @param speedups measured speedups, each relative to one thread
   * @return the fit
   * @throws IllegalArgumentException without a point above one thread, or on non-positive values
   */
  public static Fit fit(int[] threads, double[] speedups) {
    if (threads.length != speedups.length) {
      throw new IllegalArgumentException("threads and speedups differ in length");
    }
    double sxy = 0;
    double sxx = 0;
    int points = 0;
    for (int i = 0; i < threads.length; i++) {
      if (threads[i] < 1 || !(speedups[i] > 0) || !Double.isFinite(speedups[i])) {
        throw new IllegalArgumentException(
            "thread counts must be >= 1 and speedups positive, were "
                + threads[i]
                + " and "
                + speedups[i]);
      }
      if (threads[i] == 1) {
        continue;
      }
      double x = 1 - 1.0 / threads[i];
      double y = 1 / speedups[i] - 1.0 / threads[i];
      sxy += x * y;
      sxx += x * x;
      points++;
    }
    if (points == 0) {
      throw new IllegalArgumentException("a serial fraction needs a speedup at 2 or more threads");
    }
    double p = sxy / sxx;
    OptionalDouble half = OptionalDouble.empty();
    if (points >= 2) {
      double rss = 0;
      for (int i = 0; i < threads.length; i++) {
        if (threads[i] > 1) {
          double x = 1 - 1.0 / threads[i];
          double r = 1 / speedups[i] - 1.0 / threads[i] - p * x;
          rss += r * r;
        }
      }
      double se = Math.sqrt(rss / (points - 1) / sxx);
      double t = new TDistribution(points - 1).inverseCumulativeProbability(0.975);
      half = OptionalDouble.of(t * se);
    }
    return new Fit(Math.min(1, Math.max(0, p)), p, half, points);
  }

  private static void checkFraction(double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("serial fraction must be between 0 and 1, was " + p);
    }
  }

  private static void checkCores(double cores) {
    if (!(cores >= 1) || Double.isInfinite(cores)) {
      throw new IllegalArgumentException("cores must be at least 1, was " + cores);
    }
  }
}
