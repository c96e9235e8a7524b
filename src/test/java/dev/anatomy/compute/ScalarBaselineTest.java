package dev.anatomy.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anatomy.harness.Sampler;
import org.junit.jupiter.api.Test;

class ScalarBaselineTest {
  private static String output(String superword) {
    StringBuilder sb = new StringBuilder("superword " + superword + "\npinned true\n");
    for (SimdKernel k : SimdKernel.values()) {
      sb.append(k.label()).append(" 2 1.0e9 1.1e9 9.0e8\n");
    }
    return sb.toString();
  }

  @Test
  void parsesEveryKernel() throws Exception {
    ScalarBaseline.Result r = ScalarBaseline.parse(output("false"));
    assertThat(r.samples()).hasSize(SimdKernel.values().length);
    assertThat(r.samples().get(SimdKernel.FP64_FMA).max()).isEqualTo(1.1e9);
    assertThat(r.samples().get(SimdKernel.FP64_FMA).warmupsDiscarded()).isEqualTo(2);
    assertThat(r.pinned()).isTrue();
  }

  @Test
  void refusesABaselineThatMayHaveBeenVectorised() {
    assertThatThrownBy(() -> ScalarBaseline.parse(output("true")))
        .isInstanceOf(ScalarBaseline.FailedException.class)
        .hasMessageContaining("-XX:-UseSuperWord");
  }

  @Test
  void refusesMissingKernelsAndGarbage() {
    assertThatThrownBy(() -> ScalarBaseline.parse("superword false\nfp32-add 0 1e9\n"))
        .isInstanceOf(ScalarBaseline.FailedException.class)
        .hasMessageContaining("not every kernel");
    assertThatThrownBy(() -> ScalarBaseline.parse("superword false\nfp32-add zero 1e9\n"))
        .isInstanceOf(ScalarBaseline.FailedException.class)
        .hasMessageContaining("unreadable");
  }

  @Test
  void childJvmMeasuresEveryKernelWithoutSuperWord() throws Exception {
    ScalarBaseline.Result r =
        ScalarBaseline.measure(300_000, new Sampler.Plan(1, 2, 2, 0.1, 2), -1);
    assertThat(r.samples()).hasSize(SimdKernel.values().length);
    r.samples().values().forEach(s -> assertThat(s.max()).isPositive().isFinite());
  }
}
