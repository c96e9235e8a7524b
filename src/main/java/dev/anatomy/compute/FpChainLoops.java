package dev.anatomy.compute;

/**
 * The floating-point loops of the instruction-level-parallelism probe: c independent chains, each
 * one register updated with a loop-invariant operand. C2 never reassociates floating-point
 * operations, so each written operation is executed. The FMA form keeps the accumulator as the
 * addend ({@code x = fma(a, b, x)}): C2's x86 FMA instruction overwrites its addend, so any other
 * form adds a register copy per operation.
 *
 * <p>Generated once by a script (one method per chain count, because the chains must live in
 * registers: an array of accumulators would turn every operation into a load and a store). Do not
 * edit by hand without keeping the methods alike.
 */
final class FpChainLoops {
  private FpChainLoops() {}

  /**
   * FP64 adds {@code x += d} with 1 independent chain.
   *
   * @param n iterations, each 1 operation
   * @param seed chain j starts at seed + j
   * @param d the addend
   * @return the sum of the chains
   */
  static double add1(int n, double seed, double d) {
    double x0 = seed;
    for (int i = 0; i < n; i++) {
      x0 += d;
    }
    return x0;
  }

  /**
   * FP64 adds {@code x += d} with 2 independent chains.
   *
   * @param n iterations, each 2 operations
   * @param seed chain j starts at seed + j
   * @param d the addend
   * @return the sum of the chains
   */
  static double add2(int n, double seed, double d) {
    double x0 = seed;
    double x1 = seed + 1;
    for (int i = 0; i < n; i++) {
      x0 += d;
      x1 += d;
    }
    return x0 + x1;
  }

  /**
   * FP64 adds {@code x += d} with 4 independent chains.
   *
   * @param n iterations, each 4 operations
   * @param seed chain j starts at seed + j
   * @param d the addend
   * @return the sum of the chains
   */
  static double add4(int n, double seed, double d) {
    double x0 = seed;
    double x1 = seed + 1;
    double x2 = seed + 2;
    double x3 = seed + 3;
    for (int i = 0; i < n; i++) {
      x0 += d;
      x1 += d;
      x2 += d;
      x3 += d;
    }
    return x0 + x1 + x2 + x3;
  }

  /**
   * FP64 adds {@code x += d} with 8 independent chains.
   *
   * @param n iterations, each 8 operations
   * @param seed chain j starts at seed + j
   * @param d the addend
   * @return the sum of the chains
   */
  static double add8(int n, double seed, double d) {
    double x0 = seed;
    double x1 = seed + 1;
    double x2 = seed + 2;
    double x3 = seed + 3;
    double x4 = seed + 4;
    double x5 = seed + 5;
    double x6 = seed + 6;
    double x7 = seed + 7;
    for (int i = 0; i < n; i++) {
      x0 += d;
      x1 += d;
      x2 += d;
      x3 += d;
      x4 += d;
      x5 += d;
      x6 += d;
      x7 += d;
    }
    return x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7;
  }

  /**
   * FP64 adds {@code x += d} with 16 independent chains.
   *
   * @param n iterations, each 16 operations
   * @param seed chain j starts at seed + j
   * @param d the addend
   * @return the sum of the chains
   */
  static double add16(int n, double seed, double d) {
    double x0 = seed;
    double x1 = seed + 1;
    double x2 = seed + 2;
    double x3 = seed + 3;
    double x4 = seed + 4;
    double x5 = seed + 5;
    double x6 = seed + 6;
    double x7 = seed + 7;
    double x8 = seed + 8;
    double x9 = seed + 9;
    double x10 = seed + 10;
    double x11 = seed + 11;
    double x12 = seed + 12;
    double x13 = seed + 13;
    double x14 = seed + 14;
    double x15 = seed + 15;
    for (int i = 0; i < n; i++) {
      x0 += d;
      x1 += d;
      x2 += d;
      x3 += d;
      x4 += d;
      x5 += d;
      x6 += d;
      x7 += d;
      x8 += d;
      x9 += d;
      x10 += d;
      x11 += d;
      x12 += d;
      x13 += d;
      x14 += d;
      x15 += d;
    }
    return x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10 + x11 + x12 + x13 + x14 + x15;
  }

