package dev.anatomy.storage;

import dev.anatomy.harness.KernelCheckException;
import dev.anatomy.harness.LinuxAio;
import dev.anatomy.harness.ProgressMeter;
import dev.anatomy.harness.Samples;
import dev.anatomy.result.LatencyFigures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.HdrHistogram.Histogram;

/**
 * Random block I/O at a queue depth: {@code depth} platform threads, each doing positional reads
 * (or writes) of one block at a uniformly random aligned offset, one at a time, as {@code fio
 * --ioengine=psync --numjobs=depth} does. Every operation's latency goes into an HdrHistogram.
 *
 * <p>The pass runs in rounds of a fixed length after an untimed warm-up; each round gives one IOPS
 * sample (operations over the wall time from the common start to the last thread's finish) and one
 * latency histogram.
 */
final class RandomIoProbe {
  /** An AIO warm-up round. */
  static final long AIO_WARMUP_NS = 100_000_000L;

  /** The most extra warm-up rounds of an AIO pass. */
  static final int AIO_WARMUP_ROUNDS = 12;

  /** What one pass produced. */
  record Run(Samples iops, List<Histogram> latencies, long operations) {}

  private final DiskFile file;
  private final DiskPlan plan;
  private final long spanBlocks;
  private final BlockStamp stamps;

  /**
   * Creates the probe.
   *
   * @param file the file
   * @param plan block size, rounds
   * @param spanBytes the offsets range over [0, spanBytes)
   * @param stamps the run's stamps, or null for a user's file (reads are then checked for length
   *     only; writes are refused)
   */
  RandomIoProbe(DiskFile file, DiskPlan plan, long spanBytes, BlockStamp stamps) {
    this.file = file;
    this.plan = plan;
    this.spanBlocks = spanBytes / plan.randomBlockBytes();
    this.stamps = stamps;
    if (spanBlocks < 1) {
      throw new IllegalArgumentException("the file is smaller than one block");
    }
  }

