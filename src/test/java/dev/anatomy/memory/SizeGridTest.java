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
  void rejectsNonsense() {
    assertThatThrownBy(() -> SizeGrid.geometric(100, 1000, 2))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SizeGrid.geometric(8192, 4096, 2))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SizeGrid.geometric(4096, 8192, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
