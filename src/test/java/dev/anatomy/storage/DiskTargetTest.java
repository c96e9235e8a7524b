package dev.anatomy.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anatomy.run.Effort;
import dev.anatomy.run.MeasureOptions;
import dev.anatomy.run.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskTargetTest {
  @TempDir Path dir;

  static MeasureOptions options(Optional<String> diskDir, long size, Optional<String> readOnly) {
    return new MeasureOptions(
        List.of("storage"), Effort.QUICK, 0, diskDir, size, readOnly, Optional.empty());
  }

  @Test
  void acceptsAWritableFolderWithRoom() {
    assertThatCode(
            () ->
                DiskTarget.validate(
                    options(Optional.of(dir.toString()), 16L << 20, Optional.empty())))
        .doesNotThrowAnyException();
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void rejectsAMissingFolder() {
    assertThatThrownBy(
            () ->
                DiskTarget.validate(
                    options(
                        Optional.of(dir.resolve("nope").toString()), 16L << 20, Optional.empty())))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("--disk-dir")
        .hasMessageContaining("does not exist");
  }

  @Test
  void rejectsAFileGivenAsFolder() throws IOException {
    Path f = Files.createFile(dir.resolve("f"));
    assertThatThrownBy(
            () ->
                DiskTarget.validate(
                    options(Optional.of(f.toString()), 16L << 20, Optional.empty())))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("is not a folder");
  }

  @Test
  void rejectsAFolderWhereNoFileCanBeCreated() {
    // /proc refuses new files even to root, as a read-only mount does
    assertThatThrownBy(
            () -> DiskTarget.validate(options(Optional.of("/proc"), 16L << 20, Optional.empty())))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("is not writable");
  }

  @Test
  void rejectsAFileLargerThanTheFreeSpaceAllows() {
    assertThatThrownBy(
            () ->
                DiskTarget.validate(
                    options(Optional.of(dir.toString()), 1L << 60, Optional.empty())))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("free")
        .hasMessageContaining("twice --disk-size plus 1GiB");
  }

  @Test
  void rejectsATinyFile() {
    assertThatThrownBy(
            () -> DiskTarget.validate(options(Optional.of(dir.toString()), 4096, Optional.empty())))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("at least 16MiB");
  }

  @Test
  void rejectsAMissingOrTinyReadOnlyFile() throws IOException {
    assertThatThrownBy(
            () ->
                DiskTarget.validate(
                    options(Optional.empty(), 16L << 20, Optional.of(dir.resolve("x").toString()))))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("no such file");
    Path small = Files.write(dir.resolve("small"), new byte[100]);
    assertThatThrownBy(
            () ->
                DiskTarget.validate(
                    options(Optional.empty(), 16L << 20, Optional.of(small.toString()))))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("at least 1MiB");
    assertThatThrownBy(
            () ->
                DiskTarget.validate(
                    options(Optional.empty(), 16L << 20, Optional.of(dir.toString()))))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("is a folder");
  }

  @Test
  void rejectsAReadOnlyFileTogetherWithAFolder() throws IOException {
    Path f = Files.write(dir.resolve("big"), new byte[2 << 20]);
    assertThatThrownBy(
            () ->
                DiskTarget.validate(
                    options(Optional.of(dir.toString()), 16L << 20, Optional.of(f.toString()))))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("exclude each other");
    assertThatCode(
            () ->
                DiskTarget.validate(
                    options(Optional.empty(), 16L << 20, Optional.of(f.toString()))))
        .doesNotThrowAnyException();
  }

  @Test
  void formatsSizesInBinaryUnits() {
    assertThat(DiskTarget.formatBytes(1L << 30)).isEqualTo("1GiB");
    assertThat(DiskTarget.formatBytes(3L << 29)).isEqualTo("1.5GiB");
    assertThat(DiskTarget.formatBytes(512)).isEqualTo("512B");
    assertThat(DiskTarget.requiredFreeBytes(1L << 30)).isEqualTo(3L << 30);
  }
}
