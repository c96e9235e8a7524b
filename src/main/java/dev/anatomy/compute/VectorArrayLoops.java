package dev.anatomy.compute;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD probe's loops with the Vector API at the preferred species: the same work as {@link
 * PlainArrayLoops}, one vector of lanes per operation, unrolled four times by hand (C2 unrolls the
 * plain loops it compiles, but its unrolling of a Vector API loop depends on the trip counts it saw
 * while profiling). Array lengths are multiples of four vectors of every species ({@link
 * SimdArrays#LENGTH}, {@link SimdArrays#WARM_UP_LENGTH}), so there is no tail loop.
 */
final class VectorArrayLoops {
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;

  private VectorArrayLoops() {}

  /**
   * Lanes of the preferred species for an element type.
   *
   * @param type "fp32", "fp64" or "int32"
   * @return lanes
   */
  static int lanes(String type) {
    return switch (type) {
      case "fp32" -> F.length();
      case "fp64" -> D.length();
      case "int32" -> I.length();
      default -> throw new IllegalArgumentException("unknown element type " + type);
    };
  }

  /**
   * Width of the preferred species.
   *
   * @return bits
   */
  static int bits() {
    return I.vectorBitSize();
  }

  /**
   * {@code c[i] += a[i]}, {@code passes} times.
   *
   * @param c accumulated in place
   * @param a the addend
   * @param passes repetitions
   */
  static void fp32Add(float[] c, float[] a, int passes) {
    int step = F.length();
    for (int p = 0; p < passes; p++) {
      for (int i = 0; i < c.length; i += 4 * step) {
        FloatVector.fromArray(F, c, i).add(FloatVector.fromArray(F, a, i)).intoArray(c, i);
        FloatVector.fromArray(F, c, i + step)
            .add(FloatVector.fromArray(F, a, i + step))
            .intoArray(c, i + step);
        FloatVector.fromArray(F, c, i + 2 * step)
            .add(FloatVector.fromArray(F, a, i + 2 * step))
            .intoArray(c, i + 2 * step);
        FloatVector.fromArray(F, c, i + 3 * step)
            .add(FloatVector.fromArray(F, a, i + 3 * step))
            .intoArray(c, i + 3 * step);
      }
    }
  }

  /**
   * {@code c[i] = fma(a[i], b[i], c[i])}, {@code passes} times.
   *
   * @param c accumulated in place
   * @param a first factor
   * @param b second factor
   * @param passes repetitions
   */
  static void fp32Fma(float[] c, float[] a, float[] b, int passes) {
    int step = F.length();
    for (int p = 0; p < passes; p++) {
      for (int i = 0; i < c.length; i += 4 * step) {
        FloatVector.fromArray(F, a, i)
            .fma(FloatVector.fromArray(F, b, i), FloatVector.fromArray(F, c, i))
            .intoArray(c, i);
        FloatVector.fromArray(F, a, i + step)
            .fma(FloatVector.fromArray(F, b, i + step), FloatVector.fromArray(F, c, i + step))
            .intoArray(c, i + step);
        FloatVector.fromArray(F, a, i + 2 * step)
            .fma(
                FloatVector.fromArray(F, b, i + 2 * step),
                FloatVector.fromArray(F, c, i + 2 * step))
            .intoArray(c, i + 2 * step);
        FloatVector.fromArray(F, a, i + 3 * step)
            .fma(
                FloatVector.fromArray(F, b, i + 3 * step),
                FloatVector.fromArray(F, c, i + 3 * step))
            .intoArray(c, i + 3 * step);
      }
    }
  }

  /**
   * {@code c[i] += a[i]}, {@code passes} times.
   *
   * @param c accumulated in place
   * @param a the addend
   * @param passes repetitions
   */
  static void fp64Add(double[] c, double[] a, int passes) {
    int step = D.length();
    for (int p = 0; p < passes; p++) {
      for (int i = 0; i < c.length; i += 4 * step) {
        DoubleVector.fromArray(D, c, i).add(DoubleVector.fromArray(D, a, i)).intoArray(c, i);
        DoubleVector.fromArray(D, c, i + step)
            .add(DoubleVector.fromArray(D, a, i + step))
            .intoArray(c, i + step);
        DoubleVector.fromArray(D, c, i + 2 * step)
            .add(DoubleVector.fromArray(D, a, i + 2 * step))
            .intoArray(c, i + 2 * step);
        DoubleVector.fromArray(D, c, i + 3 * step)
            .add(DoubleVector.fromArray(D, a, i + 3 * step))
            .intoArray(c, i + 3 * step);
      }
    }
  }

  /**
   * {@code c[i] = fma(a[i], b[i], c[i])}, {@code passes} times.
   *
   * @param c accumulated in place
   * @param a first factor
   * @param b second factor
   * @param passes repetitions
   */
  static void fp64Fma(double[] c, double[] a, double[] b, int passes) {
    int step = D.length();
    for (int p = 0; p < passes; p++) {
      for (int i = 0; i < c.length; i += 4 * step) {
        DoubleVector.fromArray(D, a, i)
            .fma(DoubleVector.fromArray(D, b, i), DoubleVector.fromArray(D, c, i))
            .intoArray(c, i);
        DoubleVector.fromArray(D, a, i + step)
            .fma(DoubleVector.fromArray(D, b, i + step), DoubleVector.fromArray(D, c, i + step))
            .intoArray(c, i + step);
        DoubleVector.fromArray(D, a, i + 2 * step)
            .fma(
                DoubleVector.fromArray(D, b, i + 2 * step),
                DoubleVector.fromArray(D, c, i + 2 * step))
            .intoArray(c, i + 2 * step);
        DoubleVector.fromArray(D, a, i + 3 * step)
            .fma(
                DoubleVector.fromArray(D, b, i + 3 * step),
                DoubleVector.fromArray(D, c, i + 3 * step))
            .intoArray(c, i + 3 * step);
      }
    }
  }

  /**
   * {@code c[i] += a[i]}, {@code passes} times.
   *
   * @param c accumulated in place
   * @param a the addend
   * @param passes repetitions
   */
  static void int32Add(int[] c, int[] a, int passes) {
    int step = I.length();
    for (int p = 0; p < passes; p++) {
      for (int i = 0; i < c.length; i += 4 * step) {
        IntVector.fromArray(I, c, i).add(IntVector.fromArray(I, a, i)).intoArray(c, i);
        IntVector.fromArray(I, c, i + step)
            .add(IntVector.fromArray(I, a, i + step))
            .intoArray(c, i + step);
        IntVector.fromArray(I, c, i + 2 * step)
            .add(IntVector.fromArray(I, a, i + 2 * step))
            .intoArray(c, i + 2 * step);
        IntVector.fromArray(I, c, i + 3 * step)
            .add(IntVector.fromArray(I, a, i + 3 * step))
            .intoArray(c, i + 3 * step);
      }
    }
  }

  /**
   * {@code c[i] += a[i] * b[i]}, {@code passes} times, wrapping.
   *
   * @param c accumulated in place
   * @param a first factor
   * @param b second factor
   * @param passes repetitions
   */
  static void int32MulAdd(int[] c, int[] a, int[] b, int passes) {
    int step = I.length();
    for (int p = 0; p < passes; p++) {
      for (int i = 0; i < c.length; i += 4 * step) {
        IntVector.fromArray(I, a, i)
            .mul(IntVector.fromArray(I, b, i))
            .add(IntVector.fromArray(I, c, i))
            .intoArray(c, i);
        IntVector.fromArray(I, a, i + step)
            .mul(IntVector.fromArray(I, b, i + step))
            .add(IntVector.fromArray(I, c, i + step))
            .intoArray(c, i + step);
        IntVector.fromArray(I, a, i + 2 * step)
            .mul(IntVector.fromArray(I, b, i + 2 * step))
            .add(IntVector.fromArray(I, c, i + 2 * step))
            .intoArray(c, i + 2 * step);
        IntVector.fromArray(I, a, i + 3 * step)
            .mul(IntVector.fromArray(I, b, i + 3 * step))
            .add(IntVector.fromArray(I, c, i + 3 * step))
            .intoArray(c, i + 3 * step);
      }
    }
  }
}
