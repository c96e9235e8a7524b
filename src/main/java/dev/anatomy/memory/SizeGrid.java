package dev.anatomy.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeSet;

/** Working-set sizes for a sweep: geometric, a fixed number of points per octave. */
public final class SizeGrid {
  /** Sizes are rounded to a multiple of this. */
  public static final long ROUNDING = 1024;

  private SizeGrid() {}

  /**
   * Sizes from {@code min} to {@code max}, {@code perOctave} points per doubling, every power of
   * two included (so the grid always hits the usual cache sizes).
   *
   * @param min smallest size, at least 1 KiB
   * @param max largest size, at least min
   * @param perOctave points per doubling, 1 to 64
   * @return ascending, distinct sizes, rounded to 1 KiB; max is always the last
   */
  public static List<Long> geometric(long min, long max, int perOctave) {
    if (min < ROUNDING || max < min || perOctave < 1 || perOctave > 64) {
      throw new IllegalArgumentException(
          "need 1 KiB <= min <= max and 1 <= perOctave <= 64, got min="
              + min
              + " max="
              + max
              + " perOctave="
              + perOctave);
    }
    TreeSet<Long> sizes = new TreeSet<>();
    double lo = Math.log(min) / Math.log(2);
    double hi = Math.log(max) / Math.log(2);
    int first = (int) Math.ceil(lo * perOctave - 1e-9);
    int last = (int) Math.floor(hi * perOctave + 1e-9);
    for (int k = first; k <= last; k++) {
      long s = round(Math.pow(2, (double) k / perOctave));
      if (s >= min && s <= max) {
        sizes.add(s);
      }
    }
    sizes.add(round(min));
    sizes.add(max);
    return new ArrayList<>(sizes);
  }

  /**
   * Extra sizes around a knee: {@code perOctave} points per doubling from half to twice the size.
   *
   * @param knee the size where a tier ends
   * @param perOctave density
   * @param min smallest allowed size
   * @param max largest allowed size
   * @return ascending sizes within [min, max]
   */
  public static List<Long> around(long knee, int perOctave, long min, long max) {
    return bracket(knee / 2.0, knee * 2.0, perOctave, min, max);
  }

  /**
   * Extra sizes where a knee found on a coarse sweep must lie: from one fine step below the last
   * coarse size still in the tier to the next coarse size, {@code perOctave} points per doubling.
   *
   * @param knee the last coarse size still in the tier
   * @param coarseStep ratio between neighbouring coarse sizes (2 for one per octave)
   * @param perOctave density of the refinement
   * @param min smallest allowed size
   * @param max largest allowed size
   * @return ascending sizes within [min, max]
   */
  public static List<Long> bracketing(
      long knee, double coarseStep, int perOctave, long min, long max) {
    return bracket(knee / Math.pow(2, 1.0 / perOctave), knee * coarseStep, perOctave, min, max);
  }

  /**
   * The size of the geometric grid nearest a size: a knee measured at 524,224 bytes (a chain of
   * whole lines) stands for the grid's 512 KiB.
   *
   * @param size any size (below 1 KiB counts as 1 KiB)
   * @param perOctave the grid's points per doubling
   * @return the grid size nearest it on a log scale, rounded to 1 KiB
   */
  public static long snap(double size, int perOctave) {
    double k = Math.rint(Math.log(Math.max(size, ROUNDING)) / Math.log(2) * perOctave);
    return round(Math.pow(2, k / perOctave));
  }

  /**
   * The size of a set nearest a size, if it is within a ratio of it.
   *
   * @param sizes the sizes
   * @param size the size wanted
   * @param ratio the largest ratio accepted, above 1
   * @return the nearest size within the ratio, or empty
   */
  public static Optional<Long> nearestWithin(NavigableSet<Long> sizes, long size, double ratio) {
    Optional<Long> best = Optional.empty();
    for (Long s : new Long[] {sizes.floor(size), sizes.ceiling(size)}) {
      if (s != null
          && Math.max(s, size) <= ratio * Math.min(s, size)
          && (best.isEmpty() || Math.abs(s - size) < Math.abs(best.get() - size))) {
        best = Optional.of(s);
      }
    }
    return best;
  }

  private static List<Long> bracket(double from, double to, int perOctave, long min, long max) {
    // ends on the grid, not cut short of it: 362 KiB times the square root of 2 is 512 KiB less
    // 56 bytes, and 304 KiB times it is 430 KiB, beside the grid's 431
    long lo = Math.max(min, snap(from, perOctave));
    long hi = Math.min(max, snap(to, perOctave));
    if (hi < lo) {
      return List.of();
    }
    return geometric(Math.max(lo, ROUNDING), hi, perOctave);
  }

  static long round(double size) {
    return Math.max(ROUNDING, Math.round(size / ROUNDING) * ROUNDING);
  }
}
