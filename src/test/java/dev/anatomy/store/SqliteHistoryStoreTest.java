package dev.anatomy.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.anatomy.run.UsageException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The history store on SQLite files, and what can go wrong with a file. */
class SqliteHistoryStoreTest extends HistoryStoreContract {
  @TempDir Path dir;
  private int stores;

  @Override
  StoreLocation freshLocation() {
    stores++;
    return StoreLocation.parse(dir.resolve("store-" + stores + ".db").toString(), Map.of(), "/");
  }

  @Test
  void leavesTheFileByteForByteUnchangedWhenAWriteFails() throws Exception {
    StoreLocation where = freshLocation();
    HistoryStore store = HistoryStore.openForWriting(where);
    store.save(run("88888888-0000-4000-8000-000000000001", 0));
    Path file = where.file().orElseThrow();
    byte[] before = Files.readAllBytes(file);
    assertThatThrownBy(
            () ->
                store.save(
                    run("88888888-0000-4000-8000-000000000002", 1),
                    c -> {
                      throw new java.sql.SQLException("disk I/O error (simulated)");
                    }))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("not recorded: disk I/O error (simulated)");
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
    assertThat(dir.resolve(file.getFileName() + "-journal")).doesNotExist();
  }

  @Test
  void createsTheDefaultFolderOnFirstUse() {
    Path xdg = dir.resolve("xdg-data");
    StoreLocation where = StoreLocation.parse(null, Map.of("XDG_DATA_HOME", xdg.toString()), "/");
    assertThat(where.isDefault()).isTrue();
    HistoryStore.openForReading(where);
    assertThat(xdg.resolve("anatomy").resolve("history.db")).isRegularFile();
  }

  @Test
  void refusesAStoreInAReadOnlyFileSystem() {
    // /proc is mounted read-only for files like this one, even for root.
    StoreLocation where = StoreLocation.parse("/proc/anatomy-history.db", Map.of(), "/");
    assertThatThrownBy(() -> HistoryStore.openForWriting(where))
        .isInstanceOf(UsageException.class)
        .hasMessageStartingWith("store /proc/anatomy-history.db")
        .hasMessageNotContaining("\n");
    assertThat(Path.of("/proc/anatomy-history.db")).doesNotExist();
  }

  @Test
  void refusesAStoreWhoseFolderIsMissing() {
    StoreLocation where = StoreLocation.parse(dir.resolve("nope/h.db").toString(), Map.of(), "/");
    assertThatThrownBy(() -> HistoryStore.openForWriting(where))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("folder " + dir.resolve("nope") + " does not exist");
  }

  @Test
  void refusesToReadAStoreFileThatDoesNotExist() {
    StoreLocation where = StoreLocation.parse(dir.resolve("typo.db").toString(), Map.of(), "/");
    assertThatThrownBy(() -> HistoryStore.openForReading(where))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("does not exist");
    assertThat(dir.resolve("typo.db")).doesNotExist();
  }

  @Test
  void refusesAFileThatIsNotADatabaseAndLeavesItAlone() throws Exception {
    Path notes = dir.resolve("notes.txt");
    Files.writeString(notes, "my notes, not a database\n".repeat(50), StandardCharsets.UTF_8);
    byte[] before = Files.readAllBytes(notes);
    StoreLocation where = StoreLocation.parse(notes.toString(), Map.of(), "/");
    assertThatThrownBy(() -> HistoryStore.openForWriting(where))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("store " + notes + ": cannot open")
        .hasMessageContaining("not a database");
    assertThat(Files.readAllBytes(notes)).isEqualTo(before);
  }

  @Test
  void refusesAFolderAsStore() {
    StoreLocation where = StoreLocation.parse(dir.toString(), Map.of(), "/");
    assertThatThrownBy(() -> HistoryStore.openForWriting(where))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("is a folder");
  }

  @Test
  void refusesAnImmutableStoreFileBeforeMeasuring() throws Exception {
    StoreLocation where = freshLocation();
    HistoryStore.openForWriting(where).save(run("99999999-0000-4000-8000-000000000001", 0));
    Path file = where.file().orElseThrow();
    // Root ignores permission bits, but not the immutable attribute; skip where chattr is not
    // supported (tmpfs, overlay) or not permitted.
    assumeTrue(chattr("+i", file), "chattr +i not supported here");
    try {
      assertThatThrownBy(() -> HistoryStore.openForWriting(where))
          .isInstanceOf(UsageException.class)
          .hasMessageContaining("store " + file);
      assertThat(HistoryStore.openForReading(where).runCount()).isEqualTo(1);
    } finally {
      chattr("-i", file);
    }
  }

  private static boolean chattr(String flag, Path file) throws Exception {
    Optional<Path> tool =
        java.util.stream.Stream.of("/usr/bin/chattr", "/bin/chattr")
            .map(Path::of)
            .filter(Files::isExecutable)
            .findFirst();
    if (tool.isEmpty()) {
      return false;
    }
    Process p =
        new ProcessBuilder(tool.get().toString(), flag, file.toString())
            .redirectErrorStream(true)
            .start();
    p.getInputStream().readAllBytes();
    return p.waitFor() == 0;
  }
}
