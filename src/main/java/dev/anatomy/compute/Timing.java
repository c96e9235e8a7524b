package dev.anatomy.compute;

import dev.anatomy.harness.PinnedPool;
import dev.anatomy.harness.Sink;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.function.IntToLongFunction;
import java.util.function.LongUnaryOperator;

/** Sizing and timing helpers shared by the compute probes. */
final class Timing {
  private Timing() {}

  /** When one worker's timed body started and ended, in {@link System#nanoTime()} units. */
  record Span(long startNs, long endNs) {
    /**
     * The span's length.
     *
     * @return nanoseconds
     */
    long ns() {
      return endNs - startNs;
    }
  }

  /**
   * Finds how much work makes one timed call last about {@code targetNs}: starts small and grows by
   * the ratio measured, so the calls before the answer stay short.
   *
   * @param nsFor runs the kernel with the given amount of work and returns its nanoseconds
   * @param start first amount to try, at least 1
   * @param targetNs wanted length of one call
   * @param max the largest amount allowed
   * @return the amount, between 1 and max
   */
  static long calibrate(LongUnaryOperator nsFor, long start, long targetNs, long max) {
    long n = Math.max(1, Math.min(start, max));
    for (int attempt = 0; attempt < 40; attempt++) {
      long ns = Math.max(1, nsFor.applyAsLong(n));
      if (ns >= targetNs / 2 || n >= max) {
        return Math.max(1, Math.min(max, (long) (n * ((double) targetNs / ns))));
      }
      double grow = Math.min(16, Math.max(2, 0.8 * targetNs / ns));
      n = Math.min(max, (long) Math.ceil(n * grow));
    }
    return n;
  }

  /**
   * Runs a body on workers 0..n-1, released together by a spinning barrier (so they start within a
   * microsecond of each other, not a scheduler wake-up apart), and times each worker's body.
   *
   * @param pool the pinned workers
   * @param n how many
   * @param body called with the worker index; returns a value that is sunk
   * @return each worker's span, in worker order
   */
  static List<Span> together(PinnedPool pool, int n, IntToLongFunction body) {
    SpinBarrier barrier = new SpinBarrier(n);
    return pool.run(
        n,
        w -> {
          barrier.await();
          long start = System.nanoTime();
          long value = body.applyAsLong(w);
          long end = System.nanoTime();
          Sink.consume(value);
          return new Span(start, end);
        });
  }

  /**
   * The longest of the spans: the time until the slowest worker finished its own body.
   *
   * @param spans spans
   * @return nanoseconds, at least 1
   */
  static long slowest(List<Span> spans) {
    long max = 1;
    for (Span s : spans) {
      max = Math.max(max, s.ns());
    }
    return max;
  }

  /**
   * From the first start to the last end.
   *
   * @param spans spans
   * @return nanoseconds, at least 1
   */
  static long wall(List<Span> spans) {
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (Span s : spans) {
      first = Math.min(first, s.startNs());
      last = Math.max(last, s.endNs());
    }
    return Math.max(1, last - first);
  }

  static void await(CyclicBarrier barrier) {
    try {
      barrier.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted at a barrier", e);
    } catch (BrokenBarrierException e) {
      throw new IllegalStateException("a worker failed at a barrier", e);
    }
  }
}
