package dev.anatomy.memory;

/**
 * The bandwidth kernels, declared as likwid-bench declares its {@code .ptt} kernels: what one
 * iteration (one 8-byte element of each array) reads, writes and computes. Bandwidth is derived
 * from these counts in one place ({@link #bytesPerElement()}), never inside a loop or a print.
 *
 * <p>Bytes are counted as STREAM counts them: write-allocate traffic (the line a store first reads
 * into the cache) is not counted.
 */
public enum StreamKernel {
  /** {@code sum += a[i]}: one load. */
  READ("read", 1, 8, 0, 1),
  /** {@code a[i] = s}: one store. */
  WRITE("write", 1, 0, 8, 0),
  /** {@code a[i] = b[i]}: one load, one store. */
  COPY("copy", 2, 8, 8, 0),
  /** {@code a[i] = b[i] + s * c[i]}: two loads, one store, two flops (STREAM's triad). */
  TRIAD("triad", 3, 16, 8, 2);

  private final String label;
  private final int arrays;
  private final int bytesRead;
  private final int bytesWritten;
  private final int flops;

  StreamKernel(String label, int arrays, int bytesRead, int bytesWritten, int flops) {
    this.label = label;
    this.arrays = arrays;
    this.bytesRead = bytesRead;
    this.bytesWritten = bytesWritten;
    this.flops = flops;
  }

  /**
   * The kernel's name in documents.
   *
   * @return "read", "write", "copy" or "triad"
   */
  public String label() {
    return label;
  }

  /**
   * Arrays the kernel touches; the working set is split evenly between them.
   *
   * @return 1 to 3
   */
  public int arrays() {
    return arrays;
  }

  /**
   * Bytes loaded per element.
   *
   * @return bytes
   */
  public int bytesRead() {
    return bytesRead;
  }

  /**
   * Bytes stored per element (write-allocate not counted).
   *
   * @return bytes
   */
  public int bytesWritten() {
    return bytesWritten;
  }

  /**
   * Floating-point operations per element.
   *
   * @return flops
   */
  public int flops() {
    return flops;
  }

  /**
   * Bytes moved per element: the unit bandwidth is counted in.
   *
   * @return bytes read + bytes written
   */
  public int bytesPerElement() {
    return bytesRead + bytesWritten;
  }

  /**
   * Parses a label.
   *
   * @param label "read", "write", "copy" or "triad"
   * @return the kernel
   */
  public static StreamKernel fromLabel(String label) {
    for (StreamKernel k : values()) {
      if (k.label.equals(label)) {
        return k;
      }
    }
    throw new IllegalArgumentException("unknown kernel '" + label + "'");
  }
}
