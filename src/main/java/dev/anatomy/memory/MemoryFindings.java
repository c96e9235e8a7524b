package dev.anatomy.memory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Everything the memory part measured, gathered before it is written out. Not thread-safe. */
final class MemoryFindings {
  final MemoryPlan plan;
  final List<LatencyPoint> latency = new ArrayList<>();
  final List<BandwidthPoint> bandwidth = new ArrayList<>();
  final List<PageCoverage> pages = new ArrayList<>();
  MlpProbe.MlpResult mlp;
  MlpProbe.LoadedLatency loaded;
  private List<TierFinder.Tier> tiers = List.of();
  private boolean memoryReached = true;

  /**
   * What the kernel gave for a chase region.
   *
   * @param requestedPageBytes page size asked for with madvise
   * @param regionBytes the region's size
   * @param anonHugeBytes bytes backed by transparent huge pages (from /proc/self/smaps), -1 if
   *     unreadable
   */
  record PageCoverage(long requestedPageBytes, long regionBytes, long anonHugeBytes) {}

  MemoryFindings(MemoryPlan plan) {
    this.plan = plan;
  }

  /**
   * Adds a latency point, or merges it into the point already measured at the same size, variant
   * and page size: the samples of both kept, the figure their best (the statistic of every latency
   * point), so a size measured in several passes reports its quietest moment.
   *
   * @param point a new measurement
   */
  void keepBest(LatencyPoint point) {
    pool(
        latency,
        point,
        old ->
            old.sizeBytes() == point.sizeBytes()
                && old.variant() == point.variant()
                && old.pageSizeBytes() == point.pageSizeBytes(),
        old ->
            new LatencyPoint(
                old.sizeBytes(),
                old.variant(),
                old.pageSizeBytes(),
                old.latency().pooledWith(point.latency())));
  }

  /**
   * Adds a bandwidth point, or pools it with the point already measured for the same size, thread
   * count and kernel: the samples of both visits kept, the figure their best.
   *
   * @param point a new measurement
   */
  void keepBest(BandwidthPoint point) {
    pool(
        bandwidth,
        point,
        old ->
            old.sizeBytes() == point.sizeBytes()
                && old.threads() == point.threads()
                && old.kernel() == point.kernel(),
        old ->
            new BandwidthPoint(
                old.sizeBytes(),
                old.threads(),
                old.kernel(),
                old.bandwidth().pooledWith(point.bandwidth())));
  }

  /** Replaces the first point that {@code same} accepts by its pooled form, or adds the point. */
  private static <T> void pool(
      List<T> points,
      T point,
      java.util.function.Predicate<T> same,
      java.util.function.UnaryOperator<T> pooled) {
    for (int i = 0; i < points.size(); i++) {
      if (same.test(points.get(i))) {
        points.set(i, pooled.apply(points.get(i)));
        return;
      }
    }
    points.add(point);
  }

  /** The curve tiers are read from: tlb-grouped, 4 KiB pages, ascending size. */
  List<LatencyPoint> mainCurve() {
    return latency.stream()
        .filter(p -> p.variant() == ChaseLayout.Variant.TLB_GROUPED && p.pageSizeBytes() == 4096)
        .sorted(Comparator.comparingLong(LatencyPoint::sizeBytes))
        .toList();
  }

  List<Long> mainSizes() {
    return mainCurve().stream().map(LatencyPoint::sizeBytes).toList();
  }

  /**
   * The sizes of the main curve, up to {@code upTo}, that read slower than some larger size by more
   * than a plateau's rise ({@link TierFinder#PLATEAU_RISE}). Latency cannot fall as the working set
   * grows, so such a point was measured in a busy moment (or the larger one in a lucky one): either
   * way another visit to it can only help.
   *
   * @param upTo the largest size to list
   * @return sizes, descending
   */
  List<Long> undercutSizes(long upTo) {
    List<LatencyPoint> curve = mainCurve();
    List<Long> out = new ArrayList<>();
    double lowestAbove = Double.POSITIVE_INFINITY;
    for (int i = curve.size() - 1; i >= 0; i--) {
      LatencyPoint p = curve.get(i);
      double ns = p.latency().value();
      if (p.sizeBytes() <= upTo && ns > TierFinder.PLATEAU_RISE * lowestAbove) {
        out.add(p.sizeBytes());
      }
      lowestAbove = Math.min(lowestAbove, ns);
    }
    return out;
  }

  List<TierFinder.Tier> mainTiers() {
    List<LatencyPoint> curve = mainCurve();
    return TierFinder.find(
        curve.stream().map(LatencyPoint::sizeBytes).toList(),
        curve.stream().map(p -> p.latency().value()).toList());
  }

