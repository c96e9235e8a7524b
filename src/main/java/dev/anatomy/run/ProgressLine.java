package dev.anatomy.run;

import java.util.Locale;
import java.util.Optional;

/**
 * How a forked JVM tells its parent how far a step has come: one line on stderr, starting with a
 * marker no other output starts with.
 *
 * @param step the step's name
 * @param fraction done, 0 to 1
 * @param secondsLeft estimate, NaN when unknown
 */
public record ProgressLine(String step, double fraction, double secondsLeft) {
  /** Starts every progress line. */
  public static final String MARKER = "\u0001anatomy-progress\t";

  /**
   * Formats the line.
   *
   * @return the line, without a newline
   */
  public String format() {
    return MARKER
        + step.replace('\t', ' ').replace('\n', ' ')
        + "\t"
        + String.format(Locale.ROOT, "%.4f", fraction)
        + "\t"
        + (Double.isNaN(secondsLeft) ? "nan" : String.format(Locale.ROOT, "%.2f", secondsLeft));
  }

  /**
   * Parses a line written by {@link #format()}.
   *
   * @param line a line of stderr
   * @return the progress, empty if the line is not a progress line
   */
  public static Optional<ProgressLine> parse(String line) {
    if (!line.startsWith(MARKER)) {
      return Optional.empty();
    }
    String[] f = line.substring(MARKER.length()).split("\t");
    if (f.length != 3) {
      return Optional.empty();
    }
    try {
      double left = "nan".equals(f[2]) ? Double.NaN : Double.parseDouble(f[2]);
      return Optional.of(new ProgressLine(f[0], Double.parseDouble(f[1]), left));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
