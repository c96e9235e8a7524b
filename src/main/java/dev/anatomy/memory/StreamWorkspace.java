package dev.anatomy.memory;

import dev.anatomy.harness.KernelCheckException;
import dev.anatomy.harness.OffHeap;
import dev.anatomy.harness.PageSize;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;

/**
 * One worker's arrays for the bandwidth kernels, in an off-heap region the worker maps and fills
 * itself (first touch). Three arrays sit at fixed places: {@code a} (output, as long as the largest
 * working set), {@code b} (input, {@code b[i] = i mod 8}, as long as the largest working set) and
 * {@code c} (input, a third of it, holding the same pattern). A kernel at a working set uses a
 * prefix of each, so the inputs are filled once and every kernel's result is known: the read
 * kernel's sum exactly, the others' outputs at sampled positions.
 *
 * <p>{@code c} lies in the tail of {@code b}'s pages, past any prefix of {@code b} the triad uses
 * (the triad's arrays are a third of the working set; only the read kernel reads all of {@code b}),
 * so a workspace backs two arrays, not two and a third: on the Firecracker guest, whose host backs
 * each page at its first write, a separate {@code c} cost the backing of 341 MiB more on worker 0
 * and 171 MiB on worker 1 of a default card.
 */
final class StreamWorkspace implements AutoCloseable {
  private static final ValueLayout.OfDouble D = ValueLayout.JAVA_DOUBLE;

  /** Gap between arrays, so that a[i], b[i] and c[i] do not share low address bits. */
  static final long ARRAY_GAP = 5 * 64 + 1024;

  private static final long CHECK_STRIDE = 4096;

  private final OffHeap region;
  private final StreamLoops loops;
  private final MemorySegment a;
  private final MemorySegment b;
  private final MemorySegment c;
  private long arrayBytes;

  /**
   * The three arrays in one region, c apart from b (see {@link #mapArrays}: every array as long as
   * the largest one a kernel uses).
   */
  private StreamWorkspace(OffHeap region, StreamLoops loops, long abBytes, long cBytes) {
    this.region = region;
    this.loops = loops;
    MemorySegment all = region.segment();
    this.a = all.asSlice(0, abBytes);
    this.b = all.asSlice(abBytes + ARRAY_GAP, abBytes);
    this.c = all.asSlice(2 * (abBytes + ARRAY_GAP), cBytes);
  }

  /**
   * The output array a at the start of {@code aPages}, the input array b {@link #ARRAY_GAP} into
   * {@code bPages} (past a, in the workspace's own region or in memory lent), and c in b's tail
   * (see {@link #cOffset}): a[i], b[i] and c[i] differ in their low address bits, as in a region of
   * three. {@code region} is what the workspace mapped itself, null where it maps nothing.
   */
  private StreamWorkspace(
      OffHeap region,
      MemorySegment aPages,
      MemorySegment bPages,
      StreamLoops loops,
      long abBytes,
      long cBytes) {
    this.region = region;
    this.loops = loops;
    this.a = aPages.asSlice(0, abBytes);
    this.b = bPages.asSlice(ARRAY_GAP, abBytes);
    this.c = b.asSlice(cOffset(abBytes, cBytes), cBytes);
  }

  /**
   * Where c starts in b: a page and {@link #ARRAY_GAP} short of b's end, a whole page count past
   * b's start plus that gap, so that c[i] sits {@code 2 * ARRAY_GAP} past a page boundary, as in a
   * region of three arrays; and a multiple of 64 bytes, so c holds b's pattern from its first
   * element ({@code c[i] = i mod 8}).
   */
  private static long cOffset(long abBytes, long cBytes) {
    return abBytes - cBytes - 4096 + ARRAY_GAP;
  }

  /**
   * Maps and fills a region for working sets up to {@code maxBytes}; call on the worker that will
   * run the kernels, so its node backs the memory.
   *
   * @param maxBytes largest working set this worker will hold
   * @param loops the loops
   * @return the workspace
   */
  static StreamWorkspace create(long maxBytes, StreamLoops loops) {
    return map(maxBytes, loops).fill();
  }

