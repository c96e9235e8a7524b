package dev.anatomy.store;

import java.sql.SQLException;

/** Turns database errors into the one line a user reads. */
final class Errors {
  private static final int MAX = 300;

  private Errors() {}

  /**
   * The most telling message of an error and its causes, on one line.
   *
   * @param t an error
   * @return the innermost database or I/O message, whitespace collapsed, at most 300 characters
   */
  static String oneLine(Throwable t) {
    Throwable best = t;
    int depth = 0;
    for (Throwable c = t; c != null && depth < 20; c = c.getCause(), depth++) {
      if ((c instanceof SQLException || c instanceof java.io.IOException)
          && c.getMessage() != null
          && !c.getMessage().isBlank()) {
        best = c;
      }
    }
    String m = best.getMessage();
    if (m == null || m.isBlank()) {
      m = best.getClass().getSimpleName();
    }
    String firstLines = m.strip();
    int dashes = firstLines.indexOf("\n---");
    if (dashes > 0) {
      firstLines = firstLines.substring(0, dashes);
    }
    String line = firstLines.replaceAll("\\s+", " ").strip();
    line = StoreLocation.redact(line);
    return line.length() > MAX ? line.substring(0, MAX - 3) + "..." : line;
  }
}
