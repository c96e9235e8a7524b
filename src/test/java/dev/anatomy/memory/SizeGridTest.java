package dev.anatomy.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SizeGridTest {
  @Test
  void includesEveryPowerOfTwoAndTheEnds() {
    List<Long> g = SizeGrid.geometric(4096, 1L << 30, 4);
    for (long p = 4096; p <= 1L << 30; p *= 2) {
      assertThat(g).contains(p);
    }
    assertThat(g.get(0)).isEqualTo(4096L);
    assertThat(g.get(g.size() - 1)).isEqualTo(1L << 30);
    assertThat(g).isSorted().doesNotHaveDuplicates();
    assertThat(g).hasSize(18 * 4 + 1);
  }

  @Test
  void roundsToWholeKibibytes() {
    for (long s : SizeGrid.geometric(4096, 1 << 20, 8)) {
      assertThat(s % 1024).isZero();
    }
  }

  @Test
  void refinesAroundAKnee() {
    List<Long> g = SizeGrid.around(512 << 10, 8, 4096, 1L << 30);
    assertThat(g.get(0)).isEqualTo(256L << 10);
    assertThat(g.get(g.size() - 1)).isEqualTo(1L << 20);
    assertThat(g).hasSize(17);
    assertThat(SizeGrid.around(8192, 8, 16384, 1 << 20)).allMatch(s -> s >= 16384);
  }

  @Test
  void bracketsAKneeBetweenTwoCoarseSizes() {
    List<Long> g = SizeGrid.bracketing(32 << 10, 2, 8, 4096, 1L << 30);
    assertThat(g.get(0)).isLessThan(32L << 10);
    assertThat(g).contains(32L << 10, 64L << 10).hasSize(10);
    assertThat(g.get(g.size() - 1)).isEqualTo(64L << 10);
  }

  @Test
  void bracketEndsAreGridSizesNotCutShortOfThem() {
    long l2Knee = SizeGrid.geometric(256 << 10, 512 << 10, 2).get(1); // 362 KiB
    List<Long> g = SizeGrid.bracketing(l2Knee, Math.sqrt(2), 8, 4096, 1L << 30);
    assertThat(g.get(g.size() - 1)).isEqualTo(512L << 10);
    List<Long> grid = SizeGrid.geometric(4096, 1L << 30, 8);
    assertThat(grid).containsAll(g);
    // a knee on the fine grid, not the coarse one: its bracket ends on the fine grid too
    long fine = grid.get(grid.indexOf(256L << 10) + 2); // 304 KiB
    assertThat(grid).containsAll(SizeGrid.bracketing(fine, Math.sqrt(2), 8, 4096, 1L << 30));
  }

  @Test
  void snapsASizeToTheNearestGridSize() {
    assertThat(SizeGrid.snap(524_224, 8)).isEqualTo(512L << 10);
    assertThat(SizeGrid.snap(36_000, 8)).isEqualTo(SizeGrid.round(32768 * Math.pow(2, 1 / 8.0)));
    assertThat(SizeGrid.snap(32768, 2)).isEqualTo(32768);
  }

  @Test
  void findsANearSizeOnlyWithinTheRatio() {
    java.util.TreeSet<Long> sizes = new java.util.TreeSet<>(List.of(1000L, 2000L, 2030L));
    assertThat(SizeGrid.nearestWithin(sizes, 2010, 1.01)).contains(2000L);
    assertThat(SizeGrid.nearestWithin(sizes, 2025, 1.01)).contains(2030L);
    assertThat(SizeGrid.nearestWithin(sizes, 1500, 1.01)).isEmpty();
    assertThat(SizeGrid.nearestWithin(new java.util.TreeSet<>(), 1500, 1.01)).isEmpty();
  }

  @Test
  void rejectsNonsense() {
    assertThatThrownBy(() -> SizeGrid.geometric(100, 1000, 2))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SizeGrid.geometric(8192, 4096, 2))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SizeGrid.geometric(4096, 8192, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
