package dev.anatomy.memory;

import dev.anatomy.harness.PinnedPool;
import dev.anatomy.harness.Sampler;
import dev.anatomy.harness.Samples;
import dev.anatomy.harness.Statistic;
import dev.anatomy.result.Figure;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures the bandwidth of the stream kernels at a working-set size and thread count. Each thread
 * runs the kernel on its own arrays, in memory it touched first; the threads start together at a
 * barrier and the time runs from the first start to the last finish.
 */
final class BandwidthProbe implements AutoCloseable {
  /** Calls in a row at compiled speed that end a kernel's warm-up. */
  static final int FAST_CALLS_IN_A_ROW = 500;

  /** A warm-up call (2 passes over 24 KiB) slower than this ran in the interpreter or C1. */
  static final long FAST_CALL_NS = 10_000;

  /** The most warm-up calls of one kernel. */
  static final int MAX_WARMUP_CALLS = 40_000;

  /** Working sets the warm-up runs each kernel at, the first the one its speed limits are for. */
  private static final long[] WARMUP_BYTES = {24 * 1024, 192 * 1024};

  private final PinnedPool pool;
  private final Sampler sampler;
  private final StreamLoops loops;
  private final long sampleTargetNs;
  private final List<StreamWorkspace> workspaces = new ArrayList<>();
  private final long[] capacity;
  private int tag;

  /**
   * Maps every worker's region.
   *
   * @param pool the pinned workers
   * @param sampler sampling plan
   * @param loops the loops to run
   * @param sampleTargetNs length of one sample
   * @param bytesPerWorker largest working set each worker will hold
   */
  BandwidthProbe(
      PinnedPool pool,
      Sampler sampler,
      StreamLoops loops,
      long sampleTargetNs,
      long[] bytesPerWorker) {
    this(pool, sampler, loops, sampleTargetNs, bytesPerWorker, (MemorySegment) null);
  }

  /**
   * Maps every worker's region, worker 0's input array b excepted where {@code lent0} is given: it
   * lies there, in memory worker 0 mapped and touched already (see {@link StreamWorkspace#map(long,
   * StreamLoops, MemorySegment)}), which must outlive the probe.
   *
   * @param pool the pinned workers
   * @param sampler sampling plan
   * @param loops the loops to run
   * @param sampleTargetNs length of one sample
   * @param bytesPerWorker largest working set each worker will hold
   * @param lent0 memory for worker 0's array b, at least {@link StreamWorkspace#lentBytes} long;
   *     null to map it
   */
  BandwidthProbe(
      PinnedPool pool,
      Sampler sampler,
      StreamLoops loops,
      long sampleTargetNs,
      long[] bytesPerWorker,
      MemorySegment lent0) {
    this(
        pool,
        sampler,
        loops,
        sampleTargetNs,
        bytesPerWorker.clone(),
        w ->
            w == 0 && lent0 != null
                ? StreamWorkspace.map(bytesPerWorker[w], loops, lent0)
                : StreamWorkspace.map(bytesPerWorker[w], loops));
  }

