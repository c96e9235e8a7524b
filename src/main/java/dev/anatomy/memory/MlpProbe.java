package dev.anatomy.memory;

import dev.anatomy.harness.PinnedPool;
import dev.anatomy.harness.Sampler;
import dev.anatomy.harness.Samples;
import dev.anatomy.harness.Statistic;
import dev.anatomy.result.Figure;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Memory-level parallelism: 1, 2, 4 and 8 independent chases at once in a DRAM-sized working set
 * (multichase's parallel chases). With k chains in flight the core can overlap k misses, so the
 * time per load falls until the core runs out of miss buffers. Also loaded latency: one chase while
 * one CPU on each other core streams (never the chaser's SMT sibling).
 */
final class MlpProbe {
  /** Chain counts measured. */
  static final int[] CHAINS = {1, 2, 4, 8};

  private final PinnedPool pool;
  private final Sampler sampler;
  private final long sampleTargetNs;

  MlpProbe(PinnedPool pool, Sampler sampler, long sampleTargetNs) {
    this.pool = pool;
    this.sampler = sampler;
    this.sampleTargetNs = sampleTargetNs;
  }

  /**
   * Parallel chases at one size.
   *
   * @param chains how many chains ran at once
   * @param nsPerLoad wall time per load, all chains together (latency / overlap)
   * @param speedup single-chain time per load over this one's
   */
  record MlpPoint(int chains, Figure nsPerLoad, double speedup) {}

  /**
   * MLP results.
   *
   * @param workingSetBytes the chase's working set
   * @param points one per chain count
   */
  record MlpResult(long workingSetBytes, List<MlpPoint> points) {}

  /**
   * Loaded latency.
   *
   * @param workingSetBytes the chase's working set
   * @param idle latency with the other CPUs idle
   * @param loaded latency while they stream
   * @param streamingThreads how many CPUs streamed (one on each other core)
   * @param streamBytesPerSecond what they read meanwhile, all together
   */
  record LoadedLatency(
      long workingSetBytes,
      Figure idle,
      Figure loaded,
      int streamingThreads,
      double streamBytesPerSecond) {}

  MlpResult measure(MemorySegment region, long size) {
    LatencyProbe builder = new LatencyProbe(pool, sampler, sampleTargetNs);
    PointerChase chase = builder.build(region, size, ChaseLayout.Variant.TLB_GROUPED, 77);
    List<MlpPoint> points = new ArrayList<>();
    double single = 0;
    for (int k : CHAINS) {
      Samples s = pool.run(1, w -> sampleParallel(chase, k)).get(0);
      Figure f =
          Figure.of(
                  s,
                  Statistic.MIN,
                  "ns",
                  "k independent pointer chases interleaved in one loop,"
                      + " tlb-grouped, 4 KiB pages; wall time per load; best of the samples")
              .withVariant(k + (k == 1 ? " chain" : " chains"));
      if (k == 1) {
        single = f.value();
      }
      points.add(new MlpPoint(k, f, single / f.value()));
    }
    return new MlpResult(chase.layout().lines() * ChaseLayout.LINE_BYTES, points);
  }

  private Samples sampleParallel(PointerChase chase, int k) {
    long lines = chase.layout().lines();
    long[] origin = new long[k];
    long[] p = new long[k];
    for (int j = 0; j < k; j++) {
      origin[j] = lines * j / k;
      p[j] = chase.address(origin[j]);
    }
    // at DRAM's latency (about 100 ns), and at least as many loads in all as a latency sample
    long perChain =
        LatencyProbe.roundUp8(
            Math.max(64, LatencyProbe.sampleSteps(lines, 100.0, sampleTargetNs) / k));
    long[] taken = {0};
    Samples s =
        sampler.sample(
            () -> {
              long start = System.nanoTime();
              run(p, k, perChain);
              long elapsed = System.nanoTime() - start;
              taken[0] += perChain;
              return (double) elapsed / (perChain * k);
            });
    for (int j = 0; j < k; j++) {
      chase.check(origin[j], taken[0], p[j]);
    }
    return s;
  }

  private static void run(long[] p, int k, long steps) {
    switch (k) {
      case 1 -> p[0] = PointerChase.chase(p[0], steps);
      case 2 -> PointerChase.chase2(p, steps);
      case 4 -> PointerChase.chase4(p, steps);
      case 8 -> PointerChase.chase8(p, steps);
      default -> throw new IllegalArgumentException("unsupported chain count " + k);
    }
  }

  /**
   * Chases one chain on worker 0, idle and then while the {@code streamers} stream reads; the other
   * workers stay idle.
   *
   * @param region memory touched by worker 0
   * @param size the chase's working set
   * @param streams the workers' stream arrays
   * @param streamBytes each streamer's working set
   * @param streamers workers that stream: one per core other than worker 0's
   * @return both latencies and what the streamers read
   */
  LoadedLatency loaded(
      MemorySegment region,
      long size,
      BandwidthProbe streams,
      long streamBytes,
      Set<Integer> streamers) {
    LatencyProbe probe = new LatencyProbe(pool, sampler, sampleTargetNs);
    PointerChase chase = probe.build(region, size, ChaseLayout.Variant.TLB_GROUPED, 91);
    Samples idle = pool.run(1, w -> probe.sampleChase(chase)).get(0);
    int n = pool.size();
    AtomicBoolean stop = new AtomicBoolean();
    List<Object> results =
        pool.run(
            n,
            w -> {
              if (w == 0) {
                try {
                  sleepQuietly(20);
                  return probe.sampleChase(chase);
                } finally {
                  stop.set(true);
                }
              }
              return streamers.contains(w) ? streams.streamUntil(w, streamBytes, stop) : 0.0;
            });
    Samples loaded = (Samples) results.get(0);
    double streamed = 0;
    for (int w = 1; w < n; w++) {
      streamed += (Double) results.get(w);
    }
    String method = LatencyProbe.method(ChaseLayout.Variant.TLB_GROUPED);
    return new LoadedLatency(
        chase.layout().lines() * ChaseLayout.LINE_BYTES,
        Figure.of(idle, Statistic.MIN, "ns", method).withVariant("other CPUs idle"),
        Figure.of(loaded, Statistic.MEDIAN, "ns", method.replace("best", "median"))
            .withVariant(streamers.size() + " other cores streaming reads"),
        streamers.size(),
        streamed);
  }

  private static void sleepQuietly(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
