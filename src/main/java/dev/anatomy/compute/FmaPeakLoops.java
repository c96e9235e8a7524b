package dev.anatomy.compute;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The peak-FLOPS loops: vector FMAs at the preferred species with enough independent accumulators
 * to cover the FMA latency times the FMA units (12 accumulators: 4-cycle latency x 2 units needs 8;
 * the rest is slack), as likwid-bench's {@code peakflops_avx_fma} does.
 *
 * <p>Two rules make the JIT emit one instruction per written FMA. The accumulator is the addend
 * ({@code a.fma(b, x)} computes a * b + x): C2's x86 FMA overwrites its addend, so {@code x.fma(m,
 * c)} would cost a register copy per FMA and reach only about 70% of the peak. And the vectors are
 * local variables of one method, never passed to a helper: a helper the JIT does not inline boxes
 * every vector and runs ten times slower.
 *
 * <p>Each accumulator gains a * b per iteration; with the values used ({@code a = 0.5, b = 2^-9})
 * every value stays on a 2^-10 grid below 2^13 for {@link PeakFlopsKernel#maxIterations()}
 * iterations, which FP32 holds exactly, so the result has a closed form ({@link PeakFlopsKernel}).
 */
final class FmaPeakLoops {
  /** Accumulators per loop. */
  static final int ACCUMULATORS = 12;

  /** Vector FMAs per iteration. */
  static final int FMAS_PER_ITERATION = 12;

  private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

  private FmaPeakLoops() {}

  /**
   * FP64 lanes of the preferred species.
   *
   * @return e.g. 4 on AVX2
   */
  static int fp64Lanes() {
    return D.length();
  }

  /**
   * FP32 lanes of the preferred species.
   *
   * @return e.g. 8 on AVX2
   */
  static int fp32Lanes() {
    return F.length();
  }

  /**
   * Width of the preferred species.
   *
   * @return bits, e.g. 256 on AVX2
   */
  static int vectorBits() {
    return D.vectorBitSize();
  }

  /**
   * FP64 FMA at the preferred vector width, 12 independent vector accumulators, each updated once
   * per iteration: {@code x = fma(a, b, x)}.
   *
   * @param n iterations, each 12 vector FMAs
   * @param seed accumulator j starts at seed + j in every lane
   * @param a the first factor
   * @param b the second factor
   * @return the sum of every lane of every accumulator
   */
  static double fp64(int n, double seed, double a, double b) {
    DoubleVector av = DoubleVector.broadcast(D, a);
    DoubleVector bv = DoubleVector.broadcast(D, b);
    DoubleVector x0 = DoubleVector.broadcast(D, seed + 0);
    DoubleVector x1 = DoubleVector.broadcast(D, seed + 1);
    DoubleVector x2 = DoubleVector.broadcast(D, seed + 2);
    DoubleVector x3 = DoubleVector.broadcast(D, seed + 3);
    DoubleVector x4 = DoubleVector.broadcast(D, seed + 4);
    DoubleVector x5 = DoubleVector.broadcast(D, seed + 5);
    DoubleVector x6 = DoubleVector.broadcast(D, seed + 6);
    DoubleVector x7 = DoubleVector.broadcast(D, seed + 7);
    DoubleVector x8 = DoubleVector.broadcast(D, seed + 8);
    DoubleVector x9 = DoubleVector.broadcast(D, seed + 9);
    DoubleVector x10 = DoubleVector.broadcast(D, seed + 10);
    DoubleVector x11 = DoubleVector.broadcast(D, seed + 11);
    for (int i = 0; i < n; i++) {
      x0 = av.fma(bv, x0);
      x1 = av.fma(bv, x1);
      x2 = av.fma(bv, x2);
      x3 = av.fma(bv, x3);
      x4 = av.fma(bv, x4);
      x5 = av.fma(bv, x5);
      x6 = av.fma(bv, x6);
      x7 = av.fma(bv, x7);
      x8 = av.fma(bv, x8);
      x9 = av.fma(bv, x9);
      x10 = av.fma(bv, x10);
      x11 = av.fma(bv, x11);
    }
    double sum = 0;
    sum += x0.reduceLanes(VectorOperators.ADD);
    sum += x1.reduceLanes(VectorOperators.ADD);
    sum += x2.reduceLanes(VectorOperators.ADD);
    sum += x3.reduceLanes(VectorOperators.ADD);
    sum += x4.reduceLanes(VectorOperators.ADD);
    sum += x5.reduceLanes(VectorOperators.ADD);
    sum += x6.reduceLanes(VectorOperators.ADD);
    sum += x7.reduceLanes(VectorOperators.ADD);
    sum += x8.reduceLanes(VectorOperators.ADD);
    sum += x9.reduceLanes(VectorOperators.ADD);
    sum += x10.reduceLanes(VectorOperators.ADD);
    sum += x11.reduceLanes(VectorOperators.ADD);
    return sum;
  }

  /**
   * FP32 FMA at the preferred vector width, 12 independent vector accumulators, each updated once
   * per iteration: {@code x = fma(a, b, x)}.
   *
   * @param n iterations, each 12 vector FMAs
   * @param seed accumulator j starts at seed + j in every lane
   * @param a the first factor
   * @param b the second factor
   * @return the sum of every lane of every accumulator
   */
  static double fp32(int n, float seed, float a, float b) {
    FloatVector av = FloatVector.broadcast(F, a);
    FloatVector bv = FloatVector.broadcast(F, b);
    FloatVector x0 = FloatVector.broadcast(F, seed + 0);
    FloatVector x1 = FloatVector.broadcast(F, seed + 1);
    FloatVector x2 = FloatVector.broadcast(F, seed + 2);
    FloatVector x3 = FloatVector.broadcast(F, seed + 3);
    FloatVector x4 = FloatVector.broadcast(F, seed + 4);
    FloatVector x5 = FloatVector.broadcast(F, seed + 5);
    FloatVector x6 = FloatVector.broadcast(F, seed + 6);
    FloatVector x7 = FloatVector.broadcast(F, seed + 7);
    FloatVector x8 = FloatVector.broadcast(F, seed + 8);
    FloatVector x9 = FloatVector.broadcast(F, seed + 9);
    FloatVector x10 = FloatVector.broadcast(F, seed + 10);
    FloatVector x11 = FloatVector.broadcast(F, seed + 11);
    for (int i = 0; i < n; i++) {
      x0 = av.fma(bv, x0);
      x1 = av.fma(bv, x1);
      x2 = av.fma(bv, x2);
      x3 = av.fma(bv, x3);
      x4 = av.fma(bv, x4);
      x5 = av.fma(bv, x5);
      x6 = av.fma(bv, x6);
      x7 = av.fma(bv, x7);
      x8 = av.fma(bv, x8);
      x9 = av.fma(bv, x9);
      x10 = av.fma(bv, x10);
      x11 = av.fma(bv, x11);
    }
    double sum = 0;
    sum += x0.reduceLanes(VectorOperators.ADD);
    sum += x1.reduceLanes(VectorOperators.ADD);
    sum += x2.reduceLanes(VectorOperators.ADD);
    sum += x3.reduceLanes(VectorOperators.ADD);
    sum += x4.reduceLanes(VectorOperators.ADD);
    sum += x5.reduceLanes(VectorOperators.ADD);
    sum += x6.reduceLanes(VectorOperators.ADD);
    sum += x7.reduceLanes(VectorOperators.ADD);
    sum += x8.reduceLanes(VectorOperators.ADD);
    sum += x9.reduceLanes(VectorOperators.ADD);
    sum += x10.reduceLanes(VectorOperators.ADD);
    sum += x11.reduceLanes(VectorOperators.ADD);
    return sum;
  }
}
