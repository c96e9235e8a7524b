package dev.anatomy.store;

import dev.anatomy.run.UsageException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Creates and upgrades the store's tables with Flyway's versioned migrations ({@code
 * src/main/resources/db/migration/anatomy/<dialect>/V<n>__*.sql}), recorded in the table {@value
 * #HISTORY_TABLE}.
 *
 * <p>Flyway takes a second or two to start on a small machine, so a store already at {@link
 * #LATEST} is recognised by reading that table directly and Flyway is not started; a store written
 * by a newer anatomy (a version above {@link #LATEST}) is refused rather than written with an older
 * idea of its tables.
 */
final class StoreSchema {
  /** The newest migration this build has; raise it with every new {@code V<n>__} file. */
  static final int LATEST = 1;

  /** Flyway's record of the applied migrations. */
  static final String HISTORY_TABLE = "anatomy_schema_history";

  // Flyway logs through java.util.logging; its progress lines would mix with anatomy's output.
  // Loggers are weakly held, so the configured one is kept here.
  private static final Logger FLYWAY_LOG = Logger.getLogger("org.flywaydb");

  static {
    FLYWAY_LOG.setLevel(Level.OFF);
  }

  private StoreSchema() {}

  /**
   * Brings the store's tables to {@link #LATEST}.
   *
   * @param source connections to the store
   * @param dialect which database
   * @param where the store, for messages
   * @throws UsageException if the store is newer than this build, or a migration fails
   * @throws SQLException if the store cannot be read
   */
  static void migrate(DataSource source, Dialect dialect, StoreLocation where) throws SQLException {
    int applied;
    try (Connection c = source.getConnection()) {
      applied = appliedVersion(c);
    }
    if (applied > LATEST) {
      throw newer(where, applied);
    }
    if (applied == LATEST) {
      return;
    }
    Flyway flyway =
        Flyway.configure(StoreSchema.class.getClassLoader())
            .dataSource(source)
            .locations(dialect.migrations())
            .table(HISTORY_TABLE)
            .baselineOnMigrate(false)
            .validateMigrationNaming(true)
            .load();
    try {
      MigrateResult result = flyway.migrate();
      if (!result.success) {
        throw new UsageException(
            "store " + where.display() + ": migrating its tables failed; it is left as it was");
      }
      MigrationInfo current = flyway.info().current();
      if (current != null && Integer.parseInt(current.getVersion().getVersion()) > LATEST) {
        throw newer(where, Integer.parseInt(current.getVersion().getVersion()));
      }
    } catch (FlywayException e) {
      throw new UsageException(
          "store "
              + where.display()
              + ": cannot create or upgrade its tables: "
              + Errors.oneLine(e),
          e);
    }
  }

  /**
   * The newest migration recorded as applied.
   *
   * @param c a connection
   * @return its version; 0 for a new store; -1 if a migration is recorded as failed
   * @throws SQLException if the store cannot be read
   */
  static int appliedVersion(Connection c) throws SQLException {
    if (!hasTable(c, HISTORY_TABLE)) {
      return 0;
    }
    int newest = 0;
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT version, success FROM " + HISTORY_TABLE + " WHERE version IS NOT NULL")) {
      while (rs.next()) {
        if (!rs.getBoolean(2)) {
          return -1;
        }
        try {
          newest = Math.max(newest, Integer.parseInt(rs.getString(1).trim()));
        } catch (NumberFormatException e) {
          return -1;
        }
      }
    }
    return newest;
  }

  private static boolean hasTable(Connection c, String table) throws SQLException {
    try (ResultSet rs = c.getMetaData().getTables(null, null, table, new String[] {"TABLE"})) {
      while (rs.next()) {
        String schema = rs.getString("TABLE_SCHEM");
        if (schema == null || schema.equals(currentSchema(c))) {
          return true;
        }
      }
      return false;
    }
  }

  private static String currentSchema(Connection c) throws SQLException {
    String s = c.getSchema();
    return s == null ? "" : s;
  }

  private static UsageException newer(StoreLocation where, int version) {
    return new UsageException(
        "store "
            + where.display()
            + " has tables of version "
            + version
            + ", newer than this anatomy knows ("
            + LATEST
            + "); use a newer anatomy with this store");
  }
}
