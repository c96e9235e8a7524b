package dev.anatomy.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anatomy.harness.KernelCheckException;
import org.junit.jupiter.api.Test;

class KernelsTest {
  @Test
  void plainAndVectorSimdLoopsMatchTheClosedForm() {
    SimdArrays w = new SimdArrays(5);
    for (SimdKernel k : SimdKernel.values()) {
      for (int passes : new int[] {1, 7, 300}) {
        w.reset();
        k.runPlain(w, passes);
        assertThatCode(() -> k.check(w, passes)).as("plain %s", k).doesNotThrowAnyException();
        double plain = k.checksum(w);
        w.reset();
        k.runVector(w, passes);
        assertThatCode(() -> k.check(w, passes)).as("vector %s", k).doesNotThrowAnyException();
        assertThat(k.checksum(w)).isEqualTo(plain);
      }
    }
  }

  @Test
  void simdCheckCatchesAMissingPass() {
    SimdArrays w = new SimdArrays(1);
    w.reset();
    SimdKernel.FP32_FMA.runVector(w, 9);
    assertThatThrownBy(() -> SimdKernel.FP32_FMA.check(w, 10))
        .isInstanceOf(KernelCheckException.class);
  }

  @Test
  void fp32StaysExactAtTheMostPassesAllowed() {
    SimdArrays w = new SimdArrays(0);
    w.reset();
    SimdKernel.FP32_ADD.runVector(w, SimdArrays.MAX_PASSES);
    assertThatCode(() -> SimdKernel.FP32_ADD.check(w, SimdArrays.MAX_PASSES))
        .doesNotThrowAnyException();
  }

  @Test
  void simdKernelsAreFoundByLabel() {
    assertThat(SimdKernel.byLabel("int32-fma")).isEqualTo(SimdKernel.INT32_FMA);
    assertThatThrownBy(() -> SimdKernel.byLabel("fp16-add"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void peakLoopsPassTheirCheckInBothPrecisions() {
    PeakFlopsKernel.Operands ops = new PeakFlopsKernel.Operands();
    for (PeakFlopsKernel k : PeakFlopsKernel.values()) {
      for (int n : new int[] {0, 1, 1000, 100_000}) {
        double r = k.run(n, 3, ops);
        assertThatCode(() -> k.check(n, 3, r, ops)).as("%s n=%d", k, n).doesNotThrowAnyException();
      }
      double r = k.run(1000, 3, ops);
      assertThatThrownBy(() -> k.check(1100, 3, r, ops)).isInstanceOf(KernelCheckException.class);
    }
  }

  @Test
  void fp32PeakStaysExactAtItsIterationLimit() {
    PeakFlopsKernel.Operands ops = new PeakFlopsKernel.Operands();
    int n = PeakFlopsKernel.FP32.maxIterations();
    double r = PeakFlopsKernel.FP32.run(n, 16, ops);
    assertThatCode(() -> PeakFlopsKernel.FP32.check(n, 16, r, ops)).doesNotThrowAnyException();
  }

  @Test
  void flopsPerIterationCountLanesAndTwoPerFma() {
    assertThat(PeakFlopsKernel.FP64.flopsPerIteration())
        .isEqualTo(12.0 * PeakFlopsKernel.FP64.lanes() * 2);
    assertThat(PeakFlopsKernel.FP32.lanes()).isEqualTo(2 * PeakFlopsKernel.FP64.lanes());
  }
}
