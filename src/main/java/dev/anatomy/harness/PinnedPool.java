package dev.anatomy.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.IntFunction;
import java.util.function.IntToLongFunction;

/**
 * Platform threads, each pinned to its own CPU for its whole life, that run tasks together.
 *
 * <p>Worker {@code i} always runs on the same CPU, so memory it touches first stays on its node and
 * in its caches between a set-up task and the measured task:
 *
 * <pre>{@code
 * try (PinnedPool pool = new PinnedPool(Affinity.allowedCpus())) {
 *   OffHeap[] regions = new OffHeap[2];
 *   pool.run(2, w -> { regions[w] = OffHeap.map(size, PageSize.SMALL); regions[w].touch(); return null; });
 *   long wallNs = pool.runTogether(2, w -> { return kernel(regions[w]); });
 * }
 * }</pre>
 */
public final class PinnedPool implements AutoCloseable {
  private final int[] cpus;
  private final List<Worker> workers = new ArrayList<>();
  private final boolean pinned;

  private static final class Worker {
    final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    final Thread thread;
    volatile boolean pinFailed;

    Worker(int index, int cpu) {
      thread =
          Thread.ofPlatform()
              .daemon(true)
              .name("anatomy-worker-" + index + "-cpu" + cpu)
              .start(
                  () -> {
                    try {
                      Affinity.pinCurrentThread(cpu);
                    } catch (RuntimeException e) {
                      pinFailed = true;
                    }
                    loop();
                  });
    }

    private void loop() {
      try {
        while (true) {
          Runnable task = queue.take();
          task.run();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Starts one pinned worker per CPU.
   *
   * @param cpus the CPUs, one worker each, in order
   */
  public PinnedPool(int[] cpus) {
    if (cpus.length == 0) {
      throw new IllegalArgumentException("at least one CPU is needed");
    }
    this.cpus = cpus.clone();
    for (int i = 0; i < cpus.length; i++) {
      workers.add(new Worker(i, cpus[i]));
    }
    // Let every worker try its pin before anyone asks whether pinning worked.
    run(cpus.length, w -> null);
    boolean all = true;
    for (Worker w : workers) {
      all &= !w.pinFailed;
    }
    this.pinned = all;
  }

  /**
   * Number of workers.
   *
   * @return the number of CPUs given
   */
  public int size() {
    return workers.size();
  }

  /**
   * The CPU worker {@code i} is pinned to.
   *
   * @param worker worker index
   * @return its CPU
   */
  public int cpuOf(int worker) {
    return cpus[worker];
  }

  /**
   * Whether every worker could be pinned (a cgroup can forbid a CPU).
   *
   * @return true if all workers run pinned
   */
  public boolean pinned() {
    return pinned;
  }

  /**
   * Runs a task on workers 0..n-1 at the same time and waits for all of them, even when one fails:
   * no task is still running when this returns or throws, so a caller that cleans up after a
   * failure does not pull memory from under a worker.
   *
   * @param n how many workers, 1 to {@link #size()}
   * @param task called with the worker index, on that worker's thread
   * @param <T> the result type
   * @return results in worker order
   * @throws RuntimeException the failure of the lowest-numbered worker that failed (an {@link
   *     Error} is thrown as it is)
   */
  public <T> List<T> run(int n, IntFunction<T> task) {
    List<Outcome<T>> outcomes = runEach(n, task);
    if (Thread.currentThread().isInterrupted()) {
      throw new IllegalStateException("interrupted while waiting for workers");
    }
    List<T> results = new ArrayList<>();
    for (Outcome<T> o : outcomes) {
      if (o.failure() instanceof RuntimeException r) {
        throw r;
      }
      if (o.failure() instanceof Error err) {
        throw err;
      }
      if (o.failure() != null) {
        throw new IllegalStateException(o.failure());
      }
      results.add(o.value());
    }
    return results;
  }

  /**
   * What one worker's task gave: its value, or what it threw.
   *
   * @param value the task's result, null if it failed
   * @param failure what the task threw, null if it succeeded
   * @param <T> the result type
   */
  public record Outcome<T>(T value, Throwable failure) {}

  /**
   * Runs a task on workers 0..n-1 at the same time, waits for all of them and returns each one's
   * outcome: for callers that must keep what the workers that succeeded made (to release it, say)
   * when another failed. An interrupt while waiting does not cut the wait short; it is left set on
   * the calling thread, and the outcomes are returned all the same.
   *
   * @param n how many workers, 1 to {@link #size()}
   * @param task called with the worker index, on that worker's thread
   * @param <T> the result type
   * @return outcomes in worker order
   */
  public <T> List<Outcome<T>> runEach(int n, IntFunction<T> task) {
    if (n < 1 || n > workers.size()) {
      throw new IllegalArgumentException(
          "n must be between 1 and " + workers.size() + ", was " + n);
    }
    List<CompletableFuture<Outcome<T>>> futures = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int index = i;
      CompletableFuture<Outcome<T>> f = new CompletableFuture<>();
      workers
          .get(i)
          .queue
          .add(
              () -> {
                Outcome<T> o;
                try {
                  o = new Outcome<>(task.apply(index), null);
                } catch (Throwable t) {
                  o = new Outcome<>(null, t);
                }
                f.complete(o);
              });
      futures.add(f);
    }
    List<Outcome<T>> outcomes = new ArrayList<>();
    boolean interrupted = false;
    for (CompletableFuture<Outcome<T>> f : futures) {
      while (true) {
        try {
          outcomes.add(f.get());
          break;
        } catch (InterruptedException e) {
          // keep waiting: a task still running may use what the caller would free
          interrupted = true;
        } catch (ExecutionException e) {
          throw new IllegalStateException("a worker's outcome was not recorded", e);
        }
      }
    }
    if (interrupted) {
      // the caller still gets every outcome, to release what the tasks made
      Thread.currentThread().interrupt();
    }
    return outcomes;
  }

  /**
   * Runs a measured body on workers 0..n-1, released together by a barrier, and returns the wall
   * time from the first start to the last finish.
   *
   * @param n how many workers
   * @param body called with the worker index; returns a value to sink
   * @return wall-clock nanoseconds covering every worker's body
   */
  public long runTogether(int n, IntToLongFunction body) {
    CyclicBarrier barrier = new CyclicBarrier(n);
    List<long[]> spans =
        run(
            n,
            w -> {
              try {
                barrier.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
              } catch (BrokenBarrierException e) {
                throw new IllegalStateException(e);
              }
              long start = System.nanoTime();
              long result = body.applyAsLong(w);
              long end = System.nanoTime();
              Sink.consume(result);
              return new long[] {start, end};
            });
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (long[] span : spans) {
      first = Math.min(first, span[0]);
      last = Math.max(last, span[1]);
    }
    return last - first;
  }

  @Override
  public void close() {
    for (Worker w : workers) {
      w.thread.interrupt();
    }
  }
}
