package dev.anatomy.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anatomy.harness.NoiseRecord;
import dev.anatomy.harness.Samples;
import dev.anatomy.harness.Statistic;
import dev.anatomy.harness.TimerInfo;
import dev.anatomy.inventory.InventoryParser;
import dev.anatomy.inventory.SystemFiles;
import dev.anatomy.result.Figure;
import dev.anatomy.result.Figures;
import dev.anatomy.result.Json;
import dev.anatomy.result.PartResult;
import dev.anatomy.result.SchemaVersion;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DocumentAssemblerTest {
  private static Forker.Outcome outcome(String part, ObjectNode section, boolean busy) {
    NoiseRecord noise = new NoiseRecord(part + ".step", 1, 0, busy ? 0.5 : 0, 0.1);
    return new Forker.Outcome(
        new PartResult(part, section, Map.of(part + ".x", "why not"), List.of(noise), true), null);
  }

  private static ObjectNode assemble(List<Forker.Outcome> outcomes, boolean partial) {
    RunInfo run =
        new RunInfo(
            "id-1",
            Instant.parse("2026-01-01T00:00:00Z"),
            "host",
            "measure",
            List.of("compute", "memory"),
            Effort.QUICK);
    Map<String, String> failures = new LinkedHashMap<>();
    failures.put("storage", "storage failed: disk full");
    return DocumentAssembler.assemble(
        run,
        Instant.parse("2026-01-01T00:00:10Z"),
        InventoryParser.parse(new SystemFiles(Map.of())),
        new TimerInfo(20, 25),
        outcomes,
        failures,
        partial,
        new int[] {0, 1});
  }

  @Test
  void documentHasEverySectionAndTheReasonsForWhatIsMissing() {
    ObjectNode mem = Json.object();
    mem.putArray("levels");
    ObjectNode doc = assemble(List.of(outcome("memory", mem, false)), false);
    assertThat(doc.get("schemaVersion").asInt()).isEqualTo(SchemaVersion.CURRENT);
    assertThat(doc.get("run").get("partsMeasured")).hasSize(1);
    assertThat(doc.get("run").get("partial").asBoolean()).isFalse();
    assertThat(doc.get("run").get("effort").asText()).isEqualTo("quick");
    assertThat(doc.has("machine")).isTrue();
    assertThat(doc.get("environment").get("timerGranularityNs").asDouble()).isEqualTo(20);
    assertThat(doc.get("environment").get("busy").asBoolean()).isFalse();
    assertThat(doc.get("unavailable").get("memory.x").asText()).isEqualTo("why not");
    assertThat(doc.get("unavailable").get("storage").asText()).contains("disk full");
  }

  @Test
  void aBusyStepMarksTheEnvironmentBusyAndAnInterruptedRunPartial() {
    ObjectNode doc = assemble(List.of(outcome("memory", Json.object(), true)), true);
    assertThat(doc.get("environment").get("busy").asBoolean()).isTrue();
    assertThat(doc.get("environment").get("worstForeignBusyFraction").asDouble()).isEqualTo(0.5);
    assertThat(doc.get("run").get("partial").asBoolean()).isTrue();
  }

  @Test
  void memoryLatenciesGetCyclesOnceTheClockIsKnown() {
    ObjectNode compute = Json.object();
    compute.put("clockHz", 3.0e9);
    ObjectNode mem = Json.object();
    ObjectNode level = mem.putArray("levels").addObject();
    Figures.put(level, "latencyNs", Figure.of(Samples.of(2.0, 2.5), Statistic.MIN, "ns", "chase"));
    ObjectNode doc =
        assemble(List.of(outcome("compute", compute, false), outcome("memory", mem, false)), false);
    JsonNode l = doc.get("memory").get("levels").get(0);
    assertThat(l.get("latencyCycles").asDouble()).isCloseTo(6.0, within(1e-9));
    assertThat(l.get("details").get("latencyCycles").get("unit").asText()).isEqualTo("cycles");
  }
}
