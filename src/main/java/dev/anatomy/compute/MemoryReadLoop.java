package dev.anatomy.compute;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The memory-bound kernel of the scaling curves: sums 64-bit words of an off-heap region with the
 * Vector API and four independent accumulators, fast enough that one core is limited by memory, not
 * by its adds. The region holds each word's own index, so the sum of any slice has a closed form.
 */
final class MemoryReadLoop {
  private static final VectorSpecies<Long> L = LongVector.SPECIES_PREFERRED;
  private static final ByteOrder ORDER = ByteOrder.nativeOrder();
  private static final long V = L.vectorByteSize();

  private MemoryReadLoop() {}

  /**
   * Bytes every slice length must be a multiple of.
   *
   * @return four vectors' worth of bytes
   */
  static long granuleBytes() {
    return 4 * V;
  }

  /**
   * Writes each word's index into a slice of the region.
   *
   * @param region the region
   * @param from first byte, a multiple of 8
   * @param to end byte, a multiple of 8
   */
  static void fill(MemorySegment region, long from, long to) {
    for (long i = from; i < to; i += 8) {
      region.set(ValueLayout.JAVA_LONG, i, i >>> 3);
    }
  }

  /**
   * Sums the words of a slice.
   *
   * @param region the region
   * @param from first byte, a multiple of {@link #granuleBytes()}
   * @param to end byte, from plus a multiple of {@link #granuleBytes()}
   * @return the wrapping sum of the words
   */
  static long read(MemorySegment region, long from, long to) {
    LongVector s0 = LongVector.zero(L);
    LongVector s1 = s0;
    LongVector s2 = s0;
    LongVector s3 = s0;
    for (long i = from; i < to; i += 4 * V) {
      s0 = s0.add(LongVector.fromMemorySegment(L, region, i, ORDER));
      s1 = s1.add(LongVector.fromMemorySegment(L, region, i + V, ORDER));
      s2 = s2.add(LongVector.fromMemorySegment(L, region, i + 2 * V, ORDER));
      s3 = s3.add(LongVector.fromMemorySegment(L, region, i + 3 * V, ORDER));
    }
    return s0.add(s1).add(s2).add(s3).reduceLanes(VectorOperators.ADD);
  }

  /**
   * What {@link #read} returns for a slice filled by {@link #fill}.
   *
   * @param from first byte
   * @param to end byte
   * @return the sum of the word indexes from/8 to to/8 - 1
   */
  static long expected(long from, long to) {
    long lo = from >>> 3;
    long hi = to >>> 3;
    long count = hi - lo;
    // (lo + hi - 1) * count / 2, halving whichever factor is even so nothing is lost.
    return (count % 2 == 0) ? (count / 2) * (lo + hi - 1) : count * ((lo + hi - 1) / 2);
  }
}
