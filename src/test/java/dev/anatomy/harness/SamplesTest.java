package dev.anatomy.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SamplesTest {
  @Test
  void derivesOrderStatistics() {
    Samples s = Samples.of(5, 1, 4, 2, 3);
    assertThat(s.min()).isEqualTo(1);
    assertThat(s.max()).isEqualTo(5);
    assertThat(s.median()).isEqualTo(3);
    assertThat(s.mean()).isEqualTo(3);
    assertThat(s.percentile(25)).isEqualTo(2);
    assertThat(s.count()).isEqualTo(5);
  }

  @Test
  void medianOfEvenCountIsMeanOfMiddlePair() {
    assertThat(Samples.of(1, 2, 3, 10).median()).isEqualTo(2.5);
  }

  @Test
  void spreadOfIdenticalSamplesIsZero() {
    Samples s = Samples.of(7, 7, 7);
    assertThat(s.standardDeviation()).isZero();
    assertThat(s.coefficientOfVariation()).isZero();
  }

  @Test
  void coefficientOfVariationIsRelative() {
    Samples s = Samples.of(9, 10, 11);
    assertThat(s.coefficientOfVariation()).isCloseTo(0.1, within(1e-12));
  }

  @Test
  void picksTheStatisticAskedFor() {
    Samples s = Samples.of(3, 1, 2);
    assertThat(s.pick(Statistic.MIN)).isEqualTo(1);
    assertThat(s.pick(Statistic.MAX)).isEqualTo(3);
    assertThat(s.pick(Statistic.MEDIAN)).isEqualTo(2);
  }

  @Test
  void keepsItsOwnCopyOfTheSamples() {
    double[] raw = {1, 2, 3};
    Samples s = new Samples(raw, 2);
    raw[0] = 100;
    s.values()[1] = 100;
    assertThat(s.values()).containsExactly(1, 2, 3);
    assertThat(s.warmupsDiscarded()).isEqualTo(2);
  }

  @Test
  void rejectsNoSamplesAndNonFiniteOnes() {
    assertThatThrownBy(() -> Samples.of()).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Samples.of(1, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Samples.of(Double.POSITIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsPercentileOutOfRange() {
    assertThatThrownBy(() -> Samples.of(1).percentile(101))
        .hasMessageContaining("between 0 and 100");
  }

  @Test
  void statisticLabelsRoundTrip() {
    for (Statistic s : Statistic.values()) {
      assertThat(Statistic.fromLabel(s.label())).isEqualTo(s);
    }
    assertThatThrownBy(() -> Statistic.fromLabel("mode"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
