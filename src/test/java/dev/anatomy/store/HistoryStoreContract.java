package dev.anatomy.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anatomy.result.FigureIndex;
import dev.anatomy.run.UsageException;
import dev.anatomy.testing.Documents;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;

/**
 * What every history store does, whatever the database: the same tests run on an SQLite file and on
 * a real PostgreSQL server.
 */
abstract class HistoryStoreContract {
  static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

  /** A fresh, empty store location for one test. */
  abstract StoreLocation freshLocation() throws Exception;

  /** A plain connection to the store, for checking its tables behind its back. */
  Connection rawConnection(StoreLocation where) throws SQLException {
    return new StoreConnections(where).getConnection();
  }

  static ObjectNode run(String id, int minutesAfterT0) {
    return Documents.allParts(id, T0.plusSeconds(60L * minutesAfterT0), 1.0, id.hashCode());
  }

  @Test
  void recordsARunWholeAndFigureByFigure() throws Exception {
    HistoryStore store = HistoryStore.openForWriting(freshLocation());
    ObjectNode doc = run("11111111-aaaa-4000-8000-000000000001", 0);
    store.save(doc);
    assertThat(store.runCount()).isEqualTo(1);
    assertThat(store.figureCount()).isEqualTo(FigureIndex.of(doc).size()).isGreaterThan(10);
    assertThat(store.load("11111111-aaaa-4000-8000-000000000001")).isEqualTo(doc);
  }

  @Test
  void listsRunsNewestFirstWithTheirHeadlines() throws Exception {
    HistoryStore store = HistoryStore.openForWriting(freshLocation());
    store.save(run("22222222-0000-4000-8000-000000000001", 0));
    store.save(run("22222222-0000-4000-8000-000000000003", 20));
    store.save(run("22222222-0000-4000-8000-000000000002", 10));
    List<RunSummary> runs = store.list();
    assertThat(runs)
        .extracting(RunSummary::id)
        .containsExactly(
            "22222222-0000-4000-8000-000000000003",
            "22222222-0000-4000-8000-000000000002",
            "22222222-0000-4000-8000-000000000001");
    RunSummary newest = runs.get(0);
    assertThat(newest.startedAt()).isEqualTo(T0.plusSeconds(1200));
    assertThat(newest.host()).isEqualTo("testhost");
    assertThat(newest.cpu()).isEqualTo("Test CPU 9000");
    assertThat(newest.logicalCpus()).isEqualTo(4);
    assertThat(newest.effort()).isEqualTo("quick");
    assertThat(newest.partial()).isFalse();
    assertThat(newest.headlines()).containsKeys(Headline.values());
    assertThat(newest.headlines().get(Headline.L1_LATENCY_NS)).isBetween(1.1, 1.3);
  }

  @Test
  void recordsAPartialRunAsPartial() throws Exception {
    HistoryStore store = HistoryStore.openForWriting(freshLocation());
    ObjectNode doc = run("33333333-0000-4000-8000-000000000001", 0);
    doc.withObjectProperty("run").put("partial", true);
    doc.remove("storage");
    store.save(doc);
    RunSummary r = store.list().get(0);
    assertThat(r.partial()).isTrue();
    assertThat(r.headlines()).doesNotContainKey(Headline.DISK_READ_BYTES_PER_SECOND);
  }

  @Test
  void findsARunByAUniqueIdPrefix() throws Exception {
    HistoryStore store = HistoryStore.openForWriting(freshLocation());
    store.save(run("abc12345-0000-4000-8000-000000000001", 0));
    store.save(run("abd12345-0000-4000-8000-000000000002", 1));
    assertThat(store.load("abc").path("run").path("id").asText())
        .isEqualTo("abc12345-0000-4000-8000-000000000001");
    assertThatThrownBy(() -> store.load("ab"))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("matches 2 runs")
        .hasMessageContaining("give more of the id");
    assertThatThrownBy(() -> store.load("ffff"))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("no run with id or id prefix 'ffff'");
    assertThatThrownBy(() -> store.load("a%"))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("no run");
  }

  @Test
  void refusesToRecordTheSameRunTwiceAndKeepsTheFirst() throws Exception {
    HistoryStore store = HistoryStore.openForWriting(freshLocation());
    ObjectNode doc = run("44444444-0000-4000-8000-000000000001", 0);
    store.save(doc);
    int figures = store.figureCount();
    ObjectNode again = doc.deepCopy();
    again.withObjectProperty("run").put("host", "other");
    assertThatThrownBy(() -> store.save(again))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("already holds run 44444444");
    assertThat(store.runCount()).isEqualTo(1);
    assertThat(store.figureCount()).isEqualTo(figures);
    assertThat(store.load("44444444").path("run").path("host").asText()).isEqualTo("testhost");
  }

