package dev.anatomy.compute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anatomy.run.Effort;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComputePlanTest {
  @Test
  void threadCountsCoverSmallMachinesFully() {
    assertThat(ComputePlan.threadCounts(1)).containsExactly(1);
    assertThat(ComputePlan.threadCounts(2)).containsExactly(1, 2);
    assertThat(ComputePlan.threadCounts(6)).containsExactly(1, 2, 3, 4, 5, 6);
  }

  @Test
  void threadCountsThinOutOnLargeMachines() {
    assertThat(ComputePlan.threadCounts(64))
        .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 12, 16, 24, 32, 48, 64);
    assertThat(ComputePlan.threadCounts(20)).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 12, 16, 20);
  }

  @Test
  void allCoresMeansOneThreadPerPhysicalCore() {
    var smt = Fixtures.machine("two-socket-smt.txt");
    ComputePlan plan = ComputePlan.of(Effort.QUICK, smt, List.of(0, 1, 2, 3, 4, 5, 6, 7), 1L << 32);
    assertThat(plan.coreCpus()).containsExactly(0, 1, 2, 3);
    assertThat(plan.cpus()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
    assertThat(plan.maxThreads()).isEqualTo(8);
  }

  @Test
  void siblingsComeAfterTheirCores() {
    var smt = Fixtures.machine("two-socket-smt.txt");
    ComputePlan plan = ComputePlan.of(Effort.QUICK, smt, List.of(4, 5, 0, 1), 1L << 32);
    assertThat(plan.coreCpus()).containsExactly(4, 5);
    assertThat(plan.cpus()).containsExactly(4, 5, 0, 1);
  }

  @Test
  void memoryBoundSetCountsEveryInstanceOfTheLastLevelCache() {
    var smt = Fixtures.machine("two-socket-smt.txt");
    var llc = smt.lastLevelCache().orElseThrow();
    long total = llc.sizeBytes() * llc.instances();
    assertThat(ComputePlan.memoryBoundBytes(Effort.STANDARD, smt, 1L << 40))
        .isGreaterThanOrEqualTo(4 * total);
  }

  @Test
  void memoryBoundSetExceedsTheCacheWithinTheBudget() {
    var here = Fixtures.machine("this-machine.txt");
    long llc = here.lastLevelCache().orElseThrow().sizeBytes();
    ComputePlan plan = ComputePlan.of(Effort.STANDARD, here, List.of(0, 1), 8L << 30);
    assertThat(plan.memoryBoundBytes()).isGreaterThanOrEqualTo(Math.max(64L << 20, 4 * llc));
    ComputePlan quick = ComputePlan.of(Effort.QUICK, here, List.of(0, 1), 8L << 30);
    assertThat(quick.memoryBoundBytes()).isGreaterThanOrEqualTo(2 * llc);
    ComputePlan tight = ComputePlan.of(Effort.STANDARD, here, List.of(0, 1), 100L << 20);
    assertThat(tight.memoryBoundBytes()).isLessThanOrEqualTo(25L << 20);
  }
}
