package dev.anatomy.harness;

/**
 * Tracks one step's progress in units of work and reports fraction and time left to a {@link
 * Progress}, at most every 100 ms. The time left is extrapolated from the pace so far.
 *
 * <pre>{@code
 * ProgressMeter meter = new ProgressMeter(progress, "memory: latency", sizes.size());
 * for (long size : sizes) { measure(size); meter.advance(1); }
 * meter.done();
 * }</pre>
 */
public final class ProgressMeter {
  private static final long REPORT_INTERVAL_NS = 100_000_000L;

  private final Progress sink;
  private final String step;
  private final double total;
  private final long startNs = System.nanoTime();
  private double done;
  private long lastReportNs;

  /**
   * Starts a step.
   *
   * @param sink where to report
   * @param step the step's name
   * @param total units of work in the step, positive
   */
  public ProgressMeter(Progress sink, String step, double total) {
    this.sink = sink;
    this.step = step;
    this.total = Math.max(total, 1e-9);
    sink.report(step, 0, Double.NaN);
  }

  /**
   * Records finished work.
   *
   * @param units units just finished
   */
  public synchronized void advance(double units) {
    done = Math.min(total, done + units);
    long now = System.nanoTime();
    if (now - lastReportNs >= REPORT_INTERVAL_NS) {
      lastReportNs = now;
      sink.report(step, done / total, secondsLeft(now));
    }
  }

  /** Reports the step finished. */
  public synchronized void done() {
    done = total;
    sink.report(step, 1, 0);
  }

  private double secondsLeft(long now) {
    if (done <= 0) {
      return Double.NaN;
    }
    double elapsed = (now - startNs) / 1e9;
    return elapsed * (total - done) / done;
  }
}
