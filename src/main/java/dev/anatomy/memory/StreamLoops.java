package dev.anatomy.memory;

import java.lang.foreign.MemorySegment;

/**
 * The inner loops of the bandwidth kernels, over off-heap arrays of doubles. Two implementations:
 * one with the Vector API (explicit SIMD at the preferred width), one scalar for JVMs without the
 * incubator module. Every loop repeats over its arrays {@code passes} times inside one call, so a
 * sample of a cache-sized working set is one call, not thousands.
 *
 * <p>Lengths are in bytes and must be multiples of {@link #granuleBytes()}.
 */
public interface StreamLoops {
  /**
   * Bytes every array length must be a multiple of (vector width times unroll).
   *
   * @return bytes
   */
  long granuleBytes();

  /**
   * What the loops use, for the document ("Vector API, 256-bit" or "scalar").
   *
   * @return a short description
   */
  String description();

  /**
   * Sums every element, {@code passes} times.
   *
   * @param a the array
   * @param bytes its length
   * @param passes repetitions
   * @return the sum of all passes
   */
  double read(MemorySegment a, long bytes, long passes);

  /**
   * Stores {@code value} into every element, {@code passes} times.
   *
   * @param a the array
   * @param bytes its length
   * @param passes repetitions
   * @param value the value stored
   */
  void write(MemorySegment a, long bytes, long passes, double value);

  /**
   * Copies {@code src} to {@code dst}, {@code passes} times.
   *
   * @param dst destination
   * @param src source
   * @param bytes length of each
   * @param passes repetitions
   */
  void copy(MemorySegment dst, MemorySegment src, long bytes, long passes);

  /**
   * {@code a[i] = b[i] + s * c[i]}, {@code passes} times.
   *
   * @param a destination
   * @param b first source
   * @param c second source
   * @param s the scalar
   * @param bytes length of each array
   * @param passes repetitions
   */
  void triad(MemorySegment a, MemorySegment b, MemorySegment c, double s, long bytes, long passes);

  /**
   * The best loops this JVM can run: the Vector API when the module is present, else scalar.
   *
   * @return the loops
   */
  static StreamLoops best() {
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
      return VectorStreamLoops.create();
    }
    return new ScalarStreamLoops();
  }
}