  /**
   * Maps, without touching, a region for working sets up to {@code maxBytes}; {@link #fill} backs
   * and fills it.
   *
   * @param maxBytes largest working set this worker will hold
   * @param loops the loops
   * @return the workspace, not yet usable
   */
  static StreamWorkspace map(long maxBytes, StreamLoops loops) {
    long abBytes = abBytes(maxBytes, loops);
    OffHeap region = OffHeap.map(2 * abBytes + 2 * ARRAY_GAP, PageSize.SMALL);
    MemorySegment all = region.segment();
    return new StreamWorkspace(
        region, all, all.asSlice(abBytes), loops, abBytes, cBytes(maxBytes, loops));
  }

  /** The length of the array c for working sets up to {@code maxBytes}: whole pages. */
  private static long cBytes(long maxBytes, StreamLoops loops) {
    return roundUp(maxBytes / 3 + loops.granuleBytes(), 4096);
  }

  /**
   * Maps, without touching, the array a for working sets up to {@code maxBytes}, and takes the
   * array b, and c in its tail, from {@code lent}: memory the same worker mapped and touched
   * already (the latency sweep's chase region). It saves backing b again, half of a worker's
   * footprint: about a second for 1 GiB here. The output array a stays in pages of its own, where
   * the knee passes chase again ({@link BandwidthProbe#chaseRoom()}). {@link #fill} backs a and
   * fills the inputs; {@link #close} leaves {@code lent} to its owner.
   *
   * @param maxBytes largest working set this worker will hold
   * @param loops the loops
   * @param lent page-aligned, at least {@link #lentBytes} long, touched by this worker
   * @return the workspace, not yet usable
   */
  static StreamWorkspace map(long maxBytes, StreamLoops loops, MemorySegment lent) {
    long abBytes = abBytes(maxBytes, loops);
    requireLent(lent, lentBytes(maxBytes, loops));
    OffHeap region = OffHeap.map(abBytes, PageSize.SMALL);
    return new StreamWorkspace(
        region, region.segment(), lent, loops, abBytes, cBytes(maxBytes, loops));
  }

  /**
   * Lays every array in {@code lent}, mapping nothing: a at its start, b past a, c in b's tail,
   * placed as in a region of the workspace's own. On the Firecracker guest a fresh page is backed
   * by the host at its first write, about 1.4 s per GiB; memory the latency sweep's chains wrote
   * already costs nothing more. {@link #fill} fills the inputs without touching again; {@link
   * #close} leaves {@code lent} to its owner.
   *
   * <pre>{@code
   * long need = StreamWorkspace.wholeLentBytes(max, loops);
   * StreamWorkspace ws = StreamWorkspace.inLent(max, loops, chaseRegion.asSlice(0, need)).fill();
   * }</pre>
   *
   * @param maxBytes largest working set this worker will hold
   * @param loops the loops
   * @param lent page-aligned, at least {@link #wholeLentBytes} long, touched by this worker or on
   *     its NUMA node
   * @return the workspace, not yet usable
   */
  static StreamWorkspace inLent(long maxBytes, StreamLoops loops, MemorySegment lent) {
    long abBytes = abBytes(maxBytes, loops);
    requireLent(lent, wholeLentBytes(maxBytes, loops));
    return new StreamWorkspace(
        null, lent, lent.asSlice(abBytes), loops, abBytes, cBytes(maxBytes, loops));
  }

  /** Fails unless {@code lent} is page-aligned and at least {@code bytes} long. */
  private static void requireLent(MemorySegment lent, long bytes) {
    if (lent.byteSize() < bytes || lent.address() % 4096 != 0) {
      throw new IllegalArgumentException("the lent memory is too small or not page-aligned");
    }
  }

  /**
   * How much memory {@link #inLent} needs for working sets up to {@code maxBytes}: whole pages.
   *
   * @param maxBytes largest working set this worker will hold
   * @param loops the loops
   * @return bytes, a multiple of 4096
   */
  static long wholeLentBytes(long maxBytes, StreamLoops loops) {
    return roundUp(abBytes(maxBytes, loops) + lentBytes(maxBytes, loops), 4096);
  }

