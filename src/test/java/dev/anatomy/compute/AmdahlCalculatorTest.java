package dev.anatomy.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AmdahlCalculatorTest {
  @Test
  void fivePercentSerialOnEightCores() {
    AmdahlCalculator.Result r = AmdahlCalculator.fromSerialFraction(0.05, 8);
    assertThat(r.speedup()).isCloseTo(5.926, within(0.001));
    assertThat(r.efficiency()).isCloseTo(0.741, within(0.001));
    assertThat(r.limit()).isCloseTo(20, within(1e-9));
    assertThat(r.gustafsonSpeedup()).isCloseTo(7.65, within(1e-9));
  }

  @Test
  void solvesForTheSerialFraction() {
    AmdahlCalculator.Result r = AmdahlCalculator.fromSpeedup(5.263157894736842, 10);
    assertThat(r.serialFraction()).isCloseTo(0.1, within(1e-9));
    assertThat(r.speedup()).isEqualTo(5.263157894736842);
  }

  @Test
  void linearSpeedupMeansNoSerialPart() {
    AmdahlCalculator.Result r = AmdahlCalculator.fromSpeedup(16, 16);
    assertThat(r.serialFraction()).isZero();
    assertThat(r.limit()).isInfinite();
  }
}
