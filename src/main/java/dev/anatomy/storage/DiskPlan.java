package dev.anatomy.storage;

import dev.anatomy.run.Effort;

/**
 * What the storage part will do, decided before anything runs.
 *
 * @param fileBytes size of the test file (or of the span read sequentially from a user's file), a
 *     multiple of {@link #sequentialBlockBytes}
 * @param sequentialBlockBytes block of the sequential passes (1 MiB)
 * @param randomBlockBytes block of the random passes (4 KiB, or the alignment if larger)
 * @param queueDepth threads doing positional I/O at once for the deep-queue figure (32)
 * @param sequentialSlices slices each sequential pass is cut into; one sample per slice
 * @param rounds rounds of each random pass; one sample per round
 * @param roundNs length of one round of a random pass
 * @param warmupNs untimed I/O before each random pass
 */
public record DiskPlan(
    long fileBytes,
    int sequentialBlockBytes,
    int randomBlockBytes,
    int queueDepth,
    int sequentialSlices,
    int rounds,
    long roundNs,
    long warmupNs) {
  /** 1 MiB: the sequential block. */
  public static final int SEQUENTIAL_BLOCK = 1 << 20;

  /** 4 KiB: the random block. */
  public static final int RANDOM_BLOCK = 4096;

  /** Queue depth of the deep-queue figure. */
  public static final int DEEP_QUEUE = 32;

  /** The smallest test file that still gives every sequential slice a few MiB. */
  public static final long MIN_FILE_BYTES = 16L << 20;

  /**
   * Validates the plan.
   *
   * @param fileBytes file size
   * @param sequentialBlockBytes sequential block
   * @param randomBlockBytes random block
   * @param queueDepth queue depth
   * @param sequentialSlices slices
   * @param rounds rounds
   * @param roundNs round length
   * @param warmupNs warm-up length
   */
  public DiskPlan {
    if (fileBytes < sequentialBlockBytes || fileBytes % sequentialBlockBytes != 0) {
      throw new IllegalArgumentException(
          "the file must be a positive multiple of " + sequentialBlockBytes + " bytes");
    }
    if (sequentialSlices < 1 || rounds < 1 || queueDepth < 1 || roundNs <= 0) {
      throw new IllegalArgumentException("inconsistent disk plan");
    }
  }

  /**
   * The plan for an effort.
   *
   * @param requestedBytes the file size asked for; rounded down to whole MiB
   * @param alignment the direct-I/O alignment of the folder's filesystem
   * @param effort the effort
   * @return the plan
   */
  public static DiskPlan of(long requestedBytes, int alignment, Effort effort) {
    long file = Math.max(SEQUENTIAL_BLOCK, requestedBytes / SEQUENTIAL_BLOCK * SEQUENTIAL_BLOCK);
    int random = Math.max(RANDOM_BLOCK, alignment);
    long blocks = file / SEQUENTIAL_BLOCK;
    int slices = (int) Math.max(1, Math.min(effort.pick(8, 16, 32), blocks / 4));
    return new DiskPlan(
        file,
        SEQUENTIAL_BLOCK,
        random,
        DEEP_QUEUE,
        slices,
        effort.pick(3, 5, 9),
        (long) effort.pick(70e6, 150e6, 500e6),
        (long) effort.pick(40e6, 60e6, 300e6));
  }

  /**
   * Bytes of one sequential slice: the file split into {@link #sequentialSlices}, in whole blocks.
   *
   * @return bytes, a multiple of the sequential block
   */
  public long sliceBytes() {
    long blocks = fileBytes / sequentialBlockBytes;
    return Math.max(1, blocks / sequentialSlices) * sequentialBlockBytes;
  }

  /**
   * How many sequential blocks the file holds.
   *
   * @return blocks
   */
  public long sequentialBlocks() {
    return fileBytes / sequentialBlockBytes;
  }

  /**
   * How many random blocks the file holds.
   *
   * @return blocks
   */
  public long randomBlocks() {
    return fileBytes / randomBlockBytes;
  }
}
