package dev.anatomy.model;

import dev.anatomy.run.UsageException;
import java.util.Locale;

/**
 * How a kernel walks its data, which decides the ceiling that limits it.
 *
 * @param pattern sequential, strided, random (independent loads at random addresses, which the core
 *     can overlap) or dependent (each address comes from the previous load, as in a linked list)
 * @param strideBytes distance between consecutive accesses for {@link Pattern#STRIDED}, else 0
 * @param serialisedFraction for {@link Pattern#RANDOM}: the share of the loads that wait their full
 *     latency instead of overlapping, because a branch on the loaded value mispredicts and throws
 *     away the loads issued behind it (a hash probe that did not end where the predictor guessed);
 *     0 for independent loads
 */
public record Access(Pattern pattern, long strideBytes, double serialisedFraction) {
  /** The access patterns. */
  public enum Pattern {
    /** Consecutive addresses: hardware prefetchers stream whole lines. */
    SEQUENTIAL,
    /** A constant stride: each access may touch a new line. */
    STRIDED,
    /** Independent loads at random addresses: misses overlap up to the core's limit. */
    RANDOM,
    /** Each address comes from the previous load: one full latency per access. */
    DEPENDENT
  }

  /** Sequential access. */
  public static final Access SEQUENTIAL = new Access(Pattern.SEQUENTIAL, 0);

  /** Random independent access. */
  public static final Access RANDOM = new Access(Pattern.RANDOM, 0);

  /** Dependent (pointer-chasing) access. */
  public static final Access DEPENDENT = new Access(Pattern.DEPENDENT, 0);

  /**
   * Validates the stride and the fraction.
   *
   * @param pattern pattern
   * @param strideBytes stride, positive for STRIDED
   * @param serialisedFraction in [0, 1], and 0 unless RANDOM
   */
  public Access {
    if (pattern == Pattern.STRIDED && strideBytes <= 0) {
      throw new IllegalArgumentException("a strided access needs a positive stride");
    }
    if (!(serialisedFraction >= 0 && serialisedFraction <= 1)
        || (serialisedFraction > 0 && pattern != Pattern.RANDOM)) {
      throw new IllegalArgumentException(
          "a serialised fraction is a share of random loads, in [0, 1]: " + serialisedFraction);
    }
  }

  /**
   * An access without serialised loads.
   *
   * @param pattern pattern
   * @param strideBytes stride, positive for STRIDED
   */
  public Access(Pattern pattern, long strideBytes) {
    this(pattern, strideBytes, 0);
  }

  /**
   * Random loads of which a share waits its full latency.
   *
   * @param serialisedFraction the share, in [0, 1]
   * @return the access
   */
  public static Access random(double serialisedFraction) {
    return new Access(Pattern.RANDOM, 0, serialisedFraction);
  }

  /**
   * Parses the command line's form: {@code sequential}, {@code strided:BYTES}, {@code random},
   * {@code random:F} (a share F of the loads cannot overlap), {@code dependent}.
   *
   * @param text the option's value
   * @return the access
   * @throws UsageException for anything else
   */
  public static Access parse(String text) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    if (t.startsWith("strided:")) {
      try {
        long stride = Long.parseLong(t.substring("strided:".length()));
        if (stride > 0) {
          return new Access(Pattern.STRIDED, stride);
        }
      } catch (NumberFormatException e) {
        // falls through to the one-line error below
      }
      throw new UsageException(
          "--access strided:BYTES needs a positive byte count, was '" + text + "'");
    }
    if (t.startsWith("random:")) {
      try {
        double f = Double.parseDouble(t.substring("random:".length()));
        if (f >= 0 && f <= 1) {
          return random(f);
        }
      } catch (NumberFormatException e) {
        // falls through to the one-line error below
      }
      throw new UsageException(
          "--access random:F needs the share F (0 to 1) of loads that cannot overlap, was '"
              + text
              + "'");
    }
    return switch (t) {
      case "sequential" -> SEQUENTIAL;
      case "random" -> RANDOM;
      case "dependent" -> DEPENDENT;
      default ->
          throw new UsageException(
              "--access must be sequential, strided:BYTES, random, random:F or dependent, was '"
                  + text
                  + "'");
    };
  }

  /**
   * The command line's form.
   *
   * @return e.g. "strided:4096", "random:0.36"
   */
  @Override
  public String toString() {
    if (pattern == Pattern.STRIDED) {
      return "strided:" + strideBytes;
    }
    if (serialisedFraction > 0) {
      return String.format(Locale.ROOT, "random:%.4f", serialisedFraction);
    }
    return pattern.name().toLowerCase(Locale.ROOT);
  }
}
