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

/** The whole memory part in this JVM, quick, up to a working set of 1 GiB, so it takes seconds. */
class MemoryPartTest {
  @Test
  void loadedLatencyStreamsOnOtherCoresOnlyNeverOnTheChasersSibling() {
    // two cores with two threads each: CPUs 0 and 2 share core 0, 1 and 3 core 1
    List<List<Integer>> smt = List.of(List.of(0, 2), List.of(1, 3));
    assertThat(MemoryPart.streamers(new int[] {0, 1, 2, 3}, smt)).containsExactly(1);
    // one core, two threads: nobody may stream
    assertThat(MemoryPart.streamers(new int[] {0, 1}, List.of(List.of(0, 1)))).isEmpty();
    // no SMT: every other CPU streams, CPUs the groups miss count as cores of their own
    assertThat(MemoryPart.streamers(new int[] {0, 1, 2}, List.of(List.of(0), List.of(1))))
        .containsExactly(1, 2);
  }

  @Test
  void hugePagePointsAreRefusedWhenTheKernelBackedUnderHalfTheRegion() {
    long region = 1L << 30;
    assertThat(MemoryPart.hugePagesRefused(new MemoryFindings.PageCoverage(2 << 20, region, 0)))
        .hasValueSatisfying(
            why -> assertThat(why).contains("0 B of the 1 GiB").contains("not measured"));
    assertThat(
            MemoryPart.hugePagesRefused(
                new MemoryFindings.PageCoverage(2 << 20, region, region / 2 - (2 << 20))))
        .isPresent();
    assertThat(
            MemoryPart.hugePagesRefused(
                new MemoryFindings.PageCoverage(2 << 20, region, region / 2)))
        .isEmpty();
    assertThat(MemoryPart.hugePagesRefused(new MemoryFindings.PageCoverage(2 << 20, region, -1)))
        .as("smaps unreadable: the advice was given, the points say so")
        .isEmpty();
  }

  @Test
  void aQuickCardsChaseRegionHoldsEveryWorkspaceOnOneNumaNodeOnly() {
    long max = 128L << 20;
    MemoryPlan quick =
        new MemoryPlan(
            4096,
            max,
            2,
            8,
            1_000_000,
            List.of(1, 2),
            List.of(),
            32L << 20,
            Effort.QUICK,
            List.of(),
            1L << 30);
    assertThat(MemoryPart.perWorker(quick, 2)).containsExactly(max, max / 2);
    long[] at = MemoryPart.carved(1, MemoryPart.perWorker(quick, 2), 1L << 30).orElseThrow();
    StreamLoops loops = StreamLoops.best();
    // one after the other, each as long as its whole workspace, page-aligned
    assertThat(at).hasSize(3);
    assertThat(at[0]).isZero();
    assertThat(at[1]).isEqualTo(StreamWorkspace.wholeLentBytes(max, loops));
    assertThat(at[2] - at[1]).isEqualTo(StreamWorkspace.wholeLentBytes(max / 2, loops));
    assertThat(at[1] % 4096).isZero();
    // about 3x the largest working set on two workers: 384 MiB and their gaps
    assertThat(at[2]).isBetween(3 * max, 3 * max + (1L << 20));
    // a region too short for all of them, or two NUMA nodes: none is carved
    assertThat(MemoryPart.carved(1, MemoryPart.perWorker(quick, 2), at[2] - 4096)).isEmpty();
    assertThat(MemoryPart.carved(2, MemoryPart.perWorker(quick, 2), 1L << 30)).isEmpty();
  }

