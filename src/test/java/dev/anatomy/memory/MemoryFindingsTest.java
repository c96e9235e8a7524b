package dev.anatomy.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anatomy.harness.Samples;
import dev.anatomy.harness.Statistic;
import dev.anatomy.result.Figure;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryFindingsTest {
  private static final MemoryPlan PLAN = plan(64L << 20, 1L << 20, List.of());

  /** A standard-effort plan: two sizes per octave, eight near knees, one thread. */
  private static MemoryPlan plan(long maxBytes, long reportedLlcBytes, List<Long> reportedPrivate) {
    return new MemoryPlan(
        4096,
        maxBytes,
        2,
        8,
        1_000_000,
        List.of(1),
        List.of(),
        reportedLlcBytes,
        dev.anatomy.run.Effort.STANDARD,
        reportedPrivate,
        maxBytes);
  }

  private static LatencyPoint point(long size, double... ns) {
    return new LatencyPoint(
        size,
        ChaseLayout.Variant.TLB_GROUPED,
        4096,
        Figure.of(Samples.of(ns), Statistic.MIN, "ns", "chase").withVariant("tlb-grouped"));
  }

  /** A first sweep over the plan's sizes, each size's latency from {@code ns}. */
  private static MemoryFindings swept(MemoryPlan plan, java.util.function.LongToDoubleFunction ns) {
    MemoryFindings f = new MemoryFindings(plan);
    visit(f, plan.latencySizes(), ns);
    return f;
  }

  /** A plan up to 256 MiB on a machine reporting L1d 32 KiB, L2 512 KiB and L3 16 MiB. */
  private static MemoryPlan zen3Plan() {
    return plan(256L << 20, 16L << 20, List.of(32768L, 524288L));
  }

  /** L1 1.3 ns to 32 KiB, L2 4 ns to {@code l2End}, L3 14 ns to 16 MiB, then memory 110 ns. */
  private static java.util.function.LongToDoubleFunction fourTiers(long l2End) {
    return size -> size <= 32768 ? 1.3 : size <= l2End ? 4 : size <= 16L << 20 ? 14 : 110;
  }

  /** One more visit to each size, its latency from {@code ns}. */
  private static void visit(
      MemoryFindings f, List<Long> sizes, java.util.function.LongToDoubleFunction ns) {
    for (long size : sizes) {
      f.keepBest(point(size, ns.applyAsDouble(size)));
    }
  }

  @Test
  void aSizeMeasuredAgainKeepsEverySampleAndReportsTheBest() {
    MemoryFindings f = new MemoryFindings(PLAN);
    f.keepBest(point(8192, 1.4, 1.5));
    f.keepBest(point(16384, 1.3));
    f.keepBest(point(8192, 9.0, 1.2, 1.6));
    assertThat(f.latency).hasSize(2);
    LatencyPoint merged = f.mainCurve().get(0);
    assertThat(merged.sizeBytes()).isEqualTo(8192);
    assertThat(merged.latency().value()).isEqualTo(1.2);
    assertThat(merged.latency().samples().values()).containsExactly(1.4, 1.5, 9.0, 1.2, 1.6);
    assertThat(merged.latency().variant()).isEqualTo("tlb-grouped");
  }

  @Test
  void aBandwidthPointVisitedTwiceReportsTheBestSampleOfBothVisits() {
    MemoryFindings f = new MemoryFindings(PLAN);
    f.keepBest(bandwidth(16384, 1, StreamKernel.READ, 110e9, 112e9));
    f.keepBest(bandwidth(16384, 2, StreamKernel.READ, 200e9));
    f.keepBest(bandwidth(16384, 1, StreamKernel.TRIAD, 150e9));
    f.keepBest(bandwidth(16384, 1, StreamKernel.READ, 151e9, 149e9));
    assertThat(f.bandwidth).hasSize(3);
    BandwidthPoint read = f.bandwidth.get(0);
    assertThat(read.threads()).isEqualTo(1);
    assertThat(read.kernel()).isEqualTo(StreamKernel.READ);
    assertThat(read.bandwidth().value()).isEqualTo(151e9);
    assertThat(read.bandwidth().samples().values()).containsExactly(110e9, 112e9, 151e9, 149e9);
    assertThat(read.bandwidth().variant()).isEqualTo("1 thread");
    assertThat(f.bandwidth.get(1).bandwidth().value()).isEqualTo(200e9);
  }

  @Test
  void aBandwidthPointAtAnotherSizeDoesNotStandInForATiersSize() {
    MemoryFindings f = new MemoryFindings(PLAN);
    long triad16k = MemoryFindings.runSize(StreamKernel.TRIAD, 1, 16 << 10);
    // a triad splits 16 KiB into three arrays of whole blocks: under 16 KiB by less than three
    // blocks (15 KiB with AVX-512's 512-byte blocks)
    long block = StreamLoops.best().granuleBytes();
    assertThat(triad16k).isLessThanOrEqualTo(16 << 10).isGreaterThan((16 << 10) - 3 * block);
    f.keepBest(bandwidth(triad16k, 1, StreamKernel.TRIAD, 200e9));
    f.keepBest(bandwidth(64 << 10, 2, StreamKernel.TRIAD, 300e9));
    assertThat(f.bandwidthAt(StreamKernel.TRIAD, 1, 16 << 10)).isPresent();
    // 16 KiB over two threads was not run; 64 KiB, four times the size, is not it
    assertThat(f.bandwidthNear(StreamKernel.TRIAD, 2, 16 << 10)).isPresent();
    assertThat(f.bandwidthAt(StreamKernel.TRIAD, 2, 16 << 10)).isEmpty();
    assertThat(f.bandwidthAt(StreamKernel.READ, 1, 16 << 10)).isEmpty();
    // eight threads on 16 KiB: 2 KiB each, less in whole blocks for a triad's three arrays (12
    // KiB in all with 256-bit vectors), far from 16 KiB and still the point measured for it
    long eightThreads = MemoryFindings.runSize(StreamKernel.TRIAD, 8, 16 << 10);
    assertThat(eightThreads).isLessThan(16 << 10);
    f.keepBest(bandwidth(eightThreads, 8, StreamKernel.TRIAD, 900e9));
    assertThat(f.bandwidthAt(StreamKernel.TRIAD, 8, 16 << 10)).isPresent();
  }

  private static BandwidthPoint bandwidth(
      long size, int threads, StreamKernel kernel, double... bytesPerSecond) {
    return new BandwidthPoint(
        size,
        threads,
        kernel,
        Figure.of(Samples.of(bytesPerSecond), Statistic.MAX, "B/s", "stream")
            .withVariant(threads == 1 ? "1 thread" : threads + " threads"));
  }

  @Test
  void aNoisyBurstOverTheKneeNoLongerMovesItOnceTheQuietPassIsMerged() {
    // L1 2 ns to 32 KiB, L2 5 ns to 512 KiB, memory 100 ns: a first pass over the L2 knee saw
    // 15 ns from 256 KiB on (a busy neighbour), the second pass the quiet machine
    MemoryFindings f = new MemoryFindings(PLAN);
    long[] sizes = {8192, 16384, 32768, 65536, 131072, 262144, 524288, 1L << 20, 4L << 20};
    double[] quiet = {2, 2, 2, 5, 5, 5, 5, 100, 100};
    for (int i = 0; i < sizes.length; i++) {
      double noisy = sizes[i] >= 262144 && sizes[i] <= 524288 ? 15 : quiet[i];
      f.keepBest(point(sizes[i], noisy));
    }
    assertThat(f.mainTiers().get(1).capacityBytes()).isLessThan(262144);
    for (int i = 0; i < sizes.length; i++) {
      f.keepBest(point(sizes[i], quiet[i]));
    }
    assertThat(f.mainTiers().get(1).capacityBytes()).isEqualTo(524288);
  }

  @Test
  void theKneePassesTakeTheCacheKneesAndAFalseOneAtTheEndButNoneInMemory() {
    // a 1 MiB plan-reported cache: the sweep is sparse past 256 MiB
    MemoryPlan plan = plan(1L << 30, 1L << 20, List.of());
    // a busy moment on the last point
    MemoryFindings f =
        swept(
            plan, size -> size == 1L << 30 ? 260 : size <= 32768 ? 1.3 : size <= 524288 ? 4 : 110);
    List<Long> sizes = MemoryPart.kneeWindowSizes(f, plan);
    assertThat(sizes).contains(32768L, 524288L, 1L << 30);
    assertThat(sizes.stream().filter(s -> s > 512L << 10 && s < 1L << 30))
        .as("no knee is refined in memory")
        .allMatch(s -> s <= 1L << 20);

    // once the last point is measured again at a quiet moment, memory is one plateau
    f.keepBest(point(1L << 30, 112));
    assertThat(f.mainTiers()).hasSize(3);
    assertThat(MemoryPart.kneeWindowSizes(f, plan)).doesNotContain(1L << 30);
  }

  /**
   * A first sweep during which a neighbour kept the L2 plateau ending at 256 KiB: L1 1.3 ns to 32
   * KiB, L2 4 ns, L3 14 ns to 16 MiB, memory 110 ns.
   */
  private static MemoryFindings sweptWithL2Busy(MemoryPlan plan) {
    return swept(
        plan, size -> size <= 32768 ? 1.3 : size <= 262144 ? 4 : size <= 16L << 20 ? 14 : 110);
  }

  @Test
  void theKneePassesAlsoLookAroundTheReportedPrivateCachesSoAQuietPassCanMoveAnEarlyKnee() {
    // reported: L1d 32 KiB, L2 512 KiB; the first sweep, with a neighbour busy in L2, saw the
    // L2 plateau end at 256 KiB
    MemoryPlan plan = plan(256L << 20, 32L << 20, List.of(32768L, 524288L));
    MemoryFindings f = sweptWithL2Busy(plan);
    assertThat(f.mainTiers().get(1).capacityBytes()).isEqualTo(262144);
    List<Long> window = MemoryPart.kneeWindowSizes(f, plan);
    assertThat(window).as("sizes between the early knee's window and the reported L2").isNotEmpty();
    assertThat(window.stream().filter(s -> s > 400L << 10 && s < 512L << 10)).isNotEmpty();
    assertThat(window).contains(524288L);
    // the quiet pass: L2 serves up to its reported size
    visit(f, window, size -> size <= 524288 ? 4 : 14);
    assertThat(f.mainTiers().get(1).capacityBytes()).isEqualTo(524288);
  }

  @Test
  void theLatePassCoversThePrivateCachesKneesOnlyAndCanMoveAKneeABusyStretchPulledEarly() {
    // reported: L1d 32 KiB, L2 512 KiB, L3 16 MiB; through the first sweep and its passes a
    // neighbour kept the L2 plateau ending at 256 KiB
    MemoryPlan plan = plan(256L << 20, 16L << 20, List.of(32768L, 524288L));
    MemoryFindings f = sweptWithL2Busy(plan);
    f.findTiers();
    assertThat(f.tiers().get(1).capacityBytes()).isEqualTo(262144);
    List<Long> late = MemoryPart.privateCacheSizes(f, plan);
    assertThat(late).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    assertThat(late).contains(32768L, 262144L, 524288L);
    assertThat(late).allMatch(s -> s <= 1L << 20, "no size past the reported L2's window");
    // the late pass, seconds later, on a quiet machine
    visit(f, late, size -> size <= 32768 ? 1.3 : size <= 524288 ? 4 : 14);
    f.findTiers();
    assertThat(f.tiers().get(0).capacityBytes()).isEqualTo(32768);
    assertThat(f.tiers().get(1).capacityBytes()).isEqualTo(524288);
  }

  @Test
  void theRevisitsCoverTheKneeWindowsAndL2sPlateauButNotL1s() {
    // reported: L1d 32 KiB, L2 512 KiB, L3 16 MiB; a quiet first sweep
    MemoryPlan plan = zen3Plan();
    MemoryFindings f = swept(plan, fourTiers(524288));
    f.findTiers();
    List<Long> revisits = MemoryPart.privateRevisitSizes(f, plan);
    assertThat(revisits).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    // L1's knee window, L2's plateau, where its latency is read, and L2's knee window
    assertThat(revisits).contains(32768L, 131072L, 262144L, 524288L);
    assertThat(revisits).allMatch(s -> s >= 32768 / Math.sqrt(2), "from L1's window");
    assertThat(revisits).allMatch(s -> s <= 524288 * Math.sqrt(2) * 1.01, "private caches only");
  }

  @Test
  void theSharedCachesRevisitsGoPastThePrivateOnesEvenWhenTheFirstSweepFoundNoSharedCache() {
    // reported: L1d 48 KiB, L2 1 MiB (cpuid); the guest's share of the L3 was gone all sweep long
    MemoryPlan plan = plan(1L << 30, 0, List.of(49152L, 1L << 20));
    MemoryFindings f = swept(plan, size -> size <= 49152 ? 1.1 : size <= 1L << 20 ? 3.8 : 100);
    f.findTiers();
    List<Long> shared = MemoryPart.sharedRevisitSizes(f, plan);
    assertThat(shared)
        .isSortedAccordingTo(java.util.Comparator.reverseOrder())
        .contains(2L << 20, 4L << 20, 8L << 20)
        .allMatch(s -> s > (1L << 20) * Math.sqrt(2), "past the private caches' windows")
        .allMatch(s -> s <= MemoryPart.PAST_REPORTED_PRIVATE << 20, "within 8x the reported L2");
    assertThat(shared).doesNotContainAnyElementsOf(MemoryPart.privateRevisitSizes(f, plan));
    // a sweep that found the share: up to twice it, with its knee window
    MemoryPlan large = plan(1L << 30, 32L << 20, List.of(32768L, 524288L));
    MemoryFindings g = swept(large, fourTiers(524288));
    g.findTiers();
    assertThat(MemoryPart.sharedRevisitSizes(g, large))
        .contains(16L << 20, 32L << 20)
        .anyMatch(s -> s > 16L << 20 && s < 32L << 20)
        .allMatch(s -> s > 724L << 10 && s <= 32L << 20);
  }

  @Test
  void theKneeWindowsStayOnTheGridAndTheLatePassRevisitsThemWhenNothingIsNew() {
    // reported: L1d 32 KiB, L2 512 KiB, L3 16 MiB; the first sweep found L2 ending at 362 KiB
    MemoryPlan plan = zen3Plan();
    MemoryFindings f = swept(plan, fourTiers(370688));
    List<Long> window = MemoryPart.kneeWindowSizes(f, plan);
    visit(f, window, size -> size <= 32768 ? 1.3 : size <= 370688 ? 4 : 14);
    List<Long> sizes = f.mainSizes();
    for (int i = 1; i < sizes.size(); i++) {
      assertThat((double) sizes.get(i) / sizes.get(i - 1))
          .as("neighbours %d and %d", sizes.get(i - 1), sizes.get(i))
          .isGreaterThan(1.01);
    }
    f.findTiers();
    // every size of the windows is measured now; the late pass takes them again all the same
    List<Long> late = MemoryPart.privateCacheSizes(f, plan);
    assertThat(late).contains(32768L, 370688L, 524288L);
    assertThat(f.mainSizes()).containsAll(late);
  }

  @Test
  void withoutReportedCachesTheLatePassLooksAtTheKneesBelowTheLastCache() {
    MemoryPlan plan = plan(256L << 20, 0, List.of());
    MemoryFindings f =
        swept(plan, size -> size <= 32768 ? 1.3 : size <= 524288 ? 4 : size <= 8L << 20 ? 14 : 110);
    f.findTiers();
    List<Long> late = MemoryPart.privateCacheSizes(f, plan);
    assertThat(late).contains(524288L).allMatch(s -> s < 1L << 20);
    MemoryFindings flat = swept(plan, size -> 100);
    flat.findTiers();
    assertThat(MemoryPart.privateCacheSizes(flat, plan)).isEmpty();
  }

  @Test
  void theLatePassRevisitsEverySizeOfThePrivateCachesSoOneBusyVisitFarFromAKneeIsMended() {
    // reported: L1d 32 KiB, L2 512 KiB, L3 16 MiB; the first sweep's one visit to 256 KiB, two
    // coarse steps below L2's knee and in no knee window, fell in a busy moment
    MemoryPlan plan = plan(256L << 20, 16L << 20, List.of(32768L, 524288L));
    MemoryFindings f =
        swept(
            plan,
            size ->
                size == 262144
                    ? 13.8
                    : size <= 32768 ? 1.3 : size <= 524288 ? 4 : size <= 16L << 20 ? 14 : 110);
    f.findTiers();
    assertThat(MemoryPart.kneeWindowSizes(f, plan)).doesNotContain(262144L);
    List<Long> late = MemoryPart.privateCacheSizes(f, plan);
    assertThat(late)
        .isSortedAccordingTo(java.util.Comparator.reverseOrder())
        .doesNotHaveDuplicates()
        .contains(4096L, 16384L, 262144L, 524288L)
        .allMatch(s -> s <= 1L << 20, "no size past the reported L2's window");
    visit(f, late, size -> size <= 32768 ? 1.3 : size <= 524288 ? 3.9 : 14);
    f.findTiers();
    assertThat(f.latencyNear(262144).orElseThrow().latency().value()).isEqualTo(3.9);
    assertThat(f.tiers().get(1).capacityBytes()).isEqualTo(524288);
  }

  @Test
  void pastThePrivateCachesTheLatePassRevisitsUpToFourTimesTheLastCacheAndTheLargestSize() {
    // reported: L1d 32 KiB, L2 512 KiB, L3 32 MiB (the host's); the guest's share of L3 measured
    // about 1.4 MiB, so 4 MiB is memory's plateau, where a busy second moves a point most
    MemoryPlan plan = plan(1L << 30, 32L << 20, List.of(32768L, 524288L));
    MemoryFindings f =
        swept(
            plan,
            size -> size <= 32768 ? 1.3 : size <= 524288 ? 4 : size <= 1448L << 10 ? 12 : 110);
    f.findTiers();
    long lastCache = f.measuredLlcBytes();
    assertThat(lastCache).isBetween(1L << 20, 2L << 20);
    List<Long> past = MemoryPart.pastPrivateSizes(f, plan);
    assertThat(past)
        .isSortedAccordingTo(java.util.Comparator.reverseOrder())
        .doesNotHaveDuplicates()
        .contains(1L << 30, 4L << 20, 2L << 20);
    assertThat(past.subList(1, past.size()))
        .allMatch(s -> s > 724L << 10 && s <= 4 * lastCache, "past L2's window, within 4x L3");
    assertThat(f.mainSizes()).containsAll(past);
    assertThat(MemoryPart.privateCacheSizes(f, plan)).doesNotContainAnyElementsOf(past);
  }

  @Test
  void whenTheFirstSweepFoundNoSharedCacheTheLatePassStillRevisitsPastTheReportedPrivateOnes() {
    // reported: L1d 48 KiB, L2 1 MiB (cpuid); the guest's share of the L3 was gone all sweep long
    MemoryPlan plan = plan(1L << 30, 0, List.of(49152L, 1L << 20));
    MemoryFindings f = swept(plan, size -> size <= 49152 ? 1.1 : size <= 1L << 20 ? 3.8 : 100);
    f.findTiers();
    assertThat(f.measuredLlcBytes()).isEqualTo(1L << 20);
    List<Long> past = MemoryPart.pastPrivateSizes(f, plan);
    // 4 MiB and 8 MiB, where the share would show again, past 4x the last cache this sweep found
    assertThat(past).contains(1L << 30, 8L << 20, 4L << 20);
    assertThat(past.subList(1, past.size()))
        .allMatch(s -> s <= MemoryPart.PAST_REPORTED_PRIVATE << 20, "within 8x the reported L2");
  }

  @Test
  void withoutACacheTheLatePassRevisitsOnlyTheLargestSize() {
    MemoryPlan plan = plan(256L << 20, 0, List.of());
    MemoryFindings flat = swept(plan, size -> 100);
    flat.findTiers();
    assertThat(MemoryPart.pastPrivateSizes(flat, plan)).containsExactly(256L << 20);
    assertThat(MemoryPart.pastPrivateSizes(new MemoryFindings(plan), plan)).isEmpty();
  }

  @Test
  void aPointThatReadsSlowerThanALargerSizeIsOneABusyMomentLiftedAndIsListedForAnotherVisit() {
    MemoryFindings f = new MemoryFindings(PLAN);
    f.keepBest(point(16384, 1.3));
    f.keepBest(point(262144, 7.5)); // both visits in a busy stretch
    f.keepBest(point(370688, 5.3));
    f.keepBest(point(524288, 6.3)); // within a plateau's rise of 362 KiB: not listed
    f.keepBest(point(1L << 20, 12));
    f.keepBest(point(4L << 20, 110));
    f.keepBest(point(8L << 20, 100));
    f.keepBest(point(64L << 20, 105));
    assertThat(f.undercutSizes(8L << 20)).containsExactly(262144L);
    assertThat(f.undercutSizes(128L << 10)).isEmpty();
    // 4 MiB reads 10% over 8 MiB: memory's plateau, not a busy moment
    f.keepBest(point(262144, 3.9));
    assertThat(f.undercutSizes(64L << 20)).isEmpty();
    assertThat(new MemoryFindings(PLAN).undercutSizes(1L << 30)).isEmpty();
  }

  @Test
  void theLatePassRevisitsTheRandomCurveInTheCachesOnly() {
    MemoryPlan plan = plan(256L << 20, 0, List.of());
    MemoryFindings f = new MemoryFindings(plan);
    for (long size : plan.latencySizes()) {
      double ns = size <= 32768 ? 1.3 : size <= 524288 ? 4 : size <= 2L << 20 ? 14 : 110;
      f.keepBest(point(size, ns));
      f.latency.add(
          new LatencyPoint(
              size,
              ChaseLayout.Variant.RANDOM,
              4096,
              Figure.of(Samples.of(ns * 1.2), Statistic.MIN, "ns", "chase")));
      f.latency.add(
          new LatencyPoint(
              size,
              ChaseLayout.Variant.RANDOM,
              2L << 20,
              Figure.of(Samples.of(ns), Statistic.MIN, "ns", "chase")));
    }
    f.findTiers();
    long lastCache = f.tiers().get(f.tiers().size() - 2).capacityBytes();
    assertThat(lastCache).isEqualTo(2L << 20);
    List<Long> random = MemoryPart.randomCacheSizes(f);
    assertThat(random)
        .isSortedAccordingTo(java.util.Comparator.reverseOrder())
        .doesNotHaveDuplicates()
        .contains(4096L, 1L << 20, 4L << 20)
        .allMatch(s -> s <= 4L << 20);
  }

  @Test
  void onlyTheDataCachesBelowTheLastLevelAreLookedAround() {
    List<dev.anatomy.inventory.CacheInfo> caches =
        List.of(
            cache(1, "Data", 32768),
            cache(1, "Instruction", 32768),
            cache(2, "Unified", 524288),
            cache(3, "Unified", 32L << 20));
    assertThat(MemoryPlan.belowLastLevel(caches)).containsExactly(32768L, 524288L);
    assertThat(MemoryPlan.belowLastLevel(List.of(cache(1, "Data", 32768)))).isEmpty();
  }

  @Test
  void cpuidsPrivateCachesSayWhereToLook() {
    // a Firecracker guest: no sysfs caches, and cpuid's L3 is 508 MiB (which sizes nothing: see
    // InventoryParserTest)
    List<dev.anatomy.inventory.CacheInfo> cpuid =
        dev.anatomy.inventory.InventoryParser.fromSysconf(
            List.of(
                "LEVEL1_DCACHE_SIZE 49152",
                "LEVEL2_CACHE_SIZE 1048576",
                "LEVEL3_CACHE_SIZE 532676608"));
    assertThat(cpuid).hasSize(3);
    assertThat(MemoryPlan.belowLastLevel(cpuid)).containsExactly(49152L, 1048576L);
  }

  private static dev.anatomy.inventory.CacheInfo cache(int level, String type, long bytes) {
    return new dev.anatomy.inventory.CacheInfo(
        level, type, bytes, 64, 8, List.of(0), 1, dev.anatomy.inventory.CacheInfo.SYSFS);
  }
}
