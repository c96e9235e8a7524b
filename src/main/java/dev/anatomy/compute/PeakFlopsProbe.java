package dev.anatomy.compute;

import dev.anatomy.harness.PinnedPool;
import dev.anatomy.harness.Sampler;
import dev.anatomy.harness.Samples;
import dev.anatomy.harness.Sink;
import dev.anatomy.harness.Statistic;
import dev.anatomy.result.Figure;
import java.util.List;

/**
 * Peak FLOP/s: the FMA loops of {@link FmaPeakLoops} on one core, then on every physical core at
 * once (workers 0..cores-1 of the pool, one per core), as likwid-bench's {@code peakflops_avx_fma}
 * and {@code peakflops_sp_avx_fma} do.
 */
final class PeakFlopsProbe {
  private final PinnedPool pool;
  private final Sampler sampler;
  private final long targetNs;
  private final PeakFlopsKernel.Operands operands = new PeakFlopsKernel.Operands();
  private int tag;

  PeakFlopsProbe(PinnedPool pool, Sampler sampler, long targetNs) {
    this.pool = pool;
    this.sampler = sampler;
    this.targetNs = targetNs;
  }

  /**
   * Adds a short call of both loops to a warm-up.
   *
   * @param warmUp the warm-up
   */
  void addWarmUp(JitWarmUp warmUp) {
    for (PeakFlopsKernel k : PeakFlopsKernel.values()) {
      warmUp.addVector(
          "peak " + k.label(),
          k.warmUpCall(operands),
          3000,
          () -> Sink.consume(k.run(PROBE_ITERATIONS, 1, operands)),
          (long) PROBE_ITERATIONS * FmaPeakLoops.FMAS_PER_ITERATION + 40);
    }
  }

  /** Iterations of a probe: thousands of vector FMAs, through {@link PeakFlopsKernel#run}. */
  private static final int PROBE_ITERATIONS = 256;

  /**
   * Iterations for one timed call of about the target length on one core.
   *
   * @param kernel the kernel
   * @return iterations, at most the kernel's maximum
   */
  int calibrate(PeakFlopsKernel kernel) {
    return pool.run(
            1,
            w ->
                (int)
                    Timing.calibrate(
                        n -> {
                          long start = System.nanoTime();
                          double r = kernel.run((int) n, 1, operands);
                          long ns = System.nanoTime() - start;
                          Sink.consume(r);
                          return ns;
                        },
                        1_000,
                        targetNs,
                        kernel.maxIterations()))
        .get(0);
  }

  /**
   * FLOP/s of {@code workers} cores running the kernel at once.
   *
   * @param kernel the kernel
   * @param workers workers 0..workers-1
   * @param n iterations per worker per sample
   * @return total FLOP/s: all workers' FLOPs over the slowest worker's time, best of the samples
   */
  Figure measure(PeakFlopsKernel kernel, int workers, int n) {
    double flops = kernel.flopsPerIteration() * n * workers;
    Samples samples =
        sampler.sample(
            () -> {
              int seed = 1 + (tag++ & 15);
              List<Timing.Span> spans =
                  Timing.together(
                      pool,
                      workers,
                      w -> {
                        // The check is a handful of operations after a millisecond of FMAs.
                        double r = kernel.run(n, seed, operands);
                        kernel.check(n, seed, r, operands);
                        return Double.doubleToRawLongBits(r);
                      });
              return flops / Timing.slowest(spans) * 1e9;
            });
    String variant = workers == 1 ? "one core" : workers + " cores, one thread each";
    return Figure.of(
            samples,
            Statistic.MAX,
            "FLOP/s",
            kernel.method()
                + "; all threads' FLOPs over the slowest thread's time; best of the"
                + " samples")
        .withVariant(variant);
  }
}
