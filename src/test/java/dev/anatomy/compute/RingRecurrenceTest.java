package dev.anatomy.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RingRecurrenceTest {
  private final IlpOp.Operands operands = new IlpOp.Operands();

  @Test
  void closedFormOfAddRingMatchesTheLoops() {
    for (int chains : IlpOp.CHAINS) {
      for (int n : new int[] {0, 1, 2, 7, 1000, 65_537}) {
        long seed = 0x1234_5678_9ABCL * (chains + n);
        assertThat(IlpOp.INT_ADD.run(chains, n, seed, operands))
            .as("chains %d, n %d", chains, n)
            .isEqualTo(RingRecurrence.add(chains, n, seed));
      }
    }
  }

  @Test
  void closedFormOfMultiplyRingMatchesTheLoops() {
    for (int chains : IlpOp.CHAINS) {
      for (int n : new int[] {0, 1, 3, 64, 999, 100_003}) {
        long seed = (0x9E37_79B9_7F4A_7C15L * (chains + 31L * n)) | 1;
        assertThat(IlpOp.INT_MUL.run(chains, n, seed, operands))
            .as("chains %d, n %d", chains, n)
            .isEqualTo(RingRecurrence.mul(chains, n, seed));
      }
    }
  }

  @Test
  void fibonacciChainIsTheOneChainRing() {
    long a = 0;
    long b = 1;
    for (int i = 0; i < 10; i++) {
      a += b;
      b += a;
    }
    assertThat(RingRecurrence.add(1, 10, 0)).isEqualTo(a ^ b);
  }

  @Test
  void powerWrapsModulo2To64() {
    assertThat(RingRecurrence.pow(3, 0)).isEqualTo(1);
    assertThat(RingRecurrence.pow(3, 5)).isEqualTo(243);
    // Every odd number to the 2^62 is 1 modulo 2^64.
    assertThat(RingRecurrence.pow(12345, 1L << 62)).isEqualTo(1);
  }

  @Test
  void rejectsEvenSeedForMultiplyRing() {
    assertThatThrownBy(() -> RingRecurrence.mul(2, 10, 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("odd");
  }
}
