package dev.anatomy.compute;

/**
 * The integer loops of the instruction-level-parallelism probe. A chain count c uses c + 1
 * registers updated in a ring, {@code x0 op= x1; x1 op= x2; ... xc op= x0}: every operation depends
 * on the one before it in its register, and the ring's critical path lets at most c operations run
 * at once (c = 1 is the Fibonacci chain {@code a += b; b += a}). Unlike {@code x += k}, which C2
 * folds, nothing here is loop-invariant, so the JIT cannot merge operations; {@link RingRecurrence}
 * computes the exact result in closed form.
 *
 * <p>Generated once by a script (one method per chain count, because the chains must live in
 * registers: an array of accumulators would turn every operation into a load and a store). Do not
 * edit by hand without keeping the methods alike.
 */
final class IntRingLoops {
  private IntRingLoops() {}

  /**
   * Dependent 64-bit integer adds with 1 chain: 2 registers in a ring.
   *
   * @param n iterations, each 2 adds
   * @param seed value of register 0; register j starts at seed + j
   * @return the registers XORed together
   */
  static long add1(int n, long seed) {
    long x0 = seed;
    long x1 = seed + 1;
    for (int i = 0; i < n; i++) {
      x0 += x1;
      x1 += x0;
    }
    return x0 ^ x1;
  }

  /**
   * Dependent 64-bit integer adds with 2 chains: 3 registers in a ring.
   *
   * @param n iterations, each 3 adds
   * @param seed value of register 0; register j starts at seed + j
   * @return the registers XORed together
   */
  static long add2(int n, long seed) {
    long x0 = seed;
    long x1 = seed + 1;
    long x2 = seed + 2;
    for (int i = 0; i < n; i++) {
      x0 += x1;
      x1 += x2;
      x2 += x0;
    }
    return x0 ^ x1 ^ x2;
  }

  /**
   * Dependent 64-bit integer adds with 4 chains: 5 registers in a ring.
   *
   * @param n iterations, each 5 adds
   * @param seed value of register 0; register j starts at seed + j
   * @return the registers XORed together
   */
  static long add4(int n, long seed) {
    long x0 = seed;
    long x1 = seed + 1;
    long x2 = seed + 2;
    long x3 = seed + 3;
    long x4 = seed + 4;
    for (int i = 0; i < n; i++) {
      x0 += x1;
      x1 += x2;
      x2 += x3;
      x3 += x4;
      x4 += x0;
    }
    return x0 ^ x1 ^ x2 ^ x3 ^ x4;
  }

  /**
   * Dependent 64-bit integer adds with 8 chains: 9 registers in a ring.
   *
   * @param n iterations, each 9 adds
   * @param seed value of register 0; register j starts at seed + j
   * @return the registers XORed together
   */
  static long add8(int n, long seed) {
    long x0 = seed;
    long x1 = seed + 1;
    long x2 = seed + 2;
    long x3 = seed + 3;
    long x4 = seed + 4;
    long x5 = seed + 5;
    long x6 = seed + 6;
    long x7 = seed + 7;
    long x8 = seed + 8;
    for (int i = 0; i < n; i++) {
      x0 += x1;
      x1 += x2;
      x2 += x3;
      x3 += x4;
      x4 += x5;
      x5 += x6;
      x6 += x7;
      x7 += x8;
      x8 += x0;
    }
    return x0 ^ x1 ^ x2 ^ x3 ^ x4 ^ x5 ^ x6 ^ x7 ^ x8;
  }

  /**
   * Dependent 64-bit integer adds with 16 chains: 17 registers in a ring.
   *
   * @param n iterations, each 17 adds
   * @param seed value of register 0; register j starts at seed + j
   * @return the registers XORed together
   */
  static long add16(int n, long seed) {
    long x0 = seed;
    long x1 = seed + 1;
    long x2 = seed + 2;
    long x3 = seed + 3;
    long x4 = seed + 4;
    long x5 = seed + 5;
    long x6 = seed + 6;
    long x7 = seed + 7;
    long x8 = seed + 8;
    long x9 = seed + 9;
    long x10 = seed + 10;
    long x11 = seed + 11;
    long x12 = seed + 12;
    long x13 = seed + 13;
    long x14 = seed + 14;
    long x15 = seed + 15;
    long x16 = seed + 16;
    for (int i = 0; i < n; i++) {
      x0 += x1;
      x1 += x2;
      x2 += x3;
      x3 += x4;
      x4 += x5;
      x5 += x6;
      x6 += x7;
      x7 += x8;
      x8 += x9;
      x9 += x10;
      x10 += x11;
      x11 += x12;
      x12 += x13;
      x13 += x14;
      x14 += x15;
      x15 += x16;
      x16 += x0;
    }
    return x0 ^ x1 ^ x2 ^ x3 ^ x4 ^ x5 ^ x6 ^ x7 ^ x8 ^ x9 ^ x10 ^ x11 ^ x12 ^ x13 ^ x14 ^ x15
        ^ x16;
  }

