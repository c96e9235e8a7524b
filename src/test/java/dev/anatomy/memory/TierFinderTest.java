package dev.anatomy.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TierFinderTest {
  /** Latency of a random chase on a hierarchy with LRU-like caches: sharp knees. */
  static double model(long size, long[] capacities, double[] levels, double blur) {
    for (int k = 0; k < capacities.length; k++) {
      if (size <= capacities[k]) {
        return levels[k];
      }
      if (size < capacities[k] * blur) {
        double miss = 1 - (double) capacities[k] / size;
        return levels[k] + miss * (levels[k + 1] - levels[k]);
      }
    }
    return levels[levels.length - 1];
  }

  private static final long[] CAPS = {32L << 10, 512L << 10, 4L << 20};
  private static final double[] LEVELS = {1.3, 4.0, 15.0, 110.0};

  static List<Double> curve(List<Long> sizes, double blur) {
    List<Double> lat = new ArrayList<>();
    for (long s : sizes) {
      lat.add(model(s, CAPS, LEVELS, blur));
    }
    return lat;
  }

  @Test
  void findsEachTierOfASharpHierarchyWithinOneStep() {
    List<Long> sizes = SizeGrid.geometric(4096, 1L << 30, 4);
    List<TierFinder.Tier> tiers = TierFinder.find(sizes, curve(sizes, 1.0));
    assertThat(tiers).hasSize(4);
    double step = Math.pow(2, 0.25) * 1.001;
    for (int k = 0; k < 3; k++) {
      assertThat((double) tiers.get(k).capacityBytes()).isBetween(CAPS[k] / step, CAPS[k] * step);
      assertThat(tiers.get(k).levelNs()).isEqualTo(LEVELS[k]);
    }
    assertThat(tiers.get(3).capacityBytes()).isZero();
    assertThat(tiers.get(3).levelNs()).isEqualTo(110.0);
  }

  @Test
  void aGradualKneeIsPlacedAtItsMidpointNotItsFoot() {
    List<Long> sizes = SizeGrid.geometric(4096, 1L << 30, 8);
    // random replacement: the miss rate grows as 1 - C/S up to 2C
    List<TierFinder.Tier> tiers = TierFinder.find(sizes, curve(sizes, 2.0));
    assertThat(tiers).hasSize(4);
    for (int k = 0; k < 3; k++) {
      assertThat(tiers.get(k).capacityBytes()).isBetween(CAPS[k], 2 * CAPS[k]);
    }
  }

  @Test
  void ignoresSpikesFromABusyNeighbour() {
    List<Long> sizes = SizeGrid.geometric(4096, 1L << 30, 4);
    List<Double> lat = new ArrayList<>(curve(sizes, 1.0));
    // interference only ever slows a chase: spikes inside the L1 and L2 plateaus
    lat.set(sizes.indexOf(16384L), 3.5);
    lat.set(sizes.indexOf(128L << 10), 12.0);
    lat.set(sizes.indexOf(64L << 20), 400.0);
    List<TierFinder.Tier> tiers = TierFinder.find(sizes, lat);
    assertThat(tiers).hasSize(4);
    assertThat(tiers.get(0).capacityBytes()).isEqualTo(32L << 10);
    assertThat(tiers.get(1).capacityBytes()).isEqualTo(512L << 10);
  }

  @Test
  void aNoisyTailDoesNotSplitMemoryInTwo() {
    List<Long> sizes = SizeGrid.geometric(4096, 320L << 20, 2);
    List<Double> lat = new ArrayList<>(curve(sizes, 1.0));
    // the neighbour got busy for the last two sizes: +45%, and no later point to undo it
    lat.set(lat.size() - 1, 160.0);
    lat.set(lat.size() - 2, 150.0);
    List<TierFinder.Tier> tiers = TierFinder.find(sizes, lat);
    assertThat(tiers).hasSize(4);
    assertThat(tiers.get(2).capacityBytes()).isEqualTo(4L << 20);
  }

  /** Sharp knees, L1 1 ns to 32 KiB, L2 5 ns to 1 MiB, then memory at 90 ns: no L3. */
  private static List<Double> withoutL3(List<Long> sizes) {
    List<Double> lat = new ArrayList<>();
    for (long s : sizes) {
      lat.add(model(s, new long[] {32L << 10, 1L << 20}, new double[] {1.0, 5.0, 90.0}, 1.0));
    }
    return lat;
  }

  @Test
  void aMachineWithoutL3HasThreeTiers() {
    List<Long> sizes = SizeGrid.geometric(4096, 1L << 28, 2);
    List<TierFinder.Tier> tiers = TierFinder.find(sizes, withoutL3(sizes));
    assertThat(tiers).hasSize(3);
    assertThat(MemoryDocument.tierName(2, 3)).isEqualTo("DRAM");
    assertThat(MemoryDocument.tierName(1, 3)).isEqualTo("L2");
  }

  @Test
  void aRampBetweenTiersIsNotATier() {
    List<Long> sizes = List.of(4096L, 8192L, 16384L, 32768L, 34000L, 36000L, 65536L, 131072L);
    List<Double> lat = List.of(1.0, 1.0, 1.0, 1.0, 1.6, 1.9, 4.0, 4.0);
    List<TierFinder.Tier> tiers = TierFinder.find(sizes, lat);
    assertThat(tiers).hasSize(2);
    assertThat(tiers.get(0).capacityBytes()).isEqualTo(36000L);
  }

  /**
   * A curve of steps: at each size the latency of the first step whose size (KiB) it does not
   * exceed, and memory's 100 ns past the last.
   */
  private static List<Double> steps(List<Long> sizes, long[] kib, double[] ns) {
    List<Double> lat = new ArrayList<>();
    for (long s : sizes) {
      int k = 0;
      while (k < kib.length && s > kib[k] << 10) {
        k++;
      }
      lat.add(k < kib.length ? ns[k] : 100.0);
    }
    return lat;
  }

  @Test
  void aCacheLevelTooNarrowToBeATierStillEndsTheOneBelow() {
    // a card whose guest had about 1 MiB of the shared L3 (the lower envelope of its curve): L2 at
    // 3.9 ns to 362 KiB, a ramp, L3's 8.6-12 ns from 609 KiB to 1 MiB in two plateaus too narrow
    // to be tiers, then memory. Against memory's level alone L2 ended at 1024 KiB.
    long[] kib = {362, 470, 512, 558, 609, 664, 724, 790, 939, 1024, 2047};
    double[] ns = {3.9, 5.4, 6.0, 6.7, 8.6, 10.0, 10.7, 10.9, 11.3, 12.0, 83};
    List<Long> sizes = SizeGrid.geometric(128L << 10, 64L << 20, 8);
    List<TierFinder.Tier> tiers = TierFinder.find(sizes, steps(sizes, kib, ns));
    assertThat(tiers).hasSize(2);
    assertThat(tiers.get(0).capacityBytes()).isEqualTo(558L << 10);
  }

  @Test
  void aKneeMayEndInsideTheNextPlateau() {
    // a card whose L2 a neighbour shared: 3.9 ns to 279 KiB, a narrow ramp at 5.0 ns, then a
    // plateau that starts at 6.7 ns, still below the midpoint to L3's 12.3, and rises into L3.
    // Cut at that plateau's first point, L2 ended at 362 KiB; the midpoint is at 558.
    long[] kib = {32, 279, 362, 395, 431, 470, 512, 558, 609, 664, 2896};
    double[] ns = {1.3, 3.9, 5.0, 6.7, 6.8, 7.2, 7.4, 7.7, 9.7, 10.5, 12.3};
    List<Long> sizes = SizeGrid.geometric(4096, 64L << 20, 8);
    List<TierFinder.Tier> tiers = TierFinder.find(sizes, steps(sizes, kib, ns));
    assertThat(tiers).hasSize(4);
    assertThat(tiers.get(1).levelNs()).isEqualTo(3.9);
    assertThat(tiers.get(1).capacityBytes()).isEqualTo(558L << 10);
  }

  @Test
  void aFarNextLevelMovesNoKneeOfAnUnsqueezedCurve() {
    // memory right behind L2, no L3: the doubling rule and the midpoint agree on a sharp knee
    List<Long> sizes = SizeGrid.geometric(4096, 1L << 28, 8);
    List<TierFinder.Tier> tiers = TierFinder.find(sizes, withoutL3(sizes));
    assertThat(tiers.get(1).capacityBytes()).isEqualTo(1L << 20);
  }

  @Test
  void tooFewPointsGiveNoTiers() {
    assertThat(TierFinder.find(List.of(4096L, 8192L), List.of(1.0, 2.0))).isEmpty();
  }

  @Test
  void suffixMinimumIsTheLowerEnvelopeFromTheRight() {
    assertThat(TierFinder.suffixMinimum(List.of(3.0, 1.0, 2.0, 5.0, 4.0)))
        .containsExactly(1.0, 1.0, 2.0, 4.0, 4.0);
  }
}
