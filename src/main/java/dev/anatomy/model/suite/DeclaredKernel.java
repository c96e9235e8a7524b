package dev.anatomy.model.suite;

import dev.anatomy.model.Access;

/**
 * A suite kernel's declaration, fixed when it is made: what one iteration does, as likwid-bench's
 * {@code .ptt} headers declare it. Subclasses only prepare and run their data.
 *
 * <pre>{@code
 * final class Sum extends DeclaredKernel {
 *   Sum() {
 *     super("sum", 1, 8, 0, Access.SEQUENTIAL, true, false); // s += a[i]
 *   }
 *   ...
 * }
 * }</pre>
 */
abstract class DeclaredKernel implements SuiteKernel {
  private final String name;
  private final double flopsPerIteration;
  private final double bytesReadPerIteration;
  private final double bytesWrittenPerIteration;
  private final Access access;
  private final boolean vectorised;
  private final boolean fma;

  /**
   * Declares a kernel.
   *
   * @param name the kernel's name
   * @param flopsPerIteration floating-point operations per iteration (an FMA counts 2)
   * @param bytesReadPerIteration bytes loaded per iteration from the tier holding the set
   * @param bytesWrittenPerIteration bytes stored per iteration (write-allocate not counted)
   * @param access how it walks its data
   * @param vectorised whether the loop runs on SIMD lanes
   * @param fma whether its multiplies and adds are fused
   */
  DeclaredKernel(
      String name,
      double flopsPerIteration,
      double bytesReadPerIteration,
      double bytesWrittenPerIteration,
      Access access,
      boolean vectorised,
      boolean fma) {
    this.name = name;
    this.flopsPerIteration = flopsPerIteration;
    this.bytesReadPerIteration = bytesReadPerIteration;
    this.bytesWrittenPerIteration = bytesWrittenPerIteration;
    this.access = access;
    this.vectorised = vectorised;
    this.fma = fma;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final double flopsPerIteration() {
    return flopsPerIteration;
  }

  @Override
  public final double bytesReadPerIteration() {
    return bytesReadPerIteration;
  }

  @Override
  public final double bytesWrittenPerIteration() {
    return bytesWrittenPerIteration;
  }

  @Override
  public final Access access() {
    return access;
  }

  @Override
  public final boolean vectorised() {
    return vectorised;
  }

  @Override
  public final boolean fma() {
    return fma;
  }
}
