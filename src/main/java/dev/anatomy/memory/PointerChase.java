package dev.anatomy.memory;

import dev.anatomy.harness.KernelCheckException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A cyclic pointer chase laid out in memory: each line holds the absolute address of the next line
 * to visit, so a step is one dependent load ({@code p = *p}), as in lmbench and multichase.
 *
 * <pre>{@code
 * PointerChase chase = PointerChase.build(region.segment(), new ChaseLayout(lines, Variant.RANDOM, 42));
 * long end = PointerChase.chase(chase.start(), steps);
 * chase.check(steps, end);   // fails if the loads did not follow the chain
 * }</pre>
 */
@SuppressWarnings("restricted") // native calls are this class's purpose
public final class PointerChase {
  /** Warm-up rounds before speed is looked at. */
  static final long MIN_WARMUP_ROUNDS = 8_000;

  /** Rounds in a row at compiled speed that end the warm-up. */
  static final int FAST_ROUNDS_IN_A_ROW = 2_000;

  /** A warm-up round slower than this ran in the interpreter. */
  static final long FAST_ROUND_NS = 1_000;

  /** The most warm-up rounds. */
  static final long MAX_WARMUP_ROUNDS = 200_000;

  /** Every address of the process, so a chase reads absolute addresses like C's {@code *p}. */
  static final MemorySegment ALL = MemorySegment.NULL.reinterpret(Long.MAX_VALUE);

  private static final ValueLayout.OfLong WORD = ValueLayout.JAVA_LONG_UNALIGNED;

  private final MemorySegment memory;
  private final ChaseLayout layout;

  private PointerChase(MemorySegment memory, ChaseLayout layout) {
    this.memory = memory;
    this.layout = layout;
  }

  /**
   * Writes the chain into the first {@code layout.lines() * 64} bytes of a segment.
   *
   * @param memory at least lines x 64 bytes, already touched by the thread that will chase
   * @param layout the visiting order
   * @return the chase
   */
  public static PointerChase build(MemorySegment memory, ChaseLayout layout) {
    return build(memory, layout, 0, layout.lines());
  }

  /**
   * Writes the pointers of lines {@code [fromLine, toLine)}; several threads can build disjoint
   * ranges of one chain at once. Writes are sequential: line {@code l} gets the address of the line
   * that follows it in the cycle.
   *
   * @param memory at least lines x 64 bytes
   * @param layout the visiting order
   * @param fromLine first line to write
   * @param toLine one past the last line to write
   * @return the chase (complete once every range is written)
   */
  public static PointerChase build(
      MemorySegment memory, ChaseLayout layout, long fromLine, long toLine) {
    long lines = layout.lines();
    if (memory.byteSize() < lines * ChaseLayout.LINE_BYTES) {
      throw new IllegalArgumentException("segment too small for " + lines + " lines");
    }
    long base = memory.address();
    layout.forEachLink(
        fromLine,
        toLine,
        (line, next) ->
            memory.set(WORD, line * ChaseLayout.LINE_BYTES, base + next * ChaseLayout.LINE_BYTES));
    return new PointerChase(memory, layout);
  }

  /**
   * Address of the line at position 0 of the cycle.
   *
   * @return an absolute address
   */
  public long start() {
    return address(0);
  }

  /**
   * Address of the line at a position of the cycle.
   *
   * @param position any non-negative position; taken modulo the cycle length
   * @return an absolute address
   */
  public long address(long position) {
    return memory.address()
        + layout.lineAt(Math.floorMod(position, layout.lines())) * ChaseLayout.LINE_BYTES;
  }

  /**
   * The layout.
   *
   * @return the visiting order
   */
  public ChaseLayout layout() {
    return layout;
  }

  /**
   * Fails unless a chase of {@code steps} from position {@code from} ended where the chain says.
   *
   * @param from starting position
   * @param steps steps taken
   * @param end the address the chase returned
   */
  public void check(long from, long steps, long end) {
    KernelCheckException.failIfNot("pointer chase", address(from + steps), end);
  }