  /**
   * Finds the tiers. The last plateau is memory only if the sweep went at least 4x past the last
   * cache it found (STREAM's rule); otherwise it is dropped and {@link #memoryReached()} says so.
   */
  void findTiers() {
    List<TierFinder.Tier> found = new ArrayList<>(mainTiers());
    memoryReached = true;
    if (found.size() >= 2) {
      long lastCache = found.get(found.size() - 2).capacityBytes();
      long largest = mainSizes().isEmpty() ? 0 : mainSizes().get(mainSizes().size() - 1);
      // Past every cache: 4x the last one found, and 4x the reported last-level cache unless
      // that is beyond 64 MiB (a hypervisor may report the host's); a sweep that stops short
      // cannot tell memory from a cache it has not outgrown.
      long reportedFloor = Math.min(4 * plan.reportedLlcBytes(), 64L << 20);
      if (largest < Math.max(4 * lastCache, reportedFloor)) {
        found.remove(found.size() - 1);
        memoryReached = false;
      }
    }
    tiers = List.copyOf(found);
  }

  /**
   * Whether the sweep reached memory (DRAM).
   *
   * @return false when the largest size stayed within 4x the last cache found
   */
  boolean memoryReached() {
    return memoryReached;
  }

  List<TierFinder.Tier> tiers() {
    return tiers;
  }

  /** Capacity of the last cache tier (the one before memory), 0 if none was found. */
  long measuredLlcBytes() {
    long llc = 0;
    for (TierFinder.Tier t : tiers) {
      llc = Math.max(llc, t.capacityBytes());
    }
    return llc;
  }

  /**
   * Where each tier's bandwidth is measured: half a cache's measured size; DRAM-sized for memory.
   */
  List<Long> tierBandwidthSizes() {
    List<Long> out = new ArrayList<>();
    for (TierFinder.Tier t : tiers) {
      out.add(tierBandwidthSize(t));
    }
    return out;
  }

  long tierBandwidthSize(TierFinder.Tier t) {
    if (t.capacityBytes() == 0) {
      return plan.dramBytes(measuredLlcBytes());
    }
    return Math.max(SizeGrid.ROUNDING * 8, SizeGrid.round(t.capacityBytes() / 2.0));
  }

  /**
   * The measured point that stands for a cache tier's latency: of the points on its plateau, the
   * one nearest the plateau's median, so one sample the hypervisor slowed cannot become a tier's
   * latency.
   */
  Optional<LatencyPoint> plateauPoint(TierFinder.Tier t) {
    List<LatencyPoint> curve = mainCurve();
    if (t.firstIndex() < 0 || t.lastIndex() >= curve.size() || t.firstIndex() > t.lastIndex()) {
      return latencyNear(Math.max(plan.minBytes(), t.capacityBytes() / 2));
    }
    return curve.subList(t.firstIndex(), t.lastIndex() + 1).stream()
        .min(
            Comparator.comparingDouble(p -> Math.abs(Math.log(p.latency().value() / t.levelNs()))));
  }

  /** The main-curve point nearest a size (on a log scale). */
  Optional<LatencyPoint> latencyNear(long size) {
    return mainCurve().stream()
        .min(Comparator.comparingDouble(p -> Math.abs(Math.log((double) p.sizeBytes() / size))));
  }

  /**
   * The working set a bandwidth point asked for {@code size} really runs with the loops the probe
   * uses ({@link StreamWorkspace#workingSetBytes}).
   *
   * @param kernel the kernel
   * @param threads the thread count
   * @param size the working set asked for
   * @return bytes
   */
  static long runSize(StreamKernel kernel, int threads, long size) {
    return StreamWorkspace.workingSetBytes(
        kernel, size, threads, StreamLoops.best().granuleBytes());
  }

  /**
   * The bandwidth point of a kernel and thread count measured for a size: the one whose working set
   * is the {@link #runSize} of it; a point at another size does not stand in for it.
   *
   * @param kernel the kernel
   * @param threads the thread count
   * @param size the working set asked for
   * @return the point, or empty
   */
  Optional<BandwidthPoint> bandwidthAt(StreamKernel kernel, int threads, long size) {
    long run = runSize(kernel, threads, size);
    return bandwidth.stream()
        .filter(b -> b.kernel() == kernel && b.threads() == threads && b.sizeBytes() == run)
        .findFirst();
  }

  /** The bandwidth point of a kernel and thread count nearest a size. */
  Optional<BandwidthPoint> bandwidthNear(StreamKernel kernel, int threads, long size) {
    return bandwidth.stream()
        .filter(b -> b.kernel() == kernel && b.threads() == threads)
        .min(Comparator.comparingDouble(b -> Math.abs(Math.log((double) b.sizeBytes() / size))));
  }
}
