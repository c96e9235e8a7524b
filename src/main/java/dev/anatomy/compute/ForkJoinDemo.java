package dev.anatomy.compute;

import dev.anatomy.harness.KernelCheckException;
import dev.anatomy.harness.PinnedPool;
import java.util.List;

/**
 * Amdahl's law, shown: a fork-join job whose serial phase (worker 0 works, the others wait at a
 * barrier) is a fraction p of the single-thread time, then a parallel phase split evenly, repeated
 * for a few rounds. The job's steps are fixed, so its speedup at N threads is what Amdahl's law
 * describes: 1 / (p + (1 - p) / N).
 */
final class ForkJoinDemo {
  /** Serial-then-parallel rounds per job. */
  static final int ROUNDS = 4;

  private final PinnedPool pool;
  private final Lcg lcg = new Lcg();
  private long tag;

  /**
   * Creates the demo.
   *
   * @param pool pinned workers, one per thread count step
   */
  ForkJoinDemo(PinnedPool pool) {
    this.pool = pool;
  }

  /**
   * Runs one job.
   *
   * @param threads workers taking part
   * @param serialFraction p, the share of the steps worker 0 runs alone
   * @param totalSteps generator steps of the whole job
   * @return nanoseconds from the start to the end of the last round, as worker 0 saw them
   */
  long job(int threads, double serialFraction, long totalSteps) {
    long perRound = totalSteps / ROUNDS;
    int serial = (int) Math.round(serialFraction * perRound);
    int share = (int) ((perRound - serial) / threads);
    SpinBarrier barrier = new SpinBarrier(threads);
    long base = ++tag * 1_000_003L;
    List<Long> ns =
        pool.run(
            threads,
            w -> {
              long seed = base + w;
              long x = seed;
              barrier.await();
              long start = System.nanoTime();
              for (int r = 0; r < ROUNDS; r++) {
                if (w == 0) {
                  x = lcg.spin(x, serial);
                }
                barrier.await();
                x = lcg.spin(x, share);
                barrier.await();
              }
              long end = System.nanoTime();
              long steps = (long) ROUNDS * share + (w == 0 ? (long) ROUNDS * serial : 0);
              KernelCheckException.failIfNot("fork-join demo", lcg.jump(seed, steps), x);
              return end - start;
            });
    return ns.get(0);
  }
}
