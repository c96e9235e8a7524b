package dev.anatomy.compute;

import dev.anatomy.harness.Sampler;
import dev.anatomy.harness.Samples;
import dev.anatomy.harness.Sink;

/**
 * Measures the SIMD kernels' element rate on the calling thread: the Vector API loops, or the plain
 * loops (scalar in a JVM with {@code -XX:-UseSuperWord}, possibly auto-vectorised otherwise). Used
 * by the compute part for the vector and auto-vectorised rates and by {@link ScalarBaselineMain}
 * for the scalar rate, so all three are measured the same way.
 */
final class SimdProbe {
  /** Which loops to run. */
  enum Loops {
    /** {@link PlainArrayLoops}. */
    PLAIN,
    /** {@link VectorArrayLoops}. */
    VECTOR
  }

  private final SimdArrays arrays = new SimdArrays(3);
  private final SimdArrays probeArrays = new SimdArrays(5);
  private final SimdArrays small = new SimdArrays(3, SimdArrays.WARM_UP_LENGTH);
  private final Sampler sampler;
  private final long targetNs;

  SimdProbe(Sampler sampler, long targetNs) {
    this.sampler = sampler;
    this.targetNs = targetNs;
  }

  /**
   * Adds one pass of every loop to a warm-up.
   *
   * @param warmUp the warm-up
   * @param loops which loops
   */
  void addWarmUp(JitWarmUp warmUp, Loops loops) {
    warmUp.add(small::reset, 1);
    for (SimdKernel k : SimdKernel.values()) {
      Runnable call = k.warmUpCall(small, loops == Loops.VECTOR);
      if (loops == Loops.VECTOR) {
        warmUp.addVector("SIMD " + k.label(), call, 2000, probe(k), probeOps(k));
      } else {
        warmUp.add(call, 2000);
      }
    }
  }

  private static final int PROBE_PASSES = 4;

  /**
   * A probe of a Vector API loop: passes over the full arrays through the measurement's path
   * ({@link SimdKernel#runVector}).
   */
  private Runnable probe(SimdKernel k) {
    return () -> k.runVector(probeArrays, PROBE_PASSES);
  }

  /** Two loads (three for the FMA), an operation and a store per vector of lanes, per pass. */
  private static long probeOps(SimdKernel k) {
    return PROBE_PASSES * 4L * SimdArrays.LENGTH / VectorArrayLoops.lanes(k.type());
  }

  /**
   * Compiles the loops before anything is timed.
   *
   * @param loops which loops
   * @param maxNs the longest warm-up
   */
  void warmUpJit(Loops loops, long maxNs) {
    JitWarmUp warmUp = new JitWarmUp();
    addWarmUp(warmUp, loops);
    warmUp.run(maxNs);
  }

  /**
   * Elements per second of one kernel.
   *
   * @param kernel the kernel
   * @param loops which loops
   * @return samples of elements processed per second (each element: one add or one FMA)
   */
  Samples measure(SimdKernel kernel, Loops loops) {
    int passes =
        (int)
            Timing.calibrate(p -> time(kernel, loops, (int) p), 4, targetNs, SimdArrays.MAX_PASSES);
    double elements = (double) passes * SimdArrays.LENGTH;
    return sampler.sample(() -> elements / time(kernel, loops, passes) * 1e9);
  }

  private long time(SimdKernel kernel, Loops loops, int passes) {
    arrays.reset();
    long start = System.nanoTime();
    run(kernel, loops, passes);
    long ns = System.nanoTime() - start;
    kernel.check(arrays, passes);
    Sink.consume(kernel.checksum(arrays));
    return Math.max(1, ns);
  }

  private void run(SimdKernel kernel, Loops loops, int passes) {
    if (loops == Loops.VECTOR) {
      kernel.runVector(arrays, passes);
    } else {
      kernel.runPlain(arrays, passes);
    }
  }

  static String method(Loops loops) {
    return switch (loops) {
          case VECTOR -> "Vector API at the preferred species";
          case PLAIN -> "plain Java loop";
        }
        + " over three arrays of "
        + SimdArrays.LENGTH
        + " elements (L1-resident), c[i] += a[i] or c[i] = fma(a[i], b[i], c[i]), repeated;"
        + " elements per second, best of the samples; sums checked against their closed form";
  }
}
