package dev.anatomy.memory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anatomy.harness.Progress;
import dev.anatomy.result.PartResult;
import dev.anatomy.run.Effort;
import dev.anatomy.run.ForkMain;
import dev.anatomy.run.MeasureOptions;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The whole memory part in this JVM, quick, on a working set of 256 MiB, so it takes seconds. */
class MemoryPartTest {
  @Test
  void producesTiersCurvesAndParallelism() {
    MeasureOptions options =
        new MeasureOptions(
            List.of("memory"),
            Effort.QUICK,
            // 8x a 32 MiB last-level cache: on a quiet moment the whole shared L3 serves the
            // chase, its knee lands near 32 MiB, and the quick default (128 MiB) is then not
            // 4x past it, so the sweep could not call its last plateau memory
            256L << 20,
            Optional.empty(),
            MeasureOptions.DEFAULT_DISK_SIZE,
            Optional.empty(),
            Optional.empty());
    Set<String> steps = new HashSet<>();
    Progress progress = (step, fraction, left) -> steps.add(step);
    PartResult r = ForkMain.run("memory", options, progress);
    JsonNode mem = r.section();

    assertThat(r.part()).isEqualTo("memory");
    assertThat(r.complete()).isTrue();
    assertThat(steps).contains("memory: latency sweep", "memory: bandwidth sweep");
    JsonNode levels = mem.get("levels");
    assertThat(levels.size()).isBetween(2, 4);
    assertThat(levels.get(0).get("name").asText()).isEqualTo("L1");
    assertThat(levels.get(levels.size() - 1).get("name").asText()).isEqualTo("DRAM");
    double previous = 0;
    for (JsonNode l : levels) {
      double latency = l.get("latencyNs").asDouble();
      assertThat(latency).isGreaterThan(previous);
      previous = latency;
      assertThat(l.get("details").get("latencyNs").get("samples").size()).isPositive();
      assertThat(l.get("readBytesPerSecond").asDouble()).isPositive();
      assertThat(l.get("triadBytesPerSecondAllThreads").asDouble()).isPositive();
    }
    Set<String> variants = new HashSet<>();
    for (JsonNode p : mem.get("latencyCurve")) {
      variants.add(p.get("variant").asText() + "/" + p.get("pageSizeBytes").asLong());
      assertThat(p.get("latencyNs").asDouble()).isPositive();
    }
    assertThat(variants).contains("tlb-grouped/4096", "random/4096");
    Set<String> kernels = new HashSet<>();
    for (JsonNode p : mem.get("bandwidthCurve")) {
      kernels.add(p.get("kernel").asText());
    }
    assertThat(kernels).containsExactlyInAnyOrder("read", "write", "copy", "triad");
    assertThat(mem.get("method").get("writeAllocateCounted").asBoolean()).isFalse();
    assertThat(mem.get("memoryLevelParallelism").get("chains")).hasSize(4);
    assertThat(r.noise()).extracting("step").contains("memory.latency", "memory.bandwidth");
  }
}
