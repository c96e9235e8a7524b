package dev.anatomy.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScratchTest {
  @TempDir Path dir;

  @AfterEach
  void stopAnnouncing() {
    Scratch.announceTo(null);
  }

  @Test
  void announcesOnlyInAMeasuringChildAndTheLineNamesTheFile() throws IOException {
    Path file = Files.createDirectory(dir.resolve("odd\tname dir")).resolve("test.bin");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Scratch.created(file); // not a child: nothing, nowhere
    Scratch.announceTo(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    Scratch.created(file);

    String line = bytes.toString(StandardCharsets.UTF_8).strip();
    assertThat(line).startsWith(Scratch.MARKER).doesNotContain("\n");
    assertThat(Scratch.parse(line)).contains(file.toAbsolutePath());
    assertThat(Scratch.parse("storage: sequential write")).isEmpty();
    assertThat(Scratch.parse(Scratch.MARKER + "not a uri ::")).isEmpty();
  }

  @Test
  void removesTheFileAndItsFolderButNothingElse() throws IOException {
    Path folder = Files.createDirectory(dir.resolve("anatomy-disk-1"));
    Path file = Files.writeString(folder.resolve("test.bin"), "x");
    assertThat(Scratch.removeLeftOver(file)).isTrue();
    assertThat(folder).doesNotExist();
    assertThat(Scratch.removeLeftOver(file)).as("gone already").isTrue();

    Path shared = Files.createDirectory(dir.resolve("anatomy-disk-2"));
    Path other = Files.writeString(shared.resolve("someone-elses.txt"), "keep");
    assertThat(Scratch.removeLeftOver(Files.writeString(shared.resolve("test.bin"), "x")))
        .isFalse();
    assertThat(other).exists();
    assertThat(shared.resolve("test.bin")).doesNotExist();
  }
}