  @Test
  void leavesNoHalfWrittenRunWhenAStatementFailsMidWrite() throws Exception {
    HistoryStore store = HistoryStore.openForWriting(freshLocation());
    store.save(run("55555555-0000-4000-8000-000000000001", 0));
    int figures = store.figureCount();
    assertThatThrownBy(
            () ->
                store.save(
                    run("55555555-0000-4000-8000-000000000002", 1),
                    c -> {
                      try (Statement s = c.createStatement()) {
                        s.executeUpdate("INSERT INTO no_such_table VALUES (1)");
                      }
                    }))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("run 55555555-0000-4000-8000-000000000002 not recorded")
        .hasMessageNotContaining("\n");
    assertThat(store.runCount()).isEqualTo(1);
    assertThat(store.figureCount()).isEqualTo(figures);
  }

  @Test
  void migratesAnEmptyStoreToTheLatestVersionOnce() throws Exception {
    StoreLocation where = freshLocation();
    HistoryStore.openForWriting(where);
    HistoryStore.openForReading(where);
    try (Connection c = rawConnection(where)) {
      assertThat(StoreSchema.appliedVersion(c)).isEqualTo(StoreSchema.LATEST);
      try (Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "SELECT COUNT(*) FROM " + StoreSchema.HISTORY_TABLE + " WHERE success")) {
        rs.next();
        assertThat(rs.getInt(1)).as("each migration applied once").isEqualTo(StoreSchema.LATEST);
      }
    }
  }

  @Test
  void latestKnownVersionIsTheNewestMigrationFile() throws Exception {
    StoreLocation where = freshLocation();
    HistoryStore.openForWriting(where);
    MigrationInfo[] all =
        Flyway.configure()
            .dataSource(new StoreConnections(where))
            .locations(where.dialect().migrations())
            .table(StoreSchema.HISTORY_TABLE)
            .load()
            .info()
            .all();
    assertThat(Integer.parseInt(all[all.length - 1].getVersion().getVersion()))
        .isEqualTo(StoreSchema.LATEST);
  }

  @Test
  void refusesAStoreWrittenByANewerAnatomy() throws Exception {
    StoreLocation where = freshLocation();
    HistoryStore.openForWriting(where);
    try (Connection c = rawConnection(where);
        Statement s = c.createStatement()) {
      s.executeUpdate(
          "INSERT INTO "
              + StoreSchema.HISTORY_TABLE
              + " (installed_rank, version, description, type, script, checksum, installed_by,"
              + " execution_time, success) VALUES (99, '99', 'from the future', 'SQL',"
              + " 'V99__future.sql', 0, 'test', 0, "
              + (where.dialect() == Dialect.POSTGRESQL ? "true" : "1")
              + ")");
    }
    assertThatThrownBy(() -> HistoryStore.openForWriting(where))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("has tables of version 99, newer than this anatomy knows");
    assertThatThrownBy(() -> HistoryStore.openForReading(where))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("newer");
  }

  @Test
  void refusesAStoredDocumentOfAFutureSchemaVersion() throws Exception {
    StoreLocation where = freshLocation();
    HistoryStore store = HistoryStore.openForWriting(where);
    ObjectNode doc = run("66666666-0000-4000-8000-000000000001", 0);
    store.save(doc);
    ObjectNode future = doc.deepCopy();
    future.put("schemaVersion", 99);
    try (Connection c = rawConnection(where);
        var p =
            c.prepareStatement(
                "UPDATE anatomy_runs SET document = "
                    + where.dialect().jsonParameter()
                    + " WHERE id = ?")) {
      p.setString(1, dev.anatomy.result.Json.writeCompact(future));
      p.setString(2, "66666666-0000-4000-8000-000000000001");
      assertThat(p.executeUpdate()).isEqualTo(1);
    }
    assertThatThrownBy(() -> store.load("66666666"))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("run 66666666-0000-4000-8000-000000000001 in store")
        .hasMessageContaining("schema version 99, newer than this anatomy reads");
  }

  @Test
  void upgradesAnOlderDocumentItIsGiven() throws Exception {
    HistoryStore store = HistoryStore.openForWriting(freshLocation());
    ObjectNode v0 = run("77777777-0000-4000-8000-000000000001", 0);
    v0.put("schemaVersion", 0);
    var list = dev.anatomy.result.Json.array();
    list.addObject().put("key", "links.pcie").put("reason", "no GPU");
    v0.set("unavailable", list);
    store.save(v0);
    ObjectNode back = store.load("77777777");
    assertThat(back.path("schemaVersion").asInt()).isEqualTo(1);
    assertThat(back.path("unavailable").path("links.pcie").asText()).isEqualTo("no GPU");
  }
}