  /**
   * FP64 multiplies {@code x *= m} with 1 independent chain.
   *
   * @param n iterations, each 1 operation
   * @param seed chain j starts at seed + j
   * @param m the factor
   * @return the sum of the chains
   */
  static double mul1(int n, double seed, double m) {
    double x0 = seed;
    for (int i = 0; i < n; i++) {
      x0 *= m;
    }
    return x0;
  }

  /**
   * FP64 multiplies {@code x *= m} with 2 independent chains.
   *
   * @param n iterations, each 2 operations
   * @param seed chain j starts at seed + j
   * @param m the factor
   * @return the sum of the chains
   */
  static double mul2(int n, double seed, double m) {
    double x0 = seed;
    double x1 = seed + 1;
    for (int i = 0; i < n; i++) {
      x0 *= m;
      x1 *= m;
    }
    return x0 + x1;
  }

  /**
   * FP64 multiplies {@code x *= m} with 4 independent chains.
   *
   * @param n iterations, each 4 operations
   * @param seed chain j starts at seed + j
   * @param m the factor
   * @return the sum of the chains
   */
  static double mul4(int n, double seed, double m) {
    double x0 = seed;
    double x1 = seed + 1;
    double x2 = seed + 2;
    double x3 = seed + 3;
    for (int i = 0; i < n; i++) {
      x0 *= m;
      x1 *= m;
      x2 *= m;
      x3 *= m;
    }
    return x0 + x1 + x2 + x3;
  }

  /**
   * FP64 multiplies {@code x *= m} with 8 independent chains.
   *
   * @param n iterations, each 8 operations
   * @param seed chain j starts at seed + j
   * @param m the factor
   * @return the sum of the chains
   */
  static double mul8(int n, double seed, double m) {
    double x0 = seed;
    double x1 = seed + 1;
    double x2 = seed + 2;
    double x3 = seed + 3;
    double x4 = seed + 4;
    double x5 = seed + 5;
    double x6 = seed + 6;
    double x7 = seed + 7;
    for (int i = 0; i < n; i++) {
      x0 *= m;
      x1 *= m;
      x2 *= m;
      x3 *= m;
      x4 *= m;
      x5 *= m;
      x6 *= m;
      x7 *= m;
    }
    return x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7;
  }

  /**
   * FP64 multiplies {@code x *= m} with 16 independent chains.
   *
   * @param n iterations, each 16 operations
   * @param seed chain j starts at seed + j
   * @param m the factor
   * @return the sum of the chains
   */
  static double mul16(int n, double seed, double m) {
    double x0 = seed;
    double x1 = seed + 1;
    double x2 = seed + 2;
    double x3 = seed + 3;
    double x4 = seed + 4;
    double x5 = seed + 5;
    double x6 = seed + 6;
    double x7 = seed + 7;
    double x8 = seed + 8;
    double x9 = seed + 9;
    double x10 = seed + 10;
    double x11 = seed + 11;
    double x12 = seed + 12;
    double x13 = seed + 13;
    double x14 = seed + 14;
    double x15 = seed + 15;
    for (int i = 0; i < n; i++) {
      x0 *= m;
      x1 *= m;
      x2 *= m;
      x3 *= m;
      x4 *= m;
      x5 *= m;
      x6 *= m;
      x7 *= m;
      x8 *= m;
      x9 *= m;
      x10 *= m;
      x11 *= m;
      x12 *= m;
      x13 *= m;
      x14 *= m;
      x15 *= m;
    }
    return x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10 + x11 + x12 + x13 + x14 + x15;
  }

  /**
   * FP64 fused multiply-adds {@code x = fma(a, b, x)} with 1 independent chain.
   *
   * @param n iterations, each 1 operation
   * @param seed chain j starts at seed + j
   * @param a first factor
   * @param b second factor
   * @return the sum of the chains
   */
  static double fma1(int n, double seed, double a, double b) {
    double x0 = seed;
    for (int i = 0; i < n; i++) {
      x0 = Math.fma(a, b, x0);
    }
    return x0;
  }

