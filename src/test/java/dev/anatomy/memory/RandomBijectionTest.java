package dev.anatomy.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.BitSet;
import org.junit.jupiter.api.Test;

class RandomBijectionTest {
  @Test
  void isAPermutationOfItsDomain() {
    for (long n : new long[] {1, 2, 3, 7, 64, 1000, 4096, 10_007}) {
      RandomBijection b = new RandomBijection(n, 42);
      BitSet seen = new BitSet();
      for (long i = 0; i < n; i++) {
        long v = b.apply(i);
        assertThat(v).isBetween(0L, n - 1);
        assertThat(seen.get((int) v)).as("duplicate %d for n=%d", v, n).isFalse();
        seen.set((int) v);
        assertThat(b.inverse(v)).isEqualTo(i);
      }
    }
  }

  @Test
  void scramblesTheOrder() {
    RandomBijection b = new RandomBijection(1 << 16, 7);
    int ascending = 0;
    for (long i = 0; i < 1000; i++) {
      if (b.apply(i + 1) == b.apply(i) + 1) {
        ascending++;
      }
    }
    assertThat(ascending).isLessThan(20);
  }

  @Test
  void seedsGiveDifferentPermutations() {
    RandomBijection a = new RandomBijection(1 << 20, 1);
    RandomBijection b = new RandomBijection(1 << 20, 2);
    int same = 0;
    for (long i = 0; i < 1000; i++) {
      same += a.apply(i) == b.apply(i) ? 1 : 0;
    }
    assertThat(same).isLessThan(10);
  }

  @Test
  void rejectsAnEmptyDomain() {
    assertThatThrownBy(() -> new RandomBijection(0, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
