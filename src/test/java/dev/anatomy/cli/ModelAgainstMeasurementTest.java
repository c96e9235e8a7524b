package dev.anatomy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anatomy.TestContexts;
import dev.anatomy.model.MachineModel;
import dev.anatomy.model.ModelBuilder;
import dev.anatomy.model.Validation;
import dev.anatomy.model.suite.ValidationPart;
import dev.anatomy.result.Json;
import dev.anatomy.result.PartResult;
import dev.anatomy.run.Effort;
import dev.anatomy.run.MeasureOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model against the machine, as JOL checks its layout model against the real VM: measure this
 * machine (a quick card of compute and memory), build its model, run the suite's kernels at a
 * working set and thread count drawn from a seed, and check every prediction against the
 * measurement. The seed is printed on failure; {@code -Danatomy.seed=N} replays it.
 *
 * <p>The tolerance is a factor of 3 either way: this is a shared, noisy 2-CPU VM, and the test must
 * fail only when the model is wrong, not when a neighbour is busy. In a busy hour one case reached
 * the tolerance from both sides: a two-thread linked list on 256 KiB shares ran near L3's latency
 * (2.5-3.2 ms); the model predicted L2's where its quick card had found L2 whole (0.35x), and L3's
 * for the whole set where the card had found L2 shrunk by a neighbour (3.00x, a miss). So a run out
 * of tolerance is measured again, machine and suite, up to {@value #ATTEMPTS} times in all: a wrong
 * model misses every time. On the Firecracker guest (Zen 5) the share of the L3 a guest gets, about
 * 4 MiB, is contested from second to second: a chase at 4 MiB read 12 ns or 80 ns, and two quick
 * cards a minute apart put the L3's latency 5x apart, so a gather at 2 MiB came out 1.6x in one
 * attempt and 7.3x in the next; hence four attempts, not three. The accuracy figures themselves
 * come from {@code bin/anatomy validate}.
 */
class ModelAgainstMeasurementTest {
  private static final double TOLERANCE = 3;

  /** Measurements of the machine and the suite, at most, before the test judges. */
  static final int ATTEMPTS = 4;

  @Test
  void predictsSeededSuiteRunsWithinAFactorOfThree(@TempDir Path dir) throws Exception {
    long seed = Long.getLong("anatomy.seed", System.nanoTime());
    List<String> wrong = List.of();
    StringBuilder tables = new StringBuilder();
    for (int attempt = 1; attempt <= ATTEMPTS && (attempt == 1 || !wrong.isEmpty()); attempt++) {
      Attempt a = attempt(dir.resolve("run-" + attempt + ".json"), new Random(seed));
      wrong = a.wrong();
      tables.append(
          String.format("attempt %d, working set %d B:%n%s", attempt, a.drawn(), a.table()));
    }
    assertThat(wrong)
        .as("seed %d (replay with -Danatomy.seed=%d):%n%s", seed, seed, tables)
        .isEmpty();
  }

  private record Attempt(long drawn, String table, List<String> wrong) {}

  /** Measures the machine (a quick card), runs the suite at sizes drawn from it, and compares. */
  private static Attempt attempt(Path json, Random rnd) throws Exception {
    Cli measured =
        Cli.run(
            "measure",
            "--only",
            "compute,memory",
            "--quick",
            "--no-store",
            "--json",
            json.toString());
    assertThat(measured.exit()).as(measured.err()).isZero();
    JsonNode doc = Json.MAPPER.readTree(Files.readString(json));
    MachineModel model = ModelBuilder.of(doc).orElseThrow();

    List<Long> tiers = Validation.suiteSizes(model, 64L << 20);
    long drawn = tiers.get(1 + rnd.nextInt(tiers.size() - 1));
    List<Long> sizes = List.of(tiers.get(0), drawn);
    MeasureOptions options =
        MeasureOptions.of(List.of(ValidationPart.NAME), Effort.QUICK).withSuiteSizes(sizes);
    PartResult suite = new ValidationPart().measure(TestContexts.of(options));
    Validation.Result result = Validation.compare(model, suite.section());
    assertThat(result.predicted()).isNotEmpty();

    List<String> wrong = new ArrayList<>();
    StringBuilder table = new StringBuilder();
    for (Validation.KernelResult k : result.predicted()) {
      double ratio = k.prediction().predictedSeconds() / k.measuredSeconds();
      String line =
          String.format(
              Locale.ROOT,
              "%s %d B %d threads: predicted %.3g s, measured %.3g s (%.2fx), %s/%s",
              k.name(),
              k.workingSetBytes(),
              k.threads(),
              k.prediction().predictedSeconds(),
              k.measuredSeconds(),
              ratio,
              k.prediction().bound().kind(),
              k.prediction().bound().tier());
      table.append(line).append('\n');
      if (ratio > TOLERANCE || ratio < 1 / TOLERANCE) {
        wrong.add(line);
      }
    }
    return new Attempt(drawn, table.toString(), wrong);
  }
}
