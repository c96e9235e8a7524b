package dev.anatomy.harness;

/**
 * How quiet the machine was while one step measured.
 *
 * @param step the step's name, e.g. "memory.latency"
 * @param seconds how long the step ran
 * @param stealFraction share of all CPU time the hypervisor gave to other guests
 * @param foreignBusyFraction share of all CPU time other processes used (this process excluded)
 * @param loadAverage the one-minute load average at the end of the step
 */
public record NoiseRecord(
    String step,
    double seconds,
    double stealFraction,
    double foreignBusyFraction,
    double loadAverage) {
  /** Steal above this share of CPU time makes a step noisy. */
  public static final double STEAL_LIMIT = 0.05;

  /** Other processes' CPU use above this share makes a step noisy. */
  public static final double FOREIGN_LIMIT = 0.10;

  /**
   * Whether other work could have disturbed the figures of this step.
   *
   * @return true when steal or other processes' load passed their limits
   */
  public boolean busy() {
    return stealFraction > STEAL_LIMIT || foreignBusyFraction > FOREIGN_LIMIT;
  }
}
