package dev.anatomy.harness;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

/**
 * Asks the kernel to drop a file's pages from the page cache ({@code posix_fadvise(...,
 * POSIX_FADV_DONTNEED)}), so that a buffered read goes to the device. Used where direct I/O is
 * refused (tmpfs, some overlays); dirty pages are not dropped, so flush the file first.
 */
public final class PageCache {
  private static final int O_RDONLY = 0;

  private PageCache() {}

  /**
   * Drops the file's clean cached pages.
   *
   * @param file an existing regular file
   * @throws NativeCallException if the file cannot be opened or the advice is refused
   */
  public static void drop(Path file) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = Libc.newCallState(arena);
      int fd = Libc.open(arena, state, file, O_RDONLY, "");
      try {
        int rc = (int) Libc.POSIX_FADVISE.invokeExact(state, fd, 0L, 0L, Libc.POSIX_FADV_DONTNEED);
        if (rc != 0) {
          throw new NativeCallException("posix_fadvise " + file + ": " + Libc.describe(rc));
        }
      } catch (NativeCallException e) {
        throw e;
      } catch (Throwable t) {
        throw Libc.propagate(t);
      } finally {
        try {
          int ignored = (int) Libc.CLOSE.invokeExact(state, fd);
        } catch (Throwable t) {
          // closing a read-only descriptor cannot lose data; nothing to report
        }
      }
    }
  }
}
