package dev.anatomy.harness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * Takes samples of a measurement: warms up until the last samples agree, then keeps a fixed number.
 *
 * <p>Each call of the measurement must time a region long enough for the timer (see {@link
 * TimerInfo}) and return one figure (nanoseconds per operation, bytes per second, ...). Warm-up
 * stops once the last {@code settleWindow} samples have a coefficient of variation below {@code
 * settleTolerance}, or after {@code maxWarmups}; the samples then kept say whether it settled.
 *
 * <pre>{@code
 * Samples s = new Sampler(Sampler.Plan.STANDARD).sample(() -> timeOneChase());
 * double best = s.min();
 * }</pre>
 */
public final class Sampler {
  private final Plan plan;

  /**
   * How many samples to take and when warm-up is over.
   *
   * @param minWarmups warm-up samples always dropped
   * @param maxWarmups warm-up samples at most
   * @param settleWindow how many recent samples must agree
   * @param settleTolerance their largest coefficient of variation
   * @param samples samples kept after warm-up
   */
  public record Plan(
      int minWarmups, int maxWarmups, int settleWindow, double settleTolerance, int samples) {
    /** For {@code --quick}: short warm-up, three samples. */
    public static final Plan QUICK = new Plan(1, 4, 2, 0.05, 3);

    /** The default. */
    public static final Plan STANDARD = new Plan(1, 8, 3, 0.03, 5);

    /** For {@code --deep}: long warm-up, more samples. */
    public static final Plan DEEP = new Plan(2, 20, 4, 0.02, 11);

    /**
     * Validates the plan.
     *
     * @param minWarmups zero or more
     * @param maxWarmups at least minWarmups
     * @param settleWindow at least 2
     * @param settleTolerance positive
     * @param samples at least 1
     */
    public Plan {
      if (minWarmups < 0 || maxWarmups < minWarmups || settleWindow < 2 || samples < 1) {
        throw new IllegalArgumentException("inconsistent sampling plan");
      }
      if (!(settleTolerance > 0)) {
        throw new IllegalArgumentException("settleTolerance must be positive");
      }
    }

    /**
     * The same plan with another number of kept samples.
     *
     * @param count samples kept, at least 1
     * @return the new plan
     */
    public Plan withSamples(int count) {
      return new Plan(minWarmups, maxWarmups, settleWindow, settleTolerance, count);
    }
  }

  /**
   * Creates a sampler.
   *
   * @param plan how to sample
   */
  public Sampler(Plan plan) {
    this.plan = plan;
  }

  /**
   * The plan in use.
   *
   * @return the plan
   */
  public Plan plan() {
    return plan;
  }

  /**
   * Warms up, then samples.
   *
   * @param measurement one timed measurement per call
   * @return the kept samples and how many warm-ups were dropped
   */
  public Samples sample(DoubleSupplier measurement) {
    List<Double> warm = new ArrayList<>();
    while (warm.size() < plan.maxWarmups()) {
      warm.add(measurement.getAsDouble());
      if (warm.size() >= plan.minWarmups() && settled(warm)) {
        break;
      }
    }
    double[] kept = new double[plan.samples()];
    for (int i = 0; i < kept.length; i++) {
      kept[i] = measurement.getAsDouble();
    }
    return new Samples(kept, warm.size());
  }

  boolean settled(List<Double> history) {
    if (history.size() < plan.settleWindow()) {
      return false;
    }
    double[] tail =
        history.subList(history.size() - plan.settleWindow(), history.size()).stream()
            .mapToDouble(Double::doubleValue)
            .toArray();
    return cv(tail) <= plan.settleTolerance();
  }

  private static double cv(double[] xs) {
    double mean = Arrays.stream(xs).average().orElse(0);
    if (mean == 0) {
      return 0;
    }
    double var = 0;
    for (double x : xs) {
      var += (x - mean) * (x - mean);
    }
    return Math.sqrt(var / (xs.length - 1)) / Math.abs(mean);
  }
}
