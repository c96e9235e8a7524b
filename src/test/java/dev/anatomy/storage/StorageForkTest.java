package dev.anatomy.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anatomy.harness.Progress;
import dev.anatomy.run.Effort;
import dev.anatomy.run.Forker;
import dev.anatomy.run.MeasureOptions;
import dev.anatomy.run.PartFailedException;
import dev.anatomy.run.Parts;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
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
}
