package dev.anatomy.memory;

import dev.anatomy.harness.OffHeap;
import dev.anatomy.harness.PageSize;
import dev.anatomy.harness.PinnedPool;
import dev.anatomy.harness.Sampler;
import dev.anatomy.harness.Samples;
import dev.anatomy.harness.Statistic;
import dev.anatomy.result.Figure;
import java.lang.foreign.MemorySegment;

/**
 * Measures load-to-use latency with a pointer chase at one working-set size. A chain of up to
 * {@link #PARALLEL_BUILD_FROM} bytes is built by worker 0, which touched the region first and
 * chases it; a larger one by every worker in parallel (sequential writes).
 */
final class LatencyProbe {
  /** Warm-up steps at most: enough to load a cache-sized chain, not a 1 GiB one. */
  private static final long MAX_WARM_STEPS = 1L << 16;

  /** Steps of the run that sets a sample's length, at least: some microseconds in L1. */
  private static final long MIN_CALIBRATION_STEPS = 1L << 12;

  /** Steps of the run that sets a sample's length, at most: 1.6 ms at DRAM's latency. */
  private static final long MAX_CALIBRATION_STEPS = 1L << 14;

  /**
   * Loads a sample covers at least, where the chain has that many lines: four blocks of a
   * tlb-grouped chain, 1.6 ms at DRAM's latency. Samples of the target time alone cover some 5000
   * loads there, a block or two, and the best of them reads the luckiest blocks: at 1 GiB on the
   * Firecracker guest, the best of ten 0.5 ms samples of the C chase read 95.5-97.4 ns where ten
   * samples of 65536 loads read 103.2-103.7 and of 262144 loads 100.6-103.3 (three tries each,
   * alternating); of 16384 loads, 99.2-103.5.
   */
  static final long MIN_SAMPLE_STEPS = 1L << 14;

  /**
   * Chains from this size on are built by every worker; smaller ones, which a cache can hold, by
   * the worker that chases them: lines another core wrote sit in its caches, to be pulled over
   * while the samples run. Alternating in one process with the C chase at 4 MiB on the Firecracker
   * guest (bench/ChasePoint.java), a chain half built by the other core read 57-98 ns (medians of
   * 10-16 pairs) in five runs where the C chase read 13-34 ns; built by the chasing worker, and
   * with the samples' length set on a warm run (see {@link #sampleChase}), 13.2-13.7 ns against the
   * C chase's 13.4-13.9 in eight runs of eight. Either change alone still read 20-95 ns in some
   * runs where the C chase read 13-37.
   */
  static final long PARALLEL_BUILD_FROM = 64L << 20;

  private final PinnedPool pool;
  private final Sampler sampler;
  private final long sampleTargetNs;

  LatencyProbe(PinnedPool pool, Sampler sampler, long sampleTargetNs) {
    this.pool = pool;
    this.sampler = sampler;
    this.sampleTargetNs = sampleTargetNs;
  }

  /**
   * Compiles the chase loops on worker 0, in the first 16 KiB of a region it touched.
   *
   * @param region any touched region of at least 16 KiB
   */
  void warmUpJit(OffHeap region) {
    pool.run(
        1,
        w -> {
          PointerChase.warmUpJit(region.segment());
          return null;
        });
  }

  static String method(ChaseLayout.Variant variant) {
    return "dependent loads (p = *p) over a random cyclic chain, one pointer per 64-byte line, "
        + variant.label()
        + " order; best of the samples";
  }

  /**
   * Builds a chain of {@code sizeBytes} in the memory's first bytes, in parallel.
   *
   * @param memory memory touched by worker 0
   * @param sizeBytes working set
   * @param variant layout
   * @param seed random order
   * @return the chase
   */
  PointerChase build(MemorySegment memory, long sizeBytes, ChaseLayout.Variant variant, long seed) {
    ChaseLayout layout = new ChaseLayout(sizeBytes / ChaseLayout.LINE_BYTES, variant, seed);
    int workers = builders(sizeBytes, pool.size());
    long lines = layout.lines();
    pool.run(
        workers,
        w -> PointerChase.build(memory, layout, lines * w / workers, lines * (w + 1) / workers));
    return PointerChase.build(memory, layout, 0, 0);
  }

