package dev.anatomy.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anatomy.result.FigureIndex;
import dev.anatomy.result.Json;
import dev.anatomy.testing.Documents;
import dev.anatomy.testing.Golden;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class OpenMetricsTest {
  private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern SAMPLE =
      Pattern.compile(
          "([a-zA-Z_:][a-zA-Z0-9_:]*)\\{([a-z_][a-z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\.)*\""
              + "(?:,[a-z_][a-z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\.)*\")*)\\} (\\S+)");

  private static final ObjectNode DOC =
      Documents.allParts(
          "0e0e0e0e-0000-4000-8000-000000000001", Instant.parse("2026-11-20T10:00:00Z"), 1, 11);

  @Test
  void theExpositionIsSealed() {
    Golden.assertMatches("all-parts.openmetrics.txt", OpenMetrics.render(DOC));
  }

  @Test
  void namesCarryBaseUnitsAndLabelsCarryIdentity() {
    String text = OpenMetrics.render(DOC);
    assertThat(text)
        .contains("# TYPE anatomy_memory_levels_latency_seconds gauge\n")
        .contains("# UNIT anatomy_memory_levels_latency_seconds seconds\n")
        .contains(
            "anatomy_memory_levels_latency_seconds{host=\"testhost\","
                + "run=\"0e0e0e0e-0000-4000-8000-000000000001\",tier=\"L1\"} ")
        .contains("anatomy_memory_bandwidth_curve_bytes_per_second{")
        .contains("threads=\"1\",kernel=\"triad\"}")
        .contains("anatomy_storage_random_read_latency_seconds{")
        .contains("quantile=\"0.99\"}")
        .contains("anatomy_compute_clock_hertz{")
        .contains("anatomy_compute_amdahl_demo_speedup{")
        .contains("occurrence=\"2\"}")
        .contains("anatomy_run_info{")
        .endsWith("# EOF\n");
  }

  @Test
  void convertsNanosecondsToSeconds() {
    double ns = DOC.path("memory").path("levels").get(0).path("latencyNs").asDouble();
    String line =
        OpenMetrics.render(DOC)
            .lines()
            .filter(l -> l.startsWith("anatomy_memory_levels_latency_seconds{") && l.contains("L1"))
            .findFirst()
            .orElseThrow();
    assertThat(Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .isCloseTo(ns * 1e-9, org.assertj.core.api.Assertions.withinPercentage(1e-9));
  }

  @Test
  void aRealDocumentExportsAWellFormedExposition() throws Exception {
    ObjectNode real = (ObjectNode) Json.parse(Documents.resource("documents/memory-quick-vm.json"));
    String text = OpenMetrics.render(real);
    List<String> families = new ArrayList<>();
    Set<String> samples = new HashSet<>();
    String current = null;
    int sampleCount = 0;
    List<String> lines = text.lines().toList();
    assertThat(lines.get(lines.size() - 1)).isEqualTo("# EOF");
    for (String l : lines.subList(0, lines.size() - 1)) {
      if (l.startsWith("# TYPE ")) {
        String[] p = l.split(" ");
        assertThat(p).hasSize(4);
        assertThat(p[2]).matches(NAME);
        assertThat(families).as("families are contiguous").doesNotContain(p[2]);
        families.add(p[2]);
        current = p[2];
      } else if (l.startsWith("# UNIT ") || l.startsWith("# HELP ")) {
        assertThat(l.split(" ")[2]).isEqualTo(current);
        if (l.startsWith("# UNIT ")) {
          assertThat(current).endsWith("_" + l.split(" ")[3]);
        }
      } else {
        var m = SAMPLE.matcher(l);
        assertThat(m.matches()).as("sample line %s", l).isTrue();
        assertThat(m.group(1)).startsWith(current);
        assertThat(Double.parseDouble(m.group(3))).isFinite();
        assertThat(samples.add(m.group(1) + "{" + m.group(2) + "}")).as("unique %s", l).isTrue();
        sampleCount++;
      }
    }
    // every figure, plus the run's info, start time and duration
    assertThat(sampleCount).isEqualTo(FigureIndex.of(real).size() + 3);
  }
}
