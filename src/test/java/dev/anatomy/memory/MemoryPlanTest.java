package dev.anatomy.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryPlanTest {
  @Test
  void theLargestFittingSizeIsTheLargestWholeMibWhoseArraysFitTheBudget() {
    long budget = 10L << 30;
    for (int cpus : new int[] {1, 2, 16}) {
      long fits = MemoryPlan.largestFitting(8L << 30, cpus, budget);
      assertThat(fits % (1L << 20)).isZero();
      assertThat(MemoryPlan.mappedBytes(fits, cpus)).isLessThanOrEqualTo(budget);
      assertThat(MemoryPlan.mappedBytes(fits + (1L << 20), cpus)).isGreaterThan(budget);
    }
    // two CPUs map the chase region and 1.5 sets of stream arrays, each 2x the set (c in b)
    assertThat((double) MemoryPlan.mappedBytes(1L << 30, 2) / (1L << 30)).isBetween(3.9, 4.1);
    assertThat(MemoryPlan.largestFitting(1L << 30, 2, 100L << 30)).isEqualTo(1L << 30);
  }

  @Test
  void threadCountsArePowersOfTwoThenEveryCpu() {
    assertThat(MemoryPlan.threadCounts(1)).containsExactly(1);
    assertThat(MemoryPlan.threadCounts(2)).containsExactly(1, 2);
    assertThat(MemoryPlan.threadCounts(6)).containsExactly(1, 2, 4, 6);
  }

  @Test
  void defaultReachesAtLeastOneGibibyteAndFourTimesTheLastLevelCache() {
    assertThat(MemoryPlan.defaultMax(0, 32L << 20)).isEqualTo(1L << 30);
    assertThat(MemoryPlan.defaultMax(0, 512L << 20)).isEqualTo(2L << 30);
    assertThat(MemoryPlan.defaultMax(64L << 20, 32L << 20)).isEqualTo(64L << 20);
  }

  @Test
  void shrinksTheLargestSizeUntilEverythingFitsTheBudget() {
    List<Integer> threads = List.of(1, 2);
    long budget = 1L << 30;
    long max = MemoryPlan.fitToBudget(1L << 30, threads, budget);
    assertThat(MemoryPlan.footprint(max, threads)).isLessThanOrEqualTo(budget);
    assertThat(max).isLessThan(1L << 30).isGreaterThanOrEqualTo(8L << 20);
    assertThat(MemoryPlan.fitToBudget(1L << 30, threads, 1L << 40)).isEqualTo(1L << 30);
  }

  @Test
  void privateCacheSizedBandwidthPointsAreVisitedTwiceExceptOnAQuickCard() {
    for (dev.anatomy.run.Effort e : dev.anatomy.run.Effort.values()) {
      MemoryPlan p = plan(1L << 30, 1L << 30, List.of(1), 0, e);
      boolean quick = e == dev.anatomy.run.Effort.QUICK;
      assertThat(p.twoVisits(16384)).isEqualTo(!quick);
      assertThat(p.twoVisits(512L << 10)).isEqualTo(!quick);
      assertThat(p.twoVisits((512L << 10) + 1)).isFalse();
      assertThat(p.twoVisits(1L << 30)).isFalse();
      assertThat(p.firstVisitPlan().samples() + p.secondVisitPlan().samples())
          .isGreaterThanOrEqualTo(p.cachePlan().samples());
    }
  }

  @Test
  void sharedCacheSizesGetALateVisitOnFullCardsOnly() {
    for (dev.anatomy.run.Effort e : dev.anatomy.run.Effort.values()) {
      MemoryPlan p = plan(1L << 30, 1L << 30, List.of(1), 0, e);
      boolean quick = e == dev.anatomy.run.Effort.QUICK;
      // the sizes of the two early visits are not visited late, nor DRAM's sparse sizes
      assertThat(p.lateVisit(16384)).isFalse();
      assertThat(p.lateVisit(512L << 10)).isFalse();
      assertThat(p.lateVisit((512L << 10) + 1)).isEqualTo(!quick);
      assertThat(p.lateVisit(8L << 20)).isEqualTo(!quick);
      assertThat(p.lateVisit(MemoryPlan.DENSE_BANDWIDTH_LIMIT)).isEqualTo(!quick);
      assertThat(p.lateVisit(MemoryPlan.DENSE_BANDWIDTH_LIMIT + 1)).isFalse();
      assertThat(p.lateVisit(1L << 30)).isFalse();
    }
  }

  @Test
  void bandwidthSizesAreDenseInTheCachesAndSparseBeyond() {
    List<Long> sizes = MemoryPlan.bandwidthSizes(8192, 1L << 30, 1);
    assertThat(sizes).contains(8192L, 64L << 20, 1L << 30).doesNotContain(128L << 20, 512L << 20);
  }

  @Test
  void latencySweepThinsToOneSizePerOctavePastEightTimesTheLastLevelCache() {
    MemoryPlan plan =
        plan(3L << 30, 3L << 30, List.of(1, 2), 32L << 20, dev.anatomy.run.Effort.STANDARD);
    List<Long> sizes = plan.latencySizes();
    assertThat(plan.sparseLatencyFromBytes()).isEqualTo(256L << 20);
    // two per octave up to 256 MiB: the half-octave point between 64 and 128 MiB is there
    assertThat(sizes).contains(4096L, 64L << 20, 128L << 20, 256L << 20);
    assertThat(sizes.stream().filter(s -> s > 64L << 20 && s < 128L << 20)).hasSize(1);
    // past it only powers of two, and the largest size
    assertThat(sizes.stream().filter(s -> s > 256L << 20))
        .containsExactly(512L << 20, 1L << 30, 2L << 30, 3L << 30);
    assertThat(sizes).isSorted();
  }

  @Test
  void aQuickCardsLatencyCurveStillReachesOneGibibyteWithOnlyItsLastSizePastTheBandwidthCurve() {
    long llc = 32L << 20;
    // within a generous budget: 1 GiB; the bandwidth curve stops at 4x the LLC
    assertThat(MemoryPlan.quickLatencyMax(llc, 128L << 20, 16L << 30)).isEqualTo(1L << 30);
    // a budget of 600 MiB halves it to 512 MiB; one under the bandwidth curve keeps that
    assertThat(MemoryPlan.quickLatencyMax(llc, 128L << 20, 600L << 20)).isEqualTo(512L << 20);
    assertThat(MemoryPlan.quickLatencyMax(llc, 128L << 20, 64L << 20)).isEqualTo(128L << 20);
    MemoryPlan plan = plan(128L << 20, 1L << 30, List.of(1, 2), llc, dev.anatomy.run.Effort.QUICK);
    List<Long> sizes = plan.latencySizes();
    assertThat(sizes).contains(4096L, 128L << 20).isSorted();
    assertThat(sizes.stream().filter(s -> s > 128L << 20)).containsExactly(1L << 30);
  }

  @Test
  void theLatencyCurveCannotStopBeforeTheBandwidthCurve() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> plan(1L << 30, 128L << 20, List.of(1), 0, dev.anatomy.run.Effort.QUICK))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** A plan with the sizes and efforts a test varies, the rest as a card has them. */
  private static MemoryPlan plan(
      long maxBytes,
      long latencyMaxBytes,
      List<Integer> threads,
      long reportedLlcBytes,
      dev.anatomy.run.Effort effort) {
    return new MemoryPlan(
        4096,
        maxBytes,
        2,
        8,
        1_000_000,
        threads,
        List.of(),
        reportedLlcBytes,
        effort,
        List.of(),
        latencyMaxBytes);
  }
}
