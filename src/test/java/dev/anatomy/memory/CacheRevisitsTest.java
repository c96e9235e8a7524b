package dev.anatomy.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class CacheRevisitsTest {
  @Test
  void goesRoundTheSizesAFewAtATime() {
    List<Long> visited = new ArrayList<>();
    CacheRevisits revisits = new CacheRevisits(List.of(3L, 2L, 1L), List.of(), visited::add);
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
    CacheRevisits revisits = new CacheRevisits(sizes, List.of(), visited::add);
    revisits.spreadOver(3);
    for (int i = 0; i < 3; i++) {
      revisits.next();
    }
    for (long size : sizes) {
      assertThat(Collections.frequency(visited, size))
          .as("visits to %d in %s", size, visited)
          .isGreaterThanOrEqualTo(CacheRevisits.PRIVATE_VISITS);
    }
    assertThat(visited).hasSize(21); // 20 visits over 3 calls: 7 a call
  }

  @Test
  void theSharedCachesSizesGetTheirVisitsInTheSameRoundsLargestFirst() {
    List<Long> visited = new ArrayList<>();
    CacheRevisits revisits =
        new CacheRevisits(List.of(2L, 1L), List.of(40L, 30L, 2L), visited::add);
    int calls = 7; // 14 visits due: two a call
    revisits.spreadOver(calls);
    for (int i = 0; i < calls; i++) {
      revisits.next();
    }
    // a size on both lists counts as private; each round goes largest first
    assertThat(visited.subList(0, 4)).containsExactly(40L, 30L, 2L, 1L);
    assertThat(Collections.frequency(visited, 40L)).isEqualTo(CacheRevisits.SHARED_VISITS);
    assertThat(Collections.frequency(visited, 30L)).isEqualTo(CacheRevisits.SHARED_VISITS);
    assertThat(Collections.frequency(visited, 2L)).isEqualTo(CacheRevisits.PRIVATE_VISITS);
    assertThat(Collections.frequency(visited, 1L)).isEqualTo(CacheRevisits.PRIVATE_VISITS);
    // the last round holds the private sizes only
    assertThat(visited.subList(visited.size() - 2, visited.size())).containsExactly(2L, 1L);
  }

  @Test
  void visitsNothingBeforeItKnowsTheCallsOrWithoutSizes() {
    List<Long> visited = new ArrayList<>();
    new CacheRevisits(List.of(1L), List.of(2L), visited::add).next();
    CacheRevisits none = new CacheRevisits(List.of(), List.of(), visited::add);
    none.spreadOver(0);
    none.next();
    assertThat(visited).isEmpty();
  }
}