  /**
   * Runs a pass.
   *
   * @param depth threads doing I/O at once
   * @param write true for writes, which keep every unit's stamp so later reads still check
   * @param seed seed of the offsets
   * @param meter advanced by one per round
   * @return IOPS samples and latency histograms
   * @throws IOException on an I/O error
   */
  Run run(int depth, boolean write, long seed, ProgressMeter meter) throws IOException {
    if (write && stamps == null) {
      throw new IllegalStateException("a user's file is never written");
    }
    file.dropCache();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            depth, r -> Thread.ofPlatform().daemon(true).name("anatomy-disk-io").unstarted(r));
    try {
      List<Worker> workers = new ArrayList<>();
      SplittableRandom seeds = new SplittableRandom(seed);
      for (int w = 0; w < depth; w++) {
        workers.add(new Worker(w, write, seeds.split()));
      }
      round(pool, workers, plan.warmupNs());
      double[] iops = new double[plan.rounds()];
      List<Histogram> latencies = new ArrayList<>();
      long total = 0;
      for (int r = 0; r < iops.length; r++) {
        long[] opsAndWall = round(pool, workers, plan.roundNs());
        iops[r] = opsAndWall[0] * 1e9 / Math.max(opsAndWall[1], 1);
        total += opsAndWall[0];
        Histogram h = LatencyFigures.newHistogram();
        for (Worker w : workers) {
          h.add(w.histogram);
        }
        latencies.add(h);
        meter.advance(1);
      }
      if (write) {
        verifyLastWrites(workers);
      }
      return new Run(new Samples(iops, 1), latencies, total);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Runs a pass of reads at a queue depth from one thread with Linux native AIO, as {@code fio
   * --ioengine=libaio --iodepth=depth} does: {@code depth} reads are submitted, one system call
   * each as fio's default {@code iodepth_batch_submit=1}, and each one that finishes is checked and
   * replaced by a read at a new random offset until the round's time is up; the round then waits
   * for the reads still in flight. Same rounds, samples and latency histograms as {@link #run}.
   *
   * @param depth reads in flight
   * @param seed seed of the offsets
   * @param meter advanced by one per round
   * @return IOPS samples and latency histograms
   * @throws IOException on an I/O error, or if the kernel refuses AIO on this file
   */
  Run runAio(int depth, long seed, ProgressMeter meter) throws IOException {
    file.dropCache();
    try (LinuxAio aio = LinuxAio.openDirect(file.path(), depth, plan.randomBlockBytes())) {
      AioState st = new AioState(aio, new SplittableRandom(seed));
      warmUp(st);
      double[] iops = new double[plan.rounds()];
      List<Histogram> latencies = new ArrayList<>();
      long total = 0;
      for (int r = 0; r < iops.length; r++) {
        Histogram h = LatencyFigures.newHistogram();
        long[] opsAndWall = st.round(plan.roundNs(), h);
        iops[r] = opsAndWall[0] * 1e9 / Math.max(opsAndWall[1], 1);
        total += opsAndWall[0];
        latencies.add(h);
        meter.advance(1);
      }
      return new Run(new Samples(iops, 1), latencies, total);
    }
  }

  /**
   * Warm-up rounds until C2 has compiled the reap loop and its downcalls: rounds of {@value
   * #AIO_WARMUP_NS} ns until one passes with no compilation (the JIT's own time, from the
   * CompilationMXBean, unchanged), {@value #AIO_WARMUP_ROUNDS} rounds at most. A compiler thread
   * working during the timed rounds would take a CPU from the I/O path.
   */
  private void warmUp(AioState st) throws IOException {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    boolean watch = jit != null && jit.isCompilationTimeMonitoringSupported();
    st.round(Math.max(plan.warmupNs(), AIO_WARMUP_NS), LatencyFigures.newHistogram());
    for (int i = 0; watch && i < AIO_WARMUP_ROUNDS; i++) {
      long before = jit.getTotalCompilationTime();
      st.round(AIO_WARMUP_NS, LatencyFigures.newHistogram());
      if (jit.getTotalCompilationTime() == before) {
        return;
      }
    }
  }

  /** The in-flight reads of an AIO pass. */
  private final class AioState {
    final LinuxAio aio;
    final SplittableRandom random;
    final int depth;
    final long[] position;
    final long[] submittedAt;
    final int[] slots;
    final int[] done;
    final long[] results;

    AioState(LinuxAio aio, SplittableRandom random) {
      this.aio = aio;
      this.random = random;
      this.depth = aio.depth();
      this.position = new long[depth];
      this.submittedAt = new long[depth];
      this.slots = new int[depth];
      this.done = new int[depth];
      this.results = new long[depth];
    }

    /** Returns {operations, wall ns}. */
    long[] round(long ns, Histogram h) throws IOException {
      long start = System.nanoTime();
      long deadline = start + ns;
      for (int s = 0; s < depth; s++) {
        slots[s] = s;
      }
      submit(depth);
      inFlight = depth;
      ops = 0;
      while (inFlight > 0) {
        reapOnce(deadline, h);
      }
      return new long[] {ops, lastNow - start};
    }

    int inFlight;
    long ops;
    long lastNow;

    /**
     * Reaps what finished, checks it and puts new reads in its place: a method of its own, called
     * thousands of times a second, so C2 compiles it (FFM downcalls and all) within the warm-up,
     * not as an on-stack replacement of the round's loop a second later.
     */
    private void reapOnce(long deadline, Histogram h) throws IOException {
      int n = aio.reap(1, done, results, 10_000_000_000L);
      if (n == 0) {
        throw new IOException("no read finished within 10 s at queue depth " + depth);
      }
      long now = System.nanoTime();
      lastNow = now;
      int again = 0;
      for (int i = 0; i < n; i++) {
        int slot = done[i];
        if (results[i] != plan.randomBlockBytes()) {
          throw new IOException(
              "read of "
                  + plan.randomBlockBytes()
                  + " bytes at offset "
                  + position[slot]
                  + " returned "
                  + results[i]);
        }
        h.recordValue(Math.min(now - submittedAt[slot], LatencyFigures.HIGHEST_NS));
        if (stamps != null) {
          stamps.checkFirst(aio.buffer(slot).asByteBuffer(), position[slot]);
        }
        ops++;
        inFlight--;
        if (now < deadline) {
          slots[again++] = slot;
        }
      }
      if (again > 0) {
        submit(again);
        inFlight += again;
      }
    }

    /** Submits the first {@code n} slots, one system call each (see LinuxAio#submitOne). */
    private void submit(int n) throws IOException {
      for (int i = 0; i < n; i++) {
        int slot = slots[i];
        position[slot] = random.nextLong(spanBlocks) * plan.randomBlockBytes();
        submittedAt[slot] = System.nanoTime();
        aio.submitOne(slot, position[slot]);
      }
    }
  }

  /** Runs every worker for {@code ns}; returns {operations, wall ns}. */
  private long[] round(ExecutorService pool, List<Worker> workers, long ns) throws IOException {
    CountDownLatch go = new CountDownLatch(1);
    List<Future<long[]>> futures = new ArrayList<>();
    for (Worker w : workers) {
      futures.add(pool.submit(() -> w.runUntil(go, ns)));
    }
    long start = System.nanoTime();
    go.countDown();
    long ops = 0;
    long end = start;
    for (Future<long[]> f : futures) {
      try {
        long[] r = f.get();
        ops += r[0];
        end = Math.max(end, r[1]);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      } catch (ExecutionException e) {
        Throwable c = e.getCause();
        if (c instanceof UncheckedIOException u) {
          throw u.getCause();
        }
        if (c instanceof RuntimeException re) {
          throw re;
        }
        throw new IOException(c);
      }
    }
    return new long[] {ops, end - start};
  }

  private void verifyLastWrites(List<Worker> workers) throws IOException {
    ByteBuffer buf = file.buffer(plan.randomBlockBytes());
    for (Worker w : workers) {
      if (w.lastPosition < 0) {
        continue;
      }
      buf.clear();
      file.readFully(buf, w.lastPosition);
      stamps.checkFirst(buf, w.lastPosition);
      long found = BlockStamp.generation(buf);
      boolean someoneWroteIt =
          workers.stream().anyMatch(o -> o.lastPosition == w.lastPosition && o.generation == found);
      if (!someoneWroteIt) {
        throw new KernelCheckException(
            "random write at offset "
                + w.lastPosition
                + " did not reach the file (generation "
                + found
                + ", expected "
                + w.generation
                + ")");
      }
    }
  }

  /** One thread's state, kept across rounds. */
  private final class Worker {
    final Histogram histogram = LatencyFigures.newHistogram();
    final ByteBuffer buf = file.buffer(plan.randomBlockBytes());
    final boolean write;
    final SplittableRandom random;
    final long generationBase;
    long generation;
    long writes;
    long lastPosition = -1;

    Worker(int index, boolean write, SplittableRandom random) {
      this.write = write;
      this.random = random;
      this.generationBase = (long) (index + 1) << 40;
      if (write) {
        BlockStamp.fillRandom(buf, random);
      }
    }

    /** Does I/O until {@code ns} after the start; returns {operations, end time}. */
    long[] runUntil(CountDownLatch go, long ns) throws InterruptedException {
      histogram.reset();
      go.await();
      long deadline = System.nanoTime() + ns;
      long ops = 0;
      long now;
      try {
        do {
          long pos = random.nextLong(spanBlocks) * plan.randomBlockBytes();
          buf.clear();
          long t0;
          if (write) {
            generation = generationBase + ++writes;
            stamps.stampAll(buf, pos, generation);
            t0 = System.nanoTime();
            file.writeFully(buf, pos);
            lastPosition = pos;
          } else {
            t0 = System.nanoTime();
            file.readFully(buf, pos);
          }
          now = System.nanoTime();
          histogram.recordValue(Math.min(now - t0, LatencyFigures.HIGHEST_NS));
          if (!write && stamps != null) {
            stamps.checkFirst(buf, pos);
          }
          ops++;
        } while (now < deadline);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return new long[] {ops, now};
    }
  }
}
