package dev.anatomy.model.suite;

import dev.anatomy.harness.KernelCheckException;
import dev.anatomy.model.Access;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * A 2D five-point stencil (Jacobi sweep) on an n x n grid: {@code out[i][j] = 0.2 * (in[i][j] +
 * in[i-1][j] + in[i+1][j] + in[i][j-1] + in[i][j+1])} over the interior. Per point 5 flops (4 adds
 * and a multiply); 8 bytes read and 8 written from the grid's tier, the three rows in use staying
 * in the cache (the layer condition holds for every size the suite uses).
 */
final class Stencil extends DeclaredKernel {
  Stencil() {
    super("stencil2d", 5, 8, 8, Access.SEQUENTIAL, true, false);
  }

  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  static int side(long shareBytes) {
    int n = (int) Math.sqrt(shareBytes / 16.0);
    // interior width a multiple of the vector length, plus the two border columns
    int interior = Math.max(L, (n - 2) / L * L);
    return interior + 2;
  }

  @Override
  public Instance prepare(long shareBytes, long seed) {
    int n = side(shareBytes);
    double[] in = new double[n * n];
    double[] out = new double[n * n];
    for (int i = 0; i < n * n; i++) {
      in[i] = (7L * i + seed) & 15;
    }
    return new Instance() {
      @Override
      public long workingSetBytes() {
        return 16L * n * n;
      }

      @Override
      public long iterationsPerPass() {
        return (long) (n - 2) * (n - 2);
      }

      @Override
      public long run(long passes) {
        DoubleVector fifth = DoubleVector.broadcast(S, 0.2);
        for (long p = 0; p < passes; p++) {
          for (int i = 1; i < n - 1; i++) {
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
        return n;
      }

      @Override
      public void check(long passes, long result) {
        for (int i = 1; i < n - 1; i += Math.max(1, n / 7)) {
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
