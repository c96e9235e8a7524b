package dev.anatomy.harness;

/**
 * Where a long step reports how far it has come. Probes call it; the command line draws it on
 * stderr. Implementations must be cheap and thread-safe.
 */
public interface Progress {
  /** Reports nothing. */
  Progress NONE = (step, fraction, secondsLeft) -> {};

  /**
   * Reports the state of a step.
   *
   * @param step the step's name, e.g. "memory: latency sweep"
   * @param fraction how much is done, 0 to 1
   * @param secondsLeft estimated seconds left, or NaN when unknown
   */
  void report(String step, double fraction, double secondsLeft);
}
