package dev.anatomy.compute;

/**
 * The SIMD probe's working set: for each element type three arrays a, b, c of {@link #LENGTH}
 * elements (24 KiB for FP64, within any L1 data cache of 32 KiB), and the start values of c.
 *
 * <p>The values keep every result exact: in floating point a is a multiple of 2^-13 and a * b (b =
 * 2) a multiple of 2^-12, both at most 2^-9, and c starts on a 2^-4 grid below 1, so for up to
 * {@link #MAX_PASSES} passes c stays on a grid FP32 holds exactly (below 2^10 on 2^-13 for the add,
 * below 2^12 on 2^-12 for the FMA). Integers wrap, which Java defines. So the checksum of c after
 * any run has a closed form.
 */
final class SimdArrays {
  /** Elements per array: a multiple of every species' lane count up to 64. */
  static final int LENGTH = 1024;

  /** Passes one call may make before FP32 values would leave their exact range. */
  static final int MAX_PASSES = 1 << 20;

  /** Elements per array of the short arrays that warm the JIT up: cheap even when interpreted. */
  static final int WARM_UP_LENGTH = 64;

  final int length;
  final float[] fa;
  final float[] fb;
  final float[] fc;
  final float[] fc0;
  final double[] da;
  final double[] db;
  final double[] dc;
  final double[] dc0;
  final int[] ia;
  final int[] ib;
  final int[] ic;
  final int[] ic0;

  /**
   * Fills arrays of {@link #LENGTH} elements from a seed.
   *
   * @param seed varies the start values, 0 to 15
   */
  SimdArrays(int seed) {
    this(seed, LENGTH);
  }

  /**
   * Fills the arrays from a seed.
   *
   * @param seed varies the start values, 0 to 15
   * @param length elements per array, a multiple of 64
   */
  SimdArrays(int seed, int length) {
    if (length <= 0 || length % 64 != 0) {
      throw new IllegalArgumentException("length must be a positive multiple of 64, was " + length);
    }
    this.length = length;
    fa = new float[length];
    fb = new float[length];
    fc = new float[length];
    fc0 = new float[length];
    da = new double[length];
    db = new double[length];
    dc = new double[length];
    dc0 = new double[length];
    ia = new int[length];
    ib = new int[length];
    ic = new int[length];
    ic0 = new int[length];
    for (int i = 0; i < length; i++) {
      int small = (i + seed) % 8 + 1;
      fa[i] = small * 0x1p-13f;
      da[i] = small * 0x1p-13;
      fb[i] = 2;
      db[i] = 2;
      fc0[i] = ((i + seed) % 16) * 0x1p-4f;
      dc0[i] = ((i + seed) % 16) * 0x1p-4;
      ia[i] = small;
      ib[i] = 3 + (i % 5);
      ic0[i] = i * 7919 + seed;
    }
  }

  /** Sets every c back to its start values, before a timed run. */
  void reset() {
    System.arraycopy(fc0, 0, fc, 0, length);
    System.arraycopy(dc0, 0, dc, 0, length);
    System.arraycopy(ic0, 0, ic, 0, length);
  }
}
