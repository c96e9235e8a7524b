package dev.anatomy.memory;

import java.util.List;
import java.util.function.LongConsumer;

/**
 * Visits to the sizes of the private caches' knee windows and plateaus, a few at a time, made
 * between the bandwidth sweep's points so that they spread over its seconds, round-robin from the
 * first size.
 *
 * <p>A neighbour sharing the core's L2 (a sibling hyperthread of another guest) lifts a chase there
 * for tens of milliseconds at a time: traced here for a minute, the best of three 2 ms samples at
 * 362 KiB read within 10% of the minute's best in 64 of 1013 tries, most seconds holding a few. The
 * first sweep's passes over a knee window come a fraction of a second apart, so in such a stretch
 * every one of them can land in the busy part; visits spread over the bandwidth sweep's seconds
 * catch the quiet moments. Each size gets about {@value #VISITS_PER_SIZE} visits, however many
 * sizes the sweep has. Alternating cards, L2 came within one sweep step of sysfs in 9 of 11 default
 * cards with these visits (two per bandwidth size) and 7 of 12 without, and in 6 of 10 quick cards
 * with six per bandwidth size against 2 of 10 with two. A visit takes 3-4 ms, about 0.2 s a card in
 * all.
 *
 * <pre>{@code
 * KneeRevisits revisits = new KneeRevisits(List.of(558L << 10, 512L << 10), size -> chase(size));
 * revisits.spreadOver(4); // four calls to come: two visits each
 * revisits.next(); // chases 558 KiB, then 512 KiB
 * }</pre>
 */
final class KneeRevisits {
  /** Visits each size gets over the calls of {@link #next()}, at least. */
  static final int VISITS_PER_SIZE = 4;

  private final List<Long> sizes;
  private final LongConsumer visit;
  private int perCall;
  private int next;

  /**
   * @param sizes the sizes to visit, in order; none for no visits
   * @param visit measures one size and keeps the point
   */
  KneeRevisits(List<Long> sizes, LongConsumer visit) {
    this.sizes = List.copyOf(sizes);
    this.visit = visit;
  }

  /**
   * Sets the visits each call of {@link #next()} makes, so that {@code calls} calls give each size
   * {@value #VISITS_PER_SIZE}.
   *
   * @param calls the calls of {@link #next()} to come
   */
  void spreadOver(int calls) {
    int over = Math.max(1, calls);
    perCall = (sizes.size() * VISITS_PER_SIZE + over - 1) / over;
  }

  /** Makes the next visits (none before {@link #spreadOver}), going round the sizes. */
  void next() {
    for (int i = 0; i < perCall && !sizes.isEmpty(); i++) {
      visit.accept(sizes.get(next));
      next = (next + 1) % sizes.size();
    }
  }
}
