package dev.anatomy.model.suite;

import dev.anatomy.harness.KernelCheckException;
import dev.anatomy.model.Access;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * A 2D five-point stencil (Jacobi sweep) on a grid {@value #INTERIOR} points wide (plus the two
 * border columns) and as many rows as the working set holds: {@code out[i][j] = 0.2 * (in[i][j] +
 * in[i-1][j] + in[i+1][j] + in[i][j-1] + in[i][j+1])} over the interior. Per point 5 flops (4 adds
 * and a multiply); 8 bytes read and 8 written from the grid's tier, the three rows in use (1.6 KiB)
 * staying in L1 at every size.
 *
 * <p>The width is fixed so that every working set runs the same inner loop: on a square grid the
 * rows of an L1-sized set are a few vectors long, and the in-core time measured there (the suite's
 * calibration) would carry a per-row overhead that longer rows do not pay.
 */
final class Stencil extends DeclaredKernel {
  Stencil() {
    super("stencil2d", 5, 8, 8, Access.SEQUENTIAL, true, false);
  }

  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  /** Interior points per row: a multiple of every vector length of doubles (1 to 8 lanes). */
  static final int INTERIOR = 64;

  /** Row length, the border columns included. */
  static final int WIDTH = INTERIOR + 2;

  /**
   * Rows of the grid for a share of the working set (two grids of 8-byte points).
   *
   * @param shareBytes the thread's share
   * @return at least 3 rows (one interior row)
   */
  static int rows(long shareBytes) {
    return (int) Math.max(3, Math.min(Integer.MAX_VALUE / WIDTH, shareBytes / (16L * WIDTH)));
  }

  @Override
  public Instance prepare(long shareBytes, long seed) {
    int m = rows(shareBytes);
    int n = WIDTH;
    double[] in = new double[m * n];
    double[] out = new double[m * n];
    for (int i = 0; i < m * n; i++) {
      in[i] = (7L * i + seed) & 15;
    }
    return new Instance() {
      @Override
      public long workingSetBytes() {
        return 16L * m * n;
      }

      @Override
      public long iterationsPerPass() {
        return (long) (m - 2) * INTERIOR;
      }

      @Override
      public long run(long passes) {
        DoubleVector fifth = DoubleVector.broadcast(S, 0.2);
        for (long p = 0; p < passes; p++) {
          for (int i = 1; i < m - 1; i++) {
            int row = i * n;
            for (int j = 1; j < n - 1; j += L) {
              int k = row + j;
              DoubleVector.fromArray(S, in, k)
                  .add(DoubleVector.fromArray(S, in, k - n))
                  .add(DoubleVector.fromArray(S, in, k + n))
                  .add(DoubleVector.fromArray(S, in, k - 1))
                  .add(DoubleVector.fromArray(S, in, k + 1))
                  .mul(fifth)
                  .intoArray(out, k);
            }
          }
        }
        return m;
      }

      @Override
      public void check(long passes, long result) {
        for (int i = 1; i < m - 1; i += Math.max(1, m / 7)) {
          for (int j = 1; j < n - 1; j += Math.max(1, n / 5)) {
            int k = i * n + j;
            double expected = ((in[k] + in[k - n]) + in[k + n] + in[k - 1] + in[k + 1]) * 0.2;
            KernelCheckException.failIfNot("stencil2d", expected, out[k], 1e-12);
          }
        }
      }
    };
  }
}
