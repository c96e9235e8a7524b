package dev.anatomy.store;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Connections to one store, opened through the driver directly (no {@code DriverManager} lookup,
 * which a shaded jar or a jlink image can confuse), with the settings anatomy relies on: timeouts
 * so a dead server fails in seconds, and SQLite's foreign keys and busy wait.
 */
final class StoreConnections implements DataSource {
  /** Seconds to wait for a PostgreSQL server to accept a connection. */
  static final int CONNECT_TIMEOUT_SECONDS = 5;

  /** Seconds a PostgreSQL statement may wait on the network before the connection is dropped. */
  static final int SOCKET_TIMEOUT_SECONDS = 60;

  /** Milliseconds SQLite waits for another writer to finish. */
  static final int SQLITE_BUSY_MILLIS = 10_000;

  private final StoreLocation where;
  private final Driver driver;
  private final Properties properties;

  StoreConnections(StoreLocation where) {
    this.where = where;
    this.properties = new Properties();
    this.driver = where.dialect().driver();
    switch (where.dialect()) {
      case SQLITE -> {
        properties.setProperty("foreign_keys", "true");
        properties.setProperty("busy_timeout", Integer.toString(SQLITE_BUSY_MILLIS));
      }
      case POSTGRESQL -> {
        properties.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
        properties.setProperty("loginTimeout", Integer.toString(2 * CONNECT_TIMEOUT_SECONDS));
        properties.setProperty("socketTimeout", Integer.toString(SOCKET_TIMEOUT_SECONDS));
        properties.setProperty("ApplicationName", "anatomy");
      }
      default -> throw new IllegalStateException("unknown dialect " + where.dialect());
    }
  }

  @Override
  public Connection getConnection() throws SQLException {
    Connection c = driver.connect(where.jdbcUrl(), properties);
    if (c == null) {
      throw new SQLException("the driver does not accept this URL");
    }
    return c;
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException("credentials belong in the store's URL");
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {
    // no driver logging
  }

  @Override
  public void setLoginTimeout(int seconds) {
    properties.setProperty("loginTimeout", Integer.toString(seconds));
  }

  @Override
  public int getLoginTimeout() {
    return Integer.parseInt(properties.getProperty("loginTimeout", "0"));
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("no parent logger");
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    throw new SQLException("not a wrapper of " + iface.getName());
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }
}
