package dev.anatomy.model;

import dev.anatomy.run.UsageException;
import java.util.Locale;

/**
 * How a kernel walks its data, which decides the ceiling that limits it.
 *
 * @param pattern sequential, strided, random (independent loads at random addresses, which the core
 *     can overlap) or dependent (each address comes from the previous load, as in a linked list)
 * @param strideBytes distance between consecutive accesses for {@link Pattern#STRIDED}, else 0
 */
public record Access(Pattern pattern, long strideBytes) {
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
   * Validates the stride.
   *
   * @param pattern pattern
   * @param strideBytes stride, positive for STRIDED
   */
  public Access {
    if (pattern == Pattern.STRIDED && strideBytes <= 0) {
      throw new IllegalArgumentException("a strided access needs a positive stride");
    }
  }

  /**
   * Parses the command line's form: {@code sequential}, {@code strided:BYTES}, {@code random},
   * {@code dependent}.
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
    return switch (t) {
      case "sequential" -> SEQUENTIAL;
      case "random" -> RANDOM;
      case "dependent" -> DEPENDENT;
      default ->
          throw new UsageException(
              "--access must be sequential, strided:BYTES, random or dependent, was '"
                  + text
                  + "'");
    };
  }

  /**
   * The command line's form.
   *
   * @return e.g. "strided:4096"
   */
  @Override
  public String toString() {
    return pattern == Pattern.STRIDED
        ? "strided:" + strideBytes
        : pattern.name().toLowerCase(Locale.ROOT);
  }
}
