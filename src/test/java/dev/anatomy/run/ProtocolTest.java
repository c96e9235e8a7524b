package dev.anatomy.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anatomy.harness.NoiseRecord;
import dev.anatomy.result.Json;
import dev.anatomy.result.PartResult;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What travels between the command line and the forked JVM that measures. */
class ProtocolTest {
  @Test
  void progressLinesRoundTripAndOtherLinesAreNotProgress() {
    ProgressLine p = new ProgressLine("memory: latency\tsweep", 0.25, 3.5);
    ProgressLine back = ProgressLine.parse(p.format()).orElseThrow();
    assertThat(back.step()).isEqualTo("memory: latency sweep");
    assertThat(back.fraction()).isEqualTo(0.25);
    assertThat(back.secondsLeft()).isEqualTo(3.5);
    assertThat(
            ProgressLine.parse(new ProgressLine("s", 0, Double.NaN).format())
                .orElseThrow()
                .secondsLeft())
        .isNaN();
    assertThat(ProgressLine.parse("WARNING: something")).isEmpty();
    assertThat(ProgressLine.parse(ProgressLine.MARKER + "a\tb")).isEmpty();
    assertThat(ProgressLine.parse(ProgressLine.MARKER + "a\tx\ty")).isEmpty();
  }

  @Test
  void optionsRoundTripAsJson() {
    MeasureOptions o =
        new MeasureOptions(
            List.of("memory", "storage"),
            Effort.DEEP,
            1L << 30,
            Optional.of("/tmp/d"),
            2L << 30,
            Optional.empty(),
            Optional.of("10.0.0.2:7000"));
    assertThat(MeasureOptions.fromJson(o.toJson())).isEqualTo(o);
    assertThat(MeasureOptions.of(List.of("memory"), Effort.QUICK).diskSizeBytes())
        .isEqualTo(MeasureOptions.DEFAULT_DISK_SIZE);
  }

  @Test
  void aPartsResultSurvivesTheTrip() throws PartFailedException {
    ObjectNode section = Json.object();
    section.put("x", 1);
    PartResult r =
        new PartResult(
            "memory",
            section,
            Map.of("memory.loadedLatency", "needs 2 CPUs"),
            List.of(new NoiseRecord("memory.latency", 1.5, 0.01, 0.2, 0.7)),
            true);
    Forker.Outcome back = Forker.parse("memory", Json.writeCompact(ForkMain.toJson(r)));
    assertThat(back.result().section().get("x").asInt()).isEqualTo(1);
    assertThat(back.result().unavailable()).containsEntry("memory.loadedLatency", "needs 2 CPUs");
    assertThat(back.result().noise().get(0).busy()).isTrue();
    assertThat(back.jvm().get("version").asText()).isNotBlank();
  }

  @Test
  void garbageFromAChildIsAFailureNotACrash() {
    assertThatThrownBy(() -> Forker.parse("memory", "not json"))
        .isInstanceOf(PartFailedException.class)
        .hasMessageContaining("memory wrote no valid result");
    assertThatThrownBy(() -> Forker.parse("memory", "{\"part\":\"memory\"}"))
        .isInstanceOf(PartFailedException.class);
  }

  @Test
  void unknownPartsAreRefused() {
    assertThatThrownBy(() -> Parts.create("gpu"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown part");
    assertThat(Parts.names()).contains("memory");
  }
}
