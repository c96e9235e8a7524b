package dev.anatomy.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AffinityTest {
  @Test
  void decodesACpuSetMask() {
    assertThat(Affinity.cpusOf(new long[] {0b1011L, 1L})).containsExactly(0, 1, 3, 64);
    assertThat(Affinity.cpusOf(new long[] {0L})).isEmpty();
  }

  @Test
  void reportsTheCpusThisProcessMayUse() {
    int[] cpus = Affinity.allowedCpus();
    assertThat(cpus).isNotEmpty().isSorted();
    assertThat(cpus.length).isLessThanOrEqualTo(Runtime.getRuntime().availableProcessors());
  }

  @Test
  void pinnedThreadRunsOnItsCpu() throws Exception {
    int[] cpus = Affinity.allowedCpus();
    int target = cpus[cpus.length - 1];
    int[] seen = new int[1];
    Thread t =
        Thread.ofPlatform()
            .start(
                () -> {
                  Affinity.pinCurrentThread(target);
                  seen[0] = Affinity.currentCpu();
                });
    t.join();
    assertThat(seen[0]).isEqualTo(target);
  }

  @Test
  void rejectsImpossibleCpus() {
    assertThatThrownBy(() -> Affinity.pinCurrentThread(-1))
        .isInstanceOf(IllegalArgumentException.class);
    if (Runtime.getRuntime().availableProcessors() < 1024) {
      assertThatThrownBy(() -> Affinity.pinCurrentThread(1023))
          .isInstanceOf(NativeCallException.class)
          .hasMessageContaining("sched_setaffinity");
    }
  }
}
