package dev.anatomy.harness;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The few C library calls anatomy needs, bound once through the Foreign Function and Memory API.
 *
 * <p>Every handle captures {@code errno} so a failure can be reported with its reason. Nothing
 * outside this package calls these handles directly: {@link Affinity} and {@link OffHeap} wrap them
 * in plain Java.
 */
@SuppressWarnings("restricted") // native calls are this class's purpose
final class Libc {
  static final int PROT_READ_WRITE = 3;
  static final int MAP_PRIVATE_ANONYMOUS = 0x22;
  static final int MADV_HUGEPAGE = 14;
  static final int MADV_NOHUGEPAGE = 15;
  static final int MADV_POPULATE_WRITE = 23;
  static final int POSIX_FADV_DONTNEED = 4;

  /** Size of a {@code cpu_set_t}: room for 1024 CPUs. */
  static final long CPU_SET_BYTES = 128;

  private static final Linker LINKER = Linker.nativeLinker();
  private static final SymbolLookup LOOKUP = LINKER.defaultLookup();
  private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
  private static final VarHandle ERRNO =
      CALL_STATE.varHandle(java.lang.foreign.MemoryLayout.PathElement.groupElement("errno"));

  static final MethodHandle SCHED_SETAFFINITY =
      bind("sched_setaffinity", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS));
  static final MethodHandle SCHED_GETAFFINITY =
      bind("sched_getaffinity", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS));
  static final MethodHandle SCHED_GETCPU = bind("sched_getcpu", FunctionDescriptor.of(JAVA_INT));
  static final MethodHandle MMAP =
      bind(
          "mmap",
          FunctionDescriptor.of(
              ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG));
  static final MethodHandle MUNMAP =
      bind("munmap", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
  static final MethodHandle MADVISE =
      bind("madvise", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
  static final MethodHandle POSIX_FADVISE =
      bind(
          "posix_fadvise",
          FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_INT));
  static final MethodHandle OPEN = bind("open", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
  static final MethodHandle FALLOCATE =
      bind("fallocate", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG));
  static final MethodHandle CLOSE = bind("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
  static final MethodHandle STRERROR =
      LINKER.downcallHandle(
          LOOKUP.findOrThrow("strerror"), FunctionDescriptor.of(ADDRESS, JAVA_INT));

  private Libc() {}

  private static MethodHandle bind(String name, FunctionDescriptor descriptor) {
    return LINKER.downcallHandle(
        LOOKUP.findOrThrow(name), descriptor, Linker.Option.captureCallState("errno"));
  }

  /** A fresh segment to receive {@code errno}, allocated in the caller's arena. */
  static MemorySegment newCallState(java.lang.foreign.Arena arena) {
    return arena.allocate(CALL_STATE);
  }

  /**
   * Opens a file with {@code open(2)}.
   *
   * @param arena where the path's C string lives
   * @param state receives errno
   * @param file the file
   * @param flags open flags
   * @param what the flags in words, for the message ("" for none)
   * @return the descriptor
   * @throws NativeCallException naming the file and the C library's reason
   */
  static int open(
      java.lang.foreign.Arena arena,
      MemorySegment state,
      java.nio.file.Path file,
      int flags,
      String what) {
    MemorySegment name = arena.allocateFrom(file.toAbsolutePath().toString());
    int fd;
    try {
      fd = (int) OPEN.invokeExact(state, name, flags);
    } catch (Throwable t) {
      throw propagate(t);
    }
    if (fd < 0) {
      throw new NativeCallException("open " + file + what + ": " + describe(errno(state)));
    }
    return fd;
  }

  static int errno(MemorySegment callState) {
    return (int) ERRNO.get(callState, 0L);
  }

  /** The C library's text for an error number, e.g. "Invalid argument". */
  static String describe(int errno) {
    try {
      MemorySegment text = (MemorySegment) STRERROR.invokeExact(errno);
      return text.reinterpret(256).getString(0) + " (errno " + errno + ")";
    } catch (Throwable t) {
      return "errno " + errno;
    }
  }

  /** Rethrows what a downcall threw; downcalls throw nothing checked but the API says Throwable. */
  static RuntimeException propagate(Throwable t) {
    if (t instanceof RuntimeException r) {
      return r;
    }
    if (t instanceof Error e) {
      throw e;
    }
    return new IllegalStateException(t);
  }

  static final ValueLayout.OfLong WORD = JAVA_LONG;
}
