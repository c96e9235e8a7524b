package dev.anatomy.harness;

/**
 * Where kernels send their results so the JIT cannot prove them unused and delete the work (the
 * role of JMH's {@code Blackhole}).
 *
 * <p>Kernels fold what they compute into one value and hand it here once per sample, not once per
 * element, so sinking costs nothing measurable. The volatile write is a side effect the compiler
 * must keep, and with it everything that produced the value.
 */
public final class Sink {
  @SuppressWarnings("unused")
  private static volatile long sunk;

  private Sink() {}

  /**
   * Keeps a value alive.
   *
   * @param value anything a kernel computed
   */
  public static void consume(long value) {
    sunk ^= value;
  }

  /**
   * Keeps a value alive.
   *
   * @param value anything a kernel computed
   */
  public static void consume(double value) {
    sunk ^= Double.doubleToRawLongBits(value);
  }
}
