package dev.anatomy.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class KneeRevisitsTest {
  @Test
  void goesRoundTheSizesAFewAtATime() {
    List<Long> visited = new ArrayList<>();
    KneeRevisits revisits = new KneeRevisits(List.of(3L, 2L, 1L), visited::add);
    revisits.spreadOver(6); // 3 sizes x 4 visits over 6 calls: 2 a call
    revisits.next();
    assertThat(visited).containsExactly(3L, 2L);
    revisits.next();
    revisits.next();
    assertThat(visited).containsExactly(3L, 2L, 1L, 3L, 2L, 1L);
  }

  @Test
  void fewerCallsMakeMoreVisitsEach() {
    List<Long> visited = new ArrayList<>();
    List<Long> sizes = List.of(5L, 4L, 3L, 2L, 1L);
    KneeRevisits revisits = new KneeRevisits(sizes, visited::add);
    revisits.spreadOver(3);
    for (int i = 0; i < 3; i++) {
      revisits.next();
    }
    for (long size : sizes) {
      assertThat(Collections.frequency(visited, size))
          .as("visits to %d in %s", size, visited)
          .isGreaterThanOrEqualTo(KneeRevisits.VISITS_PER_SIZE);
    }
    assertThat(visited).hasSize(21); // 20 visits over 3 calls: 7 a call
  }

  @Test
  void visitsNothingBeforeItKnowsTheCallsOrWithoutSizes() {
    List<Long> visited = new ArrayList<>();
    new KneeRevisits(List.of(1L), visited::add).next();
    KneeRevisits none = new KneeRevisits(List.of(), visited::add);
    none.spreadOver(0);
    none.next();
    assertThat(visited).isEmpty();
  }
}
