package dev.anatomy.memory;

import dev.anatomy.harness.KernelCheckException;
import dev.anatomy.harness.OffHeap;
import dev.anatomy.harness.PageSize;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * One worker's arrays for the bandwidth kernels, in an off-heap region the worker maps and fills
 * itself (first touch). Three arrays sit at fixed places: {@code a} (output, as long as the largest
 * working set), {@code b} (input, {@code b[i] = i mod 8}, as long as the largest working set) and
 * {@code c} (input, all ones, a third of it). A kernel at a working set uses a prefix of each, so
 * the inputs are filled once and every kernel's result is known: the read kernel's sum exactly, the
 * others' outputs at sampled positions.
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

  private StreamWorkspace(OffHeap region, StreamLoops loops, long abBytes, long cBytes) {
    this.region = region;
    this.loops = loops;
    MemorySegment all = region.segment();
    this.a = all.asSlice(0, abBytes);
    this.b = all.asSlice(abBytes + ARRAY_GAP, abBytes);
    this.c = all.asSlice(2 * (abBytes + ARRAY_GAP), cBytes);
  }

  /**
   * A workspace whose input array {@code b} is borrowed, {@link #ARRAY_GAP} into {@code lent}; a
   * and c lie in {@code region}, so that a[i], b[i] and c[i] sit at the same offsets from a page
   * boundary as in the one region of the other constructor and still differ in their low bits.
   */
  private StreamWorkspace(
      OffHeap region, MemorySegment lent, StreamLoops loops, long abBytes, long cBytes) {
    this.region = region;
    this.loops = loops;
    MemorySegment all = region.segment();
    this.a = all.asSlice(0, abBytes);
    this.b = lent.asSlice(ARRAY_GAP, abBytes);
    this.c = all.asSlice(abBytes + 2 * ARRAY_GAP, cBytes);
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
    long cBytes = roundUp(maxBytes / 3 + loops.granuleBytes(), 4096);
    return mapped(loops, abBytes, cBytes);
  }

  /**
   * Maps, without touching, the arrays a and c for working sets up to {@code maxBytes}, and takes
   * the array b from {@code lent}: memory the same worker mapped and touched already (the latency
   * sweep's chase region). It saves backing b again, a third of a worker's footprint: about a
   * second for 1 GiB here. The output array a stays in pages of its own, where the knee passes
   * chase again ({@link BandwidthProbe#chaseRoom()}). {@link #fill} backs a and c and fills the
   * inputs; {@link #close} leaves {@code lent} to its owner.
   *
   * @param maxBytes largest working set this worker will hold
   * @param loops the loops
   * @param lent page-aligned, at least {@link #lentBytes} long, touched by this worker
   * @return the workspace, not yet usable
   */
  static StreamWorkspace map(long maxBytes, StreamLoops loops, MemorySegment lent) {
    long abBytes = abBytes(maxBytes, loops);
    if (lent.byteSize() < lentBytes(maxBytes, loops) || lent.address() % 4096 != 0) {
      throw new IllegalArgumentException("the lent memory is too small or not page-aligned");
    }
    long cBytes = roundUp(maxBytes / 3 + loops.granuleBytes(), 4096);
    OffHeap region = OffHeap.map(abBytes + cBytes + 3 * ARRAY_GAP, PageSize.SMALL);
    return new StreamWorkspace(region, lent, loops, abBytes, cBytes);
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
   * bytesPerArray} too): about 3 times {@code bytesPerArray} mapped, where {@link #map} maps 7
   * times it for a triad working set of 3 arrays. {@link #fill} backs and fills it.
   *
   * @param bytesPerArray the longest array a kernel will use
   * @param loops the loops
   * @return the workspace, not yet usable
   */
  static StreamWorkspace mapArrays(long bytesPerArray, StreamLoops loops) {
    long bytes = roundUp(bytesPerArray + loops.granuleBytes(), 4096);
    return mapped(loops, bytes, bytes);
  }

  private static StreamWorkspace mapped(StreamLoops loops, long abBytes, long cBytes) {
    OffHeap region = OffHeap.map(2 * abBytes + cBytes + 3 * ARRAY_GAP, PageSize.SMALL);
    return new StreamWorkspace(region, loops, abBytes, cBytes);
  }

  /**
   * Backs every page (first touch) and fills the inputs; call on the worker that will run the
   * kernels, so its node backs the memory. A fresh mapping reads as zeros, so backing its pages
   * places them without writing a whole array.
   *
   * @return this workspace, ready for the kernels
   */
  StreamWorkspace fill() {
    region.touch();
    for (int i = 0; i < 8; i++) {
      b.setAtIndex(D, i, i);
      c.setAtIndex(D, i, 1.0);
    }
    replicate(b, 64);
    replicate(c, 64);
    return this;
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
   * The working set a workspace needs for a worker's largest share: the bytes it maps.
   *
   * @param maxBytes largest working set
   * @return bytes mapped, about 2.34 times maxBytes
   */
  static long footprint(long maxBytes) {
    return 2 * roundUp(maxBytes, 4096) + roundUp(maxBytes / 3, 4096) + 4 * ARRAY_GAP + 16384;
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
          case TRIAD -> pattern + scalar;
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
    return region.segment().address();
  }

  @Override
  public void close() {
    region.close();
  }
}
