package dev.anatomy.harness;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A working set outside the Java heap, mapped with {@code mmap}, advised with {@code madvise}, and
 * touched first by the thread that will use it.
 *
 * <p>{@code Arena.allocate} zero-fills on the allocating thread, which places every page (NUMA
 * first touch) and settles its page size before any advice can apply. This class maps the memory
 * untouched instead:
 *
 * <pre>{@code
 * try (OffHeap region = OffHeap.map(1L << 30, PageSize.HUGE)) {
 *   region.touch();                 // on the pinned worker that will read it
 *   MemorySegment data = region.segment();
 *   long huge = region.hugePageBytes();   // what the kernel really gave
 * }
 * }</pre>
 *
 * <p>The segment is 2 MiB-aligned, so transparent huge pages can back it from its first byte.
 */
@SuppressWarnings("restricted") // native calls are this class's purpose
public final class OffHeap implements AutoCloseable {
  /** Transparent huge page alignment on x86-64 and most arm64 kernels. */
  public static final long HUGE_PAGE_BYTES = 2L << 20;

  /** Base page size assumed for touching; every supported kernel has 4 KiB base pages. */
  public static final long PAGE_BYTES = 4096;

  private final MemorySegment mapping;
  private final long mappingBytes;
  private final MemorySegment segment;
  private final PageSize pageSize;
  private boolean closed;

  private OffHeap(MemorySegment mapping, long mappingBytes, MemorySegment segment, PageSize size) {
    this.mapping = mapping;
    this.mappingBytes = mappingBytes;
    this.segment = segment;
    this.pageSize = size;
  }

  /**
   * Maps {@code bytes} of private anonymous memory and advises the page size. Nothing is touched.
   *
   * @param bytes size of the usable segment, at least 1
   * @param pageSize {@link PageSize#HUGE} asks for transparent huge pages, {@link PageSize#SMALL}
   *     forbids them
   * @return the region; close it to unmap
   * @throws NativeCallException if the kernel refuses the mapping
   */
  public static OffHeap map(long bytes, PageSize pageSize) {
    if (bytes <= 0) {
      throw new IllegalArgumentException("bytes must be positive, was " + bytes);
    }
    long usable = roundUp(bytes, PAGE_BYTES);
    long total = usable + HUGE_PAGE_BYTES;
    MemorySegment raw;
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = Libc.newCallState(arena);
      try {
        raw =
            (MemorySegment)
                Libc.MMAP.invokeExact(
                    state,
                    MemorySegment.NULL,
                    total,
                    Libc.PROT_READ_WRITE,
                    Libc.MAP_PRIVATE_ANONYMOUS,
                    -1,
                    0L);
      } catch (Throwable t) {
        throw Libc.propagate(t);
      }
      if (raw.address() == -1L || raw.address() == 0L) {
        throw new NativeCallException(
            "mmap of " + total + " bytes: " + Libc.describe(Libc.errno(state)));
      }
    }
    MemorySegment whole = raw.reinterpret(total);
    long start = roundUp(raw.address(), HUGE_PAGE_BYTES) - raw.address();
    MemorySegment usableSegment = whole.asSlice(start, usable);
    OffHeap region = new OffHeap(whole, total, usableSegment, pageSize);
    region.advise(pageSize == PageSize.HUGE ? Libc.MADV_HUGEPAGE : Libc.MADV_NOHUGEPAGE);
    return region;
  }

  private void advise(int advice) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = Libc.newCallState(arena);
      int rc;
      try {
        rc = (int) Libc.MADVISE.invokeExact(state, segment, segment.byteSize(), advice);
      } catch (Throwable t) {
        throw Libc.propagate(t);
      }
      // A kernel built without THP refuses MADV_HUGEPAGE (EINVAL); the region then simply has
      // small pages, which hugePageBytes() reports, so the refusal is not an error here.
      if (rc != 0 && advice != Libc.MADV_HUGEPAGE && advice != Libc.MADV_NOHUGEPAGE) {
        throw new NativeCallException("madvise: " + Libc.describe(Libc.errno(state)));
      }
    }
  }

  /**
   * Backs every page now, from the calling thread (so its node backs the memory and the kernel
   * decides the page size now, not during a measurement): one {@code madvise(MADV_POPULATE_WRITE)}
   * where the kernel has it (Linux 5.14 and later), which faults the pages in as writes in one call
   * (1 GiB on this project's KVM guest: 0.57-0.94 s, against 0.78-0.94 s for a store per page,
   * alternating); else one store in every 4 KiB page.
   */
  public void touch() {
    if (populate()) {
      return;
    }
    long size = segment.byteSize();
    for (long offset = 0; offset < size; offset += PAGE_BYTES) {
      segment.set(ValueLayout.JAVA_LONG, offset, 0L);
    }
  }

  private boolean populate() {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = Libc.newCallState(arena);
      try {
        return (int)
                Libc.MADVISE.invokeExact(
                    state, segment, segment.byteSize(), Libc.MADV_POPULATE_WRITE)
            == 0;
      } catch (Throwable t) {
        throw Libc.propagate(t);
      }
    }
  }

  /**
   * The usable memory, 2 MiB-aligned.
   *
   * @return a segment valid until {@link #close()}
   */
  public MemorySegment segment() {
    return segment;
  }

  /**
   * The page size that was asked for.
   *
   * @return the advice given to the kernel
   */
  public PageSize requestedPageSize() {
    return pageSize;
  }

  /**
   * How much of this region the kernel backs with huge pages, read from {@code /proc/self/smaps}.
   * Call it after {@link #touch()}.
   *
   * @return bytes in anonymous huge pages, or -1 if smaps could not be read
   */
  public long hugePageBytes() {
    return SmapsReader.anonHugeBytes(mapping.address(), mapping.address() + mappingBytes);
  }

  /** Unmaps the region. Further use of the segment crashes, so callers drop it first. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try (Arena arena = Arena.ofConfined()) {
      int rc = (int) Libc.MUNMAP.invokeExact(Libc.newCallState(arena), mapping, mappingBytes);
      if (rc != 0) {
        throw new NativeCallException("munmap failed");
      }
    } catch (NativeCallException e) {
      throw e;
    } catch (Throwable t) {
      throw Libc.propagate(t);
    }
  }

  static long roundUp(long value, long multiple) {
    return (value + multiple - 1) / multiple * multiple;
  }
}