  /**
   * How much memory {@link #map(long, StreamLoops, MemorySegment)} needs lent for working sets up
   * to {@code maxBytes}.
   *
   * @param maxBytes largest working set this worker will hold
   * @param loops the loops
   * @return bytes
   */
  static long lentBytes(long maxBytes, StreamLoops loops) {
    return ARRAY_GAP + abBytes(maxBytes, loops);
  }

  /** The length of the arrays a and b for working sets up to {@code maxBytes}: whole pages. */
  private static long abBytes(long maxBytes, StreamLoops loops) {
    return roundUp(maxBytes + loops.granuleBytes(), 4096);
  }

  /**
   * Maps, without touching, three arrays of one length, for the copy and triad kernels only (the
   * read and write kernels' working set is one array, which these arrays hold up to {@code
   * bytesPerArray} too): about 3 times {@code bytesPerArray} mapped, where {@link #map} maps 6
   * times it for a triad working set of 3 arrays. {@link #fill} backs and fills it.
   *
   * @param bytesPerArray the longest array a kernel will use
   * @param loops the loops
   * @return the workspace, not yet usable
   */
  static StreamWorkspace mapArrays(long bytesPerArray, StreamLoops loops) {
    long bytes = roundUp(bytesPerArray + loops.granuleBytes(), 4096);
    OffHeap region = OffHeap.map(3 * bytes + 3 * ARRAY_GAP, PageSize.SMALL);
    return new StreamWorkspace(region, loops, bytes, bytes);
  }

  /**
   * Backs every page (first touch) and fills the inputs; call on the worker that will run the
   * kernels, so its node backs the memory. A fresh mapping reads as zeros, so backing its pages
   * places them without writing a whole array.
   *
   * @return this workspace, ready for the kernels
   */
  StreamWorkspace fill() {
    if (region != null) {
      region.touch();
    }
    fillPattern(b);
    if (c.address() < b.address() || c.address() >= b.address() + b.byteSize()) {
      fillPattern(c); // c apart from b: filled on its own; in b's tail, b's fill wrote it
    }
    return this;
  }

  /** Writes {@code s[i] = i mod 8} over a whole segment. */
  private static void fillPattern(MemorySegment s) {
    for (int i = 0; i < 8; i++) {
      s.setAtIndex(D, i, i);
    }
    replicate(s, 64);
  }

  /**
   * Fills a segment with copies of its first {@code unit} bytes, doubling the copied span each
   * time: a few bulk copies instead of one store per element, so mapping a 1 GiB workspace takes
   * the time of touching it, not of a scalar loop over it.
   */
  static void replicate(MemorySegment s, long unit) {
    long size = s.byteSize() / unit * unit;
    long done = unit;
    while (done < size) {
      long n = Math.min(done, size - done);
      MemorySegment.copy(s, 0, s, done, n);
      done += n;
    }
  }

  /**
   * The working set a workspace needs for a worker's largest share: the bytes it maps, at most.
   *
   * @param maxBytes largest working set
   * @return bytes mapped, about 2 times maxBytes
   */
  static long footprint(long maxBytes) {
    return 2 * roundUp(maxBytes, 4096) + 4 * ARRAY_GAP + 16384;
  }

  /**
   * Bytes per array for a working set: the set split between the kernel's arrays, rounded down to
   * the loops' granule.
   *
   * @param kernel the kernel
   * @param workingSetBytes this worker's share of the working set
   * @param granule the loops' granule
   * @return bytes per array, at least one granule
   */
  static long arrayBytes(StreamKernel kernel, long workingSetBytes, long granule) {
    long per = workingSetBytes / kernel.arrays() / granule * granule;
    return Math.max(granule, per);
  }

  /**
   * The working set a kernel really runs when asked for {@code totalBytes} over {@code threads}:
   * each thread's share split between the kernel's arrays, each rounded down by {@link #arrayBytes}
   * (15.75 KiB for a 16 KiB triad with 256-bit vectors).
   *
   * @param kernel the kernel
   * @param totalBytes the working set asked for, all threads together
   * @param threads the thread count
   * @param granule the loops' granule
   * @return bytes, all threads together
   */
  static long workingSetBytes(StreamKernel kernel, long totalBytes, int threads, long granule) {
    return (long) threads * kernel.arrays() * arrayBytes(kernel, totalBytes / threads, granule);
  }

