package dev.anatomy.harness;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Linux native asynchronous I/O, the {@code io_submit} family that fio's {@code libaio} engine
 * uses, called through {@code syscall(2)} with the FFM API: one thread keeps many direct reads of
 * one file in flight, each into its own aligned buffer (a "slot").
 *
 * <pre>{@code
 * try (LinuxAio aio = LinuxAio.openDirect(path, 32, 4096)) {
 *   aio.submit(new int[] {0, 1}, new long[] {0, 8192}, 2);
 *   int done = aio.reap(1, slots, results, ns);   // slots[i] finished with results[i] bytes
 * }
 * }</pre>
 *
 * <p>Only on x86-64 and AArch64 Linux, whose system-call numbers and {@code O_DIRECT} value it
 * knows; {@link #unavailable()} says why not elsewhere. Not thread-safe: one thread submits and
 * reaps.
 */
@SuppressWarnings("restricted") // native calls are this class's purpose
public final class LinuxAio implements AutoCloseable {
  private static final Linker LINKER = Linker.nativeLinker();
  private static final MethodHandle SYSCALL =
      LINKER.downcallHandle(
          LINKER.defaultLookup().findOrThrow("syscall"),
          FunctionDescriptor.of(
              JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG),
          Linker.Option.firstVariadicArg(1),
          Linker.Option.captureCallState("errno"));

  /** Bytes of a {@code struct iocb}. */
  static final int IOCB_BYTES = 64;

  /** Bytes of a {@code struct io_event}. */
  static final int EVENT_BYTES = 32;

  private static final short IOCB_CMD_PREAD = 0;

  private record Arch(long ioSetup, long ioDestroy, long ioSubmit, long ioGetevents, int oDirect) {}

  private static final Optional<Arch> ARCH =
      switch (System.getProperty("os.arch", "").toLowerCase(Locale.ROOT)) {
        case "amd64", "x86_64" -> Optional.of(new Arch(206, 207, 209, 208, 0x4000));
        case "aarch64", "arm64" -> Optional.of(new Arch(0, 1, 2, 4, 0x10000));
        default -> Optional.empty();
      };

  private final Arch arch;
  private final Arena arena = Arena.ofShared();
  private final MemorySegment state = Libc.newCallState(arena);
  private final int fd;
  private final long context;
  private final int depth;
  private final int blockBytes;
  private final MemorySegment buffers;
  private final MemorySegment iocbs;
  private final MemorySegment pointers;
  private final MemorySegment events;
  private final MemorySegment timeout;
  private boolean closed;

  private LinuxAio(Arch arch, int fd, long context, int depth, int blockBytes) {
    this.arch = arch;
    this.fd = fd;
    this.context = context;
    this.depth = depth;
    this.blockBytes = blockBytes;
    this.buffers = arena.allocate((long) depth * blockBytes, 4096);
    this.iocbs = arena.allocate((long) depth * IOCB_BYTES, 64);
    this.pointers = arena.allocate((long) depth * 8, 8);
    this.events = arena.allocate((long) depth * EVENT_BYTES, 8);
    this.timeout = arena.allocate(16, 8);
  }

  /**
   * Why native AIO cannot be used here, if it cannot.
   *
   * @return the reason, or empty when this is a Linux it knows
   */
  public static Optional<String> unavailable() {
    if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
      return Optional.of("not Linux");
    }
    if (ARCH.isEmpty()) {
      return Optional.of(
          "no system-call numbers for native AIO on " + System.getProperty("os.arch"));
    }
    return Optional.empty();
  }

  /**
   * Opens a file for direct reads and sets up an AIO context.
   *
   * @param file the file
   * @param depth reads in flight at most, one slot each
   * @param blockBytes bytes of each read and slot, a multiple of the filesystem's alignment
   * @return the context
   * @throws IOException if the file cannot be opened with O_DIRECT or the kernel refuses a context
   */
  public static LinuxAio openDirect(Path file, int depth, int blockBytes) throws IOException {
    Arch arch =
        ARCH.orElseThrow(() -> new IOException(unavailable().orElse("native AIO unavailable")));
    if (depth < 1 || blockBytes < 512 || blockBytes % 512 != 0) {
      throw new IllegalArgumentException("depth " + depth + ", block " + blockBytes);
    }
    try (Arena a = Arena.ofConfined()) {
      MemorySegment st = Libc.newCallState(a);
      int fd;
      try {
        fd = Libc.open(a, st, file, arch.oDirect(), " with O_DIRECT");
      } catch (NativeCallException e) {
        throw new IOException(e.getMessage(), e);
      }
      MemorySegment ctx = a.allocate(JAVA_LONG);
      ctx.set(JAVA_LONG, 0, 0L);
      long rc =
          (long) SYSCALL.invokeExact(st, arch.ioSetup(), (long) depth, ctx.address(), 0L, 0L, 0L);
      if (rc != 0) {
        int errno = Libc.errno(st);
        int ignored = (int) Libc.CLOSE.invokeExact(st, fd);
        throw new IOException("io_setup(" + depth + "): " + Libc.describe(errno));
      }
      return new LinuxAio(arch, fd, ctx.get(JAVA_LONG, 0), depth, blockBytes);
    } catch (IOException | RuntimeException e) {
      throw e;
    } catch (Throwable t) {
      throw Libc.propagate(t);
    }
  }

  /**
   * A slot's buffer: what its last read brought.
   *
   * @param slot 0 to depth - 1
   * @return the slot's {@code blockBytes}
   */
  public MemorySegment buffer(int slot) {
    return buffers.asSlice((long) slot * blockBytes, blockBytes);
  }

  /**
   * Submits reads in one system call.
   *
   * @param slots the slots to read into (each not in flight)
   * @param offsets file offset of each read, aligned
   * @param n how many of the arrays' first entries to submit
   * @throws IOException if the kernel refuses them
   */
  public void submit(int[] slots, long[] offsets, int n) throws IOException {
    for (int i = 0; i < n; i++) {
      pointers.setAtIndex(ADDRESS, i, prepare(slots[i], offsets[i]));
    }
    int done = 0;
    while (done < n) {
      done += ioSubmit(n - done, pointers.address() + 8L * done);
    }
  }

  /**
   * Submits one read in a system call of its own, as fio's {@code libaio} engine does by default
   * ({@code iodepth_batch_submit=1}). On a virtual disk each call notifies the host at once, so it
   * starts the read while the next is prepared; a batch of reads waits for its last one to be
   * queued, and the queue runs emptier (on this project's KVM guest, 32 reads kept in flight one
   * call each gave about 1.4x the IOPS of the same reads submitted in batches).
   *
   * @param slot the slot to read into (not in flight)
   * @param offset file offset, aligned
   * @throws IOException if the kernel refuses it
   */
  public void submitOne(int slot, long offset) throws IOException {
    pointers.setAtIndex(ADDRESS, 0, prepare(slot, offset));
    ioSubmit(1, pointers.address()); // takes the read or throws
  }

  /** Writes a slot's control block for a read of its buffer at an offset. */
  private MemorySegment prepare(int slot, long offset) {
    MemorySegment cb = iocbs.asSlice((long) slot * IOCB_BYTES, IOCB_BYTES);
    cb.fill((byte) 0);
    cb.set(JAVA_LONG, 0, slot); // aio_data
    cb.set(JAVA_SHORT, 16, IOCB_CMD_PREAD); // aio_lio_opcode
    cb.set(JAVA_INT, 20, fd); // aio_fildes
    cb.set(JAVA_LONG, 24, buffer(slot).address()); // aio_buf
    cb.set(JAVA_LONG, 32, blockBytes); // aio_nbytes
    cb.set(JAVA_LONG, 40, offset); // aio_offset
    return cb;
  }

  /** One io_submit of {@code n} control blocks listed at {@code list}; returns how many it took. */
  private int ioSubmit(long n, long list) throws IOException {
    long rc;
    try {
      rc = (long) SYSCALL.invokeExact(state, arch.ioSubmit(), context, n, list, 0L, 0L);
    } catch (Throwable t) {
      throw Libc.propagate(t);
    }
    if (rc <= 0) {
      throw new IOException("io_submit: " + Libc.describe(Libc.errno(state)));
    }
    return (int) rc;
  }

  /**
   * Waits for finished reads.
   *
   * @param min return once at least this many have finished (or the time is up)
   * @param slots receives each finished read's slot
   * @param results receives its result: bytes read, or a negative error number
   * @param timeoutNs the longest wait
   * @return how many finished
   * @throws IOException if the kernel refuses the call
   */
  public int reap(int min, int[] slots, long[] results, long timeoutNs) throws IOException {
    timeout.set(JAVA_LONG, 0, timeoutNs / 1_000_000_000L);
    timeout.set(JAVA_LONG, 8, timeoutNs % 1_000_000_000L);
    long rc;
    while (true) {
      try {
        rc =
            (long)
                SYSCALL.invokeExact(
                    state,
                    arch.ioGetevents(),
                    context,
                    (long) min,
                    (long) Math.min(depth, slots.length),
                    events.address(),
                    timeout.address());
      } catch (Throwable t) {
        throw Libc.propagate(t);
      }
      if (rc >= 0 || Libc.errno(state) != 4) { // 4: EINTR, a signal; wait again
        break;
      }
    }
    if (rc < 0) {
      throw new IOException("io_getevents: " + Libc.describe(Libc.errno(state)));
    }
    for (int i = 0; i < rc; i++) {
      slots[i] = (int) events.get(JAVA_LONG, (long) i * EVENT_BYTES);
      results[i] = events.get(JAVA_LONG, (long) i * EVENT_BYTES + 16);
    }
    return (int) rc;
  }

  /**
   * How many reads may be in flight.
   *
   * @return the depth
   */
  public int depth() {
    return depth;
  }

  /** Destroys the context (cancelling what is still in flight), closes the file, frees slots. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      long ignored = (long) SYSCALL.invokeExact(state, arch.ioDestroy(), context, 0L, 0L, 0L, 0L);
      int _ = (int) Libc.CLOSE.invokeExact(state, fd);
    } catch (Throwable t) {
      // reads only: nothing is lost if the context or descriptor outlives a failed close
    } finally {
      arena.close();
    }
  }
}
