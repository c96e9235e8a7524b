package dev.anatomy.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anatomy.harness.Progress;
import dev.anatomy.run.Effort;
import dev.anatomy.run.Forker;
import dev.anatomy.run.MeasureOptions;
import dev.anatomy.run.PartFailedException;
import dev.anatomy.run.Parts;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class StorageForkTest {
  @TempDir Path dir;

  @Test
  @Timeout(60)
  void measuresInAForkedJvmAsTheCommandLineDoes() throws PartFailedException {
    assertThat(Parts.names()).contains("storage", "links");
    MeasureOptions o =
        new MeasureOptions(
            List.of("storage"),
            Effort.QUICK,
            0,
            Optional.of(dir.toString()),
            16L << 20,
            Optional.empty(),
            Optional.empty());
    Parts.create("storage").validate(o);
    Forker.Outcome r =
        Forker.measure(
            "storage", o, Progress.NONE, new PrintStream(PrintStream.nullOutputStream()));
    assertThat(r.result().part()).isEqualTo("storage");
    assertThat(r.result().section().path("sequentialReadBytesPerSecond").asDouble()).isPositive();
    assertThat(r.result().section().path("randomReadLatencyNs").path("p50").asDouble())
        .isPositive();
    assertThat(r.result().noise()).isNotEmpty();
    assertThat(dir).isEmptyDirectory();
  }

  /**
   * A child killed past its shutdown hooks (SIGKILL, as the out-of-memory killer sends) is a
   * failure of its parts, not the user's Ctrl-C: the next parts still run, and the parent removes
   * the disk test file the child announced.
   */
  @Test
  @Timeout(120)
  void aChildKilledWithSigkillFailsItsPartsAndLeavesNoTestFile() throws Exception {
    MeasureOptions o = StoragePartTest.longRun(dir);
    CompletableFuture<Forker.Batch> batch =
        CompletableFuture.supplyAsync(
            () ->
                Forker.measureAll(
                    List.of("storage"),
                    o,
                    Progress.NONE,
                    new PrintStream(PrintStream.nullOutputStream())));
    ProcessHandle child = null;
    while (child == null || !hasTestFile()) {
      Thread.sleep(20);
      assertThat(batch).as("the child ended before it was killed").isNotDone();
      child = ProcessHandle.current().children().findFirst().orElse(null);
    }
    assertThat(child.destroyForcibly()).isTrue();

    Forker.Batch b = batch.get(60, TimeUnit.SECONDS);
    assertThat(b.interrupted()).isFalse();
    assertThat(b.outcomes()).isEmpty();
    assertThat(b.failures().get("storage")).contains("killed by signal 9");
    assertThat(dir).isEmptyDirectory();
  }

  private boolean hasTestFile() throws IOException {
    try (Stream<Path> folders = Files.list(dir)) {
      return folders.anyMatch(f -> Files.exists(f.resolve("anatomy-disk-test.bin")));
    }
  }
}
