package dev.anatomy.compute;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anatomy.harness.Affinity;
import dev.anatomy.harness.MemoryLimit;
import dev.anatomy.harness.NoiseGuard;
import dev.anatomy.harness.Progress;
import dev.anatomy.harness.TimerInfo;
import dev.anatomy.inventory.Machine;
import dev.anatomy.result.PartResult;
import dev.anatomy.run.Effort;
import dev.anatomy.run.MeasureContext;
import dev.anatomy.run.MeasureOptions;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The whole part, end to end at --quick, on this machine and on one of its CPUs. */
class ComputePartTest {
  private static PartResult measure(List<Integer> cpus) {
    MeasureContext ctx =
        new MeasureContext(
            MeasureOptions.of(List.of("compute"), Effort.QUICK),
            Machine.read(),
            cpus,
            TimerInfo.measure(),
            MemoryLimit.read(),
            Progress.NONE,
            new NoiseGuard());
    return new ComputePart().measure(ctx);
  }

  /** A figure that is either measured (positive, finite) or unavailable with a reason. */
  private static void measuredOrExplained(PartResult r, String path, String unavailableKey) {
    if (r.section().at(path).isMissingNode()) {
      assertThat(r.unavailable()).as(path + " missing, so explained").containsKey(unavailableKey);
    } else {
      positive(r.section(), path);
    }
  }

  private static void positive(JsonNode node, String path) {
    JsonNode n = node.at(path);
    assertThat(n.isNumber()).as(path + " is a number").isTrue();
    assertThat(n.asDouble()).as(path).isPositive().isFinite();
  }

  @Test
  void writesEveryKeyOfTheIssue() {
    List<Integer> cpus = Arrays.stream(Affinity.allowedCpus()).boxed().toList();
    PartResult r = measure(cpus);
    JsonNode s = r.section();
    assertThat(r.part()).isEqualTo("compute");
    positive(s, "/clockHz");
    positive(s, "/clockHzAllCores");
    assertThat(s.at("/details/clockHz/method").asText()).contains("dependent");
    // On a machine too busy for the JIT to compile the Vector API kernels within the warm-up,
    // these are withheld with a reason rather than reported at interpreter speed.
    for (String path :
        List.of(
            "/peakFlops/fp64PerCore",
            "/peakFlops/fp64AllCores",
            "/peakFlops/fp32PerCore",
            "/peakFlops/fp64Ceiling")) {
      measuredOrExplained(r, path, "compute.peakFlops");
    }
    measuredOrExplained(r, "/simd/vectorBits", "compute.simd");
    measuredOrExplained(r, "/simd/speedupFp64", "compute.simd");
    if (s.has("peakFlops")) {
      assertThat(s.at("/peakFlops/method/fmaUnits").asText()).contains("inferred");
    }
    assertThat(s.path("ilp")).hasSize(IlpOp.values().length * IlpOp.CHAINS.length);
    for (JsonNode e : s.path("ilp")) {
      assertThat(e.path("op").asText()).isNotEmpty();
      assertThat(e.path("chains").asInt()).isPositive();
      assertThat(e.path("opsPerCycle").asDouble()).isPositive().isFinite();
    }
    assertThat(r.unavailable()).containsKey("compute.smt");
    if (cpus.size() >= 2) {
      int counts = ComputePlan.threadCounts(cpus.size()).size();
      assertThat(s.at("/scaling/memoryBound/points")).hasSize(counts);
      assertThat(s.at("/scaling/memoryBound/amdahlSerialFraction").asDouble()).isBetween(0.0, 1.0);
      if (s.at("/scaling/points").isMissingNode()) {
        assertThat(r.unavailable()).containsKey("compute.scaling.computeBound");
      } else {
        assertThat(s.at("/scaling/amdahlSerialFraction").asDouble()).isBetween(0.0, 1.0);
      }
      assertThat(s.path("amdahlDemo")).hasSize(3 * counts);
      assertThat(s.path("amdahlDemoFit")).hasSize(3);
      assertThat(s.path("globalLockDemo")).hasSize(3 * counts);
      JsonNode fj = s.path("amdahlDemo").get(1);
      assertThat(fj.has("serialFraction") && fj.has("threads") && fj.has("speedup")).isTrue();
      assertThat(fj.has("amdahlSpeedup")).isTrue();
      assertThat(s.path("amdahlDemoFit").get(0).has("fittedSerialFraction")).isTrue();
      if (counts < UslFit.MIN_POINTS && !s.at("/scaling/points").isMissingNode()) {
        assertThat(r.unavailable().get("compute.scaling.usl")).contains("at least 4 thread counts");
      }
    }
  }

  @Test
  void oneCpuSaysWhyScalingAndDemosAreMissing() {
    PartResult r = measure(List.of(Affinity.allowedCpus()[0]));
    assertThat(r.unavailable())
        .containsKeys(
            "compute.scaling", "compute.amdahlDemo", "compute.globalLockDemo", "compute.smt");
    assertThat(r.unavailable().get("compute.scaling")).contains("at least 2 CPUs");
    assertThat(r.section().has("scaling")).isFalse();
    positive(r.section(), "/clockHz");
    measuredOrExplained(r, "/peakFlops/fp64AllCores", "compute.peakFlops");
    assertThat(r.section().path("clockCores").asInt()).isEqualTo(1);
  }
}
