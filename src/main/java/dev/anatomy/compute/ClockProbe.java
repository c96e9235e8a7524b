package dev.anatomy.compute;

import dev.anatomy.harness.PinnedPool;
import dev.anatomy.harness.Sampler;
import dev.anatomy.harness.Samples;
import dev.anatomy.harness.Sink;
import dev.anatomy.harness.Statistic;
import dev.anatomy.result.Figure;
import java.util.List;
import java.util.concurrent.CyclicBarrier;

/**
 * The core clock, measured: a chain of dependent 64-bit adds ({@code a += b; b += a}, which C2
 * cannot fold as it folds {@code x += k}) timed at n and 2n iterations; the difference removes the
 * call and timer overhead, and one dependent add retires per cycle on every x86 and Arm core, so
 * adds per second is cycles per second. Each sample takes the best of five runs of each length,
 * since interference only lengthens a run, and the figure is the median sample.
 */
final class ClockProbe {
  /** Timed runs of each length per sample. */
  private static final int RUNS = 5;

  private final PinnedPool pool;
  private final Sampler sampler;
  private final long targetNs;
  private long tag = 1;

  ClockProbe(PinnedPool pool, Sampler sampler, long targetNs) {
    this.pool = pool;
    this.sampler = sampler;
    this.targetNs = targetNs;
  }

  static String method() {
    return "dependent 64-bit add chain (a += b; b += a, one add per cycle on x86 and Arm) timed"
        + " at n and 2n iterations, Hz = 2n adds / (t(2n) - t(n)), best of "
        + RUNS
        + " runs of each length per sample; result checked against its closed form";
  }

  /**
   * Iterations for a run of about a third of the target.
   *
   * @return n
   */
  int calibrate() {
    return pool.run(
            1,
            w ->
                (int)
                    Timing.calibrate(
                        n -> timeChain((int) n, 1), 10_000, targetNs / 3, Integer.MAX_VALUE / 2))
        .get(0);
  }

  /**
   * The clock with {@code cores} workers running the chain at once.
   *
   * @param cores workers 0..cores-1, one per physical core
   * @param n iterations of the short run
   * @return Hz: per sample the mean over the workers; the figure is the median of the samples
   */
  Figure measure(int cores, int n) {
    Samples samples =
        sampler.sample(
            () -> {
              CyclicBarrier barrier = new CyclicBarrier(cores);
              long base = tag++;
              List<Double> hz =
                  pool.run(
                      cores,
                      w -> {
                        Timing.await(barrier);
                        return hz(n, base * 64 + w);
                      });
              return hz.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            });
    return Figure.of(samples, Statistic.MEDIAN, "Hz", method())
        .withVariant(cores == 1 ? "one core busy" : cores + " cores busy");
  }

  private static double hz(int n, long seed) {
    long shortest = Long.MAX_VALUE;
    long longest = Long.MAX_VALUE;
    for (int r = 0; r < RUNS; r++) {
      shortest = Math.min(shortest, timeChain(n, seed + r));
      longest = Math.min(longest, timeChain(2 * n, seed + r));
    }
    long extra = longest - shortest;
    if (extra <= shortest / 4) {
      // Interference made the short runs longer than the long ones: no information.
      extra = longest / 2;
    }
    return 2.0 * n / extra * 1e9;
  }

  private static long timeChain(int n, long seed) {
    long start = System.nanoTime();
    long r = IntRingLoops.add1(n, seed);
    long ns = System.nanoTime() - start;
    dev.anatomy.harness.KernelCheckException.failIfNot(
        "clock chain", RingRecurrence.add(1, n, seed), r);
    Sink.consume(r);
    return ns;
  }
}
