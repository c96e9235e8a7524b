package dev.anatomy.memory;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** Scalar loops, for JVMs started without {@code jdk.incubator.vector}. */
final class ScalarStreamLoops implements StreamLoops {
  private static final ValueLayout.OfDouble D = ValueLayout.JAVA_DOUBLE;

  @Override
  public long granuleBytes() {
    return 64;
  }

  @Override
  public String description() {
    return "scalar loops (Vector API module absent)";
  }

  @Override
  public double read(MemorySegment a, long bytes, long passes) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    for (long p = 0; p < passes; p++) {
      for (long i = 0; i < bytes; i += 32) {
        s0 += a.get(D, i);
        s1 += a.get(D, i + 8);
        s2 += a.get(D, i + 16);
        s3 += a.get(D, i + 24);
      }
    }
    return s0 + s1 + s2 + s3;
  }

  @Override
  public void write(MemorySegment a, long bytes, long passes, double value) {
    for (long p = 0; p < passes; p++) {
      for (long i = 0; i < bytes; i += 8) {
        a.set(D, i, value);
      }
    }
  }

  @Override
  public void copy(MemorySegment dst, MemorySegment src, long bytes, long passes) {
    for (long p = 0; p < passes; p++) {
      for (long i = 0; i < bytes; i += 8) {
        dst.set(D, i, src.get(D, i));
      }
    }
  }

  @Override
  public void triad(
      MemorySegment a, MemorySegment b, MemorySegment c, double s, long bytes, long passes) {
    for (long p = 0; p < passes; p++) {
      for (long i = 0; i < bytes; i += 8) {
        a.set(D, i, b.get(D, i) + s * c.get(D, i));
      }
    }
  }
}
