package dev.anatomy.compute;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A barrier whose waiting threads spin instead of parking, so crossing it costs a cache-line
 * transfer (well under a microsecond) rather than a wake-up by the scheduler (tens of microseconds
 * in a VM). Meant for threads that each own a CPU, as pinned workers do; after about {@link
 * #SPINS_BEFORE_YIELD} spins a waiter yields its CPU on every turn, so a machine busier than it has
 * CPUs (another process on a worker's CPU) slows the demo down instead of stalling it.
 */
final class SpinBarrier {
  /** Spins before a waiter starts yielding: tens of microseconds. */
  static final int SPINS_BEFORE_YIELD = 1 << 14;

  private final int parties;
  private final AtomicInteger arrived = new AtomicInteger();
  private volatile int generation;

  /**
   * Creates the barrier.
   *
   * @param parties threads that must arrive, at least 1
   */
  SpinBarrier(int parties) {
    if (parties < 1) {
      throw new IllegalArgumentException("parties must be at least 1, was " + parties);
    }
    this.parties = parties;
  }

  /** Waits until every party has arrived. Reusable: the next call waits for the next round. */
  @SuppressWarnings("ThreadPriorityCheck") // yielding is the point: a late partner needs our CPU
  void await() {
    int g = generation;
    if (arrived.incrementAndGet() == parties) {
      arrived.set(0);
      generation = g + 1;
      return;
    }
    int spins = 0;
    while (generation == g) {
      if (spins < SPINS_BEFORE_YIELD) {
        spins++;
        Thread.onSpinWait();
      } else {
        Thread.yield();
      }
    }
  }
}
