package dev.anatomy.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FigureTableTest {
  @Test
  void groupsFiguresByPartAndSection() {
    Map<String, List<FigureTable.Row>> groups = FigureTable.groups(Documents.full());

    assertThat(groups)
        .containsKeys(
            "memory.levels",
            "memory.latencyCurve",
            "memory.bandwidthCurve",
            "compute",
            "compute.peakFlops",
            "storage",
            "links.pcie",
            "validation.kernels")
        .doesNotContainKey("memory.method");
  }

  @Test
  void curvePointsCarryWhatLocatesThemNotTheirCoordinatesAsFigures() {
    List<FigureTable.Row> curve = FigureTable.groups(Documents.memory()).get("memory.latencyCurve");

    assertThat(curve).allSatisfy(r -> assertThat(r.key()).endsWith(".latencyNs"));
    FigureTable.Row first = curve.get(0);
    assertThat(first.key()).isEqualTo("memory.latencyCurve[0].latencyNs");
    assertThat(first.context()).isEqualTo("random · 4 KiB · 4 KiB pages");
    assertThat(first.unit()).isEqualTo("ns");
    assertThat(first.details().path("statistic").asText()).isEqualTo("min");
  }

  @Test
  void figuresWithoutDetailsTakeTheirUnitFromTheirName() {
    List<FigureTable.Row> compute = FigureTable.groups(Documents.full()).get("compute");

    FigureTable.Row clock =
        compute.stream().filter(r -> r.key().equals("compute.clockHz")).findFirst().orElseThrow();
    assertThat(clock.unit()).isEqualTo("Hz");
    assertThat(clock.human()).isEqualTo("3.49 GHz");
    assertThat(clock.details().isMissingNode()).isTrue();
  }
}
