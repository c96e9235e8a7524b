package dev.anatomy.store;

/** The two databases the history store runs on, and what differs between them. */
public enum Dialect {
  /** An embedded SQLite file: one user, one machine. */
  SQLITE("org.sqlite.JDBC", "classpath:db/migration/anatomy/sqlite", "?", "?"),
  /** A PostgreSQL server: many machines report into one store. */
  POSTGRESQL(
      "org.postgresql.Driver",
      "classpath:db/migration/anatomy/postgresql",
      "CAST(? AS TIMESTAMPTZ)",
      "CAST(? AS JSON)");

  // The PostgreSQL driver logs malformed URLs and retries through java.util.logging; anatomy
  // reports every failure itself, in one line. Loggers are weakly held, so this one is kept here.
  private static final java.util.logging.Logger DRIVER_LOG =
      java.util.logging.Logger.getLogger("org.postgresql");

  static {
    DRIVER_LOG.setLevel(java.util.logging.Level.OFF);
  }

  private final String driverClass;
  private final String migrations;
  private final String timestampParameter;
  private final String jsonParameter;

  Dialect(String driverClass, String migrations, String timestampParameter, String jsonParameter) {
    this.driverClass = driverClass;
    this.migrations = migrations;
    this.timestampParameter = timestampParameter;
    this.jsonParameter = jsonParameter;
  }

  /**
   * A new instance of the dialect's JDBC driver, loaded by name: the PostgreSQL driver's classes
   * carry annotations from a library that is not on the compile path.
   *
   * @return the driver
   */
  java.sql.Driver driver() {
    try {
      return Class.forName(driverClass)
          .asSubclass(java.sql.Driver.class)
          .getDeclaredConstructor()
          .newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("JDBC driver " + driverClass + " is missing from the jar", e);
    }
  }

  /**
   * Where Flyway finds this dialect's versioned migrations.
   *
   * @return a Flyway location
   */
  String migrations() {
    return migrations;
  }

  /**
   * A parameter that takes an ISO-8601 timestamp as text.
   *
   * @return SQL for the placeholder
   */
  String timestampParameter() {
    return timestampParameter;
  }

  /**
   * A parameter that takes the JSON document as text.
   *
   * @return SQL for the placeholder
   */
  String jsonParameter() {
    return jsonParameter;
  }
}
