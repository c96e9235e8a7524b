package dev.anatomy.memory;

import dev.anatomy.harness.PinnedPool;
import dev.anatomy.harness.Sampler;

/**
 * The memory part's bandwidth kernels for other parts: STREAM-style kernels on pinned threads, each
 * thread on its own arrays in memory it touched first, the threads started together. The links part
 * uses it for the memory bus.
 *
 * <pre>{@code
 * try (StreamBenchmark b = StreamBenchmark.open(cpus, 128L << 20, plan)) {
 *   BandwidthPoint one = b.measure(StreamKernel.TRIAD, 1);
 *   BandwidthPoint all = b.measure(StreamKernel.TRIAD, cpus.length);
 * }
 * }</pre>
 */
public final class StreamBenchmark implements AutoCloseable {
  /** Length of one timed run: long enough that the start barrier costs nothing. */
  private static final long SAMPLE_TARGET_NS = 20_000_000L;

  private final PinnedPool pool;
  private final BandwidthProbe probe;
  private final Sampler sampler;
  private final long bytesPerArray;
  private final StreamLoops loops = StreamLoops.best();

  private StreamBenchmark(int[] cpus, long bytesPerArray, Sampler.Plan plan) {
    this.bytesPerArray = bytesPerArray;
    this.sampler = new Sampler(plan);
    this.pool = new PinnedPool(cpus);
    try {
      long[] perWorker = new long[cpus.length];
      for (int threads = 1; threads <= cpus.length; threads++) {
        long share = bytesPerArray / threads;
        for (int w = 0; w < threads; w++) {
          perWorker[w] = Math.max(perWorker[w], share);
        }
      }
      this.probe = BandwidthProbe.forArrays(pool, sampler, loops, SAMPLE_TARGET_NS, perWorker);
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  /**
   * Maps and fills every worker's arrays, and compiles the loops.
   *
   * @param cpus one pinned worker per CPU
   * @param bytesPerArray bytes of each array the kernels use, over all threads together
   * @param plan sampling plan (the figures are the best sample, as STREAM reports)
   * @return the benchmark; close it to unmap the memory
   */
  public static StreamBenchmark open(int[] cpus, long bytesPerArray, Sampler.Plan plan) {
    StreamBenchmark b = new StreamBenchmark(cpus, bytesPerArray, plan);
    b.probe.warmUpJit();
    return b;
  }

  /**
   * Memory the workers map for arrays of a size: worker {@code w} holds three arrays of its largest
   * share, {@code bytesPerArray / (w + 1)}.
   *
   * @param bytesPerArray bytes of each array, over all threads
   * @param cpus workers
   * @return bytes mapped at once
   */
  public static long footprintBytes(long bytesPerArray, int cpus) {
    long total = 0;
    for (int w = 0; w < cpus; w++) {
      total += 3 * (bytesPerArray / (w + 1) + (1L << 16));
    }
    return total;
  }

  /**
   * Measures a kernel at a thread count; its result is checked against what its inputs imply.
   *
   * @param kernel copy or triad (read and write work too)
   * @param threads 1 to the number of CPUs
   * @return the point: working set, threads and best bandwidth (write-allocate not counted)
   */
  public BandwidthPoint measure(StreamKernel kernel, int threads) {
    return probe.measure(kernel, kernel.arrays() * bytesPerArray, threads, sampler);
  }

  /**
   * Whether every worker runs pinned to its CPU.
   *
   * @return false if the kernel refused a pin
   */
  public boolean pinned() {
    return pool.pinned();
  }

  /**
   * How the figures were measured, for the document.
   *
   * @param kernel the kernel
   * @return the method text
   */
  public String method(StreamKernel kernel) {
    return BandwidthProbe.method(kernel, loops);
  }

  @Override
  public void close() {
    try {
      probe.close();
    } finally {
      pool.close();
    }
  }
}
