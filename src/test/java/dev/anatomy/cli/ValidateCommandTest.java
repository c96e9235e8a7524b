package dev.anatomy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anatomy.harness.NoiseRecord;
import dev.anatomy.report.Card;
import dev.anatomy.result.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValidateCommandTest {
  private static ObjectNode quietRun() {
    ObjectNode doc = Json.object();
    ObjectNode env = doc.putObject("environment");
    env.putArray("noise").add(Json.tree(new NoiseRecord("memory.latency", 8, 0.01, 0.0, 1.5)));
    env.put("busy", false);
    env.put("worstStealFraction", 0.01);
    env.put("worstForeignBusyFraction", 0.0);
    return doc;
  }

  @Test
  void aBusySuiteIsRecordedAndWarnedAboutLikeAMeasuredPart() {
    ObjectNode doc = quietRun();
    assertThat(Card.noise(doc)).isEmpty();
    ValidateCommand.addNoise(
        doc, List.of(new NoiseRecord("validation.suite", 40, 0.20, 0.02, 2.5)));
    var env = doc.path("environment");
    assertThat(env.path("noise")).hasSize(2);
    assertThat(env.path("busy").asBoolean()).isTrue();
    assertThat(env.path("worstStealFraction").asDouble()).isEqualTo(0.20);
    assertThat(env.path("worstForeignBusyFraction").asDouble()).isEqualTo(0.02);
    assertThat(Card.noise(doc)).contains("validation.suite").contains("20%");
  }

  @Test
  void aQuietSuiteLeavesTheRunQuiet() {
    ObjectNode doc = quietRun();
    ValidateCommand.addNoise(
        doc, List.of(new NoiseRecord("validation.suite", 40, 0.001, 0.01, 2.0)));
    assertThat(doc.path("environment").path("busy").asBoolean()).isFalse();
    assertThat(doc.path("environment").path("noise")).hasSize(2);
    assertThat(Card.noise(doc)).isEmpty();
  }
}
