package dev.anatomy.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LatencyFiguresTest {
  static Histogram round(long... values) {
    Histogram h = LatencyFigures.newHistogram();
    for (long v : values) {
      h.recordValue(v);
    }
    return h;
  }

  @Test
  void writesOrderedPercentilesWithTheirRoundsAsSamples() {
    Histogram a = LatencyFigures.newHistogram();
    Histogram b = LatencyFigures.newHistogram();
    for (int i = 1; i <= 1000; i++) {
      a.recordValue(i * 1000L);
      b.recordValue(i * 2000L);
    }
    ObjectNode parent = Json.object();
    LatencyFigures.put(parent, "latencyNs", List.of(a, b), "test", "v");
    ObjectNode o = (ObjectNode) parent.get("latencyNs");
    assertThat(o.get("p50").asDouble()).isLessThanOrEqualTo(o.get("p99").asDouble());
    assertThat(o.get("p99").asDouble()).isLessThanOrEqualTo(o.get("p999").asDouble());
    assertThat(o.get("count").asLong()).isEqualTo(2000);
    assertThat(o.get("rounds").asInt()).isEqualTo(2);
    Figure p50 = Figures.get(o, "p50").orElseThrow();
    assertThat(p50.samples().count()).isEqualTo(2);
    assertThat(p50.unit()).isEqualTo("ns");
    assertThat(p50.variant()).isEqualTo("v");
    assertThat(p50.value()).isBetween(500_000.0 * 0.99, 1_000_000.0 * 1.01);
  }

  @Test
  void keepsTheWholeHistogramReadably() throws DataFormatException {
    ObjectNode parent = Json.object();
    LatencyFigures.put(parent, "x", List.of(round(10, 20, 30), round(40)), "m", "");
    Histogram back = LatencyFigures.decode(parent.get("x").get("histogram").asText());
    assertThat(back.getTotalCount()).isEqualTo(4);
    assertThat(back.getMaxValue()).isEqualTo(40);
  }

  @Test
  void refusesARunWithoutLatencies() {
    assertThatThrownBy(() -> LatencyFigures.put(Json.object(), "x", List.of(), "m", ""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LatencyFigures.put(Json.object(), "x", List.of(round()), "m", ""))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
