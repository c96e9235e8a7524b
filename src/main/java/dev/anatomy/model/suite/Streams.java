package dev.anatomy.model.suite;

import dev.anatomy.harness.KernelCheckException;
import dev.anatomy.model.Access;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** The streaming kernels of the suite: sum, dot and triad over heap arrays, Vector API. */
final class Streams {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  private Streams() {}

  /** Elements per array: the share split between arrays, rounded to four vectors. */
  static int elements(long shareBytes, int arrays) {
    long n = shareBytes / 8 / arrays / (4L * L) * (4L * L);
    return (int) Math.max(4L * L, Math.min(n, Integer.MAX_VALUE - 64));
  }

  static double[] pattern(int n) {
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = i & 7;
    }
    return a;
  }

  /** {@code s += a[i]}. */
  static final class Sum extends DeclaredKernel {
    Sum() {
      super("sum", 1, 8, 0, Access.SEQUENTIAL, true, false);
    }

    @Override
    public Instance prepare(long shareBytes, long seed) {
      double[] a = pattern(elements(shareBytes, 1));
      return new Instance() {
        @Override
        public long workingSetBytes() {
          return 8L * a.length;
        }

        @Override
        public long iterationsPerPass() {
          return a.length;
        }

        @Override
        public long run(long passes) {
          DoubleVector s0 = DoubleVector.zero(S);
          DoubleVector s1 = s0;
          DoubleVector s2 = s0;
          DoubleVector s3 = s0;
          for (long p = 0; p < passes; p++) {
            for (int i = 0; i < a.length; i += 4 * L) {
              s0 = s0.add(DoubleVector.fromArray(S, a, i));
              s1 = s1.add(DoubleVector.fromArray(S, a, i + L));
              s2 = s2.add(DoubleVector.fromArray(S, a, i + 2 * L));
              s3 = s3.add(DoubleVector.fromArray(S, a, i + 3 * L));
            }
          }
          return Double.doubleToRawLongBits(
              s0.add(s1).add(s2).add(s3).reduceLanes(VectorOperators.ADD));
        }

        @Override
        public void check(long passes, long result) {
          KernelCheckException.failIfNot(
              "sum", passes * (a.length / 8) * 28.0, Double.longBitsToDouble(result), 0);
        }
      };
    }
  }

  /** {@code s += a[i] * b[i]}. */
  static final class Dot extends DeclaredKernel {
    Dot() {
      super("dot", 2, 16, 0, Access.SEQUENTIAL, true, true);
    }

    @Override
    public Instance prepare(long shareBytes, long seed) {
      int n = elements(shareBytes, 2);
      double[] a = pattern(n);
      double[] b = new double[n];
      java.util.Arrays.fill(b, 2.0);
      return new Instance() {
        @Override
        public long workingSetBytes() {
          return 16L * n;
        }

        @Override
        public long iterationsPerPass() {
          return n;
        }

        @Override
        public long run(long passes) {
          DoubleVector s0 = DoubleVector.zero(S);
          DoubleVector s1 = s0;
          DoubleVector s2 = s0;
          DoubleVector s3 = s0;
          for (long p = 0; p < passes; p++) {
            for (int i = 0; i < n; i += 4 * L) {
              s0 = DoubleVector.fromArray(S, a, i).fma(DoubleVector.fromArray(S, b, i), s0);
              s1 = DoubleVector.fromArray(S, a, i + L).fma(DoubleVector.fromArray(S, b, i + L), s1);
              s2 =
                  DoubleVector.fromArray(S, a, i + 2 * L)
                      .fma(DoubleVector.fromArray(S, b, i + 2 * L), s2);
              s3 =
                  DoubleVector.fromArray(S, a, i + 3 * L)
                      .fma(DoubleVector.fromArray(S, b, i + 3 * L), s3);
            }
          }
          return Double.doubleToRawLongBits(
              s0.add(s1).add(s2).add(s3).reduceLanes(VectorOperators.ADD));
        }

        @Override
        public void check(long passes, long result) {
          KernelCheckException.failIfNot(
              "dot", passes * (n / 8) * 56.0, Double.longBitsToDouble(result), 0);
        }
      };
    }
  }

  /** {@code a[i] = b[i] + s * c[i]}. */
  static final class Triad extends DeclaredKernel {
    Triad() {
      super("triad", 2, 16, 8, Access.SEQUENTIAL, true, true);
    }

    @Override
    public Instance prepare(long shareBytes, long seed) {
      int n = elements(shareBytes, 3);
      double[] a = new double[n];
      double[] b = pattern(n);
      double[] c = new double[n];
      java.util.Arrays.fill(c, 1.0);
      return new Instance() {
        private double scalar = 1;

        @Override
        public long workingSetBytes() {
          return 24L * n;
        }

        @Override
        public long iterationsPerPass() {
          return n;
        }

        @Override
        public long run(long passes) {
          scalar = scalar % 64 + 0.5;
          DoubleVector s = DoubleVector.broadcast(S, scalar);
          for (long p = 0; p < passes; p++) {
            for (int i = 0; i < n; i += 4 * L) {
              DoubleVector.fromArray(S, c, i)
                  .fma(s, DoubleVector.fromArray(S, b, i))
                  .intoArray(a, i);
              DoubleVector.fromArray(S, c, i + L)
                  .fma(s, DoubleVector.fromArray(S, b, i + L))
                  .intoArray(a, i + L);
              DoubleVector.fromArray(S, c, i + 2 * L)
                  .fma(s, DoubleVector.fromArray(S, b, i + 2 * L))
                  .intoArray(a, i + 2 * L);
              DoubleVector.fromArray(S, c, i + 3 * L)
                  .fma(s, DoubleVector.fromArray(S, b, i + 3 * L))
                  .intoArray(a, i + 3 * L);
            }
          }
          return Double.doubleToRawLongBits(scalar);
        }

        @Override
        public void check(long passes, long result) {
          double s = Double.longBitsToDouble(result);
          for (int i = 0; i < n; i += 509) {
            KernelCheckException.failIfNot("triad", (i & 7) + s, a[i], 0);
          }
          KernelCheckException.failIfNot("triad", ((n - 1) & 7) + s, a[n - 1], 0);
        }
      };
    }
  }
}
