package dev.anatomy.compute;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LcgTest {
  @Test
  void jumpLandsWhereTheStepsGo() {
    Lcg lcg = new Lcg();
    for (int steps : new int[] {0, 1, 2, 3, 17, 1000, 123_457}) {
      assertThat(lcg.jump(42, steps)).as("%d steps", steps).isEqualTo(lcg.spin(42, steps));
    }
  }

  @Test
  void jumpComposes() {
    Lcg lcg = new Lcg();
    assertThat(lcg.jump(lcg.jump(7, 300), 700)).isEqualTo(lcg.jump(7, 1000));
  }
}
