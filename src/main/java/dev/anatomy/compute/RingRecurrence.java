package dev.anatomy.compute;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The exact result of the integer ring loops of {@link IntRingLoops}, in closed form, so every
 * timed run can be checked without running it a second time.
 *
 * <p>One iteration of a ring of k registers ({@code x0 op= x1; ...; x[k-1] op= x0}) is a linear map
 * M over the integers modulo 2^64 when op is addition: x(n) = M^n x(0), and M^n takes O(k^3 log n)
 * steps by repeated squaring. With multiplication the same M acts on exponents: for odd seeds s_j,
 * x_i(n) = prod_j s_j^(M^n[i][j]) modulo 2^64. Exponents may be taken modulo 2^64 because every odd
 * number raised to 2^62 is 1 modulo 2^64. Java's wrapping long arithmetic is exactly arithmetic
 * modulo 2^64, so both forms are exact.
 */
final class RingRecurrence {
  /** M^n by ring size and iterations: the samples of one point share n, so each is built once. */
  private static final Map<Long, long[][]> POWERS = new ConcurrentHashMap<>();

  private RingRecurrence() {}

  /**
   * The XOR of the registers after {@link IntRingLoops} add loop with {@code chains} chains.
   *
   * @param chains 1 or more; the ring has chains + 1 registers
   * @param n iterations, 0 or more
   * @param seed register j starts at seed + j
   * @return what the loop returns
   */
  static long add(int chains, long n, long seed) {
    int k = chains + 1;
    long[][] m = cachedPower(k, n);
    long result = 0;
    for (int i = 0; i < k; i++) {
      long xi = 0;
      for (int j = 0; j < k; j++) {
        xi += m[i][j] * (seed + j);
      }
      result ^= xi;
    }
    return result;
  }

  /**
   * The XOR of the registers after the {@link IntRingLoops} multiply loop with {@code chains}
   * chains.
   *
   * @param chains 1 or more; the ring has chains + 1 registers
   * @param n iterations, 0 or more
   * @param seed an odd number; register j starts at seed + 2j
   * @return what the loop returns
   */
  static long mul(int chains, long n, long seed) {
    if ((seed & 1) == 0) {
      throw new IllegalArgumentException("the multiply ring needs an odd seed, was " + seed);
    }
    int k = chains + 1;
    long[][] m = cachedPower(k, n);
    long result = 0;
    for (int i = 0; i < k; i++) {
      long xi = 1;
      for (int j = 0; j < k; j++) {
        xi *= pow(seed + 2L * j, m[i][j]);
      }
      result ^= xi;
    }
    return result;
  }

  private static long[][] cachedPower(int k, long n) {
    if (n < 0) {
      throw new IllegalArgumentException("iterations must be 0 or more, was " + n);
    }
    if (POWERS.size() > 4096) {
      POWERS.clear();
    }
    // k <= 64 and n < 2^56 in any real run; beyond that the key may collide, so skip the cache.
    if (k > 64 || n >= 1L << 56) {
      return power(step(k), n);
    }
    return POWERS.computeIfAbsent(n << 6 | (k - 1), key -> power(step(k), n));
  }

  /** The matrix of one iteration: row i says how register i's new value sums the old ones. */
  static long[][] step(int k) {
    long[][] m = identity(k);
    for (int j = 0; j < k; j++) {
      int source = (j + 1) % k;
      for (int c = 0; c < k; c++) {
        m[j][c] += m[source][c];
      }
    }
    return m;
  }

  private static long[][] identity(int k) {
    long[][] m = new long[k][k];
    for (int i = 0; i < k; i++) {
      m[i][i] = 1;
    }
    return m;
  }

  private static long[][] power(long[][] base, long n) {
    if (n < 0) {
      throw new IllegalArgumentException("iterations must be 0 or more, was " + n);
    }
    long[][] result = identity(base.length);
    long[][] square = base;
    for (long e = n; e != 0; e >>>= 1) {
      if ((e & 1) != 0) {
        result = multiply(result, square);
      }
      square = multiply(square, square);
    }
    return result;
  }

  private static long[][] multiply(long[][] a, long[][] b) {
    int k = a.length;
    long[][] c = new long[k][k];
    for (int i = 0; i < k; i++) {
      for (int l = 0; l < k; l++) {
        long ail = a[i][l];
        if (ail == 0) {
          continue;
        }
        for (int j = 0; j < k; j++) {
          c[i][j] += ail * b[l][j];
        }
      }
    }
    return c;
  }

  /** base^exponent modulo 2^64, the exponent read as an unsigned 64-bit number. */
  static long pow(long base, long exponent) {
    long result = 1;
    long b = base;
    for (long e = exponent; e != 0; e >>>= 1) {
      if ((e & 1) != 0) {
        result *= b;
      }
      b *= b;
    }
    return result;
  }
}
