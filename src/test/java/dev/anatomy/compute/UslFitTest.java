package dev.anatomy.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class UslFitTest {
  private static final int[] THREADS = {1, 2, 4, 8, 12, 16, 24, 32, 48, 64};

  private static double[] synthetic(double sigma, double kappa, double lambda, double noise) {
    Random random = new Random(64);
    double[] x = new double[THREADS.length];
    for (int i = 0; i < THREADS.length; i++) {
      x[i] =
          UslFit.throughput(sigma, kappa, lambda, THREADS[i]) * (1 + noise * random.nextGaussian());
    }
    return x;
  }

  @Test
  void fitRecoversParametersOf64CoreMachine() {
    UslFit.Model m = UslFit.fit(THREADS, synthetic(0.03, 0.0002, 1000, 0));
    assertThat(m.sigma().value()).isCloseTo(0.03, within(1e-6));
    assertThat(m.kappa().value()).isCloseTo(0.0002, within(1e-8));
    assertThat(m.lambda().value()).isCloseTo(1000, within(1e-3));
    assertThat(m.rmsRelativeResidual()).isLessThan(1e-9);
    assertThat(m.points()).isEqualTo(THREADS.length);
  }

  @Test
  void confidenceIntervalsHoldTheTruthUnderNoise() {
    UslFit.Model m = UslFit.fit(THREADS, synthetic(0.03, 0.0002, 1000, 0.01));
    assertThat(0.03).isBetween(m.sigma().low(), m.sigma().high());
    assertThat(0.0002).isBetween(m.kappa().low(), m.kappa().high());
    assertThat(1000.0).isBetween(m.lambda().low(), m.lambda().high());
    assertThat(m.sigma().value()).isCloseTo(0.03, within(0.01));
    assertThat(m.kappa().value()).isCloseTo(0.0002, within(0.0001));
    assertThat(m.sigma().high() - m.sigma().low()).isPositive();
  }

  @Test
  void predictsRetrogradeThroughputPastThePeak() {
    UslFit.Model m = UslFit.fit(THREADS, synthetic(0.03, 0.0002, 1000, 0));
    double peak = m.peakThreads();
    assertThat(peak).isCloseTo(Math.sqrt(0.97 / 0.0002), within(0.01));
    assertThat(m.speedup(4 * 64)).isLessThan(m.speedup(64));
  }

  @Test
  void linearScalingHasNoContentionOrCoherency() {
    int[] threads = {1, 2, 3, 4};
    UslFit.Model m = UslFit.fit(threads, new double[] {5, 10, 15, 20});
    assertThat(m.sigma().value()).isCloseTo(0, within(1e-6));
    assertThat(m.kappa().value()).isCloseTo(0, within(1e-6));
    assertThat(m.lambda().value()).isCloseTo(5, within(1e-6));
    assertThat(m.peakThreads()).isInfinite();
  }

  @Test
  void needsFourThreadCounts() {
    assertThatThrownBy(() -> UslFit.fit(new int[] {1, 2, 3}, new double[] {1, 2, 3}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 4 thread counts");
  }

  @Test
  void needsAPointAtOneThread() {
    assertThatThrownBy(() -> UslFit.fit(new int[] {2, 3, 4, 5}, new double[] {2, 3, 4, 5}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("one thread");
  }
}