  @Test
  void producesTiersCurvesAndParallelism() {
    MeasureOptions options =
        new MeasureOptions(
            List.of("memory"),
            Effort.QUICK,
            // the standard sweep's end. On a quiet moment the whole shared 32 MiB L3 serves the
            // chase and its knee lands near 32 MiB, so the quick default (128 MiB) is not 4x past
            // it. On a busy one the L3 this guest gets moves between 1.5 and 32 MiB from one
            // second to the next, and partial hits can leave a plateau at 60-80 ns before
            // memory's 100-150: a 256 MiB sweep once ended without calling its last level memory
            // (not 4x past the last cache it found)
            1L << 30,
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
    String found = levels + " from the curve " + mainCurve(mem);
    assertThat(levels.size()).as(found).isBetween(2, 4);
    assertThat(levels.get(0).get("name").asText()).as(found).isEqualTo("L1");
    assertThat(levels.get(levels.size() - 1).get("name").asText()).as(found).isEqualTo("DRAM");
    double previous = 0;
    for (JsonNode l : levels) {
      double latency = l.get("latencyNs").asDouble();
      assertThat(latency).isGreaterThan(previous);
      previous = latency;
      assertThat(l.get("details").get("latencyNs").get("samples").size()).isPositive();
      String name = l.get("name").asText();
      assertThat(l.get("readBytesPerSecond").asDouble()).as(name).isPositive();
      // on every thread: there, or absent with its reason (a share under 2 KiB a thread on a
      // machine with many CPUs)
      String all = "triadBytesPerSecondAllThreads";
      if (l.has(all)) {
        assertThat(l.get(all).asDouble()).as(name).isPositive();
      } else {
        assertThat(r.unavailable()).as(name).containsKey("memory.levels." + name + "." + all);
      }
    }
    // memory's latency pools two visits of the largest size (the quick plan keeps 3 samples each)
    JsonNode memory = levels.get(levels.size() - 1).get("details").get("latencyNs");
    assertThat(memory.get("samples").size()).as(memory.toString()).isGreaterThanOrEqualTo(6);
    long largest = 0;
    int atLargest = 0;
    for (JsonNode p : mem.get("latencyCurve")) {
      if (p.get("variant").asText().equals("tlb-grouped")
          && p.get("pageSizeBytes").asLong() == 4096) {
        long size = p.get("sizeBytes").asLong();
        atLargest = size > largest ? 1 : size == largest ? atLargest + 1 : atLargest;
        largest = Math.max(largest, size);
      }
    }
    assertThat(atLargest).as("points at the largest size " + mainCurve(mem)).isEqualTo(1);
    // every point of the first tier has a second visit from the last pass, knee window or not
    long l1 = levels.get(0).get("sizeBytes").asLong();
    for (JsonNode p : mem.get("latencyCurve")) {
      if (p.get("variant").asText().equals("tlb-grouped")
          && p.get("pageSizeBytes").asLong() == 4096
          && p.get("sizeBytes").asLong() <= l1) {
        assertThat(p.get("details").get("latencyNs").get("samples").size())
            .as("samples at %d bytes", p.get("sizeBytes").asLong())
            .isGreaterThanOrEqualTo(6);
      }
    }
    // the reported L2 is in a knee window: the first sweep, its knee pass, the bandwidth sweep's
    // revisits and the last pass each add the quick plan's 3 samples; half of it is on L2's
    // plateau, which the revisits visit too
    for (JsonNode l : levels) {
      long reported = l.path("reportedSizeBytes").asLong();
      if (l.get("name").asText().equals("L2") && reported > 0) {
        for (JsonNode p : mem.get("latencyCurve")) {
          long size = p.get("sizeBytes").asLong();
          if (p.get("variant").asText().equals("tlb-grouped")
              && p.get("pageSizeBytes").asLong() == 4096
              && (size == reported || size == reported / 2)) {
            assertThat(p.get("details").get("latencyNs").get("samples").size())
                .as("samples at %d bytes, the reported L2 %d", size, reported)
                .isGreaterThanOrEqualTo(12);
          }
        }
      }
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

  @Test
  void aQuickCardsLatencyCurveReachesOneGibibyteAndVisitsItTwice() {
    MeasureOptions options = quick(0);
    PartResult r = ForkMain.run("memory", options, (step, fraction, left) -> {});
    JsonNode mem = r.section();
    long latencyMax = 0;
    JsonNode largest = null;
    for (JsonNode p : mem.get("latencyCurve")) {
      if (p.get("variant").asText().equals("tlb-grouped")
          && p.get("pageSizeBytes").asLong() == 4096
          && p.get("sizeBytes").asLong() > latencyMax) {
        latencyMax = p.get("sizeBytes").asLong();
        largest = p;
      }
    }
    long bandwidthMax = 0;
    for (JsonNode p : mem.get("bandwidthCurve")) {
      bandwidthMax = Math.max(bandwidthMax, p.get("sizeBytes").asLong());
    }
    // within the memory limit, which on this machine holds a 1 GiB chase easily
    assertThat(latencyMax).as(mainCurve(mem)).isGreaterThanOrEqualTo(1L << 30);
    assertThat(bandwidthMax).isLessThan(latencyMax);
    // the knee pass visits it again: the last pass has no room for it (the quick plan: 3 samples)
    assertThat(largest.get("details").get("latencyNs").get("samples").size())
        .isGreaterThanOrEqualTo(6);
  }

  /** The smallest --max-size the command accepts (64 KiB) measures, however little it shows. */
  @Test
  void theSmallestMaxSizeAcceptedStillMeasures() {
    MeasureOptions options = quick(64 * 1024);
    PartResult r = ForkMain.run("memory", options, (step, fraction, left) -> {});
    JsonNode mem = r.section();
    assertThat(mem.get("levels")).isNotEmpty();
    for (JsonNode p : mem.get("bandwidthCurve")) {
      assertThat(p.get("sizeBytes").asLong()).isLessThanOrEqualTo(64 * 1024);
    }
  }

  /** A quick memory card's options; {@code maxBytes} 0 for the default sweep. */
  private static MeasureOptions quick(long maxBytes) {
    return new MeasureOptions(
        List.of("memory"),
        Effort.QUICK,
        maxBytes,
        Optional.empty(),
        MeasureOptions.DEFAULT_DISK_SIZE,
        Optional.empty(),
        Optional.empty());
  }

  /** The tlb-grouped, 4 KiB-page curve as "KiB:ns" pairs, for a failure's message. */
  private static String mainCurve(JsonNode mem) {
    StringBuilder out = new StringBuilder();
    for (JsonNode p : mem.get("latencyCurve")) {
      if (p.get("variant").asText().equals("tlb-grouped")
          && p.get("pageSizeBytes").asLong() == 4096) {
        out.append(
            String.format(
                java.util.Locale.ROOT,
                " %d:%.1f",
                p.get("sizeBytes").asLong() >> 10,
                p.get("latencyNs").asDouble()));
      }
    }
    return out.toString();
  }
}
