package dev.anatomy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anatomy.run.UsageException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFileTest {
  @Test
  void writesAtomicallyAndLeavesNoTemporaryFile(@TempDir Path dir) throws Exception {
    OutputFile f = OutputFile.check("--json", dir.resolve("a.json").toString());
    f.write("{\"a\":1}");
    f.write("{\"a\":2}");
    assertThat(Files.readString(f.path())).isEqualTo("{\"a\":2}");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f.path())))
        .isEqualTo("rw-r--r--");
    try (var files = Files.list(dir)) {
      assertThat(files).hasSize(1);
    }
  }

  @Test
  void refusesAFolderWithoutWriteAccess(@TempDir Path dir) throws Exception {
    Path ro = Files.createDirectory(dir.resolve("ro"));
    Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      // root may write anyway; then there is nothing to refuse
      boolean rootCanWrite = Files.isWritable(ro);
      if (!rootCanWrite) {
        assertThatThrownBy(() -> OutputFile.check("--json", ro.resolve("x.json").toString()))
            .isInstanceOf(UsageException.class)
            .hasMessageContaining("not writable");
      }
    } finally {
      Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    assertThatThrownBy(() -> OutputFile.check("--json", " ")).isInstanceOf(UsageException.class);
  }

  @Test
  void progressGoesToStderrAsStartAndEndLinesOffATerminal() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ProgressRenderer p =
        new ProgressRenderer(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
    p.report("memory: latency sweep", 0, Double.NaN);
    p.report("memory: latency sweep", 0.5, 3);
    p.report("memory: latency sweep", 1, 0);
    p.report("memory: latency sweep", 1, 0);
    p.report("memory: bandwidth sweep", 0.1, 5);
    p.finishLine();
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertThat(text.lines())
        .hasSize(4)
        .anyMatch(l -> l.startsWith("memory: latency sweep done after"))
        .anyMatch(l -> l.equals("memory: bandwidth sweep ..."));
  }

  @Test
  void drawsABarInPlaceOnATerminal() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ProgressRenderer p =
        new ProgressRenderer(new PrintStream(bytes, true, StandardCharsets.UTF_8), true);
    p.report("compute: clock", 0.5, 2.2);
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertThat(text).contains("\r").contains("####").contains("50%").contains("~3 s left");
  }

  @Test
  void followsASymbolicLinkAndKeepsAnExistingFilesPermissions(@TempDir Path dir) throws Exception {
    Path target = Files.writeString(dir.resolve("real.json"), "old");
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
    Path link = Files.createSymbolicLink(dir.resolve("link.json"), target);

    OutputFile.check("--json", link.toString()).write("new");

    assertThat(Files.isSymbolicLink(link)).as("the link stays a link").isTrue();
    assertThat(Files.readString(target)).isEqualTo("new");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target)))
        .isEqualTo("rw-------");
  }

  @Test
  void writesAPipeInPlaceRatherThanReplacingIt(@TempDir Path dir) throws Exception {
    Path fifo = dir.resolve("pipe");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    org.junit.jupiter.api.Assumptions.assumeTrue(mkfifo.waitFor() == 0, "mkfifo works here");
    java.util.concurrent.CompletableFuture<String> reader =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () -> {
              try {
                return Files.readString(fifo);
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });

    OutputFile.check("--output", fifo.toString()).write("through the pipe");

    assertThat(reader.get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("through the pipe");
    assertThat(Files.isRegularFile(fifo)).as("still a pipe").isFalse();
    assertThat(Files.exists(fifo)).isTrue();
  }

  @Test
  void refusesTwoOutputsOfOneFileAndAnOutputThatIsTheInput(@TempDir Path dir) throws Exception {
    Path doc = Files.writeString(dir.resolve("run.json"), "{}");
    OutputFile json = OutputFile.check("--json", dir.resolve("x.json").toString());
    OutputFile html = OutputFile.check("--html", dir.resolve("./x.json").toString());
    OutputFile other = OutputFile.check("--html", dir.resolve("y.html").toString());

    assertThatThrownBy(() -> OutputFile.requireDistinct(java.util.List.of(json, html)))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("--json and --html name the same file");
    OutputFile.requireDistinct(java.util.List.of(json, other));

    OutputFile onInput = OutputFile.check("--html", doc.toString());
    assertThatThrownBy(() -> onInput.requireNotInput(doc.toString(), "document (RUN)"))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("is the document (RUN) this command uses");
    onInput.requireNotInput("0a1b2c", "document (RUN)"); // a run id, not a file
    onInput.requireNotInput(null, "document (--from)");
  }
}
