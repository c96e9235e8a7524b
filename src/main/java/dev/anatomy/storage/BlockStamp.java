package dev.anatomy.storage;

import dev.anatomy.harness.KernelCheckException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;

/**
 * The content of the test file, which proves every read returned the block it asked for: the first
 * eight bytes of each 4 KiB unit hold a stamp derived from the unit's index and a per-run seed (so
 * data left by an earlier run, or the zeros of a never-written extent, fail the check), the next
 * eight hold a write generation, and the rest is random bytes, which no layer below can compress.
 */
public final class BlockStamp {
  /** The unit each stamp covers. */
  public static final int UNIT = 4096;

  private final long seed;

  /**
   * Creates the stamps of one run.
   *
   * @param seed per-run seed
   */
  public BlockStamp(long seed) {
    this.seed = seed;
  }

  /**
   * The stamp of a unit.
   *
   * @param unit the unit's index in the file (offset / 4096)
   * @return the value its first eight bytes hold
   */
  public long stamp(long unit) {
    long z = (unit + seed) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    return z ^ (z >>> 31);
  }

  /**
   * Fills a buffer with random bytes, once; stamps are written over them per write.
   *
   * @param buf the buffer
   * @param random the source of the bytes
   */
  public static void fillRandom(ByteBuffer buf, SplittableRandom random) {
    ByteBuffer b = buf.duplicate().order(ByteOrder.nativeOrder());
    b.clear();
    while (b.remaining() >= 8) {
      b.putLong(random.nextLong());
    }
  }

  /**
   * Stamps every unit of a buffer about to be written at {@code position}.
   *
   * @param buf the buffer, a whole number of units
   * @param position the file offset it goes to
   * @param generation the write generation stored beside each stamp
   */
  public void stampAll(ByteBuffer buf, long position, long generation) {
    long first = position / UNIT;
    for (int off = 0, i = 0; off < buf.capacity(); off += UNIT, i++) {
      buf.putLong(off, stamp(first + i));
      buf.putLong(off + 8, generation);
    }
  }

  /**
   * Checks that every unit of a buffer just read from {@code position} holds its stamp.
   *
   * @param buf the buffer
   * @param position the file offset it came from
   * @throws KernelCheckException on a mismatch
   */
  public void checkAll(ByteBuffer buf, long position) {
    long first = position / UNIT;
    for (int off = 0, i = 0; off < buf.capacity(); off += UNIT, i++) {
      long found = buf.getLong(off);
      long expected = stamp(first + i);
      if (found != expected) {
        throw new KernelCheckException(
            "disk read at offset "
                + (position + off)
                + " returned data that is not the block written there (stamp "
                + Long.toHexString(found)
                + ", expected "
                + Long.toHexString(expected)
                + ")");
      }
    }
  }

  /**
   * Checks the first unit of a buffer only: what a 4 KiB random read needs.
   *
   * @param buf the buffer
   * @param position the file offset it came from
   */
  public void checkFirst(ByteBuffer buf, long position) {
    KernelCheckException.failIfNot("disk read", stamp(position / UNIT), buf.getLong(0));
  }

  /**
   * The write generation stored in a buffer's first unit.
   *
   * @param buf the buffer
   * @return the generation
   */
  public static long generation(ByteBuffer buf) {
    return buf.getLong(8);
  }
}
