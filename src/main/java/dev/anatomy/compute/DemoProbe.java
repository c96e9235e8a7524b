package dev.anatomy.compute;

import dev.anatomy.harness.PinnedPool;
import dev.anatomy.harness.ProgressMeter;
import dev.anatomy.harness.Samples;
import dev.anatomy.harness.Sink;
import dev.anatomy.harness.Statistic;
import dev.anatomy.result.Figure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the two scaling demos side by side at each serial fraction: the fork-join job of Amdahl's
 * law and the global lock, at every thread count of the plan, and fits the serial fraction back
 * from the fork-join speedups.
 */
final class DemoProbe {
  private final PinnedPool pool;
  private final ComputePlan plan;
  private final Lcg lcg = new Lcg();

  /**
   * A fork-join measurement.
   *
   * @param serialFraction p of the job
   * @param threads N
   * @param jobSeconds time of one job, best of the samples
   * @param speedup best time at 1 thread over best time at N
   * @param amdahlSpeedup 1 / (p + (1 - p) / N)
   */
  record ForkJoinPoint(
      double serialFraction,
      int threads,
      Figure jobSeconds,
      double speedup,
      double amdahlSpeedup) {}

  /**
   * The serial fraction fitted to one fork-join curve.
   *
   * @param serialFraction the p the job was built with
   * @param fit the fit to its measured speedups
   */
  record ForkJoinFit(double serialFraction, AmdahlLaw.Fit fit) {}

  /**
   * A global-lock measurement.
   *
   * @param serialFraction share of each task under the lock
   * @param threads N
   * @param jobSeconds time of one job, best of the samples
   * @param speedup best time at 1 thread over best time at N
   * @param limit min(N, 1 / p)
   * @param forkJoinSpeedup the fork-join job's measured speedup at the same p and N
   * @param amdahlSpeedup 1 / (p + (1 - p) / N)
   */
  record LockPoint(
      double serialFraction,
      int threads,
      Figure jobSeconds,
      double speedup,
      double limit,
      double forkJoinSpeedup,
      double amdahlSpeedup) {}

  /**
   * Everything the demos measured.
   *
   * @param stepsPerSecond the generator's single-thread rate that sized the jobs
   * @param jobSteps generator steps per job
   * @param lockTasks tasks per global-lock job
   * @param forkJoin fork-join points
   * @param fits fitted serial fractions
   * @param lock global-lock points
   */
  record Result(
      double stepsPerSecond,
      long jobSteps,
      int lockTasks,
      List<ForkJoinPoint> forkJoin,
      List<ForkJoinFit> fits,
      List<LockPoint> lock) {}

  DemoProbe(PinnedPool pool, ComputePlan plan) {
    this.pool = pool;
    this.plan = plan;
  }

  /**
   * Adds a short run of the generator to a warm-up.
   *
   * @param warmUp the warm-up
   */
  void addWarmUp(JitWarmUp warmUp) {
    warmUp.add(() -> Sink.consume(lcg.spin(17, 200)), 1000);
  }

  /** Compiles the generator loop before anything is timed; for callers outside the part. */
  void warmUpJit() {
    JitWarmUp warmUp = new JitWarmUp();
    addWarmUp(warmUp);
    pool.run(1, w -> warmUp.run(10_000_000_000L).calls());
  }

  Result measure(ProgressMeter meter) {
    double stepsPerNs = stepsPerNs();
    long jobSteps = Math.max(10_000, (long) (plan.demoJobNs() * stepsPerNs));
    int taskSteps = (int) Math.max(100, GlobalLockDemo.TASK_NS * stepsPerNs);
    int tasks = (int) Math.max(plan.maxThreads() * 4L, jobSteps / taskSteps);
    ForkJoinDemo forkJoin = new ForkJoinDemo(pool);
    GlobalLockDemo lock = new GlobalLockDemo(pool);
    List<ForkJoinPoint> fj = new ArrayList<>();
    List<ForkJoinFit> fits = new ArrayList<>();
    List<LockPoint> locked = new ArrayList<>();
    List<Integer> counts = plan.threadCounts();
    for (double p : plan.serialFractions()) {
      Map<Integer, Samples> fjTimes =
          JobSampler.sample(counts, plan.demoSamples(), n -> forkJoin.job(n, p, jobSteps));
      meter.advance(1);
      Map<Integer, Samples> lockTimes =
          JobSampler.sample(counts, plan.demoSamples(), n -> lock.job(n, p, tasks, taskSteps));
      meter.advance(1);
      double fj1 = fjTimes.get(1).min();
      double lock1 = lockTimes.get(1).min();
      int[] threads = new int[counts.size()];
      double[] speedups = new double[counts.size()];
      for (int i = 0; i < counts.size(); i++) {
        int n = counts.get(i);
        double fjSpeedup = fj1 / fjTimes.get(n).min();
        double amdahl = AmdahlLaw.speedup(p, n);
        threads[i] = n;
        speedups[i] = fjSpeedup;
        fj.add(
            new ForkJoinPoint(
                p, n, figure(fjTimes.get(n), forkJoinMethod(p, jobSteps)), fjSpeedup, amdahl));
        locked.add(
            new LockPoint(
                p,
                n,
                figure(lockTimes.get(n), lockMethod(p, tasks, taskSteps)),
                lock1 / lockTimes.get(n).min(),
                GlobalLockDemo.limit(p, n),
                fjSpeedup,
                amdahl));
      }
      if (counts.size() > 1) {
        fits.add(new ForkJoinFit(p, AmdahlLaw.fit(threads, speedups)));
      }
    }
    return new Result(stepsPerNs * 1e9, jobSteps, tasks, fj, fits, locked);
  }

  private double stepsPerNs() {
    return pool.run(
            1,
            w -> {
              double best = 0;
              int steps = 1 << 20;
              for (int i = 0; i < 5; i++) {
                long start = System.nanoTime();
                long x = lcg.spin(i, steps);
                long ns = System.nanoTime() - start;
                dev.anatomy.harness.KernelCheckException.failIfNot(
                    "generator rate", lcg.jump(i, steps), x);
                best = Math.max(best, (double) steps / Math.max(1, ns));
              }
              return best;
            })
        .get(0);
  }

  private static Figure figure(Samples seconds, String method) {
    return Figure.of(seconds, Statistic.MIN, "s", method);
  }

  private static String forkJoinMethod(double p, long steps) {
    return String.format(
        java.util.Locale.ROOT,
        "fork-join job of %d generator steps in %d rounds: worker 0 runs %.0f%% of each round"
            + " alone while the others spin at a barrier, then all split the rest; pinned; best"
            + " of the samples, thread counts alternating",
        steps,
        ForkJoinDemo.ROUNDS,
        100 * p);
  }

  private static String lockMethod(double p, int tasks, int taskSteps) {
    return String.format(
        java.util.Locale.ROOT,
        "%d tasks of %d generator steps shared round-robin, %.0f%% of each task's steps holding"
            + " one ReentrantLock; pinned; best of the samples, thread counts alternating",
        tasks,
        taskSteps,
        100 * p);
  }
}
