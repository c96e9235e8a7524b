package dev.anatomy.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.anatomy.run.UsageException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The history store on a real PostgreSQL server, named by {@value #URL_VARIABLE} (set by {@code
 * .ci/run}, which starts one; {@code .ci/postgres start DIR} starts one by hand). Each test works
 * in a schema of its own, dropped afterwards. Without the variable these tests are skipped, except
 * those that need no server.
 */
class PostgresHistoryStoreTest extends HistoryStoreContract {
  /** The environment variable with the JDBC URL of the test server. */
  static final String URL_VARIABLE = "ANATOMY_TEST_POSTGRES_URL";

  private final List<String> schemas = new ArrayList<>();

  static String serverUrl() {
    String url = System.getenv(URL_VARIABLE);
    return url == null || url.isBlank() ? null : url;
  }

  @BeforeEach
  void needsAServer(org.junit.jupiter.api.TestInfo info) {
    boolean serverless = info.getTags().contains("serverless");
    if (!serverless) {
      if (System.getenv("CI") != null) {
        assertThat(serverUrl())
            .as(URL_VARIABLE + " must be set in CI: .ci/run starts a server and sets it")
            .isNotNull();
      }
      assumeTrue(serverUrl() != null, URL_VARIABLE + " is not set: no PostgreSQL server to test");
    }
  }

  @Override
  StoreLocation freshLocation() throws SQLException {
    String schema = "anatomy_test_" + UUID.randomUUID().toString().replace("-", "");
    StoreLocation base = StoreLocation.parse(serverUrl(), Map.of(), "/");
    try (Connection c = new StoreConnections(base).getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    }
    schemas.add(schema);
    String url = serverUrl() + (serverUrl().contains("?") ? "&" : "?") + "currentSchema=" + schema;
    return StoreLocation.parse(url, Map.of(), "/");
  }

  @AfterEach
  void dropSchemas() throws SQLException {
    if (serverUrl() == null) {
      return;
    }
    StoreLocation base = StoreLocation.parse(serverUrl(), Map.of(), "/");
    try (Connection c = new StoreConnections(base).getConnection();
        Statement s = c.createStatement()) {
      for (String schema : schemas) {
        s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
  }

  @Test
  void leavesNoHalfWrittenRunWhenTheServerDropsTheConnectionMidWrite() throws Exception {
    StoreLocation where = freshLocation();
    HistoryStore store = HistoryStore.openForWriting(where);
    store.save(run("d0000000-0000-4000-8000-000000000001", 0));
    int figures = store.figureCount();
    assertThatThrownBy(
            () ->
                store.save(
                    run("d0000000-0000-4000-8000-000000000002", 1),
                    c -> {
                      int pid;
                      try (Statement s = c.createStatement();
                          ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
                        rs.next();
                        pid = rs.getInt(1);
                      }
                      // A second connection ends the writer's server process, as a server
                      // restart or a dropped network would.
                      try (Connection killer = rawConnection(where);
                          Statement s = killer.createStatement();
                          ResultSet rs =
                              s.executeQuery("SELECT pg_terminate_backend(" + pid + ")")) {
                        rs.next();
                        assertThat(rs.getBoolean(1)).isTrue();
                      }
                    }))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("run d0000000-0000-4000-8000-000000000002 not recorded")
        .hasMessageNotContaining("\n");
    assertThat(store.runCount()).isEqualTo(1);
    assertThat(store.figureCount()).isEqualTo(figures);
    assertThat(store.list())
        .extracting(RunSummary::id)
        .containsExactly("d0000000-0000-4000-8000-000000000001");
  }

  @Test
  void refusesWrongCredentialsAtOnce() {
    String url = serverUrl().replaceAll("password=[^&]*", "password=wrong");
    StoreLocation where = StoreLocation.parse(url, Map.of(), "/");
    assertThatThrownBy(() -> HistoryStore.openForWriting(where))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("password=***")
        .hasMessageNotContaining("password=wrong")
        .hasMessageContaining("cannot open");
  }

  @Test
  void keepsTheStoredDocumentTextAsWritten() throws Exception {
    StoreLocation where = freshLocation();
    HistoryStore store = HistoryStore.openForWriting(where);
    var doc = run("e0000000-0000-4000-8000-000000000001", 0);
    store.save(doc);
    try (Connection c = rawConnection(where);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT document::jsonb -> 'run' ->> 'host', started_at FROM anatomy_runs")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("testhost");
      assertThat(rs.getObject(2, java.time.OffsetDateTime.class).toInstant()).isEqualTo(T0);
    }
  }

  @Test
  @org.junit.jupiter.api.Tag("serverless")
  void failsAtOnceWhenTheServerIsDown() throws Exception {
    int port;
    try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    StoreLocation where =
        StoreLocation.parse(
            "jdbc:postgresql://127.0.0.1:" + port + "/anatomy?user=a&password=secret",
            Map.of(),
            "/");
    assertThatThrownBy(() -> HistoryStore.openForWriting(where))
        .isInstanceOf(UsageException.class)
        .hasMessageStartingWith("store jdbc:postgresql://127.0.0.1:" + port)
        .hasMessageContaining("cannot open")
        .hasMessageContaining("refused")
        .hasMessageNotContaining("secret")
        .hasMessageNotContaining("\n");
  }
}