  /**
   * The output array, whole: free between kernel runs, since each kernel that writes it marks its
   * outputs before it runs and the read kernel does not touch it.
   *
   * @return the array {@code a}, 4 KiB pages, touched by the worker that made this workspace
   */
  MemorySegment output() {
    return a;
  }

  /**
   * The input arrays, whole, for tests of the layout.
   *
   * @return b, then c
   */
  List<MemorySegment> inputs() {
    return List.of(b, c);
  }

  /**
   * Sets the length of the arrays the next runs use.
   *
   * @param bytesPerArray from {@link #arrayBytes}
   */
  void use(long bytesPerArray) {
    if (bytesPerArray > c.byteSize() * 3 || bytesPerArray > a.byteSize()) {
      throw new IllegalArgumentException("working set larger than this workspace");
    }
    this.arrayBytes = bytesPerArray;
  }

  /**
   * Marks sampled outputs so a check proves this run wrote them.
   *
   * @param kernel the kernel about to run; the read kernel writes nothing
   */
  void mark(StreamKernel kernel) {
    if (kernel == StreamKernel.READ) {
      return;
    }
    for (long i = 0; i < arrayBytes; i += CHECK_STRIDE) {
      a.set(D, i, -1.0);
    }
    a.set(D, arrayBytes - 8, -1.0);
  }

  /**
   * Runs the kernel.
   *
   * @param kernel the kernel
   * @param passes repetitions
   * @param scalar the value stored (write) or the triad's scalar
   * @return a value to sink
   */
  long run(StreamKernel kernel, long passes, double scalar) {
    return switch (kernel) {
      case READ -> Double.doubleToRawLongBits(loops.read(b, arrayBytes, passes));
      case WRITE -> {
        loops.write(a, arrayBytes, passes, scalar);
        yield 1;
      }
      case COPY -> {
        loops.copy(a, b, arrayBytes, passes);
        yield 2;
      }
      case TRIAD -> {
        loops.triad(a, b, c, scalar, arrayBytes, passes);
        yield 3;
      }
    };
  }

  /**
   * Checks what the kernel produced.
   *
   * @param kernel the kernel
   * @param passes repetitions run
   * @param scalar the value passed to {@link #run}
   * @param sunk the value {@link #run} returned
   */
  void check(StreamKernel kernel, long passes, double scalar, long sunk) {
    if (kernel == StreamKernel.READ) {
      long elements = arrayBytes / 8;
      // elements is a multiple of 8; each run of 8 holds 0 + 1 + ... + 7 = 28
      double expected = (double) passes * elements * 3.5;
      KernelCheckException.failIfNot("read", expected, Double.longBitsToDouble(sunk), 0);
      return;
    }
    for (long i = 0; i < arrayBytes; i += CHECK_STRIDE) {
      checkAt(kernel, i, scalar);
    }
    checkAt(kernel, arrayBytes - 8, scalar);
  }

  private void checkAt(StreamKernel kernel, long offset, double scalar) {
    double pattern = (offset / 8) & 7;
    double expected =
        switch (kernel) {
          case WRITE -> scalar;
          case COPY -> pattern;
          // c holds b's pattern; the scalars are halves of small integers, so exact either way
          case TRIAD -> pattern + scalar * pattern;
          case READ -> throw new IllegalStateException("read writes nothing");
        };
    KernelCheckException.failIfNot(kernel.label(), expected, a.get(D, offset), 0);
  }

  private static long roundUp(long v, long m) {
    return (v + m - 1) / m * m;
  }

  /**
   * Where the region starts; it stays a plain number after {@link #close()}, so a caller can look
   * the mapping up in {@code /proc/self/maps}.
   *
   * @return the region's first address
   */
  long address() {
    return region == null ? a.address() : region.segment().address();
  }

  /**
   * The bytes this workspace mapped itself (lent memory not counted).
   *
   * @return the region's length, 0 where it mapped nothing
   */
  long mappedBytes() {
    return region == null ? 0 : region.segment().byteSize();
  }

  @Override
  public void close() {
    if (region != null) {
      region.close();
    }
  }
}