  /**
   * Dependent 64-bit integer multiplies (odd values stay odd, never 0) with 1 chain: 2 registers in
   * a ring.
   *
   * @param n iterations, each 2 multiplies
   * @param seed value of register 0; register j starts at seed + 2j
   * @return the registers XORed together
   */
  static long mul1(int n, long seed) {
    long x0 = seed;
    long x1 = seed + 2;
    for (int i = 0; i < n; i++) {
      x0 *= x1;
      x1 *= x0;
    }
    return x0 ^ x1;
  }

  /**
   * Dependent 64-bit integer multiplies (odd values stay odd, never 0) with 2 chains: 3 registers
   * in a ring.
   *
   * @param n iterations, each 3 multiplies
   * @param seed value of register 0; register j starts at seed + 2j
   * @return the registers XORed together
   */
  static long mul2(int n, long seed) {
    long x0 = seed;
    long x1 = seed + 2;
    long x2 = seed + 4;
    for (int i = 0; i < n; i++) {
      x0 *= x1;
      x1 *= x2;
      x2 *= x0;
    }
    return x0 ^ x1 ^ x2;
  }

  /**
   * Dependent 64-bit integer multiplies (odd values stay odd, never 0) with 4 chains: 5 registers
   * in a ring.
   *
   * @param n iterations, each 5 multiplies
   * @param seed value of register 0; register j starts at seed + 2j
   * @return the registers XORed together
   */
  static long mul4(int n, long seed) {
    long x0 = seed;
    long x1 = seed + 2;
    long x2 = seed + 4;
    long x3 = seed + 6;
    long x4 = seed + 8;
    for (int i = 0; i < n; i++) {
      x0 *= x1;
      x1 *= x2;
      x2 *= x3;
      x3 *= x4;
      x4 *= x0;
    }
    return x0 ^ x1 ^ x2 ^ x3 ^ x4;
  }

  /**
   * Dependent 64-bit integer multiplies (odd values stay odd, never 0) with 8 chains: 9 registers
   * in a ring.
   *
   * @param n iterations, each 9 multiplies
   * @param seed value of register 0; register j starts at seed + 2j
   * @return the registers XORed together
   */
  static long mul8(int n, long seed) {
    long x0 = seed;
    long x1 = seed + 2;
    long x2 = seed + 4;
    long x3 = seed + 6;
    long x4 = seed + 8;
    long x5 = seed + 10;
    long x6 = seed + 12;
    long x7 = seed + 14;
    long x8 = seed + 16;
    for (int i = 0; i < n; i++) {
      x0 *= x1;
      x1 *= x2;
      x2 *= x3;
      x3 *= x4;
      x4 *= x5;
      x5 *= x6;
      x6 *= x7;
      x7 *= x8;
      x8 *= x0;
    }
    return x0 ^ x1 ^ x2 ^ x3 ^ x4 ^ x5 ^ x6 ^ x7 ^ x8;
  }

  /**
   * Dependent 64-bit integer multiplies (odd values stay odd, never 0) with 16 chains: 17 registers
   * in a ring.
   *
   * @param n iterations, each 17 multiplies
   * @param seed value of register 0; register j starts at seed + 2j
   * @return the registers XORed together
   */
  static long mul16(int n, long seed) {
    long x0 = seed;
    long x1 = seed + 2;
    long x2 = seed + 4;
    long x3 = seed + 6;
    long x4 = seed + 8;
    long x5 = seed + 10;
    long x6 = seed + 12;
    long x7 = seed + 14;
    long x8 = seed + 16;
    long x9 = seed + 18;
    long x10 = seed + 20;
    long x11 = seed + 22;
    long x12 = seed + 24;
    long x13 = seed + 26;
    long x14 = seed + 28;
    long x15 = seed + 30;
    long x16 = seed + 32;
    for (int i = 0; i < n; i++) {
      x0 *= x1;
      x1 *= x2;
      x2 *= x3;
      x3 *= x4;
      x4 *= x5;
      x5 *= x6;
      x6 *= x7;
      x7 *= x8;
      x8 *= x9;
      x9 *= x10;
      x10 *= x11;
      x11 *= x12;
      x12 *= x13;
      x13 *= x14;
      x14 *= x15;
      x15 *= x16;
      x16 *= x0;
    }
    return x0 ^ x1 ^ x2 ^ x3 ^ x4 ^ x5 ^ x6 ^ x7 ^ x8 ^ x9 ^ x10 ^ x11 ^ x12 ^ x13 ^ x14 ^ x15
        ^ x16;
  }
}
