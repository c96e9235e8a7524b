package dev.anatomy.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
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
  void aFailureIsThrownOnlyOnceEveryWorkerHasFinished() throws InterruptedException {
    int[] cpus = Affinity.allowedCpus();
    AtomicBoolean slowOneDone = new AtomicBoolean();
    CountDownLatch failed = new CountDownLatch(1);
    try (PinnedPool pool = new PinnedPool(new int[] {cpus[0], cpus[cpus.length - 1]})) {
      assertThatThrownBy(
              () ->
                  pool.run(
                      2,
                      w -> {
                        if (w == 0) {
                          failed.countDown();
                          throw new KernelCheckException("worker 0 failed");
                        }
                        awaitQuietly(failed);
                        sleepQuietly(100);
                        slowOneDone.set(true);
                        return "worker 1 done";
                      }))
          .hasMessage("worker 0 failed");
      assertThat(slowOneDone).isTrue();
    }
  }

  @Test
  void runEachKeepsTheResultsOfWorkersBesideOneThatFailed() {
    int[] cpus = Affinity.allowedCpus();
    try (PinnedPool pool = new PinnedPool(new int[] {cpus[0], cpus[cpus.length - 1]})) {
      List<PinnedPool.Outcome<String>> outcomes =
          pool.runEach(
              2,
              w -> {
                if (w == 1) {
                  throw new KernelCheckException("worker 1 failed");
                }
                return "made by 0";
              });
      assertThat(outcomes.get(0).value()).isEqualTo("made by 0");
      assertThat(outcomes.get(0).failure()).isNull();
      assertThat(outcomes.get(1).value()).isNull();
      assertThat(outcomes.get(1).failure()).hasMessage("worker 1 failed");
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void rejectsMoreWorkersThanItHas() {
    try (PinnedPool pool = new PinnedPool(new int[] {Affinity.allowedCpus()[0]})) {
      assertThatThrownBy(() -> pool.run(2, w -> null)).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
