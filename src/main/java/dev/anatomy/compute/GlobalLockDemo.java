package dev.anatomy.compute;

import dev.anatomy.harness.KernelCheckException;
import dev.anatomy.harness.PinnedPool;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A global lock, like Python's GIL: every task runs a fraction p of its steps holding one lock
 * shared by all threads, the rest outside it. Unlike the fork-join job nobody waits for a phase to
 * end: threads drift out of step and overlap their unlocked work with another's locked work, so
 * throughput tends to min(N, 1 / p) (less the cost of handing the lock over), where Amdahl's
 * fork-join job gets 1 / (p + (1 - p) / N).
 */
final class GlobalLockDemo {
  /** Steps of one task, in nanoseconds of single-thread time. */
  static final long TASK_NS = 40_000;

  private final PinnedPool pool;
  private final Lcg lcg = new Lcg();
  private final ReentrantLock lock = new ReentrantLock();
  private long tag;

  /**
   * Creates the demo.
   *
   * @param pool pinned workers
   */
  GlobalLockDemo(PinnedPool pool) {
    this.pool = pool;
  }

  /**
   * Runs one job: {@code tasks} tasks shared round-robin among the threads.
   *
   * @param threads workers taking part
   * @param serialFraction p, the share of each task's steps run holding the lock
   * @param tasks tasks in the job
   * @param taskSteps generator steps per task
   * @return nanoseconds until every thread finished, as worker 0 saw it
   */
  long job(int threads, double serialFraction, int tasks, int taskSteps) {
    int inside = (int) Math.round(serialFraction * taskSteps);
    int outside = taskSteps - inside;
    SpinBarrier barrier = new SpinBarrier(threads);
    long base = ++tag * 1_000_003L;
    List<Long> ns =
        pool.run(
            threads,
            w -> {
              long seed = base + w;
              long x = seed;
              long done = 0;
              barrier.await();
              long start = System.nanoTime();
              for (int t = w; t < tasks; t += threads) {
                x = lcg.spin(x, outside);
                lock.lock();
                try {
                  x = lcg.spin(x, inside);
                } finally {
                  lock.unlock();
                }
                done++;
              }
              barrier.await();
              long end = System.nanoTime();
              KernelCheckException.failIfNot(
                  "global-lock demo", lcg.jump(seed, done * taskSteps), x);
              return end - start;
            });
    return ns.get(0);
  }

  /**
   * The limit of a global lock's speedup.
   *
   * @param serialFraction p
   * @param threads N
   * @return min(N, 1 / p)
   */
  static double limit(double serialFraction, int threads) {
    return serialFraction <= 0 ? threads : Math.min(threads, 1 / serialFraction);
  }
}
