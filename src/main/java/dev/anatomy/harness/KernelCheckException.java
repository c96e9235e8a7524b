package dev.anatomy.harness;

/**
 * A kernel's result did not match what its inputs imply: the measured work did not happen as
 * declared, so its timing must not be reported.
 */
public final class KernelCheckException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was expected and what was found
   */
  public KernelCheckException(String message) {
    super(message);
  }

  /**
   * Fails unless two values agree.
   *
   * @param kernel the kernel's name
   * @param expected the value the inputs imply
   * @param actual the value the kernel produced
   */
  public static void failIfNot(String kernel, long expected, long actual) {
    if (expected != actual) {
      throw new KernelCheckException(
          kernel + " produced " + actual + " where its inputs imply " + expected);
    }
  }

  /**
   * Fails unless two values agree within a relative tolerance.
   *
   * @param kernel the kernel's name
   * @param expected the value the inputs imply
   * @param actual the value the kernel produced
   * @param relativeTolerance allowed |actual - expected| / |expected|
   */
  public static void failIfNot(
      String kernel, double expected, double actual, double relativeTolerance) {
    double scale = Math.max(Math.abs(expected), Double.MIN_NORMAL);
    if (!(Math.abs(actual - expected) / scale <= relativeTolerance)) {
      throw new KernelCheckException(
          kernel + " produced " + actual + " where its inputs imply " + expected);
    }
  }
}
