package dev.anatomy.harness;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KernelCheckExceptionTest {
  @Test
  void passesWhenResultsAgree() {
    assertThatCode(() -> KernelCheckException.failIfNot("k", 3L, 3L)).doesNotThrowAnyException();
    assertThatCode(() -> KernelCheckException.failIfNot("k", 1.0, 1.0 + 1e-12, 1e-9))
        .doesNotThrowAnyException();
  }

  @Test
  void failsNamingTheKernelAndBothValues() {
    assertThatThrownBy(() -> KernelCheckException.failIfNot("triad", 3L, 4L))
        .isInstanceOf(KernelCheckException.class)
        .hasMessageContaining("triad")
        .hasMessageContaining("3")
        .hasMessageContaining("4");
    assertThatThrownBy(() -> KernelCheckException.failIfNot("sum", 1.0, 1.1, 0.01))
        .isInstanceOf(KernelCheckException.class);
    assertThatThrownBy(() -> KernelCheckException.failIfNot("sum", 1.0, Double.NaN, 0.01))
        .isInstanceOf(KernelCheckException.class);
  }

  @Test
  void timerIsMeasurable() {
    TimerInfo t = TimerInfo.measure();
    org.assertj.core.api.Assertions.assertThat(t.granularityNs()).isPositive();
    org.assertj.core.api.Assertions.assertThat(t.minimumRegionNs())
        .isGreaterThanOrEqualTo((long) (1000 * t.granularityNs()));
  }
}