  /**
   * FP64 fused multiply-adds {@code x = fma(a, b, x)} with 2 independent chains.
   *
   * @param n iterations, each 2 operations
   * @param seed chain j starts at seed + j
   * @param a first factor
   * @param b second factor
   * @return the sum of the chains
   */
  static double fma2(int n, double seed, double a, double b) {
    double x0 = seed;
    double x1 = seed + 1;
    for (int i = 0; i < n; i++) {
      x0 = Math.fma(a, b, x0);
      x1 = Math.fma(a, b, x1);
    }
    return x0 + x1;
  }

  /**
   * FP64 fused multiply-adds {@code x = fma(a, b, x)} with 4 independent chains.
   *
   * @param n iterations, each 4 operations
   * @param seed chain j starts at seed + j
   * @param a first factor
   * @param b second factor
   * @return the sum of the chains
   */
  static double fma4(int n, double seed, double a, double b) {
    double x0 = seed;
    double x1 = seed + 1;
    double x2 = seed + 2;
    double x3 = seed + 3;
    for (int i = 0; i < n; i++) {
      x0 = Math.fma(a, b, x0);
      x1 = Math.fma(a, b, x1);
      x2 = Math.fma(a, b, x2);
      x3 = Math.fma(a, b, x3);
    }
    return x0 + x1 + x2 + x3;
  }

  /**
   * FP64 fused multiply-adds {@code x = fma(a, b, x)} with 8 independent chains.
   *
   * @param n iterations, each 8 operations
   * @param seed chain j starts at seed + j
   * @param a first factor
   * @param b second factor
   * @return the sum of the chains
   */
  static double fma8(int n, double seed, double a, double b) {
    double x0 = seed;
    double x1 = seed + 1;
    double x2 = seed + 2;
    double x3 = seed + 3;
    double x4 = seed + 4;
    double x5 = seed + 5;
    double x6 = seed + 6;
    double x7 = seed + 7;
    for (int i = 0; i < n; i++) {
      x0 = Math.fma(a, b, x0);
      x1 = Math.fma(a, b, x1);
      x2 = Math.fma(a, b, x2);
      x3 = Math.fma(a, b, x3);
      x4 = Math.fma(a, b, x4);
      x5 = Math.fma(a, b, x5);
      x6 = Math.fma(a, b, x6);
      x7 = Math.fma(a, b, x7);
    }
    return x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7;
  }

  /**
   * FP64 fused multiply-adds {@code x = fma(a, b, x)} with 16 independent chains.
   *
   * @param n iterations, each 16 operations
   * @param seed chain j starts at seed + j
   * @param a first factor
   * @param b second factor
   * @return the sum of the chains
   */
  static double fma16(int n, double seed, double a, double b) {
    double x0 = seed;
    double x1 = seed + 1;
    double x2 = seed + 2;
    double x3 = seed + 3;
    double x4 = seed + 4;
    double x5 = seed + 5;
    double x6 = seed + 6;
    double x7 = seed + 7;
    double x8 = seed + 8;
    double x9 = seed + 9;
    double x10 = seed + 10;
    double x11 = seed + 11;
    double x12 = seed + 12;
    double x13 = seed + 13;
    double x14 = seed + 14;
    double x15 = seed + 15;
    for (int i = 0; i < n; i++) {
      x0 = Math.fma(a, b, x0);
      x1 = Math.fma(a, b, x1);
      x2 = Math.fma(a, b, x2);
      x3 = Math.fma(a, b, x3);
      x4 = Math.fma(a, b, x4);
      x5 = Math.fma(a, b, x5);
      x6 = Math.fma(a, b, x6);
      x7 = Math.fma(a, b, x7);
      x8 = Math.fma(a, b, x8);
      x9 = Math.fma(a, b, x9);
      x10 = Math.fma(a, b, x10);
      x11 = Math.fma(a, b, x11);
      x12 = Math.fma(a, b, x12);
      x13 = Math.fma(a, b, x13);
      x14 = Math.fma(a, b, x14);
      x15 = Math.fma(a, b, x15);
    }
    return x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10 + x11 + x12 + x13 + x14 + x15;
  }
}
