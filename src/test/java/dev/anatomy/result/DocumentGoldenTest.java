package dev.anatomy.result;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anatomy.harness.NoiseRecord;
import dev.anatomy.harness.Samples;
import dev.anatomy.harness.Statistic;
import dev.anatomy.harness.TimerInfo;
import dev.anatomy.inventory.InventoryParser;
import dev.anatomy.inventory.Machine;
import dev.anatomy.inventory.SystemFiles;
import dev.anatomy.run.DocumentAssembler;
import dev.anatomy.run.Effort;
import dev.anatomy.run.Forker;
import dev.anatomy.run.RunInfo;
import dev.anatomy.testing.Documents;
import dev.anatomy.testing.Golden;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Seals the JSON document as {@link DocumentAssembler} writes it: envelope (schemaVersion, run,
 * environment, machine, unavailable), part sections and the figure/details shape, from fixed inputs
 * (a captured inventory of this machine, fixed samples), byte for byte.
 */
class DocumentGoldenTest {
  static ObjectNode assembled() {
    Machine machine =
        InventoryParser.parse(
            SystemFiles.parseDump(
                Documents.resource("fixtures/this-machine.txt").lines().toList()));
    RunInfo run =
        new RunInfo(
            "5eed0000-0000-4000-8000-000000000001",
            Instant.parse("2026-11-20T10:00:00.123456789Z"),
            "golden-host",
            "measure --only compute,memory --json run.json",
            List.of("compute", "memory", "storage"),
            Effort.STANDARD);
    ObjectNode compute = Json.object();
    Figures.put(
        compute,
        "clockHz",
        Figure.of(
            Samples.of(2.4e9, 2.45e9, 2.44e9), Statistic.MEDIAN, "Hz", "dependent add chain"));
    ObjectNode memory = Json.object();
    ObjectNode l1 = memory.putArray("levels").addObject();
    l1.put("name", "L1");
    l1.put("sizeBytes", 32768);
    l1.put("reportedSizeBytes", 32768);
    Figures.put(
        l1,
        "latencyNs",
        Figure.of(new Samples(new double[] {1.5, 1.25, 1.375}, 2), Statistic.MIN, "ns", "chase")
            .withVariant("tlb-grouped, 4 KiB pages"));
    ObjectNode jvm = Json.object();
    jvm.put("version", "25.0.3");
    jvm.put("vendor", "Eclipse Adoptium");
    jvm.put("vm", "OpenJDK 64-Bit Server VM 25.0.3+9-LTS");
    jvm.putArray("flags").add("--add-modules=jdk.incubator.vector");
    NoiseRecord noise = new NoiseRecord("memory.latency", 2.5, 0.001, 0.25, 1.5);
    List<Forker.Outcome> outcomes =
        List.of(
            new Forker.Outcome(new PartResult("compute", compute, Map.of(), List.of(), true), jvm),
            new Forker.Outcome(
                new PartResult(
                    "memory",
                    memory,
                    Map.of("memory.hugePages", "no transparent huge pages: THP is [never]"),
                    List.of(noise),
                    true),
                jvm));
    return DocumentAssembler.assemble(
        run,
        Instant.parse("2026-11-20T10:00:42.5Z"),
        machine,
        new TimerInfo(29.0, 56.25),
        outcomes,
        Map.of("storage", "--disk-dir /nope does not exist"),
        false,
        new int[] {0, 1});
  }

  @Test
  void theDocumentShapeIsSealed() {
    ObjectNode doc = assembled();
    assertThat(doc.path("memory").path("levels").get(0).has("latencyCycles"))
        .as("figures across parts are derived")
        .isTrue();
    // machine.flags comes from a Set.of, whose order changes from one JVM to the next
    var flags = new java.util.ArrayList<String>();
    doc.path("machine").path("flags").forEach(f -> flags.add(f.asText()));
    java.util.Collections.sort(flags);
    var sorted = ((ObjectNode) doc.get("machine")).putArray("flags");
    flags.forEach(sorted::add);
    Golden.assertMatches("document.json", Json.write(doc) + "\n");
  }
}
