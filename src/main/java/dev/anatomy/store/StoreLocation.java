package dev.anatomy.store;

import dev.anatomy.run.UsageException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the history store lives: an SQLite file (the default, under {@code $XDG_DATA_HOME/anatomy/}
 * or {@code ~/.local/share/anatomy/}), another SQLite file the user named, or a PostgreSQL database
 * named by a JDBC URL.
 *
 * <pre>{@code
 * StoreLocation.parse(null, System.getenv(), home)                 // the default SQLite file
 * StoreLocation.parse("runs.db", env, home)                        // an SQLite file
 * StoreLocation.parse("jdbc:postgresql://db:5432/anatomy?user=a&password=p", env, home)
 * }</pre>
 *
 * @param dialect which database
 * @param jdbcUrl the JDBC URL to connect to
 * @param file the SQLite file, empty for PostgreSQL
 * @param isDefault true for the default location the user did not name
 */
public record StoreLocation(
    Dialect dialect, String jdbcUrl, Optional<Path> file, boolean isDefault) {
  /** Name of the SQLite file in the default folder. */
  public static final String DEFAULT_FILE = "history.db";

  private static final Pattern PASSWORD = Pattern.compile("(?i)(password=)[^&;\\s]*");
  private static final Pattern USER_INFO = Pattern.compile("(//[^/@:\\s]+:)[^/@\\s]*@");

  /**
   * Checks the parts.
   *
   * @param dialect dialect
   * @param jdbcUrl url
   * @param file file
   * @param isDefault default
   */
  public StoreLocation {
    java.util.Objects.requireNonNull(dialect, "dialect");
    java.util.Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    java.util.Objects.requireNonNull(file, "file");
  }

  /**
   * Reads a {@code --store} argument.
   *
   * @param text the argument as typed, or null for the default
   * @param env the environment (for XDG_DATA_HOME)
   * @param userHome the user's home folder
   * @return the location
   * @throws UsageException for an empty argument or an unsupported JDBC URL
   */
  public static StoreLocation parse(String text, Map<String, String> env, String userHome) {
    if (text == null) {
      Path file = defaultPath(env, userHome);
      return new StoreLocation(Dialect.SQLITE, "jdbc:sqlite:" + file, Optional.of(file), true);
    }
    if (text.isBlank()) {
      throw new UsageException(
          "--store needs a file path (SQLite) or a URL such as"
              + " jdbc:postgresql://HOST:5432/DATABASE?user=USER&password=PASSWORD");
    }
    String lower = text.toLowerCase(Locale.ROOT);
    if (lower.startsWith("jdbc:postgresql:")) {
      if (!accepts(Dialect.POSTGRESQL, text)) {
        throw new UsageException(
            "--store "
                + redact(text)
                + " is not a valid PostgreSQL URL; use"
                + " jdbc:postgresql://HOST[:PORT]/DATABASE?user=USER&password=PASSWORD");
      }
      return new StoreLocation(Dialect.POSTGRESQL, text, Optional.empty(), false);
    }
    if (lower.startsWith("jdbc:sqlite:")) {
      String rest = text.substring("jdbc:sqlite:".length());
      if (rest.isBlank() || rest.startsWith(":memory:") || rest.startsWith("file:")) {
        throw new UsageException(
            "--store "
                + text
                + ": give the SQLite database as a plain file path, e.g. jdbc:sqlite:/var/lib/runs.db"
                + " or just /var/lib/runs.db");
      }
      return file(rest);
    }
    if (lower.startsWith("jdbc:")) {
      throw new UsageException(
          "--store "
              + redact(text)
              + ": unsupported database; use a file path (SQLite) or jdbc:postgresql://...");
    }
    return file(text);
  }

  private static boolean accepts(Dialect d, String url) {
    try {
      return d.driver().acceptsURL(url);
    } catch (java.sql.SQLException e) {
      return false;
    }
  }

  private static StoreLocation file(String text) {
    Path file = Path.of(text).toAbsolutePath().normalize();
    return new StoreLocation(Dialect.SQLITE, "jdbc:sqlite:" + file, Optional.of(file), false);
  }

  /**
   * The default SQLite file: {@code $XDG_DATA_HOME/anatomy/history.db} when XDG_DATA_HOME is an
   * absolute path (the XDG base directory rules ignore a relative one), else {@code
   * ~/.local/share/anatomy/history.db}.
   *
   * @param env the environment
   * @param userHome the user's home folder
   * @return the path
   */
  public static Path defaultPath(Map<String, String> env, String userHome) {
    String xdg = env.get("XDG_DATA_HOME");
    Path base =
        xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
            ? Path.of(xdg)
            : Path.of(userHome, ".local", "share");
    return base.resolve("anatomy").resolve(DEFAULT_FILE);
  }

  /**
   * The location as a user should see it: the file, or the URL with its password hidden.
   *
   * @return e.g. "/home/me/.local/share/anatomy/history.db"
   */
  public String display() {
    return file.map(Path::toString).orElseGet(() -> redact(jdbcUrl));
  }

  /**
   * Hides passwords in a text that may hold a JDBC URL (for messages and for the command line that
   * a document records).
   *
   * @param text any text
   * @return the text with {@code password=...} and {@code user:password@} replaced by ***
   */
  public static String redact(String text) {
    if (text == null) {
      return null;
    }
    String t = PASSWORD.matcher(text).replaceAll("$1***");
    return USER_INFO.matcher(t).replaceAll("$1***@");
  }

  @Override
  public String toString() {
    return display();
  }
}
