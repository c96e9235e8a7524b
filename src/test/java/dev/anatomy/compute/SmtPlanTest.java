package dev.anatomy.compute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anatomy.inventory.Machine;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmtPlanTest {
  private final Machine smt = Fixtures.machine("two-socket-smt.txt");
  private final Machine here = Fixtures.machine("this-machine.txt");

  @Test
  void pairsEachCoreWithItsSibling() {
    assertThat(SmtPlan.pairs(smt, List.of(0, 1, 2, 3, 4, 5, 6, 7)))
        .containsExactly(
            new SmtPlan.Pair(0, 4),
            new SmtPlan.Pair(1, 5),
            new SmtPlan.Pair(2, 6),
            new SmtPlan.Pair(3, 7));
    assertThat(SmtPlan.unavailableReason(smt, List.of(0, 1, 2, 3, 4, 5, 6, 7))).isEmpty();
  }

  @Test
  void skipsCoresWhoseSiblingIsNotAllowed() {
    assertThat(SmtPlan.pairs(smt, List.of(0, 1, 4))).containsExactly(new SmtPlan.Pair(0, 4));
  }

  @Test
  void saysWhyWhenSiblingsAreOutsideTheAllowedSet() {
    assertThat(SmtPlan.pairs(smt, List.of(0, 1, 2, 3))).isEmpty();
    assertThat(SmtPlan.unavailableReason(smt, List.of(0, 1, 2, 3)))
        .get()
        .asString()
        .contains("no two siblings");
  }

  @Test
  void noSiblingsOnThisMachine() {
    assertThat(here.hasSmt()).isFalse();
    assertThat(SmtPlan.pairs(here, List.of(0, 1))).isEmpty();
    assertThat(SmtPlan.unavailableReason(here, List.of(0, 1)))
        .get()
        .asString()
        .startsWith("no SMT siblings");
  }

  @Test
  void measuresAPairOnTwoCpus() {
    int[] cpus = dev.anatomy.harness.Affinity.allowedCpus();
    org.junit.jupiter.api.Assumptions.assumeTrue(cpus.length >= 2, "needs 2 CPUs");
    SmtProbe probe =
        new SmtProbe(
            new dev.anatomy.harness.Sampler(dev.anatomy.harness.Sampler.Plan.QUICK), 300_000);
    SmtProbe.Result r = probe.measure(new SmtPlan.Pair(cpus[0], cpus[1]));
    assertThat(r.intAlone().value()).isPositive().isFinite();
    assertThat(r.fpAlone().value()).isPositive().isFinite();
    // Two separate cores here, not siblings: the shares come out near 2, but a busy neighbour can
    // move any one of them, so only their being measured is asserted.
    assertThat(r.intPairSpeedup()).isPositive().isFinite();
    assertThat(r.fpPairSpeedup()).isPositive().isFinite();
    assertThat(r.mixedPairSpeedup()).isPositive().isFinite();
  }
}
