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
}
