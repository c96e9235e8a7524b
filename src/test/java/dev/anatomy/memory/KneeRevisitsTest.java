package dev.anatomy.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KneeRevisitsTest {
  @Test
  void goesRoundTheSizesAFewAtATime() {
    List<Long> visited = new ArrayList<>();
    KneeRevisits revisits = new KneeRevisits(List.of(3L, 2L, 1L), 2, visited::add);
    revisits.next();
    assertThat(visited).containsExactly(3L, 2L);
    revisits.next();
    revisits.next();
    assertThat(visited).containsExactly(3L, 2L, 1L, 3L, 2L, 1L);
  }

  @Test
  void withoutSizesVisitsNothing() {
    List<Long> visited = new ArrayList<>();
    KneeRevisits revisits = new KneeRevisits(List.of(), 2, visited::add);
    revisits.next();
    assertThat(visited).isEmpty();
  }
}
