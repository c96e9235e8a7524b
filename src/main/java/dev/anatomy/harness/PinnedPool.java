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
   * Runs a task on workers 0..n-1 at the same time and waits for all of them.
   *
   * @param n how many workers, 1 to {@link #size()}
   * @param task called with the worker index, on that worker's thread
   * @param <T> the result type
   * @return results in worker order
   */
  public <T> List<T> run(int n, IntFunction<T> task) {
    if (n < 1 || n > workers.size()) {
      throw new IllegalArgumentException(
          "n must be between 1 and " + workers.size() + ", was " + n);
    }
    List<CompletableFuture<T>> futures = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int index = i;
      CompletableFuture<T> f = new CompletableFuture<>();
      workers
          .get(i)
          .queue
          .add(
              () -> {
                try {
                  f.complete(task.apply(index));
                } catch (Throwable t) {
                  f.completeExceptionally(t);
                }
              });
      futures.add(f);
    }
    List<T> results = new ArrayList<>();
    for (CompletableFuture<T> f : futures) {
      try {
        results.add(f.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for workers", e);
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException r) {
          throw r;
        }
        if (cause instanceof Error err) {
          throw err;
        }
        throw new IllegalStateException(cause);
      }
    }
    return results;
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
