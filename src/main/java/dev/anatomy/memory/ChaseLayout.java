package dev.anatomy.memory;

/**
 * The order in which a pointer chase visits cache lines: position {@code i} of the cycle visits
 * line {@link #lineAt(long)}, and {@link #positionOf(long)} inverts it. One pointer per 64-byte
 * line.
 *
 * <p>Two layouts, as multichase offers:
 *
 * <ul>
 *   <li>{@link Variant#RANDOM}: every line in a uniformly random order, so almost every step also
 *       misses the TLB once the working set outgrows it;
 *   <li>{@link Variant#TLB_GROUPED}: lines are grouped in blocks of 64 pages (256 KiB); the chase
 *       visits the lines of a block in random order before moving to the next block, and the blocks
 *       come in random order. Caches still see random access, but TLB misses are rare, so the curve
 *       shows the memory's latency rather than the page walker's.
 * </ul>
 *
 * <p>Both orders are computed, not stored (see {@link RandomBijection}), so a chain of any size is
 * built with sequential writes: line {@code l} gets the address of {@code lineAt(positionOf(l) +
 * 1)}.
 */
public final class ChaseLayout {
  /** Bytes per line; one pointer per line. */
  public static final int LINE_BYTES = 64;

  /** Pages per TLB group, as multichase's default. */
  public static final int PAGES_PER_GROUP = 64;

  /** Lines per TLB group: 64 pages of 4 KiB. */
  public static final int LINES_PER_GROUP = PAGES_PER_GROUP * 4096 / LINE_BYTES;

  private static final int GROUP_SHIFT = Integer.numberOfTrailingZeros(LINES_PER_GROUP);
  private static final int GROUP_MASK = LINES_PER_GROUP - 1;

  /** The chase's access pattern. */
  public enum Variant {
    /** Random within blocks of 64 pages, blocks in random order. */
    TLB_GROUPED("tlb-grouped"),
    /** Uniformly random over the whole working set. */
    RANDOM("random");

    private final String label;

    Variant(String label) {
      this.label = label;
    }

    /**
     * The label written into documents.
     *
     * @return "tlb-grouped" or "random"
     */
    public String label() {
      return label;
    }
  }

  private final long lines;
  private final Variant variant;
  private final RandomBijection whole;
  private final RandomBijection groups;
  private final int[] inGroup;
  private final int[] inGroupInverse;
  private final int[] nextInGroup;
  private final RandomBijection tail;
  private final long groupedLines;

  /**
   * Lays out a chase.
   *
   * @param lines number of lines, at least 2
   * @param variant access pattern
   * @param seed selects the random order
   */
  public ChaseLayout(long lines, Variant variant, long seed) {
    if (lines < 2) {
      throw new IllegalArgumentException("a chase needs at least 2 lines, was " + lines);
    }
    this.lines = lines;
    this.variant = variant;
    if (variant == Variant.RANDOM || lines <= LINES_PER_GROUP) {
      this.whole = new RandomBijection(lines, seed);
      this.groups = null;
      this.inGroup = null;
      this.inGroupInverse = null;
      this.nextInGroup = null;
      this.tail = null;
      this.groupedLines = 0;
    } else {
      this.whole = null;
      long fullGroups = lines >>> GROUP_SHIFT;
      this.groupedLines = fullGroups << GROUP_SHIFT;
      this.groups = new RandomBijection(fullGroups, seed);
      RandomBijection local = new RandomBijection(LINES_PER_GROUP, seed * 31 + 7);
      this.inGroup = new int[LINES_PER_GROUP];
      this.inGroupInverse = new int[LINES_PER_GROUP];
      for (int i = 0; i < LINES_PER_GROUP; i++) {
        inGroup[i] = (int) local.apply(i);
        inGroupInverse[inGroup[i]] = i;
      }
      this.nextInGroup = new int[LINES_PER_GROUP];
      for (int i = 0; i < LINES_PER_GROUP; i++) {
        nextInGroup[i] = inGroup[(inGroupInverse[i] + 1) & GROUP_MASK];
      }
      long rest = lines - groupedLines;
      this.tail = rest > 0 ? new RandomBijection(rest, seed * 17 + 3) : null;
    }
  }

  /**
   * Number of lines in the cycle.
   *
   * @return lines
   */
  public long lines() {
    return lines;
  }

  /**
   * The access pattern.
   *
   * @return the variant
   */
  public Variant variant() {
    return variant;
  }

  /**
   * The line visited at a position of the cycle.
   *
   * @param position in [0, lines)
   * @return line index in [0, lines)
   */
  public long lineAt(long position) {
    if (whole != null) {
      return whole.apply(position);
    }
    if (position < groupedLines) {
      long g = groups.apply(position >>> GROUP_SHIFT);
      int r = (int) ((position + rotation(g)) & GROUP_MASK);
      return (g << GROUP_SHIFT) | inGroup[r];
    }
    return groupedLines + tail.apply(position - groupedLines);
  }

  /**
   * The position at which the cycle visits a line: the inverse of {@link #lineAt(long)}.
   *
   * @param line in [0, lines)
   * @return position in [0, lines)
   */
  public long positionOf(long line) {
    if (whole != null) {
      return whole.inverse(line);
    }
    if (line < groupedLines) {
      long g = line >>> GROUP_SHIFT;
      long r = (inGroupInverse[(int) (line & GROUP_MASK)] - rotation(g)) & GROUP_MASK;
      return (groups.inverse(g) << GROUP_SHIFT) | r;
    }
    return groupedLines + tail.inverse(line - groupedLines);
  }

  /** Receives the links of a chain: {@code line} points at {@code next}. */
  @FunctionalInterface
  interface Link {
    /**
     * One link.
     *
     * @param line a line
     * @param next the line visited after it
     */
    void accept(long line, long next);
  }

  /**
   * Hands every line of {@code [fromLine, toLine)} in ascending order to {@code link} with the line
   * the cycle visits next, {@code lineAt(positionOf(line) + 1)} (position 0 after the last). Inside
   * a TLB group of the grouped layout the next line depends only on the line's place in the group,
   * bar the one line that leaves the group, so a group costs one inverse of the group order and a
   * table lookup per line: a 1 GiB chain built here in a fifth of the time that two permutations
   * per line took (34 ns a line).
   *
   * @param fromLine first line
   * @param toLine one past the last line
   * @param link receives each line and its successor
   */
  void forEachLink(long fromLine, long toLine, Link link) {
    long line = fromLine;
    if (whole == null) {
      long end = Math.min(toLine, groupedLines);
      while (line < end) {
        long g = line >>> GROUP_SHIFT;
        long groupEnd = Math.min(end, (g + 1) << GROUP_SHIFT);
        // the line at the group's last position leaves the group for the next position's line
        int leaving = inGroup[(int) ((GROUP_MASK + rotation(g)) & GROUP_MASK)];
        long exitPosition = (groups.inverse(g) + 1) << GROUP_SHIFT;
        long exit = lineAt(exitPosition == lines ? 0 : exitPosition);
        long base = g << GROUP_SHIFT;
        for (; line < groupEnd; line++) {
          int i = (int) (line & GROUP_MASK);
          link.accept(line, i == leaving ? exit : base | nextInGroup[i]);
        }
      }
    }
    for (; line < toLine; line++) {
      long position = positionOf(line);
      link.accept(line, lineAt(position + 1 == lines ? 0 : position + 1));
    }
  }

  private static long rotation(long group) {
    return RandomBijection.mix(group) & GROUP_MASK;
  }
}
