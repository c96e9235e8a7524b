package dev.anatomy.report.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScalingChartsTest {
  private static JsonNode series(Chart c, String prefix) {
    for (JsonNode s : c.option().orElseThrow().get("series")) {
      if (s.path("name").asText().startsWith(prefix)) {
        return s;
      }
    }
    throw new AssertionError("no series starting " + prefix);
  }

  private static double yAt(JsonNode series, double x) {
    for (JsonNode d : series.get("data")) {
      JsonNode v = d.has("value") ? d.get("value") : d;
      if (Math.abs(v.get(0).asDouble() - x) < 1e-9) {
        return v.get(1).asDouble();
      }
    }
    throw new AssertionError("no point at " + x);
  }

  @Test
  void measuredScalingCarriesTheAmdahlFitToSixteenTimesTheCores() {
    Chart c = ScalingCharts.measured(Documents.full());
    JsonNode amdahl = series(c, "Amdahl fit, p = 0.026");
    JsonNode data = amdahl.get("data");

    assertThat(yAt(amdahl, 2)).isCloseTo(ScalingCharts.amdahl(0.026, 2), within(1e-9));
    assertThat(data.get(data.size() - 1).get(0).asDouble()).isEqualTo(32.0);
    assertThat(series(c, "compute bound, measured").get("data")).hasSize(2);
    assertThat(series(c, "memory bound, measured").get("data")).hasSize(2);
    assertThat(c.notes())
        .containsExactly(
            "the USL fit: not measured (the USL needs at least 4 thread counts; this machine has 2"
                + " CPUs)");
  }

  @Test
  void uslFitIsDrawnWhenTheDocumentHasIt() {
    ObjectNode doc = Documents.full();
    ((ObjectNode) doc.at("/machine")).put("physicalCores", 64);
    ObjectNode scaling = (ObjectNode) doc.at("/compute/scaling");
    scaling.putObject("usl").put("sigma", 0.02).put("kappa", 0.0005).put("lambda", 1.0);
    ArrayNode points = scaling.putArray("computeBound");
    for (int n : new int[] {1, 2, 4, 8, 16, 32, 64}) {
      points.addObject().put("threads", n).put("throughput", 100.0 * n / (1 + 0.02 * (n - 1)));
    }

    Chart c = ScalingCharts.measured(doc);
    JsonNode usl = series(c, "USL fit");

    double expected = 8 / (1 + 0.02 * 7 + 0.0005 * 8 * 7);
    assertThat(yAt(usl, 8)).isCloseTo(expected, within(1e-9));
    assertThat(yAt(series(c, "compute bound, measured"), 64))
        .isCloseTo(64 / (1 + 0.02 * 63), within(1e-9));
    assertThat(c.notes()).isEmpty();
  }

  @Test
  void amdahlDemoShowsEachSerialFractionBesideTheLaw() {
    Chart c = ScalingCharts.amdahlDemo(Documents.full());
    List<String> names = new ArrayList<>();
    c.option().orElseThrow().get("series").forEach(s -> names.add(s.get("name").asText()));

    assertThat(names)
        .containsExactly(
            "p = 0.00, measured",
            "p = 0.00, Amdahl",
            "p = 0.05, measured (fit: 0.058)",
            "p = 0.05, Amdahl",
            "p = 0.25, measured (fit: 0.266)",
            "p = 0.25, Amdahl");
    assertThat(yAt(series(c, "p = 0.25, Amdahl"), 2)).isEqualTo(1.6);
  }

  @Test
  void globalLockIsShownBesideItsLimitAndTheForkJoinJob() {
    Chart c = ScalingCharts.globalLock(Documents.full());

    assertThat(yAt(series(c, "p = 0.25, limit"), 2)).isEqualTo(2.0);
    assertThat(yAt(series(c, "p = 0.25, fork-join"), 2)).isEqualTo(1.58);
    assertThat(yAt(series(c, "p = 0.25, global lock"), 2)).isEqualTo(1.71);
  }

  @Test
  void scalingChartsSayWhyWithoutTheComputePart() {
    Chart c = ScalingCharts.globalLock(Documents.memory());

    assertThat(c.option()).isEmpty();
    assertThat(c.notes().get(0)).startsWith("the global-lock demo: not in this run");
  }

  @Test
  void coresComeFromTheInventory() {
    assertThat(ScalingCharts.cores(Documents.memory())).isEqualTo(2);
  }
}
