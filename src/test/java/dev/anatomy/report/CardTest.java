package dev.anatomy.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anatomy.result.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CardTest {
  static JsonNode document(String name) throws IOException {
    try (InputStream in = CardTest.class.getResourceAsStream("/documents/" + name)) {
      return Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void showsEachTierMeasuredBesideReportedWithSpread() throws IOException {
    String card = new Card().render(document("memory-standard.json"));
    assertThat(card).contains("anatomy ").contains("AMD EPYC").contains("under a hypervisor");
    assertThat(card).contains("MEMORY UNITS");
    assertThat(card).containsPattern("L1\\s+32 KiB\\s+32 KiB\\s+1\\.\\d\\d ns ±");
    assertThat(card).contains("DRAM").contains("GB/s").contains("memory-level parallelism");
    assertThat(card).contains("write-allocate not counted");
  }

  @Test
  void saysWhereTheReportedSizesComeFrom() throws IOException {
    ObjectNode doc = (ObjectNode) document("memory-standard.json");
    assertThat(new Card().render(doc)).contains("reported: sysfs\n");
    for (JsonNode c : doc.path("machine").path("caches")) {
      ((ObjectNode) c).put("source", "cpuid");
    }
    assertThat(new Card().render(doc)).contains("reported: cpuid via sysconf (sysfs has none)\n");
    ((ObjectNode) doc.path("machine")).putArray("caches");
    assertThat(new Card().render(doc)).contains("reported: none");
  }

  @Test
  void warnsWhenTheMachineWasBusy() throws IOException {
    String card = new Card().render(document("memory-standard.json"));
    assertThat(card).contains("! machine busy during memory.latency");
  }

  @Test
  void listsWhatCouldNotBeMeasuredAndMarksPartialRuns() throws IOException {
    ObjectNode doc = (ObjectNode) document("memory-standard.json");
    doc.withObject("/unavailable").put("links.pcie", "no libcuda.so.1");
    doc.withObject("/run").put("partial", true);
    String card = new Card().render(doc);
    assertThat(card).contains("NOT MEASURED").contains("links.pcie: no libcuda.so.1");
    assertThat(card).contains("PARTIAL");
  }

  @Test
  void showsStorageAndEveryConnectionMeasuredBesideTheoretical() throws IOException {
    String card = new Card().render(document("storage-links-standard.json"));
    assertThat(card).contains("STORAGE (direct I/O, 1 GiB file");
    assertThat(card).containsPattern("random read 4 KiB, QD1\\s+\\d+ IO/s");
    assertThat(card).contains("device (reported): vda, virtio");
    assertThat(card).contains("CONNECTIONS").contains("memory bus (CPU to DRAM)");
    assertThat(card).contains("loopback TCP: round trip p50");
    assertThat(card).contains("links.pcie: no libcuda.so.1");
  }

  @Test
  void showsTheComputingUnits() throws IOException {
    String card = new Card().render(document("compute-standard.json"));
    assertThat(card).contains("COMPUTING UNITS").containsPattern("clock \\d\\.\\d+ GHz");
    assertThat(card).contains("peak FP64").contains("FMA units, units inferred");
    assertThat(card).contains("fp64-fma").contains("Amdahl serial fraction");
    assertThat(card).contains("global lock").contains("compute.smt: no SMT siblings");
  }

  @Test
  void anEmptyDocumentStillRenders() {
    String card = new Card().render(Json.object());
    assertThat(card).contains("anatomy ?");
  }
}
