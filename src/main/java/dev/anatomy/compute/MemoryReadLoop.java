package dev.anatomy.compute;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The memory-bound kernel of the scaling curves: sums 64-bit words of an off-heap region with eight
 * independent accumulators, one 64-byte line per iteration: well over 20 GB/s from the L1 cache on
 * a 3 GHz core, so one core reading a region far larger than the caches is limited by memory, not
 * by its adds. Plain Java rather than the Vector API, because every Vector API kernel costs the JIT
 * warm-up a long detour through slow C1 code. The region holds each word's own index, so the sum of
 * any slice has a closed form.
 */
final class MemoryReadLoop {
  private MemoryReadLoop() {}

  /**
   * Bytes every slice length must be a multiple of.
   *
   * @return one 64-byte line: eight words
   */
  static long granuleBytes() {
    return 64;
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
    long s0 = 0;
    long s1 = 0;
    long s2 = 0;
    long s3 = 0;
    long s4 = 0;
    long s5 = 0;
    long s6 = 0;
    long s7 = 0;
    for (long i = from; i < to; i += 64) {
      s0 += region.get(ValueLayout.JAVA_LONG, i);
      s1 += region.get(ValueLayout.JAVA_LONG, i + 8);
      s2 += region.get(ValueLayout.JAVA_LONG, i + 16);
      s3 += region.get(ValueLayout.JAVA_LONG, i + 24);
      s4 += region.get(ValueLayout.JAVA_LONG, i + 32);
      s5 += region.get(ValueLayout.JAVA_LONG, i + 40);
      s6 += region.get(ValueLayout.JAVA_LONG, i + 48);
      s7 += region.get(ValueLayout.JAVA_LONG, i + 56);
    }
    return s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7;
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
