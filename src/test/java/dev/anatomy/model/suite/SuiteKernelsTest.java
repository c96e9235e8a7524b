package dev.anatomy.model.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anatomy.harness.KernelCheckException;
import org.junit.jupiter.api.Test;

class SuiteKernelsTest {
  @Test
  void everyKernelChecksItsOwnResult() {
    for (SuiteKernel k : Suite.kernels()) {
      SuiteKernel.Instance i = k.prepare(96 << 10, 7);
      assertThat(i.workingSetBytes()).as(k.name()).isPositive().isLessThanOrEqualTo(200 << 10);
      assertThat(i.iterationsPerPass()).as(k.name()).isPositive();
      for (int pass = 1; pass <= 3; pass++) {
        long passes = pass;
        long r = i.run(passes);
        assertThatCode(() -> i.check(passes, r)).as(k.name()).doesNotThrowAnyException();
      }
    }
  }

  @Test
  void aWrongResultFailsTheCheck() {
    for (String name : new String[] {"sum", "dot", "gather", "linked-list", "hash-lookup"}) {
      SuiteKernel.Instance i = Suite.byName(name).prepare(64 << 10, 3);
      long r = i.run(2);
      assertThatThrownBy(() -> i.check(2, r + 1)).as(name).isInstanceOf(KernelCheckException.class);
    }
    SuiteKernel.Instance triad = Suite.byName("triad").prepare(64 << 10, 3);
    long r = triad.run(1);
    assertThatThrownBy(
            () -> triad.check(1, Double.doubleToRawLongBits(Double.longBitsToDouble(r) + 1)))
        .isInstanceOf(KernelCheckException.class);
  }

  @Test
  void kernelsDeclareWhatOneIterationDoes() {
    assertThat(Suite.kernels()).hasSize(9);
    assertThat(Suite.byName("triad").bytesReadPerIteration()).isEqualTo(16);
    assertThat(Suite.byName("triad").bytesWrittenPerIteration()).isEqualTo(8);
    assertThat(Suite.byName("triad").fma()).isTrue();
    assertThat(Suite.byName("linked-list").access().pattern())
        .isEqualTo(dev.anatomy.model.Access.Pattern.DEPENDENT);
    assertThat(Suite.byName("gather").access().pattern())
        .isEqualTo(dev.anatomy.model.Access.Pattern.RANDOM);
    assertThat(Suite.byName("matmul-blocked").fma()).isTrue();
    assertThat(Suite.byName("matmul-naive").fma()).isFalse();
    assertThatThrownBy(() -> Suite.byName("fft")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theStencilRunsTheSameRowsAtEverySizeSoItsCalibrationHolds() {
    SuiteKernel stencil = Suite.byName("stencil2d");
    for (long share : new long[] {8 << 10, 16 << 10, 1 << 20, 64L << 20}) {
      SuiteKernel.Instance i = stencil.prepare(share, 1);
      long rows = i.workingSetBytes() / (16L * Stencil.WIDTH);
      assertThat(i.workingSetBytes()).isBetween(share - 16L * Stencil.WIDTH, share);
      assertThat(i.iterationsPerPass()).isEqualTo((rows - 2) * Stencil.INTERIOR);
      i.check(1, i.run(1));
    }
    assertThat(Stencil.rows(100)).isEqualTo(3);
  }

  @Test
  void matricesAreAtLeastOneTileWideSoTheCalibrationHoldsAtLargerSizes() {
    Matmul naive = new Matmul(false);
    assertThat(naive.side(8 << 10)).isEqualTo(Matmul.TILE);
    assertThat(naive.side(16 << 10)).isEqualTo(Matmul.TILE);
    assertThat(naive.side(1 << 20)).isGreaterThan(Matmul.TILE);
    assertThat(new Matmul(true).side(16 << 10)).isEqualTo(Matmul.TILE);
    SuiteKernel.Instance small = Suite.byName("matmul-naive").prepare(16 << 10, 1);
    assertThat(small.workingSetBytes()).isEqualTo(24L * Matmul.TILE * Matmul.TILE);
    small.check(1, small.run(1));
  }

  @Test
  void largeMatricesArePassedInBandsOfRows() {
    Matmul naive = new Matmul(false);
    int n = naive.side(256L << 20);
    assertThat(naive.rowsPerPass(n)).isLessThan(n);
    Matmul blocked = new Matmul(true);
    assertThat(blocked.rowsPerPass(blocked.side(64 << 10))).isEqualTo(blocked.side(64 << 10));
  }
}
