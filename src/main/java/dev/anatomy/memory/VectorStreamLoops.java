package dev.anatomy.memory;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Loops with the Vector API at the preferred species (256-bit on AVX2, 512-bit on AVX-512).
 * Unrolled with independent accumulators so the adds of the read kernel do not wait on each other.
 * Loaded only when the incubator module is present.
 */
final class VectorStreamLoops implements StreamLoops {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final ByteOrder ORDER = ByteOrder.nativeOrder();
  private static final long V = S.vectorByteSize();

  private VectorStreamLoops() {}

  static StreamLoops create() {
    return new VectorStreamLoops();
  }

  @Override
  public long granuleBytes() {
    return 8 * V;
  }

  @Override
  public String description() {
    return "Vector API, " + S.vectorBitSize() + "-bit";
  }

  @Override
  public double read(MemorySegment a, long bytes, long passes) {
    DoubleVector s0 = DoubleVector.zero(S);
    DoubleVector s1 = s0;
    DoubleVector s2 = s0;
    DoubleVector s3 = s0;
    DoubleVector s4 = s0;
    DoubleVector s5 = s0;
    DoubleVector s6 = s0;
    DoubleVector s7 = s0;
    for (long p = 0; p < passes; p++) {
      for (long i = 0; i < bytes; i += 8 * V) {
        s0 = s0.add(DoubleVector.fromMemorySegment(S, a, i, ORDER));
        s1 = s1.add(DoubleVector.fromMemorySegment(S, a, i + V, ORDER));
        s2 = s2.add(DoubleVector.fromMemorySegment(S, a, i + 2 * V, ORDER));
        s3 = s3.add(DoubleVector.fromMemorySegment(S, a, i + 3 * V, ORDER));
        s4 = s4.add(DoubleVector.fromMemorySegment(S, a, i + 4 * V, ORDER));
        s5 = s5.add(DoubleVector.fromMemorySegment(S, a, i + 5 * V, ORDER));
        s6 = s6.add(DoubleVector.fromMemorySegment(S, a, i + 6 * V, ORDER));
        s7 = s7.add(DoubleVector.fromMemorySegment(S, a, i + 7 * V, ORDER));
      }
    }
    return s0.add(s1)
        .add(s2)
        .add(s3)
        .add(s4)
        .add(s5)
        .add(s6)
        .add(s7)
        .reduceLanes(VectorOperators.ADD);
  }

  @Override
  public void write(MemorySegment a, long bytes, long passes, double value) {
    DoubleVector v = DoubleVector.broadcast(S, value);
    for (long p = 0; p < passes; p++) {
      for (long i = 0; i < bytes; i += 4 * V) {
        v.intoMemorySegment(a, i, ORDER);
        v.intoMemorySegment(a, i + V, ORDER);
        v.intoMemorySegment(a, i + 2 * V, ORDER);
        v.intoMemorySegment(a, i + 3 * V, ORDER);
      }
    }
  }

  @Override
  public void copy(MemorySegment dst, MemorySegment src, long bytes, long passes) {
    for (long p = 0; p < passes; p++) {
      for (long i = 0; i < bytes; i += 4 * V) {
        DoubleVector.fromMemorySegment(S, src, i, ORDER).intoMemorySegment(dst, i, ORDER);
        DoubleVector.fromMemorySegment(S, src, i + V, ORDER).intoMemorySegment(dst, i + V, ORDER);
        DoubleVector.fromMemorySegment(S, src, i + 2 * V, ORDER)
            .intoMemorySegment(dst, i + 2 * V, ORDER);
        DoubleVector.fromMemorySegment(S, src, i + 3 * V, ORDER)
            .intoMemorySegment(dst, i + 3 * V, ORDER);
      }
    }
  }

  @Override
  public void triad(
      MemorySegment a, MemorySegment b, MemorySegment c, double s, long bytes, long passes) {
    // Written out rather than through a helper taking vectors: if C2 ever declined to inline
    // such a helper, every vector would be boxed and the loop would run ten times slower.
    DoubleVector sv = DoubleVector.broadcast(S, s);
    for (long p = 0; p < passes; p++) {
      for (long i = 0; i < bytes; i += 4 * V) {
        DoubleVector.fromMemorySegment(S, c, i, ORDER)
            .fma(sv, DoubleVector.fromMemorySegment(S, b, i, ORDER))
            .intoMemorySegment(a, i, ORDER);
        DoubleVector.fromMemorySegment(S, c, i + V, ORDER)
            .fma(sv, DoubleVector.fromMemorySegment(S, b, i + V, ORDER))
            .intoMemorySegment(a, i + V, ORDER);
        DoubleVector.fromMemorySegment(S, c, i + 2 * V, ORDER)
            .fma(sv, DoubleVector.fromMemorySegment(S, b, i + 2 * V, ORDER))
            .intoMemorySegment(a, i + 2 * V, ORDER);
        DoubleVector.fromMemorySegment(S, c, i + 3 * V, ORDER)
            .fma(sv, DoubleVector.fromMemorySegment(S, b, i + 3 * V, ORDER))
            .intoMemorySegment(a, i + 3 * V, ORDER);
      }
    }
  }
}
