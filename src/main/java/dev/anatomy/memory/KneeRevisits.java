package dev.anatomy.memory;

import java.util.List;
import java.util.function.LongConsumer;

/**
 * Visits to the sizes of the private caches' knee windows, a few at a time, made between the
 * bandwidth sweep's points so that they spread over its seconds, round-robin from the first size.
 *
 * <p>A neighbour sharing the core's L2 (a sibling hyperthread of another guest) lifts a chase there
 * for tens of milliseconds at a time: traced here for a minute, the best of three 2 ms samples at
 * 362 KiB read within 10% of the minute's best in 64 of 1013 tries, most seconds holding a few. The
 * first sweep's passes over a knee window come a fraction of a second apart, so in such a stretch
 * every one of them can land in the busy part; visits spread over the 8 s bandwidth sweep catch the
 * quiet moments. Alternating cards, L2 came within one sweep step of sysfs in 9 of 11 with two
 * visits per bandwidth size and 7 of 12 without, at no measurable cost in time (about 4 ms a
 * visit).
 *
 * <pre>{@code
 * KneeRevisits revisits = new KneeRevisits(List.of(558L << 10, 512L << 10), 1, size -> chase(size));
 * revisits.next(); // chases 558 KiB
 * revisits.next(); // chases 512 KiB
 * }</pre>
 */
final class KneeRevisits {
  /** Sizes visited per call of {@link #next()}: per size of the bandwidth sweep. */
  static final int PER_CALL = 2;

  private final List<Long> sizes;
  private final int perCall;
  private final LongConsumer visit;
  private int next;

  /**
   * @param sizes the sizes to visit, in order; none for no visits
   * @param perCall visits per call of {@link #next()}
   * @param visit measures one size and keeps the point
   */
  KneeRevisits(List<Long> sizes, int perCall, LongConsumer visit) {
    this.sizes = List.copyOf(sizes);
    this.perCall = perCall;
    this.visit = visit;
  }

  /** Makes the next {@code perCall} visits, going round the sizes. */
  void next() {
    for (int i = 0; i < perCall && !sizes.isEmpty(); i++) {
      visit.accept(sizes.get(next));
      next = (next + 1) % sizes.size();
    }
  }
}
