package dev.anatomy.harness;

/**
 * What {@link System#nanoTime()} can resolve on this machine, measured at start.
 *
 * @param granularityNs smallest non-zero difference seen between two consecutive readings
 * @param latencyNs average cost of one reading
 */
public record TimerInfo(double granularityNs, double latencyNs) {
  private static final int READINGS = 200_000;

  /**
   * Measures the timer. Takes a few milliseconds.
   *
   * @return the timer's granularity and cost
   */
  public static TimerInfo measure() {
    long smallest = Long.MAX_VALUE;
    long start = System.nanoTime();
    long previous = start;
    for (int i = 0; i < READINGS; i++) {
      long now = System.nanoTime();
      long delta = now - previous;
      if (delta > 0 && delta < smallest) {
        smallest = delta;
      }
      previous = now;
    }
    double latency = (double) (previous - start) / READINGS;
    return new TimerInfo(smallest == Long.MAX_VALUE ? latency : smallest, latency);
  }

  /**
   * The shortest region worth timing: 1000 times the larger of granularity and cost, so one
   * reading's error stays below 0.1%.
   *
   * @return nanoseconds
   */
  public long minimumRegionNs() {
    return (long) Math.ceil(1000 * Math.max(granularityNs, latencyNs));
  }
}
