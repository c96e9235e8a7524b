package dev.anatomy.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anatomy.result.FigureIndex;
import dev.anatomy.result.Json;
import dev.anatomy.run.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The history of runs: every {@code measure} is recorded here, whole (its document as JSON) and
 * figure by figure, in one transaction, so a run is stored completely or not at all.
 *
 * <p>Each operation opens its own connection, so a long measurement holds no connection a server
 * could drop meanwhile. Every failure the user can act on (a store that cannot be opened, created,
 * upgraded or written, an unknown run id) is a {@link UsageException} with one line that names the
 * store; passwords in URLs are never shown.
 *
 * <pre>{@code
 * HistoryStore store = HistoryStore.openForWriting(location);   // before measuring: fails fast
 * ... measure ...
 * store.save(document);
 * List<RunSummary> runs = store.list();                           // newest first
 * }</pre>
 */
public final class HistoryStore {
  /** Fixed-width UTC timestamps, so SQLite's text order is time order. */
  static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

  private static final String RUN_COLUMNS =
      "id, started_at, finished_at, host, cpu, logical_cpus, effort, partial, schema_version,"
          + " anatomy_version";

  private final StoreLocation where;
  private final StoreConnections connections;

  private HistoryStore(StoreLocation where) {
    this.where = where;
    this.connections = new StoreConnections(where);
  }

  /**
   * Called inside the write transaction after the run's row and before its figures; lets a test
   * fail the write half-way (drop the connection, break a statement) and check nothing was kept.
   */
  @FunctionalInterface
  interface MidWrite {
    /**
     * Runs mid-write.
     *
     * @param connection the connection of the transaction
     * @throws SQLException to fail the write
     */
    void afterRunRow(Connection connection) throws SQLException;
  }

  /**
   * Opens a store to record a run, and checks it can be: its folder (the default one is created),
   * the connection, its tables (created or upgraded), and write access.
   *
   * @param where the store
   * @return the store
   * @throws UsageException naming the store and why it is unusable
   */
  public static HistoryStore openForWriting(StoreLocation where) {
    prepareFile(where, true);
    HistoryStore store = new HistoryStore(where);
    store.migrate();
    store.checkWritable();
    return store;
  }

  /**
   * Opens a store to read runs. A store file the user named must exist; the default one is created
   * empty on first use.
   *
   * @param where the store
   * @return the store
   * @throws UsageException naming the store and why it is unusable
   */
  public static HistoryStore openForReading(StoreLocation where) {
    prepareFile(where, false);
    HistoryStore store = new HistoryStore(where);
    store.migrate();
    return store;
  }

  /**
   * Where the store is.
   *
   * @return the location
   */
  public StoreLocation location() {
    return where;
  }

  private static boolean isEmptyFile(Path f) {
    try {
      return Files.isRegularFile(f) && Files.size(f) == 0;
    } catch (IOException e) {
      return false;
    }
  }

  private static void prepareFile(StoreLocation where, boolean forWriting) {
    Optional<Path> file = where.file();
    if (file.isEmpty()) {
      return;
    }
    Path f = file.get();
    Path dir = f.getParent();
    String name = "store " + where.display();
    if (Files.isDirectory(f)) {
      throw new UsageException(name + " is a folder; give the path of a database file");
    }
    if (Files.exists(f) && !Files.isRegularFile(f)) {
      throw new UsageException(name + " is not a regular file");
    }
    if (!forWriting && !where.isDefault() && isEmptyFile(f)) {
      // SQLite would take it for an empty database and a reading command would write its tables
      throw new UsageException(name + " is an empty file, not an anatomy store");
    }
    if (!Files.exists(f)) {
      if (!forWriting && !where.isDefault()) {
        throw new UsageException(
            name + " does not exist; it is created by the first anatomy measure --store " + f);
      }
      if (where.isDefault() && dir != null && !Files.isDirectory(dir)) {
        try {
          Files.createDirectories(dir);
        } catch (IOException e) {
          throw new UsageException(
              name + ": cannot create its folder " + dir + ": " + e.getMessage(), e);
        }
      }
      if (dir == null || !Files.isDirectory(dir)) {
        throw new UsageException(name + ": folder " + dir + " does not exist");
      }
      if (forWriting && !Files.isWritable(dir)) {
        throw new UsageException(name + ": folder " + dir + " is not writable");
      }
    } else if (forWriting && !Files.isWritable(f)) {
      throw new UsageException(name + " is read-only");
    }
  }

  private void migrate() {
    try {
      StoreSchema.migrate(connections, where.dialect(), where);
    } catch (SQLException e) {
      throw failure("cannot open", e);
    }
  }

