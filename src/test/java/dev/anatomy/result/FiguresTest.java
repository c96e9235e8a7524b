package dev.anatomy.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anatomy.harness.Samples;
import dev.anatomy.harness.Statistic;
import org.junit.jupiter.api.Test;

class FiguresTest {
  private static final Figure LATENCY =
      Figure.of(Samples.of(1.5, 1.2, 1.4), Statistic.MIN, "ns", "pointer chase")
          .withVariant("random");

  @Test
  void writesThePlainNumberAndItsDetailsBeside() {
    ObjectNode level = Json.object();
    Figures.put(level, "latencyNs", LATENCY);
    assertThat(level.get("latencyNs").asDouble()).isEqualTo(1.2);
    ObjectNode d = (ObjectNode) level.get("details").get("latencyNs");
    assertThat(d.get("unit").asText()).isEqualTo("ns");
    assertThat(d.get("statistic").asText()).isEqualTo("min");
    assertThat(d.get("median").asDouble()).isEqualTo(1.4);
    assertThat(d.get("samples")).hasSize(3);
    assertThat(d.get("method").asText()).isEqualTo("pointer chase");
    assertThat(d.get("variant").asText()).isEqualTo("random");
  }

  @Test
  void readsBackWhatItWrote() {
    ObjectNode o = Json.object();
    Figures.put(o, "latencyNs", LATENCY);
    Figure back = Figures.get(o, "latencyNs").orElseThrow();
    assertThat(back.value()).isEqualTo(LATENCY.value());
    assertThat(back.samples().values()).containsExactly(1.5, 1.2, 1.4);
    assertThat(back.statistic()).isEqualTo(Statistic.MIN);
    assertThat(back.variant()).isEqualTo("random");
    assertThat(Figures.get(o, "missingNs")).isEmpty();
  }

  @Test
  void scalesLinearly() {
    Figure cycles = LATENCY.scaled(3.0, "cycles");
    assertThat(cycles.value()).isEqualTo(3.6, org.assertj.core.api.Assertions.within(1e-12));
    assertThat(cycles.unit()).isEqualTo("cycles");
    assertThat(cycles.samples().max()).isEqualTo(4.5);
    assertThat(LATENCY.relativeSpread())
        .isEqualTo(0.25, org.assertj.core.api.Assertions.within(1e-12));
  }

  @Test
  void robustSpreadIgnoresOneDisturbedSample() {
    Figure f = Figure.of(Samples.of(10, 10.2, 9.8, 10.1, 400), Statistic.MEDIAN, "ns", "m");
    assertThat(Figures.relativeMad(f.samples(), f.value()))
        .isCloseTo(0.1 / 10.1, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(f.relativeSpread()).isGreaterThan(30);
  }

  @Test
  void pooledFiguresRecomputeTheirStatisticOverBothVisits() {
    Figure first =
        Figure.of(Samples.of(4, 5, 6), Statistic.MEDIAN, "ns", "m").withVariant("random");
    Figure second = Figure.of(Samples.of(1, 2), Statistic.MIN, "ns", "other");
    Figure both = first.pooledWith(second);
    assertThat(both.statistic()).isEqualTo(Statistic.MEDIAN);
    assertThat(both.value()).isEqualTo(4);
    assertThat(both.samples().values()).containsExactly(4, 5, 6, 1, 2);
    assertThat(both.method()).isEqualTo("m");
    assertThat(both.variant()).isEqualTo("random");
    assertThatThrownBy(() -> first.pooledWith(Figure.of(Samples.of(1), Statistic.MIN, "B/s", "m")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("B/s");
  }

  @Test
  void aFigureIsFinite() {
    assertThatThrownBy(() -> new Figure(Double.NaN, "ns", Statistic.MIN, Samples.of(1), "m", ""))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void unavailableKeepsTheOrderOfReasons() {
    Unavailable u = new Unavailable();
    assertThat(u.isEmpty()).isTrue();
    u.add("links.pcie", "no libcuda.so.1");
    u.add("compute.smt", "no SMT siblings");
    assertThat(u.asMap().keySet()).containsExactly("links.pcie", "compute.smt");
  }
}
