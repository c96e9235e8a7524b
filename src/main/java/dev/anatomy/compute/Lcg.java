package dev.anatomy.compute;

/**
 * Synthetic work for the scaling demos: a 64-bit linear congruential generator, {@code x = x * a +
 * c}, one dependent multiply and add per step, so its time is linear in the steps (the role of
 * JMH's {@code Blackhole.consumeCPU}). Any number of steps has a closed form ({@link #jump}), so
 * every run is checked without running it twice.
 */
final class Lcg {
  /** Knuth's MMIX multiplier. */
  static final long MULTIPLIER = 6364136223846793005L;

  /** Knuth's MMIX increment. */
  static final long INCREMENT = 1442695040888963407L;

  private final long a;
  private final long c;

  /** A generator with Knuth's MMIX constants, held in fields so the JIT cannot fold them. */
  Lcg() {
    this(MULTIPLIER, INCREMENT);
  }

  Lcg(long a, long c) {
    this.a = a;
    this.c = c;
  }

  /**
   * Runs the steps.
   *
   * @param x the state
   * @param steps how many, 0 or more
   * @return the state after them
   */
  long spin(long x, int steps) {
    return spin(x, steps, a, c);
  }

  private static long spin(long x, int steps, long a, long c) {
    long v = x;
    for (int i = 0; i < steps; i++) {
      v = v * a + c;
    }
    return v;
  }

  /**
   * The state after any number of steps, in O(log steps) (F. Brown, "Random number generation with
   * arbitrary strides", 1994).
   *
   * @param x the state
   * @param steps how many, 0 or more
   * @return what {@link #spin} would return
   */
  long jump(long x, long steps) {
    long accMul = 1;
    long accAdd = 0;
    long curMul = a;
    long curAdd = c;
    for (long n = steps; n > 0; n >>>= 1) {
      if ((n & 1) != 0) {
        accMul *= curMul;
        accAdd = accAdd * curMul + curAdd;
      }
      curAdd = (curMul + 1) * curAdd;
      curMul *= curMul;
    }
    return accMul * x + accAdd;
  }
}
