package dev.anatomy.model.suite;

import dev.anatomy.harness.KernelCheckException;
import dev.anatomy.model.Access;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Dense matrix multiply {@code C += A x B}, n x n doubles, two ways. Per iteration of the inner
 * loop: one FMA (2 flops), a load of B and a load and store of C.
 *
 * <ul>
 *   <li>naive: three plain loops in i-k-j order, no blocking, scalar Java that C2 may
 *       auto-vectorise; B streams from the tier that holds the matrices, the row of C stays in L1;
 *   <li>blocked: 64 x 64 tiles (three tiles, 96 KiB, stay in L2), the inner loop written with the
 *       Vector API's FMA. From the tier that holds the matrices, each tile step of 64^3 iterations
 *       reads a tile of A, B and C and writes one of C (32 KiB each): 3 x 32 KiB / 64^3 = 0.375
 *       bytes read and 0.125 bytes written per iteration; the loads and stores of the inner loop
 *       hit the tiles in L1 and L2, and are in the kernel's in-core time.
 * </ul>
 *
 * <p>Both multiply matrices at least {@value #TILE} wide, so their smallest instance is 96 KiB (in
 * L2): on smaller matrices the naive inner loop is a few vectors long, and the in-core time per
 * iteration measured there (the suite's calibration) ran 30-50% above that of every larger size.
 */
final class Matmul extends DeclaredKernel {

  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  static final int TILE = 64;

  private final boolean blocked;

  Matmul(boolean blocked) {
    // fma: the blocked loop calls DoubleVector.fma; C2 does not fuse the naive loop's a * b + c
    super(
        blocked ? "matmul-blocked" : "matmul-naive",
        2,
        blocked ? 3.0 * 8 / TILE : 8,
        blocked ? 8.0 / TILE : 0,
        Access.SEQUENTIAL,
        true,
        blocked);
    this.blocked = blocked;
  }

  int side(long shareBytes) {
    int n = (int) Math.sqrt(shareBytes / 24.0);
    int unit = blocked ? TILE : L;
    return Math.max(TILE, n / unit * unit);
  }

  /**
   * Rows of C one pass computes: the whole matrix when it is small, else a band of rows sized so a
   * pass stays near 2^24 iterations while still streaming all of B (the working set).
   */
  int rowsPerPass(int n) {
    int unit = blocked ? TILE : 1;
    long rows = Math.max(1, (1L << 24) / ((long) n * n));
    rows = Math.max(unit, rows / unit * unit);
    return (int) Math.min(n, rows);
  }

  @Override
  public Instance prepare(long shareBytes, long seed) {
    int n = side(shareBytes);
    int rows = rowsPerPass(n);
    int bands = n / rows;
    double[] a = new double[n * n];
    double[] b = new double[n * n];
    double[] c = new double[n * n];
    for (int i = 0; i < n * n; i++) {
      a[i] = (i + seed) & 3;
      b[i] = (5L * i + seed) & 3;
    }
    return new Instance() {
      private long passesRun;

      @Override
      public long workingSetBytes() {
        return 24L * n * n;
      }

      @Override
      public long iterationsPerPass() {
        return (long) rows * n * n;
      }

      @Override
      public long run(long passes) {
        long band = passesRun;
        for (long p = 0; p < passes; p++) {
          int first = (int) ((passesRun + p) % bands) * rows;
          java.util.Arrays.fill(c, first * n, (first + rows) * n, 0.0);
          if (blocked) {
            blocked(a, b, c, n, first, first + rows);
          } else {
            naive(a, b, c, n, first, first + rows);
          }
          band = passesRun + p;
        }
        passesRun += passes;
        return band % bands;
      }

      @Override
      public void check(long passes, long result) {
        int first = (int) result * rows;
        for (int i = first; i < first + rows; i += Math.max(1, rows / 3)) {
          for (int j = 0; j < n; j += Math.max(1, n / 3)) {
            double sum = 0;
            for (int k = 0; k < n; k++) {
              sum += a[i * n + k] * b[k * n + j];
            }
            KernelCheckException.failIfNot(name(), sum, c[i * n + j], 1e-9);
          }
        }
      }
    };
  }

  static void naive(double[] a, double[] b, double[] c, int n, int fromRow, int toRow) {
    for (int i = fromRow; i < toRow; i++) {
      for (int k = 0; k < n; k++) {
        double aik = a[i * n + k];
        int bk = k * n;
        int ci = i * n;
        for (int j = 0; j < n; j++) {
          c[ci + j] += aik * b[bk + j];
        }
      }
    }
  }

  static void blocked(double[] a, double[] b, double[] c, int n, int fromRow, int toRow) {
    for (int ii = fromRow; ii < toRow; ii += TILE) {
      for (int kk = 0; kk < n; kk += TILE) {
        for (int jj = 0; jj < n; jj += TILE) {
          for (int i = ii; i < ii + TILE; i++) {
            int ci = i * n;
            for (int k = kk; k < kk + TILE; k++) {
              DoubleVector aik = DoubleVector.broadcast(S, a[i * n + k]);
              int bk = k * n;
              for (int j = jj; j < jj + TILE; j += L) {
                aik.fma(DoubleVector.fromArray(S, b, bk + j), DoubleVector.fromArray(S, c, ci + j))
                    .intoArray(c, ci + j);
              }
            }
          }
        }
      }
    }
  }
}
