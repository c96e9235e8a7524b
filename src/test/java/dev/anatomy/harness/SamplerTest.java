package dev.anatomy.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class SamplerTest {
  @Test
  void stopsWarmingUpOnceTheLastSamplesAgree() {
    // a JIT-like start: slow, slower, then settled
    Iterator<Double> values = List.of(50.0, 20.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0).iterator();
    Sampler sampler = new Sampler(new Sampler.Plan(1, 8, 2, 0.01, 3));
    Samples s = sampler.sample(values::next);
    assertThat(s.warmupsDiscarded()).isEqualTo(4);
    assertThat(s.values()).containsExactly(10.0, 10.0, 10.0);
  }

  @Test
  void warmsUpAtMostMaxWarmupsWhenNothingSettles() {
    double[] next = {1};
    Sampler sampler = new Sampler(new Sampler.Plan(0, 5, 2, 0.001, 2));
    Samples s = sampler.sample(() -> next[0] *= 2);
    assertThat(s.warmupsDiscarded()).isEqualTo(5);
    assertThat(s.count()).isEqualTo(2);
  }

  @Test
  void alwaysDropsTheMinimumWarmups() {
    Sampler sampler = new Sampler(new Sampler.Plan(3, 10, 2, 0.5, 1));
    Samples s = sampler.sample(() -> 1.0);
    assertThat(s.warmupsDiscarded()).isEqualTo(3);
  }

  @Test
  void rejectsInconsistentPlans() {
    assertThatThrownBy(() -> new Sampler.Plan(5, 2, 2, 0.1, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Sampler.Plan(0, 2, 2, 0, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Sampler.Plan.STANDARD.withSamples(9).samples()).isEqualTo(9);
  }
}
