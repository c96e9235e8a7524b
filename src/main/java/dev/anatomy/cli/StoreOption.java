package dev.anatomy.cli;

import dev.anatomy.store.StoreLocation;
import picocli.CommandLine.Option;

/** The {@code --store} option every command that uses the history store takes. */
final class StoreOption {
  @Option(
      names = "--store",
      paramLabel = "STORE",
      description =
          "History store: an SQLite file, or jdbc:postgresql://HOST[:PORT]/DB?user=U&password=P"
              + " (default: $XDG_DATA_HOME/anatomy/history.db, else"
              + " ~/.local/share/anatomy/history.db).")
  String store;

  /**
   * The store the option names.
   *
   * @return its location
   */
  StoreLocation location() {
    return StoreLocation.parse(store, System.getenv(), home());
  }

  /** $HOME, as the XDG rules say; Java's user.home (from the password file) if it is unset. */
  private static String home() {
    String home = System.getenv("HOME");
    return home != null && home.startsWith("/") ? home : System.getProperty("user.home");
  }
}
