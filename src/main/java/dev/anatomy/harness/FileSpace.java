package dev.anatomy.harness;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

/**
 * Reserves a file's blocks with {@code fallocate(2)}, as {@code fio} does before it writes a new
 * file: the writes that follow fill allocated (unwritten) extents instead of growing the file one
 * block at a time.
 */
public final class FileSpace {
  private static final int O_WRONLY = 1;
  private static final int EOPNOTSUPP = 95;

  private FileSpace() {}

  /**
   * Allocates {@code bytes} from offset 0, extending the file's size to it.
   *
   * @param file an existing regular file
   * @param bytes how much to allocate
   * @return true if allocated, false if the filesystem does not support fallocate
   * @throws NativeCallException if the file cannot be opened or the space is refused (ENOSPC)
   */
  public static boolean allocate(Path file, long bytes) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = Libc.newCallState(arena);
      int fd = Libc.open(arena, state, file, O_WRONLY, "");
      try {
        int rc = (int) Libc.FALLOCATE.invokeExact(state, fd, 0, 0L, bytes);
        if (rc == 0) {
          return true;
        }
        int errno = Libc.errno(state);
        if (errno == EOPNOTSUPP) {
          return false;
        }
        throw new NativeCallException("fallocate " + file + ": " + Libc.describe(errno));
      } catch (NativeCallException e) {
        throw e;
      } catch (Throwable t) {
        throw Libc.propagate(t);
      } finally {
        try {
          int ignored = (int) Libc.CLOSE.invokeExact(state, fd);
        } catch (Throwable t) {
          // nothing was written through this descriptor; its close cannot lose data
        }
      }
    }
  }
}
