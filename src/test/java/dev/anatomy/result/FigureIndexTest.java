package dev.anatomy.result;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anatomy.testing.Documents;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FigureIndexTest {
  private final ObjectNode doc =
      Documents.allParts("id-1", Instant.parse("2026-11-20T10:00:00Z"), 1, 7);

  @Test
  void namesArrayElementsByTheirNameOrIdentifyingFields() {
    Map<String, FigureIndex.Entry> byPath = FigureIndex.byPath(doc);
    assertThat(byPath)
        .containsKeys(
            "memory.levels[L1].latencyNs",
            "memory.levels[DRAM].triadBytesPerSecondAllThreads",
            "memory.bandwidthCurve[sizeBytes=8192,threads=1,kernel=triad].bytesPerSecond",
            "compute.ilp[op=fma,chains=4].opsPerCycle",
            "compute.peakFlops.fp64AllCores",
            "storage.randomReadLatencyNs.p99",
            "links.network.loopback.tcpRoundTripNs.p50");
    FigureIndex.Entry l1 = byPath.get("memory.levels[L1].latencyNs");
    assertThat(l1.keys()).containsExactly("memory", "levels", "latencyNs");
    assertThat(l1.labels()).containsExactly(Map.entry("name", "L1"));
    assertThat(l1.arrays()).containsEntry("name", "levels");
    assertThat(l1.key()).isEqualTo("latencyNs");
    assertThat(l1.section()).isEqualTo("memory");
    assertThat(l1.figure().unit()).isEqualTo("ns");
    assertThat(l1.figure().samples().values()).hasSize(5);
  }

  @Test
  void numbersRepeatedIdentitiesInOrder() {
    List<String> paths = FigureIndex.of(doc).stream().map(FigureIndex.Entry::path).toList();
    assertThat(paths)
        .contains(
            "compute.amdahlDemo[threads=2].speedup", "compute.amdahlDemo[threads=2#2].speedup");
    FigureIndex.Entry second =
        FigureIndex.byPath(doc).get("compute.amdahlDemo[threads=2#2].speedup");
    assertThat(second.labels()).containsEntry(FigureIndex.OCCURRENCE, "2");
  }

  @Test
  void skipsTheEnvelopeAndNumbersWithoutDetails() {
    List<String> paths = FigureIndex.of(doc).stream().map(FigureIndex.Entry::path).toList();
    assertThat(paths).noneMatch(p -> p.startsWith("run.") || p.startsWith("machine."));
    assertThat(paths).noneMatch(p -> p.endsWith("sizeBytes") || p.endsWith("amdahlSpeedup"));
    assertThat(paths).doesNotHaveDuplicates();
  }

  @Test
  void indexesEveryFigureOfARealDocument() throws Exception {
    ObjectNode real = (ObjectNode) Json.parse(Documents.resource("documents/memory-quick-vm.json"));
    List<FigureIndex.Entry> all = FigureIndex.of(real);
    int latency = real.path("memory").path("latencyCurve").size();
    int bandwidth = real.path("memory").path("bandwidthCurve").size();
    assertThat(all.size()).isGreaterThan(latency + bandwidth);
    assertThat(all).extracting(FigureIndex.Entry::path).doesNotHaveDuplicates();
    assertThat(all).allSatisfy(e -> assertThat(e.figure().value()).isFinite());
  }

  @Test
  void identifiesAnElementWithoutNameByItsTextAndWholeNumbers() throws Exception {
    var element =
        Json.parse("{\"sizeBytes\": 4096, \"variant\": \"random\", \"ratio\": 1.5, \"ok\": true}");
    assertThat(FigureIndex.identity(element))
        .containsExactly(
            Map.entry("sizeBytes", "4096"),
            Map.entry("variant", "random"),
            Map.entry("ok", "true"));
  }

  @Test
  void splitsKeysIntoWords() {
    assertThat(KeyWords.of("readBytesPerSecondAllThreads"))
        .containsExactly("read", "bytes", "per", "second", "all", "threads");
    assertThat(KeyWords.of("fp64AllCores")).containsExactly("fp64", "all", "cores");
    assertThat(KeyWords.of("nsPerLoad")).containsExactly("ns", "per", "load");
    assertThat(KeyWords.of("randomReadIOPS")).containsExactly("random", "read", "iops");
    assertThat(KeyWords.snake("pageSizeBytes")).isEqualTo("page_size_bytes");
  }
}
