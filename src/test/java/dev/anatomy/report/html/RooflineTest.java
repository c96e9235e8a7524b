package dev.anatomy.report.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RooflineTest {
  private static Roofline.Ceiling ceiling(List<Roofline.Ceiling> list, String name) {
    return list.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void computeRoofsComeFromTheMeasuredPeaksAndThroughputs() {
    Roofline roof = Roofline.of(Documents.with(Documents.memory(), "compute.json"));

    assertThat(ceiling(roof.compute(), "FP64 SIMD + FMA, 1 core").value()).isEqualTo(5.52e10);
    assertThat(ceiling(roof.compute(), "FP64 SIMD + FMA, all cores").allCores()).isTrue();
    assertThat(ceiling(roof.compute(), "FP64 theoretical, all cores").theoretical()).isTrue();
    assertThat(ceiling(roof.compute(), "FP64 SIMD add, 1 core").value())
        .isCloseTo(1.98 * 4 * 3.49e9, within(1e3));
    assertThat(ceiling(roof.compute(), "FP64 scalar FMA, 1 core").value())
        .isCloseTo(1.96 * 2 * 3.49e9, within(1e3));
    assertThat(roof.compute().get(0).value()).isGreaterThanOrEqualTo(roof.compute().get(1).value());
  }

  @Test
  void bandwidthRoofsAreEachTiersTriad() {
    Roofline roof = Roofline.of(Documents.memory());

    assertThat(roof.bandwidth())
        .extracting(Roofline.Ceiling::name)
        .containsExactly(
            "L1 triad, 1 thread",
            "L2 triad, 1 thread",
            "L3 triad, 1 thread",
            "DRAM triad, 1 thread",
            "DRAM triad, all threads");
    assertThat(roof.compute()).isEmpty();
    assertThat(roof.notes()).anyMatch(n -> n.startsWith("compute ceilings: not in this run"));
  }

  @Test
  void modelCeilingsWinOverDerivedOnes() {
    ObjectNode doc = Documents.with(Documents.memory(), "compute.json");
    ObjectNode model = doc.putObject("model");
    model
        .putArray("computeCeilings")
        .addObject()
        .put("name", "model FMA")
        .put("flopsPerSecond", 5e10);
    model.putArray("bandwidthCeilings").addObject().put("tier", "DRAM").put("bytesPerSecond", 1e10);

    Roofline roof = Roofline.of(doc);

    assertThat(roof.compute()).extracting(Roofline.Ceiling::name).containsExactly("model FMA");
    assertThat(roof.bandwidth()).extracting(Roofline.Ceiling::name).containsExactly("DRAM");
  }

  @Test
  void attainableIsTheLowestRoofAboveTheIntensity() {
    Roofline roof = Roofline.of(Documents.with(Documents.memory(), "compute.json"));
    double dram = 1.0e10;

    assertThat(roof.attainable(1.0 / 12, dram, false)).isCloseTo(dram / 12, within(1.0));
    assertThat(roof.attainable(1000, dram, false)).isEqualTo(5.52e10);
  }

  @Test
  void validationKernelsArePlacedAtTheirIntensityMeasuredAndPredicted() {
    List<String> notes = new ArrayList<>();
    List<RooflineChart.KernelPoint> kernels = RooflineChart.validation(Documents.full(), notes);

    RooflineChart.KernelPoint dot = kernels.get(0);
    assertThat(dot.name()).isEqualTo("dot");
    assertThat(dot.flopsPerByte()).isEqualTo(2.0 / 16);
    assertThat(dot.measured().getAsDouble()).isCloseTo(2e9 / 0.133, within(1.0));
    assertThat(dot.predicted().getAsDouble()).isCloseTo(2e9 / 0.121, within(1.0));
    assertThat(dot.tip()).contains("16 KiB working set", "bandwidth-bound (L1)");
    RooflineChart.KernelPoint stencil = kernels.get(1);
    assertThat(stencil.flopsPerByte()).isEqualTo(5.0 / 16);
    assertThat(kernels)
        .extracting(RooflineChart.KernelPoint::name)
        .doesNotContain("linked-list", "hash-map");
    assertThat(notes)
        .containsExactly(
            "not on the roofline, as they do no floating-point work: linked-list",
            "not on the roofline, as their entries give no FLOPs and bytes per iteration: hash-map");
  }

  @Test
  void measuredRunsOfTheValidationPartArePlacedWithoutPredictions() {
    ObjectNode doc = Documents.memory();
    ObjectNode run = doc.putObject("validation").putArray("runs").addObject();
    run.put("name", "triad").put("workingSetBytes", 1L << 30).put("threads", 2);
    run.put("iterations", 1e9).put("flopsPerIteration", 2);
    run.put("bytesReadPerIteration", 16).put("bytesWrittenPerIteration", 8);
    run.put("measuredSeconds", 2.0);

    List<RooflineChart.KernelPoint> kernels = RooflineChart.validation(doc, new ArrayList<>());

    assertThat(kernels).hasSize(1);
    assertThat(kernels.get(0).flopsPerByte()).isEqualTo(2.0 / 24);
    assertThat(kernels.get(0).measured()).hasValue(1e9);
    assertThat(kernels.get(0).predicted()).isEmpty();
    assertThat(kernels.get(0).tip()).contains("1 GiB working set", "2 threads");
  }

  @Test
  void predictionIsPlacedAtItsAttainableRates() {
    RooflineChart.KernelPoint p =
        RooflineChart.prediction(Documents.full(), new ArrayList<>()).orElseThrow();

    assertThat(p.name()).isEqualTo("my-stencil");
    assertThat(p.flopsPerByte()).isCloseTo(1.77e9 / 1.06e10, within(1e-12));
    assertThat(p.predicted()).hasValue(1.77e9);
    assertThat(p.measured()).isEmpty();
  }

  @Test
  void chartDrawsRoofsAsSegmentsAndKernelsAsPoints() {
    JsonNode option = RooflineChart.build(Documents.full()).option().orElseThrow();
    int roofs = 0;
    List<String> kernelSeries = new ArrayList<>();
    for (JsonNode s : option.get("series")) {
      if (s.has("markLine")) {
        roofs++;
        JsonNode seg = s.at("/markLine/data/0");
        assertThat(seg.at("/0/coord/0").asDouble()).isLessThan(seg.at("/1/coord/0").asDouble());
      } else {
        kernelSeries.add(s.get("name").asText());
      }
    }

    assertThat(roofs).isEqualTo(5 + 5);
    assertThat(kernelSeries).contains("kernel, measured", "kernel, predicted", "prediction error");
    assertThat(option.at("/yAxis/max").asDouble()).isGreaterThanOrEqualTo(1.117e11);
  }
}
