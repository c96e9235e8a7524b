package dev.anatomy.memory;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the tiers of the memory hierarchy in a latency curve: plateaus where latency stays flat,
 * separated by knees where the working set outgrows a cache.
 *
 * <p>Walking up the sizes, a plateau collects the points within {@link #PLATEAU_RISE} of its first
 * point; a point beyond starts the next plateau. A plateau narrower than {@link #MIN_PLATEAU_SPAN}
 * is a ramp between tiers, not a tier, unless it holds the largest size measured. A tier ends (its
 * measured capacity) at the largest size whose latency is still below its level plus {@link
 * #KNEE_FRACTION} of the gap to the next tier's level; when that level is far ({@link
 * #FAR_LEVEL_RATIO} times or more), also below {@link #FAR_KNEE_RISE} times its own level. That
 * size may lie inside the next tier's plateau, whose first point can still be below the threshold:
 * in one card here L2 read 3.9 ns to 279 KiB and the next plateau began at 395 KiB with 6.7 ns,
 * below the midpoint to L3's 12.3 up to 558 KiB; cut at that first point, L2 ended at 362 KiB. On a
 * shared host the L3 a guest gets can shrink to about 1 MiB, its points at 10-13 ns too narrow a
 * plateau to be a tier; L2's knee, measured against memory's 100 ns, then landed past them (724 and
 * 1024 KiB for a 512 KiB L2 in four cards of 24).
 */
public final class TierFinder {
  /** Points within this ratio of a plateau's first point belong to it. */
  public static final double PLATEAU_RISE = 1.25;

  /** Share of the gap to the next level at which a tier is over: the midpoint. */
  public static final double KNEE_FRACTION = 0.5;

  /**
   * A next level at least this many times slower is far: memory behind a cache, or behind a cache
   * level the curve could not resolve.
   */
  public static final double FAR_LEVEL_RATIO = 5;

  /**
   * Before a far level a tier is over where its latency has doubled, if that comes before the
   * midpoint.
   */
  public static final double FAR_KNEE_RISE = 2;

  /**
   * A plateau must span at least half an octave (largest over smallest size) to be a tier; narrower
   * ones are ramps between tiers.
   */
  public static final double MIN_PLATEAU_SPAN = 1.4;

  /** Neighbouring plateaus closer than this ratio of latencies are one tier. */
  public static final double MIN_TIER_RATIO = 1.8;

  /** At most this many tiers are reported: L1, L2, L3 and DRAM. */
  public static final int MAX_TIERS = 4;

  private TierFinder() {}

  /**
   * One tier found in the curve.
   *
   * @param levelNs the tier's latency (the median of its plateau)
   * @param capacityBytes the largest size still served by the tier, or 0 for the last tier
   * @param firstIndex index of the plateau's first point
   * @param lastIndex index of the plateau's last point
   */
  public record Tier(double levelNs, long capacityBytes, int firstIndex, int lastIndex) {}

  /**
   * Finds the tiers.
   *
   * @param sizes ascending working-set sizes
   * @param latenciesNs latency at each size
   * @return tiers from the fastest; the last is memory (capacity 0); empty for fewer than 3 points
   */
  public static List<Tier> find(List<Long> sizes, List<Double> latenciesNs) {
    int n = sizes.size();
    if (n != latenciesNs.size()) {
      throw new IllegalArgumentException("sizes and latencies differ in length");
    }
    if (n < 3) {
      return List.of();
    }
    latenciesNs = suffixMinimum(latenciesNs);
    List<int[]> plateaus = plateaus(latenciesNs);
    List<int[]> kept = new ArrayList<>();
    for (int i = 0; i < plateaus.size(); i++) {
      int[] p = plateaus.get(i);
      boolean last = i == plateaus.size() - 1;
      boolean wide = (double) sizes.get(p[1]) / sizes.get(p[0]) >= MIN_PLATEAU_SPAN;
      if (wide || last) {
        kept.add(p);
      }
    }
    kept = mergeExtra(mergeClose(kept, latenciesNs));
    List<Tier> tiers = new ArrayList<>();
    for (int t = 0; t < kept.size(); t++) {
      int[] p = kept.get(t);
      double level = median(latenciesNs, p[0], p[1]);
      long capacity = 0;
      if (t + 1 < kept.size()) {
        int[] next = kept.get(t + 1);
        double nextLevel = median(latenciesNs, next[0], next[1]);
        double threshold = level + KNEE_FRACTION * (nextLevel - level);
        if (nextLevel >= FAR_LEVEL_RATIO * level) {
          threshold = Math.min(threshold, FAR_KNEE_RISE * level);
        }
        capacity = sizes.get(p[0]);
        // the curve is non-decreasing, so this is the last point below the threshold
        for (int i = p[0]; i <= next[1]; i++) {
          if (latenciesNs.get(i) <= threshold) {
            capacity = sizes.get(i);
          }
        }
      }
      tiers.add(new Tier(level, capacity, p[0], p[1]));
    }
    return tiers;
  }

  /**
   * Each value replaced by the smallest value at or after it.
   *
   * @param values a curve
   * @return the non-decreasing lower envelope from the right
   */
  static List<Double> suffixMinimum(List<Double> values) {
    double[] out = new double[values.size()];
    double min = Double.POSITIVE_INFINITY;
    for (int i = values.size() - 1; i >= 0; i--) {
      min = Math.min(min, values.get(i));
      out[i] = min;
    }
    return java.util.Arrays.stream(out).boxed().toList();
  }

  /** Greedy plateaus: [first, last] index pairs covering every point. */
  static List<int[]> plateaus(List<Double> lat) {
    List<int[]> out = new ArrayList<>();
    int i = 0;
    while (i < lat.size()) {
      double base = lat.get(i);
      int j = i + 1;
      while (j < lat.size() && lat.get(j) <= base * PLATEAU_RISE) {
        j++;
      }
      out.add(new int[] {i, j - 1});
      i = j;
    }
    return out;
  }

  /**
   * Joins neighbouring plateaus whose levels differ by less than {@link #MIN_TIER_RATIO}: real
   * tiers differ by more (L1 to L2 about 3x, L3 to DRAM 5x or more), while a busy neighbour can
   * lift the tail of one tier's plateau by half.
   */
  static List<int[]> mergeClose(List<int[]> kept, List<Double> lat) {
    List<int[]> out = new ArrayList<>();
    for (int[] p : kept) {
      if (!out.isEmpty()) {
        int[] last = out.get(out.size() - 1);
        double lower = median(lat, last[0], last[1]);
        double upper = median(lat, p[0], p[1]);
        if (upper < lower * MIN_TIER_RATIO) {
          out.set(out.size() - 1, new int[] {last[0], p[1]});
          continue;
        }
      }
      out.add(p);
    }
    return out;
  }

  /**
   * Keeps at most {@link #MAX_TIERS}: the fastest three and the last (memory); plateaus between the
   * third and the last are folded into the last's ramp.
   */
  private static List<int[]> mergeExtra(List<int[]> kept) {
    if (kept.size() <= MAX_TIERS) {
      return kept;
    }
    List<int[]> out = new ArrayList<>(kept.subList(0, MAX_TIERS - 1));
    int[] last = kept.get(kept.size() - 1);
    out.add(last);
    return out;
  }

  private static double median(List<Double> values, int from, int to) {
    List<Double> part = new ArrayList<>(values.subList(from, to + 1));
    part.sort(null);
    int m = part.size();
    return m % 2 == 1 ? part.get(m / 2) : (part.get(m / 2 - 1) + part.get(m / 2)) / 2;
  }
}