  /** A write that changes nothing, rolled back: proves the store takes writes before measuring. */
  private void checkWritable() {
    try (Connection c = connections.getConnection()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.executeUpdate("DELETE FROM anatomy_runs WHERE id = ''");
      } finally {
        c.rollback();
      }
    } catch (SQLException e) {
      throw failure("cannot be written", e);
    }
  }

  /**
   * Records a run in one transaction: its row with the whole document, then its figures.
   *
   * @param document a document of the current schema version
   * @throws UsageException if it is not recordable, already recorded, or the write failed; the
   *     store is then unchanged
   */
  public void save(JsonNode document) {
    save(document, c -> {});
  }

  /**
   * Records a run, returning a failure instead of throwing it, for a caller that must finish its
   * own work (print the card) before reporting.
   *
   * @param document a document of the current schema version
   * @return the failure, empty if the run was recorded
   */
  public Optional<UsageException> trySave(JsonNode document) {
    try {
      save(document);
      return Optional.empty();
    } catch (UsageException e) {
      return Optional.of(e);
    }
  }

  void save(JsonNode document, MidWrite midWrite) {
    ObjectNode doc = DocumentReader.check(document, "the run to record");
    JsonNode run = doc.path("run");
    String id = run.path("id").asText();
    Instant started = instant(run, "startedAt");
    Instant finished = instant(run, "finishedAt");
    Map<String, FigureIndex.Entry> figures = FigureIndex.byPath(doc);
    Map<Headline, Double> headlines = Headline.of(figures);
    Dialect d = where.dialect();
    StringBuilder columns = new StringBuilder(RUN_COLUMNS);
    StringBuilder values =
        new StringBuilder("?, ")
            .append(d.timestampParameter())
            .append(", ")
            .append(d.timestampParameter())
            .append(", ?, ?, ?, ?, ?, ?, ?");
    for (Headline h : Headline.values()) {
      columns.append(", ").append(h.column());
      values.append(", ?");
    }
    columns.append(", document");
    values.append(", ").append(d.jsonParameter());
    String insertRun = "INSERT INTO anatomy_runs (" + columns + ") VALUES (" + values + ")";
    String insertFigure =
        "INSERT INTO anatomy_figures (run_id, path, value, unit, statistic) VALUES (?, ?, ?, ?, ?)";
    try (Connection c = connections.getConnection()) {
      c.setAutoCommit(false);
      try {
        if (exists(c, id)) {
          throw new UsageException("store " + where.display() + " already holds run " + id);
        }
        try (PreparedStatement p = c.prepareStatement(insertRun)) {
          int i = 1;
          p.setString(i++, id);
          p.setString(i++, TIME.format(started));
          p.setString(i++, TIME.format(finished));
          p.setString(i++, run.path("host").asText("unknown"));
          p.setString(i++, doc.path("machine").path("modelName").asText("unknown"));
          p.setInt(i++, doc.path("machine").path("logicalCpus").asInt(0));
          p.setString(i++, run.path("effort").asText("standard"));
          p.setBoolean(i++, run.path("partial").asBoolean(false));
          p.setInt(i++, doc.path("schemaVersion").asInt());
          p.setString(i++, run.path("anatomyVersion").asText("unknown"));
          for (Headline h : Headline.values()) {
            Double v = headlines.get(h);
            if (v == null) {
              p.setNull(i++, Types.DOUBLE);
            } else {
              p.setDouble(i++, v);
            }
          }
          p.setString(i, Json.writeCompact(doc));
          p.executeUpdate();
        }
        midWrite.afterRunRow(c);
        try (PreparedStatement p = c.prepareStatement(insertFigure)) {
          for (FigureIndex.Entry e : figures.values()) {
            p.setString(1, id);
            p.setString(2, e.path());
            p.setDouble(3, e.figure().value());
            p.setString(4, e.figure().unit());
            p.setString(5, e.figure().statistic().label());
            p.addBatch();
          }
          p.executeBatch();
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(c);
        throw e;
      }
    } catch (SQLException e) {
      throw failure("run " + id + " not recorded", e);
    }
  }

  private static boolean exists(Connection c, String id) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM anatomy_runs WHERE id = ?")) {
      p.setString(1, id);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static Instant instant(JsonNode run, String key) {
    try {
      return Instant.parse(run.path(key).asText());
    } catch (DateTimeParseException e) {
      throw new UsageException(
          "the run is not recordable: run." + key + " is not a time: " + run.path(key), e);
    }
  }

  private static void rollbackQuietly(Connection c) {
    try {
      if (!c.isClosed()) {
        c.rollback();
      }
    } catch (SQLException e) {
      // the connection is gone: the server rolls the transaction back itself
    }
  }

  /**
   * The runs, newest first.
   *
   * @return every run's summary
   * @throws UsageException if the store cannot be read
   */
  public List<RunSummary> list() {
    StringBuilder sql = new StringBuilder("SELECT ").append(RUN_COLUMNS);
    for (Headline h : Headline.values()) {
      sql.append(", ").append(h.column());
    }
    sql.append(" FROM anatomy_runs ORDER BY started_at DESC, id");
    List<RunSummary> out = new ArrayList<>();
    try (Connection c = connections.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql.toString())) {
      while (rs.next()) {
        out.add(summary(rs));
      }
    } catch (SQLException e) {
      throw failure("cannot be read", e);
    }
    return out;
  }

  private RunSummary summary(ResultSet rs) throws SQLException {
    Map<Headline, Double> headlines = new EnumMap<>(Headline.class);
    for (Headline h : Headline.values()) {
      double v = rs.getDouble(h.column());
      if (!rs.wasNull()) {
        headlines.put(h, v);
      }
    }
    return new RunSummary(
        rs.getString("id"),
        startedAt(rs),
        rs.getString("host"),
        rs.getString("cpu"),
        rs.getInt("logical_cpus"),
        rs.getString("effort"),
        rs.getBoolean("partial"),
        headlines);
  }

  private Instant startedAt(ResultSet rs) throws SQLException {
    if (where.dialect() == Dialect.POSTGRESQL) {
      return rs.getObject("started_at", OffsetDateTime.class).toInstant();
    }
    return Instant.parse(rs.getString("started_at"));
  }

  /**
   * The number of runs recorded.
   *
   * @return the count
   * @throws UsageException if the store cannot be read
   */
  public int runCount() {
    try (Connection c = connections.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM anatomy_runs")) {
      rs.next();
      return rs.getInt(1);
    } catch (SQLException e) {
      throw failure("cannot be read", e);
    }
  }

  /**
   * The number of figures recorded, over all runs.
   *
   * @return the count
   * @throws UsageException if the store cannot be read
   */
  public int figureCount() {
    try (Connection c = connections.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM anatomy_figures")) {
      rs.next();
      return rs.getInt(1);
    } catch (SQLException e) {
      throw failure("cannot be read", e);
    }
  }

  /**
   * A stored run's document.
   *
   * @param idOrPrefix a run id, or the start of exactly one run's id
   * @return the document, upgraded to the current schema version
   * @throws UsageException if no run or several runs match, or the stored document is not readable
   */
  public ObjectNode load(String idOrPrefix) {
    String prefix = idOrPrefix.strip();
    if (prefix.isEmpty()) {
      throw new UsageException("a run id must not be empty; see anatomy history");
    }
    try (Connection c = connections.getConnection()) {
      List<String[]> found = find(c, "SELECT id, document FROM anatomy_runs WHERE id = ?", prefix);
      if (found.isEmpty()) {
        String like = prefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
        found =
            find(
                c,
                "SELECT id, document FROM anatomy_runs WHERE id LIKE ? ESCAPE '!' ORDER BY id",
                like);
      }
      if (found.isEmpty()) {
        throw new UsageException(
            "no run with id or id prefix '"
                + prefix
                + "' in store "
                + where.display()
                + "; anatomy history lists the runs");
      }
      if (found.size() > 1) {
        throw new UsageException(
            "run id prefix '"
                + prefix
                + "' matches "
                + found.size()
                + " runs in store "
                + where.display()
                + " ("
                + found.get(0)[0]
                + ", "
                + found.get(1)[0]
                + (found.size() > 2 ? ", ..." : "")
                + "); give more of the id");
      }
      return DocumentReader.read(
          found.get(0)[1], "run " + found.get(0)[0] + " in store " + where.display());
    } catch (SQLException e) {
      throw failure("cannot be read", e);
    }
  }

  private static List<String[]> find(Connection c, String sql, String arg) throws SQLException {
    List<String[]> out = new ArrayList<>();
    try (PreparedStatement p = c.prepareStatement(sql)) {
      p.setString(1, arg);
      p.setMaxRows(3);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          out.add(new String[] {rs.getString(1), rs.getString(2)});
        }
      }
    }
    return out;
  }

  private UsageException failure(String what, SQLException e) {
    return new UsageException(
        "store " + where.display() + ": " + what + ": " + Errors.oneLine(e), e);
  }
}
