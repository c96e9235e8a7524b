package dev.anatomy.harness;

/** The page size asked of the kernel for an {@link OffHeap} region. */
public enum PageSize {
  /** Base pages (4 KiB on x86-64); {@code MADV_NOHUGEPAGE}. */
  SMALL(4096),
  /** Transparent huge pages (2 MiB on x86-64); {@code MADV_HUGEPAGE}. */
  HUGE(2L << 20);

  private final long bytes;

  PageSize(long bytes) {
    this.bytes = bytes;
  }

  /**
   * The page size in bytes.
   *
   * @return 4096 or 2097152
   */
  public long bytes() {
    return bytes;
  }
}
