package dev.anatomy.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anatomy.run.UsageException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoreLocationTest {
  @Test
  void defaultsToXdgDataHome() {
    StoreLocation l = StoreLocation.parse(null, Map.of("XDG_DATA_HOME", "/data"), "/home/me");
    assertThat(l.dialect()).isEqualTo(Dialect.SQLITE);
    assertThat(l.isDefault()).isTrue();
    assertThat(l.file()).contains(Path.of("/data/anatomy/history.db"));
    assertThat(l.jdbcUrl()).isEqualTo("jdbc:sqlite:/data/anatomy/history.db");
  }

  @Test
  void defaultsToLocalShareWithoutXdgOrWithARelativeOne() {
    assertThat(StoreLocation.parse(null, Map.of(), "/home/me").file())
        .contains(Path.of("/home/me/.local/share/anatomy/history.db"));
    assertThat(StoreLocation.parse(null, Map.of("XDG_DATA_HOME", "rel/data"), "/home/me").file())
        .contains(Path.of("/home/me/.local/share/anatomy/history.db"));
  }

  @Test
  void theTestsDefaultStoreIsTheBuildsNotTheUsers() {
    // the build points XDG_DATA_HOME into target/: a test that measures without naming a store
    // (MeasureCommandTest does) must not add its run to the user's history
    Path store =
        StoreLocation.parse(null, System.getenv(), System.getProperty("user.home"))
            .file()
            .orElseThrow();
    assertThat(store.toString()).contains("target").endsWith("anatomy/history.db");
    assertThat(store.startsWith(Path.of(System.getProperty("user.home"), ".local"))).isFalse();
  }

  @Test
  void takesAFilePathOrAnSqliteUrl() {
    StoreLocation l = StoreLocation.parse("/var/lib/runs.db", Map.of(), "/home/me");
    assertThat(l.isDefault()).isFalse();
    assertThat(l.file()).contains(Path.of("/var/lib/runs.db"));
    assertThat(StoreLocation.parse("jdbc:sqlite:/var/lib/runs.db", Map.of(), "/").file())
        .contains(Path.of("/var/lib/runs.db"));
    assertThatThrownBy(() -> StoreLocation.parse("jdbc:sqlite::memory:", Map.of(), "/"))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("plain file path");
  }

  @Test
  void takesAPostgresqlUrlAndHidesItsPassword() {
    StoreLocation l =
        StoreLocation.parse(
            "jdbc:postgresql://db.example:5432/fleet?user=anatomy&password=s3cret", Map.of(), "/");
    assertThat(l.dialect()).isEqualTo(Dialect.POSTGRESQL);
    assertThat(l.file()).isEmpty();
    assertThat(l.display())
        .isEqualTo("jdbc:postgresql://db.example:5432/fleet?user=anatomy&password=***");
    assertThat(l.toString()).doesNotContain("s3cret");
  }

  @Test
  void refusesBadAndUnsupportedUrls() {
    assertThatThrownBy(
            () -> StoreLocation.parse("jdbc:postgresql://host:notaport/db", Map.of(), "/"))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("is not a valid PostgreSQL URL");
    assertThatThrownBy(() -> StoreLocation.parse("jdbc:mysql://h/db?password=pw", Map.of(), "/"))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("unsupported database")
        .hasMessageNotContaining("pw");
    assertThatThrownBy(() -> StoreLocation.parse(" ", Map.of(), "/"))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("--store needs");
  }

  @Test
  void redactsPasswordsInAnyText() {
    assertThat(StoreLocation.redact("measure --store jdbc:postgresql://h/d?password=x&user=u"))
        .isEqualTo("measure --store jdbc:postgresql://h/d?password=***&user=u");
    assertThat(StoreLocation.redact("jdbc:postgresql://u:pw@h/d"))
        .isEqualTo("jdbc:postgresql://u:***@h/d");
    assertThat(StoreLocation.redact("--quick")).isEqualTo("--quick");
  }
}
