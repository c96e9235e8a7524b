package dev.anatomy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anatomy.model.MachineModel;
import dev.anatomy.model.ModelJson;
import dev.anatomy.result.Json;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictCommandTest {
  /** The stored memory-only run, copied as it is to {@code dir/m.json}. */
  static Path memoryRun(Path dir) throws Exception {
    Path f = dir.resolve("m.json");
    try (InputStream in =
        PredictCommandTest.class.getResourceAsStream("/documents/memory-standard.json")) {
      Files.write(f, in.readAllBytes());
    }
    return f;
  }

  /** A measured memory run with a model whose compute ceilings are known. */
  static Path run(Path dir) throws Exception {
    ObjectNode doc;
    try (InputStream in =
        PredictCommandTest.class.getResourceAsStream("/documents/memory-standard.json")) {
      doc = (ObjectNode) Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    MachineModel m = dev.anatomy.model.ModelBuilder.build(doc).orElseThrow();
    MachineModel withCompute =
        new MachineModel(
            m.cores(),
            3e9,
            m.tiers(),
            m.bandwidth(),
            m.latencyRandom(),
            m.latencyGrouped(),
            m.memoryLevelParallelism(),
            dev.anatomy.model.PredictorTest.machine().compute(),
            m.scaling());
    doc.set("model", ModelJson.write(withCompute));
    Path file = dir.resolve("run.json");
    Files.writeString(file, Json.write(doc));
    return file;
  }

  @Test
  void predictsADramTriadAndWritesTheSection(@TempDir Path dir) throws Exception {
    Path from = run(dir);
    Path out = dir.resolve("p.json");
    MeasureCommandTest.Run r =
        MeasureCommandTest.run(
            "predict",
            "--from",
            from.toString(),
            "--name",
            "triad",
            "--flops-per-iteration",
            "2",
            "--bytes-read-per-iteration",
            "16",
            "--bytes-written-per-iteration",
            "8",
            "--iterations",
            "1e9",
            "--working-set",
            "3GiB",
            "--vectorised",
            "yes",
            "--fma",
            "yes",
            "--json",
            out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("kernel triad:").contains("bound: bandwidth / DRAM");
    JsonNode p = Json.parse(Files.readString(out)).get("prediction");
    assertThat(p.get("predictedSeconds").asDouble()).isPositive();
    assertThat(p.get("attainableFlopsPerSecond").asDouble()).isPositive();
    assertThat(p.get("attainableBytesPerSecond").asDouble()).isPositive();
    assertThat(p.get("bound").get("kind").asText()).isEqualTo("bandwidth");
    assertThat(p.get("bound").get("tier").asText()).isEqualTo("DRAM");
  }

  @Test
  void readsAKernelFromYamlAndLetsFlagsOverrideIt(@TempDir Path dir) throws Exception {
    Path from = run(dir);
    Path kernel = dir.resolve("list.yaml");
    Files.writeString(
        kernel,
        """
        name: list
        bytesReadPerIteration: 8
        iterations: 1.0e7
        workingSetBytes: 1073741824
        access: dependent
        """);
    MeasureCommandTest.Run r =
        MeasureCommandTest.run("predict", "--from", from.toString(), "--kernel", kernel.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("bound: latency / DRAM");
    MeasureCommandTest.Run small =
        MeasureCommandTest.run(
            "predict",
            "--from",
            from.toString(),
            "--kernel",
            kernel.toString(),
            "--working-set",
            "16KiB");
    assertThat(small.out()).contains("bound: latency / L1");
  }

  @Test
  void badInputIsOneLineAndExitTwo(@TempDir Path dir) throws Exception {
    Path from = run(dir);
    String f = from.toString();
    String[][] bad = {
      {
        "predict",
        "--from",
        f,
        "--bytes-read-per-iteration",
        "-8",
        "--iterations",
        "1",
        "--working-set",
        "1MiB"
      },
      {"predict", "--from", f, "--bytes-read-per-iteration", "8", "--working-set", "1MiB"},
      {
        "predict",
        "--from",
        f,
        "--bytes-read-per-iteration",
        "8",
        "--iterations",
        "1",
        "--working-set",
        "1MiB",
        "--access",
        "zigzag"
      },
      {
        "predict",
        "--from",
        f,
        "--bytes-read-per-iteration",
        "8",
        "--iterations",
        "1",
        "--working-set",
        "1MiB",
        "--vectorised",
        "maybe"
      },
      {
        "predict",
        "--from",
        f,
        "--bytes-read-per-iteration",
        "8",
        "--iterations",
        "1",
        "--working-set",
        "900TiB"
      },
      {
        "predict",
        "--from",
        dir.resolve("missing.json").toString(),
        "--bytes-read-per-iteration",
        "8",
        "--iterations",
        "1",
        "--working-set",
        "1MiB"
      },
      {"predict", "--from", f, "--kernel", dir.resolve("none.yaml").toString()},
    };
    for (String[] args : bad) {
      MeasureCommandTest.Run r = MeasureCommandTest.run(args);
      assertThat(r.code())
          .as(String.join(" ", args) + ": " + r.err())
          .isEqualTo(ExitCodes.BAD_INPUT);
      assertThat(r.err().lines()).as(r.err()).hasSize(1);
    }
  }

  @Test
  void aKernelFileWithAMisspeltKeyOrAWrongKindOfValueIsRefused(@TempDir Path dir) throws Exception {
    Path f = memoryRun(dir);
    String[][] files = {
      {
        "{\"flopsPerIteration\": \"lots\", \"iterations\": 1, \"workingSetBytes\": 4096}",
        "\"flopsPerIteration\" must be a number, was \"lots\""
      },
      {
        "{\"bytesReadPerIteration\": 8, \"threads\": \"many\"}",
        "\"threads\" must be a whole number"
      },
      {"{\"bytesReadPerIteration\": 8, \"acess\": \"random\"}", "unknown key \"acess\""},
      {"{\"bytesReadPerIteration\": 8, \"fma\": \"perhaps\"}", "\"fma\" must be true or false"},
      {"{\"bytesReadPerIteration\": 8,", "not valid JSON"},
    };
    for (String[] c : files) {
      Path k = Files.writeString(dir.resolve("k.json"), c[0]);
      MeasureCommandTest.Run r =
          MeasureCommandTest.run("predict", "--from", f.toString(), "--kernel", k.toString());
      assertThat(r.code()).as(c[0]).isEqualTo(ExitCodes.BAD_INPUT);
      assertThat(r.err().lines()).as(r.err()).hasSize(1);
      assertThat(r.err()).as(c[0]).contains(c[1]).doesNotContain("REDACTED");
    }
  }

  @Test
  void aRunWithoutComputeCannotPredictFlopsAndSaysWhy(@TempDir Path dir) throws Exception {
    Path memoryOnly = memoryRun(dir);
    MeasureCommandTest.Run r =
        MeasureCommandTest.run(
            "predict",
            "--from",
            memoryOnly.toString(),
            "--flops-per-iteration",
            "2",
            "--iterations",
            "1e6",
            "--working-set",
            "16KiB");
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("compute");
    MeasureCommandTest.Run v = MeasureCommandTest.run("validate", "--from", memoryOnly.toString());
    assertThat(v.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(v.err()).contains("compute or memory figures");
  }

  @Test
  void validateRefusesAStoreItWouldNotUseBeforeMeasuring() {
    MeasureCommandTest.Run v =
        MeasureCommandTest.run("validate", "--quick", "--store", "/no/such/dir/x.db");
    assertThat(v.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(v.err().strip())
        .contains("without --run, validate measures afresh")
        .doesNotContain("\n");
  }
}