  /**
   * Compiles every chase loop before anything is timed: many short calls on a small chain, so C2
   * compiles each loop as a normal method, not only as an on-stack replacement of a long first call
   * (which would leave the first sizes measured by the interpreter). At least {@value
   * #MIN_WARMUP_ROUNDS} rounds, to pass the tiered policy's thresholds, then on until {@value
   * #FAST_ROUNDS_IN_A_ROW} rounds in a row ran at compiled speed (under {@value #FAST_ROUND_NS} ns
   * for a round's 176 loads in L1; the interpreter takes microseconds), {@value #MAX_WARMUP_ROUNDS}
   * rounds at most.
   *
   * @param scratch at least 16 KiB, touched
   * @return rounds run
   */
  public static long warmUpJit(MemorySegment scratch) {
    PointerChase chase = build(scratch, new ChaseLayout(256, ChaseLayout.Variant.RANDOM, 1));
    long[] p = new long[8];
    long end = chase.start();
    long rounds = 0;
    int fast = 0;
    while (rounds < MAX_WARMUP_ROUNDS
        && (rounds < MIN_WARMUP_ROUNDS || fast < FAST_ROUNDS_IN_A_ROW)) {
      long t = System.nanoTime();
      end = chase(end, 64);
      for (int j = 0; j < 8; j++) {
        p[j] = chase.address(j * 32L);
      }
      chase2(p, 8);
      chase4(p, 8);
      chase8(p, 8);
      fast = System.nanoTime() - t < FAST_ROUND_NS ? fast + 1 : 0;
      rounds++;
    }
    chase.check(0, rounds * 64, end);
    return rounds;
  }

  /**
   * Follows the chain for {@code steps} dependent loads.
   *
   * @param start an address in the chain
   * @param steps number of loads, a multiple of 8
   * @return the address reached
   */
  public static long chase(long start, long steps) {
    long p = start;
    for (long i = 0; i < steps; i += 8) {
      p = ALL.get(WORD, p);
      p = ALL.get(WORD, p);
      p = ALL.get(WORD, p);
      p = ALL.get(WORD, p);
      p = ALL.get(WORD, p);
      p = ALL.get(WORD, p);
      p = ALL.get(WORD, p);
      p = ALL.get(WORD, p);
    }
    return p;
  }

  /**
   * Follows two chains at once; the loads of one do not depend on the other's, so the core can
   * overlap them (memory-level parallelism).
   *
   * @param starts two addresses, replaced by the addresses reached
   * @param steps loads per chain, a multiple of 4
   */
  public static void chase2(long[] starts, long steps) {
    long a = starts[0];
    long b = starts[1];
    for (long i = 0; i < steps; i += 4) {
      a = ALL.get(WORD, a);
      b = ALL.get(WORD, b);
      a = ALL.get(WORD, a);
      b = ALL.get(WORD, b);
      a = ALL.get(WORD, a);
      b = ALL.get(WORD, b);
      a = ALL.get(WORD, a);
      b = ALL.get(WORD, b);
    }
    starts[0] = a;
    starts[1] = b;
  }

  /**
   * Follows four independent chains at once.
   *
   * @param starts four addresses, replaced by the addresses reached
   * @param steps loads per chain, a multiple of 2
   */
  public static void chase4(long[] starts, long steps) {
    long a = starts[0];
    long b = starts[1];
    long c = starts[2];
    long d = starts[3];
    for (long i = 0; i < steps; i += 2) {
      a = ALL.get(WORD, a);
      b = ALL.get(WORD, b);
      c = ALL.get(WORD, c);
      d = ALL.get(WORD, d);
      a = ALL.get(WORD, a);
      b = ALL.get(WORD, b);
      c = ALL.get(WORD, c);
      d = ALL.get(WORD, d);
    }
    starts[0] = a;
    starts[1] = b;
    starts[2] = c;
    starts[3] = d;
  }

  /**
   * Follows eight independent chains at once.
   *
   * @param starts eight addresses, replaced by the addresses reached
   * @param steps loads per chain
   */
  public static void chase8(long[] starts, long steps) {
    long a = starts[0];
    long b = starts[1];
    long c = starts[2];
    long d = starts[3];
    long e = starts[4];
    long f = starts[5];
    long g = starts[6];
    long h = starts[7];
    for (long i = 0; i < steps; i++) {
      a = ALL.get(WORD, a);
      b = ALL.get(WORD, b);
      c = ALL.get(WORD, c);
      d = ALL.get(WORD, d);
      e = ALL.get(WORD, e);
      f = ALL.get(WORD, f);
      g = ALL.get(WORD, g);
      h = ALL.get(WORD, h);
    }
    starts[0] = a;
    starts[1] = b;
    starts[2] = c;
    starts[3] = d;
    starts[4] = e;
    starts[5] = f;
    starts[6] = g;
    starts[7] = h;
  }
}