  /**
   * Maps a workspace on each worker with {@code map}, then fills them all; if any worker fails,
   * every workspace that was mapped is closed before the failure is thrown.
   *
   * @param pool the pinned workers
   * @param sampler sampling plan
   * @param loops the loops to run
   * @param sampleTargetNs length of one sample
   * @param capacity largest working set each worker will hold
   * @param map maps worker {@code w}'s workspace, on that worker
   */
  BandwidthProbe(
      PinnedPool pool,
      Sampler sampler,
      StreamLoops loops,
      long sampleTargetNs,
      long[] capacity,
      java.util.function.IntFunction<StreamWorkspace> map) {
    this.pool = pool;
    this.sampler = sampler;
    this.loops = loops;
    this.sampleTargetNs = sampleTargetNs;
    this.capacity = capacity;
    // every worker maps before any worker fills: a fill (madvise MADV_POPULATE_WRITE) holds the
    // process's mmap lock for its whole length, so a worker mapping meanwhile waits for it (here a
    // 1.25 GB mapping waited 1.35 s for a 2.5 GB fill), while fills of mapped regions run side by
    // side (2.5 GB and 1.25 GB filled in 1.4 s together, against 2.1-2.2 s one after the other)
    Throwable failed = null;
    for (PinnedPool.Outcome<StreamWorkspace> o : pool.runEach(capacity.length, map)) {
      if (o.failure() == null) {
        workspaces.add(o.value());
      } else if (failed == null) {
        failed = o.failure();
      }
    }
    if (failed == null && Thread.currentThread().isInterrupted()) {
      failed = new IllegalStateException("interrupted while the workers mapped their workspaces");
    }
    try {
      if (failed != null) {
        // one worker could not map: the others' regions go back at once, not at exit
        if (failed instanceof Error err) {
          throw err;
        }
        throw failed instanceof RuntimeException r ? r : new IllegalStateException(failed);
      }
      pool.run(
          capacity.length,
          w -> {
            workspaces.get(w).fill();
            return null;
          });
    } catch (RuntimeException | Error e) {
      try {
        close();
      } catch (RuntimeException | Error closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
  }

  /**
   * A probe for the copy and triad kernels only, with three equal arrays per worker (see {@link
   * StreamWorkspace#mapArrays}): under half the memory of the general probe.
   *
   * @param pool the pinned workers
   * @param sampler sampling plan
   * @param loops the loops to run
   * @param sampleTargetNs length of one sample
   * @param bytesPerArrayPerWorker longest array each worker will use
   * @return the probe
   */
  static BandwidthProbe forArrays(
      PinnedPool pool,
      Sampler sampler,
      StreamLoops loops,
      long sampleTargetNs,
      long[] bytesPerArrayPerWorker) {
    return new BandwidthProbe(
        pool,
        sampler,
        loops,
        sampleTargetNs,
        bytesPerArrayPerWorker.clone(),
        w -> StreamWorkspace.mapArrays(bytesPerArrayPerWorker[w], loops));
  }

  static String method(StreamKernel kernel, StreamLoops loops) {
    return kernel.label()
        + " kernel ("
        + loops.description()
        + "), "
        + kernel.bytesPerElement()
        + " bytes per element counted (write-allocate not counted, as STREAM), each thread on"
        + " its own arrays, pinned; best of the samples";
  }

  /**
   * Compiles the loops before anything is timed: many short calls on 24 KiB arrays (loops long
   * enough that C2 profiles them as the sweep runs them), so C2 compiles each loop as a normal
   * method rather than an on-stack replacement of a long first call, and each call made before C2's
   * code is in (a Vector API loop in the interpreter or C1 runs a hundred times slower) costs
   * microseconds. A kernel is warm once {@value #FAST_CALLS_IN_A_ROW} calls in a row have run at
   * compiled speed (under {@value #FAST_CALL_NS} ns); none is called more than {@value
   * #MAX_WARMUP_CALLS} times.
   */
  void warmUpJit() {
    pool.run(
        1,
        w -> {
          StreamWorkspace ws = workspaces.get(0);
          for (StreamKernel k : StreamKernel.values()) {
            // 24 KiB, then 192 KiB: a loop may take another path past an L1-sized set; no
            // more than the workspace holds (a --max-size of 64 KiB)
            for (long want : WARMUP_BYTES) {
              long size = Math.min(want, capacity[0]);
              ws.use(StreamWorkspace.arrayBytes(k, size, loops.granuleBytes()));
              int fast = 0;
              for (int i = 0; i < MAX_WARMUP_CALLS && fast < FAST_CALLS_IN_A_ROW; i++) {
                long t = System.nanoTime();
                dev.anatomy.harness.Sink.consume(ws.run(k, 2, 1.0));
                fast =
                    System.nanoTime() - t < FAST_CALL_NS * Math.max(1, size / WARMUP_BYTES[0])
                        ? fast + 1
                        : 0;
              }
            }
          }
          return null;
        });
  }

  /**
   * Measures one point.
   *
   * @param kernel the kernel
   * @param totalBytes working set over all threads
   * @param threads how many workers run at once
   * @param plan sampling plan (fewer samples for large sizes)
   * @return the point
   */
  BandwidthPoint measure(StreamKernel kernel, long totalBytes, int threads, Sampler plan) {
    long perArray = StreamWorkspace.arrayBytes(kernel, totalBytes / threads, loops.granuleBytes());
    pool.run(
        threads,
        w -> {
          workspaces.get(w).use(perArray);
          return null;
        });
    long[] results = new long[threads];
    long passes = calibrate(kernel, threads, results);
    long bytesMoved = threads * (perArray / 8) * kernel.bytesPerElement() * passes;
    Samples samples =
        plan.sample(
            () -> {
              double scalar = 0.5 * (1 + (++tag % 64));
              long wall = runOnce(kernel, threads, passes, scalar, results);
              check(kernel, threads, passes, scalar, results);
              return bytesMoved * 1e9 / wall;
            });
    Figure f =
        Figure.of(samples, Statistic.MAX, "B/s", method(kernel, loops))
            .withVariant(threads + (threads == 1 ? " thread" : " threads"));
    return new BandwidthPoint(
        StreamWorkspace.workingSetBytes(kernel, totalBytes, threads, loops.granuleBytes()),
        threads,
        kernel,
        f);
  }

  /**
   * Passes per sample: doubles (or scales) the pass count until one timed run lasts at least half
   * the target, so a sample of a cache-sized set is not dominated by the start barrier.
   */
  private long calibrate(StreamKernel kernel, int threads, long[] results) {
    long passes = 1;
    for (int attempt = 0; attempt < 30; attempt++) {
      long ns = runOnce(kernel, threads, passes, 1.0, results);
      if (ns >= sampleTargetNs / 2) {
        break;
      }
      long scaled = (long) Math.ceil(passes * (double) sampleTargetNs / Math.max(ns, 1));
      passes = Math.max(passes * 2, Math.min(scaled, passes * 64));
    }
    return passes;
  }

  private long runOnce(StreamKernel kernel, int threads, long passes, double scalar, long[] out) {
    pool.run(
        threads,
        w -> {
          workspaces.get(w).mark(kernel);
          return null;
        });
    return pool.runTogether(
        threads,
        w -> {
          out[w] = workspaces.get(w).run(kernel, passes, scalar);
          return out[w];
        });
  }

  private void check(StreamKernel kernel, int threads, long passes, double scalar, long[] out) {
    pool.run(
        threads,
        w -> {
          workspaces.get(w).check(kernel, passes, scalar, out[w]);
          return null;
        });
  }

  /**
   * Worker 0's output array, as room for a latency chase between kernel runs: as long as the
   * largest working set worker 0 holds, in 4 KiB pages worker 0 touched first, and mapped anyway,
   * so a chase there costs no memory beyond the sweep's and no time to map and touch.
   *
   * @return the memory; its contents are overwritten by the next kernel that writes
   */
  java.lang.foreign.MemorySegment chaseRoom() {
    return workspaces.get(0).output();
  }

  /**
   * The sampler this probe was made with.
   *
   * @return the default sampler
   */
  Sampler sampler() {
    return sampler;
  }

  /**
   * Runs the read kernel on workers {@code from..n-1} until {@code stop} is set, to load the memory
   * system while another worker measures latency.
   *
   * @param worker this worker
   * @param bytes the working set wanted; at most what the worker's workspace holds
   * @param stop set when the measurement is over
   * @return bytes read per second while it ran
   */
  double streamUntil(int worker, long bytes, java.util.concurrent.atomic.AtomicBoolean stop) {
    StreamWorkspace ws = workspaces.get(worker);
    long perArray =
        StreamWorkspace.arrayBytes(
            StreamKernel.READ, Math.min(bytes, capacity[worker]), loops.granuleBytes());
    ws.use(perArray);
    long start = System.nanoTime();
    long passes = 0;
    while (!stop.get()) {
      dev.anatomy.harness.Sink.consume(ws.run(StreamKernel.READ, 1, 0));
      passes++;
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return passes * perArray / Math.max(seconds, 1e-9);
  }

  @Override
  public void close() {
    if (workspaces.isEmpty()) {
      return;
    }
    pool.run(
        workspaces.size(),
        w -> {
          workspaces.get(w).close();
          return null;
        });
  }
}
