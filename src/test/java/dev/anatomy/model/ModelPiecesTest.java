package dev.anatomy.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anatomy.result.Json;
import dev.anatomy.run.UsageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelPiecesTest {
  static JsonNode document(String name) throws IOException {
    try (InputStream in = ModelPiecesTest.class.getResourceAsStream("/documents/" + name)) {
      return Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void curvesInterpolateInLogSizeAndHoldFlatBeyondTheEnds() {
    Curve c =
        new Curve(
            List.of(
                new Curve.Point(4096, 10), new Curve.Point(1024, 0), new Curve.Point(16384, 30)));
    assertThat(c.at(100)).isEqualTo(0);
    assertThat(c.at(2048)).isCloseTo(5, within(1e-12));
    assertThat(c.at(8192)).isCloseTo(20, within(1e-12));
    assertThat(c.at(1L << 40)).isEqualTo(30);
    assertThatThrownBy(() -> new Curve(List.of()).at(1)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void accessParsesTheCommandLineForms() {
    assertThat(Access.parse("sequential")).isEqualTo(Access.SEQUENTIAL);
    assertThat(Access.parse("RANDOM")).isEqualTo(Access.RANDOM);
    assertThat(Access.parse("strided:256").strideBytes()).isEqualTo(256);
    assertThat(Access.parse("strided:256").toString()).isEqualTo("strided:256");
    assertThat(Access.parse("random:0.25").serialisedFraction()).isEqualTo(0.25);
    assertThat(Access.parse("random:0.25").toString()).isEqualTo("random:0.2500");
    assertThat(Access.parse("random:0").serialisedFraction()).isZero();
    for (String bad :
        new String[] {
          "", "zigzag", "strided:", "strided:-4", "strided:x", "random:2", "random:-0.1", "random:x"
        }) {
      assertThatThrownBy(() -> Access.parse(bad)).as(bad).isInstanceOf(UsageException.class);
    }
  }

  @Test
  void aKernelDescriptionRejectsNegativeAndMissingFigures() {
    assertThatThrownBy(
            () -> PredictorTest.kernel(-1, 8, 0, 4096, Access.SEQUENTIAL, 1, 0, false, false))
        .hasMessageContaining("--flops-per-iteration");
    assertThatThrownBy(
            () -> PredictorTest.kernel(0, 0, 0, 4096, Access.SEQUENTIAL, 1, 0, false, false))
        .hasMessageContaining("flops or bytes");
    assertThatThrownBy(
            () -> PredictorTest.kernel(1, 8, 0, 0, Access.SEQUENTIAL, 1, 0, false, false))
        .hasMessageContaining("--working-set");
    assertThatThrownBy(
            () -> PredictorTest.kernel(1, 8, 0, 4096, Access.SEQUENTIAL, 0, 0, false, false))
        .hasMessageContaining("--threads");
    assertThatThrownBy(
            () -> PredictorTest.kernel(1, 8, 0, 4096, Access.SEQUENTIAL, 1, 1.5, false, false))
        .hasMessageContaining("--serial-fraction");
    assertThat(
            PredictorTest.kernel(2, 16, 8, 4096, Access.SEQUENTIAL, 1, 0, true, true)
                .arithmeticIntensity())
        .isCloseTo(2.0 / 24, within(1e-12));
  }

  @Test
  void buildsTheModelFromAMeasuredMemoryRun() throws IOException {
    MachineModel m = ModelBuilder.build(document("memory-standard.json")).orElseThrow();
    assertThat(m.tiers()).extracting(MachineModel.Tier::name).startsWith("L1").endsWith("DRAM");
    assertThat(m.tiers().get(0).privatePerCore()).isTrue();
    assertThat(m.bandwidth()).containsKeys("read", "write", "copy", "triad");
    assertThat(m.bandwidthCurve("triad", 2).orElseThrow().getKey()).isEqualTo(2);
    assertThat(m.bandwidthCurve("triad", 64).orElseThrow().getKey()).isEqualTo(2);
    assertThat(m.latencyRandom().isEmpty()).isFalse();
    assertThat(m.memoryLevelParallelism()).isGreaterThan(1);
    assertThat(m.compute()).isEmpty();
    assertThat(m.cores()).isEqualTo(2);
  }

  @Test
  void cpuidsCachesArePrivateUpToLevelTwo() throws IOException {
    var doc = (com.fasterxml.jackson.databind.node.ObjectNode) document("memory-standard.json");
    for (JsonNode c : doc.path("machine").path("caches")) {
      ((com.fasterxml.jackson.databind.node.ObjectNode) c).putArray("sharedCpus");
    }
    MachineModel m = ModelBuilder.build(doc).orElseThrow();
    assertThat(m.tiers())
        .filteredOn(t -> t.name().startsWith("L"))
        .allMatch(t -> t.privatePerCore() == (Integer.parseInt(t.name().substring(1)) <= 2))
        .extracting(MachineModel.Tier::name)
        .contains("L1", "L2", "L3");
  }

  @Test
  void theModelSectionRoundTrips() throws IOException {
    MachineModel m = ModelBuilder.build(document("memory-standard.json")).orElseThrow();
    JsonNode section = ModelJson.write(m);
    assertThat(section.path("bandwidthCeilings").size()).isPositive();
    MachineModel back = ModelJson.read(section);
    assertThat(back.tiers()).isEqualTo(m.tiers());
    assertThat(back.latencyRandom()).isEqualTo(m.latencyRandom());
    assertThat(back.bandwidth().get("read").get(1)).isEqualTo(m.bandwidth().get("read").get(1));
    var doc = (com.fasterxml.jackson.databind.node.ObjectNode) document("memory-standard.json");
    doc.set("model", section);
    assertThat(ModelBuilder.of(doc).orElseThrow().tiers()).isEqualTo(m.tiers());
  }

  @Test
  void aRunWithoutMemoryOrComputeHasNoModel() {
    assertThat(ModelBuilder.build(Json.object())).isEmpty();
  }

  @Test
  void theSuiteRunsOnePerTier() throws IOException {
    MachineModel m = ModelBuilder.build(document("memory-standard.json")).orElseThrow();
    List<Long> sizes = Validation.suiteSizes(m, 1L << 30);
    assertThat(sizes).hasSize(m.tiers().size()).isSorted();
    assertThat(sizes.get(0)).isEqualTo(m.tiers().get(0).capacityBytes() / 2);
    assertThat(sizes.get(sizes.size() - 1)).isGreaterThanOrEqualTo(64L << 20);
  }

  @Test
  void theSuiteStaysWithinTheMeasuringHeapWhateverTheCaches() {
    // a 256 MiB last-level cache would ask for a 1 GiB memory set: the heap holds a quarter
    MachineModel big =
        new MachineModel(
            2,
            3e9,
            List.of(
                new MachineModel.Tier("L1", 32768, 1, true),
                new MachineModel.Tier("L3", 256L << 20, 40, false),
                new MachineModel.Tier("DRAM", 0, 100, false)),
            java.util.Map.of(),
            new Curve(List.of(new Curve.Point(4096, 1))),
            new Curve(List.of(new Curve.Point(4096, 1))),
            4,
            List.of(),
            java.util.Optional.empty());
    List<Long> sizes = Validation.suiteSizes(big, Validation.LARGEST_SUITE_BYTES);
    assertThat(sizes).last().isEqualTo(Validation.LARGEST_SUITE_BYTES);
    assertThat(sizes).allMatch(s -> s <= Validation.LARGEST_SUITE_BYTES);
  }
}
