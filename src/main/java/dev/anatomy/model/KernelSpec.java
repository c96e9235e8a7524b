package dev.anatomy.model;

import dev.anatomy.run.UsageException;

/**
 * What a kernel does, as likwid-bench's {@code .ptt} headers declare it: per iteration, the
 * floating-point operations, the bytes read and written (as STREAM counts them: write-allocate
 * traffic not counted), how it walks its data; and how much it does in all.
 *
 * <pre>{@code
 * // STREAM triad over 3 x 128 MiB, one thread
 * KernelSpec triad = new KernelSpec("triad", 2, 16, 8, 1L << 24, 384L << 20,
 *     Access.SEQUENTIAL, Precision.FP64, 1, 0, true, true);
 * }</pre>
 *
 * @param name a label
 * @param flopsPerIteration floating-point operations per iteration (an FMA counts 2)
 * @param bytesReadPerIteration bytes loaded per iteration
 * @param bytesWrittenPerIteration bytes stored per iteration
 * @param iterations iterations in all, over every thread
 * @param workingSetBytes bytes the kernel touches, over every thread
 * @param access how it walks its data
 * @param precision FP32 or FP64
 * @param threads threads running it, each on its share
 * @param serialFraction the share of single-thread time that cannot run in parallel
 * @param vectorised whether the loop runs on SIMD lanes
 * @param fma whether its multiplies and adds are fused (FMA), which doubles the compute ceiling
 * @param coreNsPerIteration the in-core time of one iteration on one thread with its data in L1,
 *     ECM's T_core (from a measurement in L1, or a static analysis of the loop); 0 when unknown,
 *     and then only the flops bound the core
 */
public record KernelSpec(
    String name,
    double flopsPerIteration,
    double bytesReadPerIteration,
    double bytesWrittenPerIteration,
    double iterations,
    long workingSetBytes,
    Access access,
    Precision precision,
    int threads,
    double serialFraction,
    boolean vectorised,
    boolean fma,
    double coreNsPerIteration) {
  /** The most flops, or bytes, a whole kernel may move: beyond it the totals overflow. */
  public static final double MAX_TOTAL = 1e30;

  /** Floating-point precision. */
  public enum Precision {
    /** 32-bit floats. */
    FP32,
    /** 64-bit doubles. */
    FP64
  }

  /**
   * Validates the description; every message names the flag to fix.
   *
   * @param name name
   * @param flopsPerIteration flops
   * @param bytesReadPerIteration bytes read
   * @param bytesWrittenPerIteration bytes written
   * @param iterations iterations
   * @param workingSetBytes working set
   * @param access access
   * @param precision precision
   * @param threads threads
   * @param serialFraction serial fraction
   * @param vectorised vectorised
   * @param fma fused multiply-adds
   * @param coreNsPerIteration in-core time per iteration, 0 when unknown
   */
  public KernelSpec {
    nonNegative("--core-ns-per-iteration", coreNsPerIteration);
    nonNegative("--flops-per-iteration", flopsPerIteration);
    nonNegative("--bytes-read-per-iteration", bytesReadPerIteration);
    nonNegative("--bytes-written-per-iteration", bytesWrittenPerIteration);
    if (!(iterations > 0) || Double.isInfinite(iterations)) {
      throw new UsageException("--iterations must be positive, was " + iterations);
    }
    if (flopsPerIteration == 0 && bytesReadPerIteration == 0 && bytesWrittenPerIteration == 0) {
      throw new UsageException(
          "a kernel needs flops or bytes per iteration: give --flops-per-iteration,"
              + " --bytes-read-per-iteration or --bytes-written-per-iteration");
    }
    // beyond 1e30 flops or bytes a job outlasts any machine by eons, and the products overflow
    double most =
        Math.max(flopsPerIteration, bytesReadPerIteration + bytesWrittenPerIteration) * iterations;
    if (!(most <= MAX_TOTAL)) {
      throw new UsageException(
          "--iterations times the flops or bytes per iteration is "
              + most
              + ", past the "
              + MAX_TOTAL
              + " a prediction can hold");
    }
    if (workingSetBytes <= 0) {
      throw new UsageException("--working-set must be positive, was " + workingSetBytes);
    }
    if (threads < 1) {
      throw new UsageException("--threads must be at least 1, was " + threads);
    }
    if (!(serialFraction >= 0 && serialFraction <= 1)) {
      throw new UsageException("--serial-fraction must be between 0 and 1, was " + serialFraction);
    }
    if (access == null || precision == null) {
      throw new UsageException("a kernel needs an access pattern and a precision");
    }
  }

  /**
   * A kernel whose in-core time is unknown: only its flops bound the core.
   *
   * @param name name
   * @param flopsPerIteration flops
   * @param bytesReadPerIteration bytes read
   * @param bytesWrittenPerIteration bytes written
   * @param iterations iterations
   * @param workingSetBytes working set
   * @param access access
   * @param precision precision
   * @param threads threads
   * @param serialFraction serial fraction
   * @param vectorised vectorised
   * @param fma fused multiply-adds
   */
  public KernelSpec(
      String name,
      double flopsPerIteration,
      double bytesReadPerIteration,
      double bytesWrittenPerIteration,
      double iterations,
      long workingSetBytes,
      Access access,
      Precision precision,
      int threads,
      double serialFraction,
      boolean vectorised,
      boolean fma) {
    this(
        name,
        flopsPerIteration,
        bytesReadPerIteration,
        bytesWrittenPerIteration,
        iterations,
        workingSetBytes,
        access,
        precision,
        threads,
        serialFraction,
        vectorised,
        fma,
        0);
  }

  private static void nonNegative(String flag, double v) {
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw new UsageException(flag + " must be zero or more, was " + v);
    }
  }

  /**
   * Floating-point operations in all.
   *
   * @return flops
   */
  public double totalFlops() {
    return flopsPerIteration * iterations;
  }

  /**
   * Bytes moved in all (read + written).
   *
   * @return bytes
   */
  public double totalBytes() {
    return (bytesReadPerIteration + bytesWrittenPerIteration) * iterations;
  }

  /**
   * Flops per byte moved.
   *
   * @return the arithmetic intensity, infinite for a kernel that moves no bytes
   */
  public double arithmeticIntensity() {
    double bytes = bytesReadPerIteration + bytesWrittenPerIteration;
    return bytes == 0 ? Double.POSITIVE_INFINITY : flopsPerIteration / bytes;
  }

  /**
   * The same kernel with another thread count.
   *
   * @param t threads
   * @return a copy
   */
  public KernelSpec withThreads(int t) {
    return new KernelSpec(
        name,
        flopsPerIteration,
        bytesReadPerIteration,
        bytesWrittenPerIteration,
        iterations,
        workingSetBytes,
        access,
        precision,
        t,
        serialFraction,
        vectorised,
        fma,
        coreNsPerIteration);
  }

  /**
   * The same kernel with a known in-core time.
   *
   * @param ns in-core nanoseconds per iteration on one thread, data in L1
   * @return a copy
   */
  public KernelSpec withCoreNsPerIteration(double ns) {
    return new KernelSpec(
        name,
        flopsPerIteration,
        bytesReadPerIteration,
        bytesWrittenPerIteration,
        iterations,
        workingSetBytes,
        access,
        precision,
        threads,
        serialFraction,
        vectorised,
        fma,
        ns);
  }
}
