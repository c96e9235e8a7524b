package dev.anatomy.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class AmdahlLawTest {
  @Test
  void speedupFollowsTheWorkedExamples() {
    assertThat(AmdahlLaw.speedup(0.05, 8)).isCloseTo(1 / 0.16875, within(1e-12));
    assertThat(AmdahlLaw.speedup(0.1, 10)).isCloseTo(1 / 0.19, within(1e-12));
    assertThat(AmdahlLaw.speedup(0, 64)).isEqualTo(64);
    assertThat(AmdahlLaw.speedup(1, 64)).isEqualTo(1);
    assertThat(AmdahlLaw.speedup(0.25, 1)).isEqualTo(1);
  }

  @Test
  void serialFractionInvertsSpeedup() {
    for (double p : new double[] {0, 0.01, 0.05, 0.25, 0.9, 1}) {
      for (int n : new int[] {2, 3, 16, 1000}) {
        assertThat(AmdahlLaw.serialFraction(AmdahlLaw.speedup(p, n), n))
            .isCloseTo(p, within(1e-12));
      }
    }
  }

  @Test
  void gustafsonGrowsLinearly() {
    assertThat(AmdahlLaw.gustafsonSpeedup(0.05, 8)).isCloseTo(7.65, within(1e-12));
    assertThat(AmdahlLaw.gustafsonSpeedup(0, 8)).isEqualTo(8);
    assertThat(AmdahlLaw.gustafsonSpeedup(1, 8)).isEqualTo(1);
  }

  @Test
  void limitIsOneOverP() {
    assertThat(AmdahlLaw.limit(0.05)).isCloseTo(20, within(1e-12));
    assertThat(AmdahlLaw.limit(0)).isInfinite();
  }

  @Test
  void rejectsImpossibleInputs() {
    assertThatThrownBy(() -> AmdahlLaw.speedup(-0.1, 4)).hasMessageContaining("between 0 and 1");
    assertThatThrownBy(() -> AmdahlLaw.speedup(Double.NaN, 4)).hasMessageContaining("between 0");
    assertThatThrownBy(() -> AmdahlLaw.speedup(0.1, 0)).hasMessageContaining("at least 1");
    assertThatThrownBy(() -> AmdahlLaw.serialFraction(5, 4)).hasMessageContaining("between 1");
    assertThatThrownBy(() -> AmdahlLaw.serialFraction(1, 1)).hasMessageContaining("2 or more");
  }

  @Test
  void fitRecoversSerialFraction() {
    int[] threads = {1, 2, 4, 8, 16, 32, 64};
    for (double p : new double[] {0, 0.05, 0.25}) {
      double[] s = new double[threads.length];
      for (int i = 0; i < threads.length; i++) {
        s[i] = AmdahlLaw.speedup(p, threads[i]);
      }
      AmdahlLaw.Fit fit = AmdahlLaw.fit(threads, s);
      assertThat(fit.serialFraction()).isCloseTo(p, within(1e-9));
      assertThat(fit.points()).isEqualTo(6);
      assertThat(fit.halfWidth95()).isPresent();
    }
  }

  @Test
  void fitRecoversSerialFractionFromNoisySpeedups() {
    Random random = new Random(20261125);
    int[] threads = {1, 2, 3, 4, 6, 8};
    for (double p : new double[] {0.05, 0.25}) {
      double[] s = new double[threads.length];
      for (int i = 0; i < threads.length; i++) {
        s[i] = AmdahlLaw.speedup(p, threads[i]) * (1 + 0.01 * random.nextGaussian());
      }
      AmdahlLaw.Fit fit = AmdahlLaw.fit(threads, s);
      assertThat(fit.serialFraction()).isCloseTo(p, within(0.03));
      double half = fit.halfWidth95().orElseThrow();
      assertThat(p).isBetween(fit.unclamped() - 3 * half, fit.unclamped() + 3 * half);
    }
  }

  @Test
  void fitFromTwoThreadsIsAmdahlSolved() {
    AmdahlLaw.Fit fit = AmdahlLaw.fit(new int[] {1, 2}, new double[] {1, 1.6});
    assertThat(fit.serialFraction()).isCloseTo(0.25, within(1e-12));
    assertThat(fit.halfWidth95()).isEmpty();
  }

  @Test
  void fitClampsSuperlinearNoiseToZero() {
    AmdahlLaw.Fit fit = AmdahlLaw.fit(new int[] {1, 2}, new double[] {1, 2.1});
    assertThat(fit.serialFraction()).isZero();
    assertThat(fit.unclamped()).isNegative();
  }

  @Test
  void fitNeedsAPointAboveOneThread() {
    assertThatThrownBy(() -> AmdahlLaw.fit(new int[] {1}, new double[] {1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2 or more threads");
  }
}
