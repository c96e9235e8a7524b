package dev.anatomy.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassDataSharingTest {
  @Test
  void aRebuiltJarGetsAFreshArchiveAndTheStaleOneGoes(@TempDir Path dir) throws IOException {
    Path cache = dir.resolve("cache");
    Path jar = Files.writeString(dir.resolve("app.jar"), "first build");
    Files.setLastModifiedTime(jar, FileTime.fromMillis(1_000_000));
    Path first = archive(ClassDataSharing.flags(cache, "fork", jar.toString(), "Main memory"));
    Files.writeString(first, "an archive the JVM wrote");
    Path other = archive(ClassDataSharing.flags(cache, "fork", jar.toString(), "Main links"));
    Files.writeString(other, "another workload's archive");

    assertThat(archive(ClassDataSharing.flags(cache, "fork", jar.toString(), "Main memory")))
        .as("same jar, same archive")
        .isEqualTo(first);
    assertThat(first).exists();

    Files.writeString(jar, "second build, longer");
    Files.setLastModifiedTime(jar, FileTime.fromMillis(2_000_000));
    Path second = archive(ClassDataSharing.flags(cache, "fork", jar.toString(), "Main memory"));

    assertThat(second).isNotEqualTo(first);
    assertThat(second.getParent()).isEqualTo(cache);
    assertThat(first).as("the stale archive is deleted").doesNotExist();
    assertThat(other).as("another workload keeps its archive").exists();
  }

  @Test
  void noFlagsWhereTheCacheFolderCannotBeMade(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("a-file"), "not a folder");
    assertThat(ClassDataSharing.flags(file.resolve("cache"), "fork", "x.jar", "Main")).isEmpty();
  }

  @Test
  void cdsMessagesStayOffStdout(@TempDir Path dir) {
    List<String> flags = ClassDataSharing.flags(dir, "fork", "x.jar", "Main");
    assertThat(flags).contains("-XX:+AutoCreateSharedArchive", "-Xlog:cds*=off:stderr");
    assertThat(flags).noneMatch(f -> f.contains(":stdout"));
  }

  private static Path archive(List<String> flags) {
    String prefix = "-XX:SharedArchiveFile=";
    return flags.stream()
        .filter(f -> f.startsWith(prefix))
        .map(f -> Path.of(f.substring(prefix.length())))
        .findFirst()
        .orElseThrow();
  }
}
