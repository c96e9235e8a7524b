package dev.anatomy.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anatomy.TestContexts;
import dev.anatomy.harness.JvmFork;
import dev.anatomy.result.Figures;
import dev.anatomy.result.Json;
import dev.anatomy.result.PartResult;
import dev.anatomy.run.Effort;
import dev.anatomy.run.ForkMain;
import dev.anatomy.run.MeasureOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class StoragePartTest {
  static final long SIZE = 32L << 20;

  @TempDir Path dir;

  static MeasureOptions options(Optional<String> diskDir, Optional<String> readOnly) {
    return new MeasureOptions(
        List.of("storage"), Effort.QUICK, 0, diskDir, SIZE, readOnly, Optional.empty());
  }

  /**
   * A storage run long enough to stop mid-way: deep effort, a 1 GiB file in {@code dir}.
   *
   * @param dir the folder for the test file
   * @return the options
   */
  static MeasureOptions longRun(Path dir) {
    return new MeasureOptions(
        List.of("storage"),
        Effort.DEEP,
        0,
        Optional.of(dir.toString()),
        1L << 30,
        Optional.empty(),
        Optional.empty());
  }

  /**
   * Starts the measuring child for {@link #longRun} as the parent does: the options as one line on
   * stdin, which stays open (its end would tell the child that its parent is gone).
   */
  private Process startLongRun() throws IOException {
    List<String> cmd = JvmFork.command(List.of(), ForkMain.class.getName(), List.of("storage"));
    Process p = new ProcessBuilder(cmd).start();
    OutputStream in = p.getOutputStream();
    in.write((Json.writeCompact(longRun(dir).toJson()) + "\n").getBytes(StandardCharsets.UTF_8));
    in.flush();
    return p;
  }

  @Test
  @Timeout(60)
  void measuresEveryFigureWithDirectIoAndRemovesItsFile() throws IOException {
    PartResult r =
        new StoragePart()
            .measure(TestContexts.of(options(Optional.of(dir.toString()), Optional.empty())));
    JsonNode s = r.section();
    assertThat(r.unavailable()).isEmpty();
    assertThat(s.path("direct").asBoolean()).isTrue();
    assertThat(s.path("fileSizeBytes").asLong()).isEqualTo(SIZE);
    for (String key :
        List.of(
            "sequentialReadBytesPerSecond",
            "sequentialWriteBytesPerSecond",
            "randomReadIops",
            "randomReadIopsQd32",
            "randomWriteIops")) {
      assertThat(s.path(key).asDouble()).as(key).isPositive().isFinite();
      assertThat(Figures.get(s, key)).as(key).isPresent();
    }
    for (String key :
        List.of(
            "randomReadLatencyNs",
            "randomReadLatencyNsQd32",
            "randomWriteLatencyNs",
            "fsyncLatencyNs")) {
      JsonNode l = s.path(key);
      assertThat(l.path("p50").asDouble()).as(key).isPositive();
      assertThat(l.path("p99").asDouble()).as(key).isGreaterThanOrEqualTo(l.path("p50").asDouble());
      assertThat(l.path("count").asLong()).as(key).isPositive();
    }
    assertThat(s.path("device").path("transport").asText()).isNotEmpty();
    // with O_DIRECT on Linux, the deep queue is kept full by native AIO from one thread, as fio's
    // libaio engine does
    if (dev.anatomy.harness.LinuxAio.unavailable().isEmpty()) {
      assertThat(s.path("details").path("randomReadIopsQd32").path("method").asText())
          .contains("native AIO");
    }
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  @Timeout(60)
  void sequentialMebibyteReadsMoveMoreBytesThanRandom4KiBReads() {
    PartResult r =
        new StoragePart()
            .measure(TestContexts.of(options(Optional.of(dir.toString()), Optional.empty())));
    double sequential = r.section().path("sequentialReadBytesPerSecond").asDouble();
    double random =
        r.section().path("randomReadIops").asDouble()
            * r.section().path("randomBlockBytes").asInt();
    // a 1 MiB read pays one request's overhead for 256 times the bytes of a 4 KiB one
    assertThat(sequential).isGreaterThan(random);
  }

  @Test
  @Timeout(60)
  void fallsBackToBufferedIoAndSaysSo() {
    PartResult r =
        new StoragePart(false)
            .measure(TestContexts.of(options(Optional.of(dir.toString()), Optional.empty())));
    assertThat(r.section().path("direct").asBoolean()).isFalse();
    assertThat(r.section().path("whyBuffered").asText()).isNotEmpty();
    assertThat(
            r.section()
                .path("details")
                .path("sequentialReadBytesPerSecond")
                .path("variant")
                .asText())
        .isEqualTo("buffered");
    assertThat(r.section().path("randomReadIops").asDouble()).isPositive();
    assertThat(r.unavailable()).isEmpty();
  }

  @Test
  @Timeout(60)
  void readsAUsersFileWithoutWritingIt() throws IOException, NoSuchAlgorithmException {
    Path file = dir.resolve("user.bin");
    byte[] content = new byte[8 << 20];
    new Random(7).nextBytes(content);
    Files.write(file, content);
    FileTime before = Files.getLastModifiedTime(file);
    PartResult r =
        new StoragePart()
            .measure(TestContexts.of(options(Optional.empty(), Optional.of(file.toString()))));
    assertThat(r.section().path("readOnly").asBoolean()).isTrue();
    assertThat(r.section().path("sequentialReadBytesPerSecond").asDouble()).isPositive();
    assertThat(r.section().path("randomReadIopsQd32").asDouble()).isPositive();
    assertThat(r.unavailable())
        .containsKeys("storage.sequentialWriteBytesPerSecond", "storage.fsyncLatencyNs")
        .doesNotContainKey("storage.randomReadIops");
    assertThat(sha256(Files.readAllBytes(file))).isEqualTo(sha256(content));
    assertThat(Files.getLastModifiedTime(file)).isEqualTo(before);
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left).containsExactly(file);
    }
  }

  @Test
  void makesEveryFigureUnavailableWhenTheFolderVanished() {
    PartResult r =
        new StoragePart()
            .measure(
                TestContexts.of(
                    options(Optional.of(dir.resolve("gone").toString()), Optional.empty())));
    assertThat(r.unavailable())
        .containsKeys("storage.sequentialReadBytesPerSecond", "storage.randomWriteIops");
    assertThat(r.unavailable().get("storage.randomReadIops")).contains("does not exist");
  }

  @Test
  @Timeout(60)
  void removesTheTestFileWhenStoppedMidWay() throws IOException, InterruptedException {
    Process p = startLongRun();
    OutputStream in = p.getOutputStream();
    try (in;
        BufferedReader err =
            new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = err.readLine()) != null && !line.contains("storage: sequential")) {
        // wait until the file is being written
      }
      assertThat(line).as("the child reported the sequential pass").isNotNull();
      try (Stream<Path> during = Files.list(dir)) {
        assertThat(during).as("the test folder exists while measuring").isNotEmpty();
      }
      p.destroy(); // SIGTERM: shutdown hooks run, as on Ctrl-C
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      p.destroyForcibly();
    }
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left).isEmpty();
    }
  }

  /**
   * The parent keeps the child's stdin open; its end (the parent killed with SIGKILL) ends the
   * child, shutdown hooks and all, so nothing measures on for no one and no test file is left.
   */
  @Test
  @Timeout(60)
  void endsAndRemovesTheTestFileWhenItsParentIsGone() throws IOException, InterruptedException {
    Process p = startLongRun();
    try {
      OutputStream in = p.getOutputStream();
      try (BufferedReader err =
          new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = err.readLine()) != null && !line.contains("storage: sequential")) {
          // wait until the file is being written
        }
        assertThat(line).as("the child reported the sequential pass").isNotNull();
        in.close(); // as the pipe closes when the parent dies
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("the child ended").isTrue();
      }
    } finally {
      p.destroyForcibly();
    }
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left).isEmpty();
    }
  }

  private static String sha256(byte[] b) throws NoSuchAlgorithmException {
    return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }
}
