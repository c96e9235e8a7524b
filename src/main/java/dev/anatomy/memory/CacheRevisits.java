package dev.anatomy.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.LongConsumer;

/**
 * Visits to the caches' sizes, a few at a time, made between the bandwidth sweep's points so that
 * they spread over its seconds: the private caches' knee windows and plateaus {@value
 * #PRIVATE_VISITS} times each, the shared cache's sizes {@value #SHARED_VISITS} times. Each round
 * goes through the sizes due in it, largest first, and the rounds follow each other.
 *
 * <p>A neighbour sharing the core's L2 (a sibling hyperthread of another guest) lifts a chase there
 * for tens of milliseconds at a time: traced here for a minute, the best of three 2 ms samples at
 * 362 KiB read within 10% of the minute's best in 64 of 1013 tries, most seconds holding a few. The
 * first sweep's passes over a knee window come a fraction of a second apart, so in such a stretch
 * every one of them can land in the busy part; visits spread over the bandwidth sweep's seconds
 * catch the quiet moments. Alternating cards, L2 came within one sweep step of sysfs in 9 of 11
 * default cards with these visits (two per bandwidth size) and 7 of 12 without, and in 6 of 10
 * quick cards with six per bandwidth size against 2 of 10 with two. A visit in L2 takes 3-4 ms.
 *
 * <p>The guest's share of a shared L3 comes and goes with the neighbours' traffic over seconds: in
 * two cards of one bench run here both visits of the 4 MiB point read 51-79 ns while the C chase,
 * best of seven 2 s samples, read 15 ns in the same rounds.
 *
 * <pre>{@code
 * CacheRevisits revisits =
 *     new CacheRevisits(List.of(558L << 10, 512L << 10), List.of(4L << 20), size -> chase(size));
 * revisits.spreadOver(4); // four calls to come: 4 + 4 + 3 visits, three a call
 * revisits.next(); // chases 4 MiB, 558 KiB, then 512 KiB
 * }</pre>
 */
final class CacheRevisits {
  /** Visits each private cache's size gets over the calls of {@link #next()}, at least. */
  static final int PRIVATE_VISITS = 4;

  /** Visits each shared cache's size gets over the calls of {@link #next()}, at least. */
  static final int SHARED_VISITS = 3;

  private final List<Long> schedule;
  private final LongConsumer visit;
  private int perCall;
  private int next;

  /**
   * @param privateSizes the private caches' sizes to visit; none for no visits
   * @param sharedSizes the shared cache's sizes to visit; none for no visits
   * @param visit measures one size and keeps the point
   */
  CacheRevisits(List<Long> privateSizes, List<Long> sharedSizes, LongConsumer visit) {
    TreeMap<Long, Integer> visits = new TreeMap<>();
    sharedSizes.forEach(s -> visits.merge(s, SHARED_VISITS, Math::max));
    privateSizes.forEach(s -> visits.merge(s, PRIVATE_VISITS, Math::max));
    List<Long> rounds = new ArrayList<>();
    int most = visits.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    for (int round = 0; round < most; round++) {
      for (var e : visits.descendingMap().entrySet()) {
        if (round < e.getValue()) {
          rounds.add(e.getKey());
        }
      }
    }
    this.schedule = List.copyOf(rounds);
    this.visit = visit;
  }

  /**
   * Sets the visits each call of {@link #next()} makes, so that {@code calls} calls make every
   * visit due.
   *
   * @param calls the calls of {@link #next()} to come
   */
  void spreadOver(int calls) {
    int over = Math.max(1, calls);
    perCall = (schedule.size() + over - 1) / over;
  }

  /** Makes the next visits (none before {@link #spreadOver}), going round the schedule. */
  void next() {
    for (int i = 0; i < perCall && !schedule.isEmpty(); i++) {
      visit.accept(schedule.get(next));
      next = (next + 1) % schedule.size();
    }
  }
}
