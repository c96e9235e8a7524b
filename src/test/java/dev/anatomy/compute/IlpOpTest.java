package dev.anatomy.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anatomy.harness.KernelCheckException;
import org.junit.jupiter.api.Test;

class IlpOpTest {
  private final IlpOp.Operands operands = new IlpOp.Operands();

  @Test
  void everyLoopPassesItsOwnCheck() {
    for (IlpOp op : IlpOp.values()) {
      for (int chains : IlpOp.CHAINS) {
        long seed = op.seed(chains * 7L);
        for (int n : new int[] {0, 1, 5000}) {
          long r = op.run(chains, n, seed, operands);
          assertThatCode(() -> op.check(chains, n, seed, r, operands))
              .as("%s x%d n=%d", op, chains, n)
              .doesNotThrowAnyException();
        }
      }
    }
  }

  @Test
  void checkCatchesAWrongResult() {
    for (IlpOp op : IlpOp.values()) {
      long seed = op.seed(3);
      long r = op.run(4, 1000, seed, operands);
      long wrong =
          op.isInteger() ? r + 1 : Double.doubleToRawLongBits(Double.longBitsToDouble(r) * 1.01);
      assertThatThrownBy(() -> op.check(4, 1000, seed, wrong, operands))
          .as(op.label())
          .isInstanceOf(KernelCheckException.class);
    }
  }

  @Test
  void checkCatchesSkippedIterations() {
    long seed = IlpOp.FP64_FMA.seed(5);
    long r = IlpOp.FP64_FMA.run(8, 999, seed, operands);
    assertThatThrownBy(() -> IlpOp.FP64_FMA.check(8, 1000, seed, r, operands))
        .isInstanceOf(KernelCheckException.class);
  }

  @Test
  void integerRingsCountOneMoreOperationThanChains() {
    assertThat(IlpOp.INT_ADD.opsPerIteration(4)).isEqualTo(5);
    assertThat(IlpOp.FP64_ADD.opsPerIteration(4)).isEqualTo(4);
    assertThat(IlpOp.FP64_FMA.flopsPerOp()).isEqualTo(2);
  }

  @Test
  void rejectsUnknownChainCount() {
    assertThatThrownBy(() -> IlpOp.FP64_ADD.run(3, 10, 1, operands))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("chains must be");
  }
}
