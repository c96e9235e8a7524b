package dev.anatomy.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PinnedPoolTest {
  @Test
  void eachWorkerRunsOnItsOwnCpu() {
    int[] cpus = Affinity.allowedCpus();
    try (PinnedPool pool = new PinnedPool(cpus)) {
      assertThat(pool.pinned()).isTrue();
      List<Integer> seen = pool.run(cpus.length, w -> Affinity.currentCpu());
      for (int w = 0; w < cpus.length; w++) {
        assertThat(seen.get(w)).isEqualTo(pool.cpuOf(w));
      }
    }
  }

  @Test
  void runTogetherCoversEveryWorkersBody() {
    try (PinnedPool pool = new PinnedPool(Affinity.allowedCpus())) {
      long wall =
          pool.runTogether(
              pool.size(),
              w -> {
                long end = System.nanoTime() + 2_000_000;
                long spins = 0;
                while (System.nanoTime() < end) {
                  spins++;
                }
                return spins;
              });
      assertThat(wall).isGreaterThanOrEqualTo(2_000_000);
    }
  }

  @Test
  void propagatesAWorkersFailure() {
    try (PinnedPool pool = new PinnedPool(Affinity.allowedCpus())) {
      assertThatThrownBy(
              () ->
                  pool.run(
                      1,
                      w -> {
                        throw new KernelCheckException("boom");
                      }))
          .isInstanceOf(KernelCheckException.class)
          .hasMessage("boom");
      assertThat(pool.run(1, w -> "still alive")).containsExactly("still alive");
    }
  }

  @Test
  void rejectsMoreWorkersThanItHas() {
    try (PinnedPool pool = new PinnedPool(new int[] {Affinity.allowedCpus()[0]})) {
      assertThatThrownBy(() -> pool.run(2, w -> null)).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
