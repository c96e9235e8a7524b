package dev.anatomy.memory;

/**
 * A pseudo-random permutation of {@code [0, n)} computed on demand: a four-round Feistel network
 * over the next even power of two, with cycle-walking to stay below n.
 *
 * <p>It lets a pointer chase of millions of lines be laid out without a shuffled index array:
 * position {@code i} of the chase visits line {@code apply(i)}, so both building the chain and
 * checking where a chase ended are O(1) per step and need no memory beyond the chain itself.
 */
public final class RandomBijection {
  private static final int ROUNDS = 4;

  private final long n;
  private final int halfBits;
  private final long halfMask;
  private final long[] keys = new long[ROUNDS];

  /**
   * Creates the permutation.
   *
   * @param n size of the domain, at least 1
   * @param seed selects the permutation
   */
  public RandomBijection(long n, long seed) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be at least 1, was " + n);
    }
    this.n = n;
    int bits = Math.max(2, 64 - Long.numberOfLeadingZeros(n - 1));
    if ((bits & 1) == 1) {
      bits++;
    }
    this.halfBits = bits / 2;
    this.halfMask = (1L << halfBits) - 1;
    long s = seed;
    for (int r = 0; r < ROUNDS; r++) {
      s = mix(s + 0x9E3779B97F4A7C15L);
      keys[r] = s;
    }
  }

  /**
   * The domain size.
   *
   * @return n
   */
  public long size() {
    return n;
  }

  /**
   * The image of {@code i}.
   *
   * @param i in [0, n)
   * @return a distinct value in [0, n)
   */
  public long apply(long i) {
    long x = i;
    do {
      x = permuteOnce(x);
    } while (x >= n);
    return x;
  }

  /**
   * The preimage of {@code y}: {@code inverse(apply(i)) == i}.
   *
   * @param y in [0, n)
   * @return the value that maps to y
   */
  public long inverse(long y) {
    long x = y;
    do {
      x = unpermuteOnce(x);
    } while (x >= n);
    return x;
  }

  private long unpermuteOnce(long x) {
    long left = x >>> halfBits;
    long right = x & halfMask;
    for (int r = ROUNDS - 1; r >= 0; r--) {
      long previous = right ^ (round(left, keys[r]) & halfMask);
      right = left;
      left = previous;
    }
    return (left << halfBits) | right;
  }

  private long permuteOnce(long x) {
    long left = x >>> halfBits;
    long right = x & halfMask;
    for (int r = 0; r < ROUNDS; r++) {
      long next = left ^ (round(right, keys[r]) & halfMask);
      left = right;
      right = next;
    }
    return (left << halfBits) | right;
  }

  /** A Feistel round function: one multiply, folded so high bits reach the low half. */
  private static long round(long half, long key) {
    long z = (half ^ key) * 0x9E3779B97F4A7C15L;
    return z ^ (z >>> 29);
  }

  /** The finaliser of SplitMix64: a fast, well-mixed 64-bit hash. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
