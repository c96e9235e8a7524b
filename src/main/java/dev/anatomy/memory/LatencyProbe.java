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
 * Measures load-to-use latency with a pointer chase at one working-set size. The chain is built by
 * every worker in parallel (sequential writes), then chased by worker 0, which touched the region
 * first.
 */
final class LatencyProbe {
  /** Warm-up steps at most: enough to load a cache-sized chain, not a 1 GiB one. */
  private static final long MAX_WARM_STEPS = 1L << 16;

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
    int workers = pool.size();
    long lines = layout.lines();
    pool.run(
        workers,
        w -> PointerChase.build(memory, layout, lines * w / workers, lines * (w + 1) / workers));
    return PointerChase.build(memory, layout, 0, 0);
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

  /** Runs on worker 0: warm, calibrate, sample, check. */
  Samples sampleChase(PointerChase chase) {
    long lines = chase.layout().lines();
    long warm = roundUp8(Math.min(lines, MAX_WARM_STEPS));
    long t0 = System.nanoTime();
    long p = PointerChase.chase(chase.start(), warm);
    double estimate = Math.max(0.1, (double) (System.nanoTime() - t0) / warm);
    long position = warm;
    long steps = roundUp8((long) Math.max(64, sampleTargetNs / estimate));
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

  static long roundUp8(long v) {
    return (v + 7) & ~7L;
  }
}
