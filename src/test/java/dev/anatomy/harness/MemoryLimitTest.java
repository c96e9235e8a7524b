package dev.anatomy.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class MemoryLimitTest {
  @Test
  void readsMemAvailableInBytes() {
    assertThat(
            MemoryLimit.parseMemAvailable(
                List.of("MemTotal:  100 kB", "MemFree:  10 kB", "MemAvailable:   40 kB")))
        .isEqualTo(40 * 1024);
  }

  @Test
  void fallsBackToMemFreeOnOldKernels() {
    assertThat(MemoryLimit.parseMemAvailable(List.of("MemTotal: 100 kB", "MemFree: 10 kB")))
        .isEqualTo(10 * 1024);
  }

  @Test
  void cgroupHeadroomIsMaxMinusCurrent() {
    assertThat(MemoryLimit.parseCgroup("1000\n", "300")).hasValue(700);
    assertThat(MemoryLimit.parseCgroup("max", "300")).isEmpty();
    assertThat(MemoryLimit.parseCgroup(null, "1")).isEmpty();
    assertThat(MemoryLimit.parseCgroup("100", "300")).hasValue(0);
  }

  @Test
  void budgetIsHalfOfTheSmallerLimit() {
    MemoryLimit m = new MemoryLimit(1000, OptionalLong.of(600));
    assertThat(m.availableBytes()).isEqualTo(600);
    assertThat(m.budgetBytes()).isEqualTo(300);
    assertThat(new MemoryLimit(1000, OptionalLong.empty()).budgetBytes()).isEqualTo(500);
  }

  @Test
  void thisMachineHasSomeMemoryToGive() {
    assertThat(MemoryLimit.read().budgetBytes()).isPositive();
  }
}
