package dev.anatomy.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryChartsTest {
  private static List<String> names(Chart c) {
    List<String> names = new ArrayList<>();
    c.option().orElseThrow().get("series").forEach(s -> names.add(s.path("name").asText()));
    return names;
  }

  private static JsonNode series(Chart c, String name) {
    for (JsonNode s : c.option().orElseThrow().get("series")) {
      if (s.path("name").asText().equals(name)) {
        return s;
      }
    }
    throw new AssertionError("no series " + name + " in " + names(c));
  }

  @Test
  void latencyChartDrawsEveryVariantAndPageSize() {
    Chart c = MemoryCurves.latency(Documents.memory());

    assertThat(names(c))
        .contains(
            "tlb-grouped, 4 KiB pages",
            "random, 4 KiB pages",
            "tlb-grouped, 2 MiB pages",
            "random, 2 MiB pages");
    assertThat(c.xUnits()).containsExactly("bytes");
    assertThat(c.option().orElseThrow().at("/xAxis/type").asText()).isEqualTo("log");
    assertThat(c.option().orElseThrow().at("/yAxis/type").asText()).isEqualTo("log");
  }

  @Test
  void latencyRisesAlongEachLineFromL1ToDram() {
    JsonNode data =
        series(MemoryCurves.latency(Documents.memory()), "tlb-grouped, 4 KiB pages").get("data");
    JsonNode first = data.get(0).get("value");
    JsonNode last = data.get(data.size() - 1).get("value");

    assertThat(first.get(0).asDouble()).isLessThan(last.get(0).asDouble());
    assertThat(first.get(1).asDouble()).isLessThan(last.get(1).asDouble());
  }

  @Test
  void tiersAreMarkedWithMeasuredAndReportedSizes() {
    JsonNode tiers =
        MemoryCurves.latency(Documents.memory()).option().orElseThrow().get("series").get(0);
    List<String> labels = new ArrayList<>();
    tiers.at("/markLine/data").forEach(m -> labels.add(m.at("/label/formatter").asText()));
    List<String> bands = new ArrayList<>();
    tiers.at("/markArea/data").forEach(a -> bands.add(a.get(0).get("name").asText()));

    assertThat(labels)
        .contains(
            "L1 32 KiB", "L1 reported 32 KiB", "L2 279 KiB", "L2 reported 512 KiB", "L3 1.19 MiB");
    assertThat(bands).hasSize(4);
    assertThat(bands.get(0)).startsWith("L1 · 1.35 ns");
    assertThat(bands.get(3)).startsWith("DRAM");
  }

  @Test
  void bandwidthChartHasOneLinePerKernelAndThreadCount() {
    Chart c = MemoryCurves.bandwidth(Documents.memory());

    assertThat(names(c))
        .contains(
            "read, 1 thread",
            "read, 2 threads",
            "write, 1 thread",
            "write, 2 threads",
            "copy, 1 thread",
            "copy, 2 threads",
            "triad, 1 thread",
            "triad, 2 threads");
    assertThat(series(c, "triad, 2 threads").at("/lineStyle/type").asText()).isEqualTo("dashed");
    assertThat(c.notes()).anyMatch(n -> n.contains("write-allocate") || n.contains("not counted"));
  }

  @Test
  void pageSizeSaysWhenNoHugePagesWereGranted() {
    ObjectNode doc = Documents.memory();
    ((ObjectNode) doc.at("/memory/method/pages/1")).put("anonHugePageBytes", 0);

    assertThat(MemoryCurves.pages(doc, 2097152)).isEqualTo("2 MiB pages asked, none granted");
    assertThat(MemoryCurves.pages(doc, 4096)).isEqualTo("4 KiB pages");
  }

  @Test
  void memoryCurvesSayWhyWithoutTheMemoryPart() {
    ObjectNode doc = Documents.bare();
    ((ObjectNode) doc.get("unavailable"))
        .put("memory", "not enough memory for a 1 GiB working set");

    Chart c = MemoryCurves.latency(doc);

    assertThat(c.option()).isEmpty();
    assertThat(c.notes())
        .containsExactly(
            "the latency curve: not measured (memory: not enough memory for a 1 GiB working set)");
  }

  @Test
  void memoryUnitsRunFromL1ToDiskByCapacity() {
    Chart c = MemoryUnitsChart.build(Documents.with(Documents.memory(), "storage.json"));
    JsonNode latency = series(c, "latency").get("data");

    assertThat(latency).hasSize(5);
    JsonNode disk = latency.get(4);
    assertThat(disk.at("/label/formatter").asText()).isEqualTo("disk");
    assertThat(disk.at("/value/0").asDouble()).isEqualTo(107374182400.0);
    assertThat(disk.at("/value/1").asDouble()).isEqualTo(86000.0);
    for (int i = 1; i < latency.size(); i++) {
      assertThat(latency.get(i).at("/value/0").asDouble())
          .isGreaterThan(latency.get(i - 1).at("/value/0").asDouble());
      assertThat(latency.get(i).at("/value/1").asDouble())
          .isGreaterThan(latency.get(i - 1).at("/value/1").asDouble());
    }
    assertThat(c.yUnits()).containsExactly("rate", "ns");
  }

  @Test
  void memoryUnitsSayTheDiskIsAbsentWithoutStorage() {
    Chart c = MemoryUnitsChart.build(Documents.memory());

    assertThat(series(c, "read").get("data")).hasSize(4);
    assertThat(c.notes()).anyMatch(n -> n.startsWith("disk: not in this run"));
  }
}