  /**
   * The workers that build a chain: worker 0 alone below {@link #PARALLEL_BUILD_FROM}, else all.
   *
   * @param sizeBytes the chain's working set
   * @param workers the pool's workers
   * @return workers to build with, at least 1
   */
  static int builders(long sizeBytes, int workers) {
    return sizeBytes < PARALLEL_BUILD_FROM ? 1 : Math.max(1, workers);
  }

  /**
   * Measures one point of the curve.
   *
   * @param region a region touched by worker 0, at least sizeBytes
   * @param sizeBytes working set
   * @param variant layout
   * @return the point
   */
  LatencyPoint measure(OffHeap region, long sizeBytes, ChaseLayout.Variant variant) {
    return measure(region.segment(), region.requestedPageSize(), sizeBytes, variant);
  }

  /**
   * Measures one point of the curve in memory that another probe mapped (for example a bandwidth
   * workspace's output array, free between kernel runs).
   *
   * @param memory memory touched by worker 0, at least sizeBytes
   * @param pages the page size that memory was mapped with
   * @param sizeBytes working set
   * @param variant layout
   * @return the point
   */
  LatencyPoint measure(
      MemorySegment memory, PageSize pages, long sizeBytes, ChaseLayout.Variant variant) {
    PointerChase chase =
        build(memory, sizeBytes, variant, sizeBytes * 31 + variant.label().hashCode());
    Samples samples = pool.run(1, w -> sampleChase(chase)).get(0);
    Figure latency =
        Figure.of(samples, Statistic.MIN, "ns", method(variant))
            .withVariant(
                variant.label()
                    + ", "
                    + (pages.bytes() >= OffHeap.HUGE_PAGE_BYTES
                        ? "transparent huge pages"
                        : "4 KiB pages"));
    return new LatencyPoint(
        chase.layout().lines() * ChaseLayout.LINE_BYTES, variant, pages.bytes(), latency);
  }

  /**
   * Runs on worker 0: warm, calibrate, sample, check. The samples' length is set on a second run of
   * {@value #MIN_CALIBRATION_STEPS}-{@value #MAX_CALIBRATION_STEPS} loads, once the first has
   * loaded the chain, as the C reference does (see {@link #sampleSteps}): set on the first, a
   * cache-sized chain's samples came out several times too short (at 4 MiB, a sixth of the chain
   * where the first pass read DRAM's latency) and the best of them read a chain still settling into
   * the cache.
   */
  Samples sampleChase(PointerChase chase) {
    long lines = chase.layout().lines();
    long warm = roundUp8(Math.min(lines, MAX_WARM_STEPS));
    long p = PointerChase.chase(chase.start(), warm);
    long calibration = roundUp8(Math.clamp(warm, MIN_CALIBRATION_STEPS, MAX_CALIBRATION_STEPS));
    long t0 = System.nanoTime();
    p = PointerChase.chase(p, calibration);
    double estimate = Math.max(0.1, (double) (System.nanoTime() - t0) / calibration);
    long position = warm + calibration;
    long steps = sampleSteps(lines, estimate, sampleTargetNs);
    long[] state = {p, position};
    Samples samples =
        sampler.sample(
            () -> {
              long start = System.nanoTime();
              long end = PointerChase.chase(state[0], steps);
              long elapsed = System.nanoTime() - start;
              state[0] = end;
              state[1] += steps;
              return (double) elapsed / steps;
            });
    chase.check(0, state[1], state[0]);
    return samples;
  }

  /**
   * The loads in one sample: as many as last the target time at the calibrated latency, and at
   * least {@link #MIN_SAMPLE_STEPS} or the whole chain where it is shorter; at least 64, a multiple
   * of 8 (the chase loop's unrolling).
   *
   * @param lines the chain's lines
   * @param nsPerLoad the calibrated latency
   * @param targetNs the sample's target length
   * @return loads per sample
   */
  static long sampleSteps(long lines, double nsPerLoad, long targetNs) {
    long byTime = (long) (targetNs / nsPerLoad);
    return roundUp8(Math.max(64, Math.max(byTime, Math.min(lines, MIN_SAMPLE_STEPS))));
  }

  static long roundUp8(long v) {
    return (v + 7) & ~7L;
  }
}
