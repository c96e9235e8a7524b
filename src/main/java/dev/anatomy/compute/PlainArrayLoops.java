package dev.anatomy.compute;

/**
 * The SIMD probe's loops written as plain Java over arrays. In a JVM started with {@code
 * -XX:-UseSuperWord} they are the scalar baseline; in a normal JVM C2 may auto-vectorise them,
 * which the probe reports separately. Every loop repeats over the arrays {@code passes} times in
 * one call, so a sample of an L1-sized working set is one call, not thousands.
 */
final class PlainArrayLoops {
  private PlainArrayLoops() {}

  /**
   * {@code c[i] += a[i]}, {@code passes} times.
   *
   * @param c accumulated in place
   * @param a the addend
   * @param passes repetitions
   */
  static void fp32Add(float[] c, float[] a, int passes) {
    for (int p = 0; p < passes; p++) {
      for (int i = 0; i < c.length; i++) {
        c[i] += a[i];
      }
    }
  }

  /**
   * {@code c[i] = fma(a[i], b[i], c[i])}, {@code passes} times.
   *
   * @param c accumulated in place
   * @param a first factor
   * @param b second factor
   * @param passes repetitions
   */
  static void fp32Fma(float[] c, float[] a, float[] b, int passes) {
    for (int p = 0; p < passes; p++) {
      for (int i = 0; i < c.length; i++) {
        c[i] = Math.fma(a[i], b[i], c[i]);
      }
    }
  }

  /**
   * {@code c[i] += a[i]}, {@code passes} times.
   *
   * @param c accumulated in place
   * @param a the addend
   * @param passes repetitions
   */
  static void fp64Add(double[] c, double[] a, int passes) {
    for (int p = 0; p < passes; p++) {
      for (int i = 0; i < c.length; i++) {
        c[i] += a[i];
      }
    }
  }

  /**
   * {@code c[i] = fma(a[i], b[i], c[i])}, {@code passes} times.
   *
   * @param c accumulated in place
   * @param a first factor
   * @param b second factor
   * @param passes repetitions
   */
  static void fp64Fma(double[] c, double[] a, double[] b, int passes) {
    for (int p = 0; p < passes; p++) {
      for (int i = 0; i < c.length; i++) {
        c[i] = Math.fma(a[i], b[i], c[i]);
      }
    }
  }

  /**
   * {@code c[i] += a[i]}, {@code passes} times, wrapping.
   *
   * @param c accumulated in place
   * @param a the addend
   * @param passes repetitions
   */
  static void int32Add(int[] c, int[] a, int passes) {
    for (int p = 0; p < passes; p++) {
      for (int i = 0; i < c.length; i++) {
        c[i] += a[i];
      }
    }
  }

  /**
   * {@code c[i] += a[i] * b[i]}, {@code passes} times, wrapping: the integer multiply-add.
   *
   * @param c accumulated in place
   * @param a first factor
   * @param b second factor
   * @param passes repetitions
   */
  static void int32MulAdd(int[] c, int[] a, int[] b, int passes) {
    for (int p = 0; p < passes; p++) {
      for (int i = 0; i < c.length; i++) {
        c[i] += a[i] * b[i];
      }
    }
  }
}
