package dev.anatomy.compute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anatomy.harness.Affinity;
import dev.anatomy.harness.NoiseGuard;
import dev.anatomy.harness.NoiseRecord;
import dev.anatomy.harness.PinnedPool;
import dev.anatomy.harness.Progress;
import dev.anatomy.harness.ProgressMeter;
import dev.anatomy.harness.Sampler;
import dev.anatomy.result.Figure;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real-hardware checks of the probes, bounded to seconds. They assert physics, never speed: the
 * machine running them is shared and noisy, so an assertion about a ratio gets up to three tries
 * with fresh samples, and its bound is far from what a quiet machine gives.
 */
class ProbePhysicsTest {
  private static PinnedPool pool;
  private static final Sampler SAMPLER = new Sampler(new Sampler.Plan(1, 3, 2, 0.05, 3));

  @BeforeAll
  static void start() {
    pool = new PinnedPool(Affinity.allowedCpus());
  }

  @AfterAll
  static void stop() {
    pool.close();
  }

  private static boolean holdsInOneOfThreeTries(BooleanSupplier check) {
    for (int attempt = 0; attempt < 3; attempt++) {
      if (check.getAsBoolean()) {
        return true;
      }
    }
    return false;
  }

  private static double clockHz() {
    ClockProbe clock = new ClockProbe(pool, SAMPLER, 600_000);
    int n = clock.calibrate();
    return clock.measure(1, n).value();
  }

  @Test
  void clockIsPlausible() {
    IlpProbe warm = new IlpProbe(pool, SAMPLER, 300_000);
    warm.warmUpJit();
    // Anything from a slow embedded core to an overclocked desktop; 0.8 ns to 5 ns per add.
    assertThat(holdsInOneOfThreeTries(() -> clockHz() > 2e8 && clockHz() < 7e9)).isTrue();
  }

  @Test
  void independentChainsOverlap() {
    IlpProbe probe = new IlpProbe(pool, SAMPLER, 300_000);
    probe.warmUpJit();
    double hz = 3e9; // the ratio does not depend on the clock used to express it
    // FP64 adds have a latency of 3 or more cycles and a throughput of 1 or more per cycle on
    // every x86 and Arm core of the last 15 years: 4 chains are at least 1.5x one chain.
    boolean overlaps =
        holdsInOneOfThreeTries(
            () -> {
              Figure one = probe.measure(IlpOp.FP64_ADD, 1, hz).opsPerCycle();
              Figure four = probe.measure(IlpOp.FP64_ADD, 4, hz).opsPerCycle();
              return four.value() > 1.5 * one.value();
            });
    assertThat(overlaps).isTrue();
    IlpProbe.Point p = probe.measure(IlpOp.INT_MUL, 2, hz);
    assertThat(p.opsPerCycle().value()).isPositive().isFinite();
    assertThat(p.opsPerCycle().unit()).isEqualTo("op/cycle");
  }

  @Test
  void forkJoinFitRecoversSerialFractionOnThisMachine() {
    int[] cpus = Affinity.allowedCpus();
    Assumptions.assumeTrue(cpus.length >= 2, "needs 2 CPUs");
    ComputePlan plan =
        new ComputePlan(
            dev.anatomy.run.Effort.QUICK,
            java.util.List.of(cpus[0], cpus[1]),
            java.util.List.of(cpus[0], cpus[1]),
            300_000,
            SAMPLER.plan(),
            java.util.List.of(1, 2),
            1L << 20,
            2_000_000,
            9,
            java.util.List.of(0.25));
    DemoProbe demos = new DemoProbe(pool, plan);
    demos.warmUpJit();
    // p = 0.25 on 2 threads: speedup 1.6. A fit within 0.1 needs the best 2-thread job within
    // about 13% of its ideal time. A neighbour busy on the other CPU all along makes that
    // impossible, so an attempt on a busy machine (per the noise guard) proves nothing: the test is
    // skipped if every attempt was busy, and fails only if a quiet attempt misses. The bar
    // (0.03) is checked by bench/compute-vs-likwid.sh, not here.
    int quietMisses = 0;
    StringBuilder seen = new StringBuilder();
    for (int attempt = 0; attempt < 3; attempt++) {
      NoiseGuard guard = new NoiseGuard();
      DemoProbe.Result[] r = new DemoProbe.Result[1];
      guard.watch("demo", () -> r[0] = demos.measure(new ProgressMeter(Progress.NONE, "test", 2)));
      double fitted = r[0].fits().get(0).fit().serialFraction();
      NoiseRecord noise = guard.records().get(0);
      seen.append(
          String.format("%n fitted %.3f, foreign %.2f", fitted, noise.foreignBusyFraction()));
      if (Math.abs(fitted - 0.25) < 0.1) {
        return;
      }
      if (!noise.busy()) {
        quietMisses++;
      }
    }
    assertThat(quietMisses)
        .as("fits on a quiet machine missed 0.25 by 0.1 or more:" + seen)
        .isZero();
    Assumptions.abort("the machine was busy in every attempt:" + seen);
  }
}
