package dev.anatomy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anatomy.harness.Affinity;
import dev.anatomy.harness.MemoryLimit;
import dev.anatomy.memory.MemoryPlan;
import dev.anatomy.result.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeasureCommandTest {
  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void rejectsAnUnknownPartInOneLine() {
    Run r = run("measure", "--only", "memory,gpu");
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err().lines()).hasSize(1);
    assertThat(r.err()).contains("unknown part 'gpu'").contains("memory");
  }

  @Test
  void rejectsMalformedAndNegativeSizes() {
    assertThat(run("measure", "--max-size", "huge").code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run("measure", "--max-size", "-5MiB").code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run("measure", "--disk-size", "0").code()).isEqualTo(ExitCodes.BAD_INPUT);
  }

  @Test
  void rejectsASizeBeyondTheMemoryLimit() {
    Run r = run("measure", "--only", "memory", "--max-size", "64TiB");
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("beyond the memory limit");
  }

  @Test
  void rejectsASizeWhoseArraysTogetherAreBeyondTheMemoryLimit() {
    long budget = MemoryLimit.read().budgetBytes();
    int cpus = Affinity.allowedCpus().length;
    // under the limit itself, but the chase and the stream arrays need several times the size
    long asked = budget / 2 / (1L << 20) * (1L << 20);
    assertThat(MemoryPlan.mappedBytes(asked, cpus)).isGreaterThan(budget);
    Run r = run("measure", "--only", "memory", "--max-size", asked + "B");
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err().lines()).hasSize(1);
    assertThat(r.err()).contains("beyond the memory limit").contains("the memory part maps");
    long fits = MemoryPlan.largestFitting(asked, cpus, budget);
    assertThat(fits).isLessThan(asked);
    assertThat(MemoryPlan.mappedBytes(fits, cpus)).isLessThanOrEqualTo(budget);
    assertThat(MemoryPlan.mappedBytes(fits + (1L << 20), cpus)).isGreaterThan(budget);
    // the command read MemAvailable a moment later: its figure may differ by a little
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("--max-size (\\d+)MiB fits").matcher(r.err());
    assertThat(m.find()).as(r.err()).isTrue();
    assertThat((double) Long.parseLong(m.group(1))).isCloseTo(fits >> 20, withinPercentage(5));
  }

  @Test
  void rejectsAnUnwritableJsonPathBeforeMeasuring(@TempDir Path dir) {
    Run r =
        run("measure", "--only", "memory", "--json", dir.resolve("no/such/dir/x.json").toString());
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("does not exist");
    assertThat(run("measure", "--json", dir.toString()).err()).contains("is a folder");
  }

  @Test
  void rejectsConflictingEffortsAndUnknownOptions() {
    assertThat(run("measure", "--quick", "--deep").code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run("measure", "--quick", "--deep").err())
        .isEqualTo(
            "anatomy: --quick, --deep are mutually exclusive (specify only one) (see anatomy"
                + " measure --help)"
                + System.lineSeparator());
    assertThat(run("measure", "--quick", "--quick").err())
        .startsWith("anatomy: --quick was given more than once");
    Run r = run("measure", "--frobnicate");
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err().lines()).hasSize(1);
  }

  @Test
  void refusesOutputsThatWouldReplaceEachOtherBeforeMeasuring(@TempDir Path dir) {
    String same = dir.resolve("out").toString();
    Run both = run("measure", "--only", "memory", "--json", same, "--html", same, "--no-store");
    assertThat(both.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(both.err().strip())
        .contains("--json and --html name the same file")
        .doesNotContain("\n");

    Run store = run("measure", "--only", "memory", "--json", same, "--store", same);
    assertThat(store.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(store.err()).contains("is the history store (--store)");
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void saysInOneLineEachWhenAnOptionIsForAPartNotMeasured() {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    MeasureCommand cmd =
        new MeasureCommand(
            new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
    new picocli.CommandLine(cmd)
        .parseArgs("--only", "memory", "--disk-dir", "/no/such/dir", "--peer", "h:1", "--no-store");
    cmd.plan();
    assertThat(bytes.toString(java.nio.charset.StandardCharsets.UTF_8).lines())
        .containsExactly(
            "anatomy: --disk-dir is ignored: storage is not measured (--only)",
            "anatomy: --peer is ignored: links is not measured (--only)");
  }

  @Test
  void printsVersionAndHelp() {
    assertThat(run("--version").out()).startsWith("anatomy ");
    assertThat(run("--help").out()).contains("measure");
    assertThat(run("measure", "--help").out()).contains("--only", "--json", "--quick");
  }

  @Test
  void measuresMemoryInAForkedJvmAndWritesTheDocument(@TempDir Path dir) throws Exception {
    Path json = dir.resolve("run.json");
    Run r =
        run(
            "measure",
            "--only",
            "memory",
            "--quick",
            "--max-size",
            "64MiB",
            "--json",
            json.toString());
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
    assertThat(r.out()).contains("MEMORY UNITS").contains("L1").contains("DRAM");
    assertThat(r.err()).doesNotContain("WARNING: Using incubator modules");
    JsonNode doc = Json.parse(Files.readString(json));
    assertThat(doc.get("schemaVersion").asInt()).isEqualTo(1);
    assertThat(doc.get("run").get("partsMeasured").get(0).asText()).isEqualTo("memory");
    assertThat(doc.get("memory").get("levels").size()).isGreaterThanOrEqualTo(2);
    assertThat(doc.get("environment").get("jvm").get("flags").toString())
        .contains("jdk.incubator.vector");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("run.json");
    }
  }
}
