package dev.anatomy.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestFileTest {
  @TempDir Path dir;

  @Test
  void createsAFreshFolderAndRemovesOnlyWhatItCreated() throws IOException {
    Path mine = Files.writeString(dir.resolve("user-file.txt"), "keep me");
    TestFile t = TestFile.create(dir);
    assertThat(t.file()).exists().isRegularFile();
    assertThat(t.folder().getParent()).isEqualTo(dir);
    assertThat(t.folder().getFileName().toString()).startsWith("anatomy-disk-");
    t.remove();
    t.remove();
    assertThat(t.folder()).doesNotExist();
    t.close();
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left).containsExactly(mine);
    }
  }

  @Test
  void refusesAFolderThatDoesNotExist() {
    assertThatThrownBy(() -> TestFile.create(dir.resolve("missing")))
        .isInstanceOf(IOException.class);
  }
}
