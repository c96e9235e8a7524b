package dev.anatomy.model.suite;

import dev.anatomy.model.Access;

/**
 * A kernel of the validation suite: what one iteration does (declared, as likwid-bench's {@code
 * .ptt} files declare it) and an implementation that runs on one thread's share of the working set
 * and checks its own result.
 *
 * <p>The suite's kernels are ordinary Java code on heap arrays, written as a user would, not the
 * off-heap loops the memory part measures with: the model is judged on code it was not built from.
 */
public interface SuiteKernel {
  /**
   * The kernel's name.
   *
   * @return e.g. "triad"
   */
  String name();

  /**
   * Floating-point operations per iteration.
   *
   * @return flops (an FMA counts 2)
   */
  double flopsPerIteration();

  /**
   * Bytes loaded per iteration from the tier that holds the working set.
   *
   * @return bytes
   */
  double bytesReadPerIteration();

  /**
   * Bytes stored per iteration (write-allocate not counted).
   *
   * @return bytes
   */
  double bytesWrittenPerIteration();

  /**
   * How the kernel walks its data.
   *
   * @return the access pattern
   */
  Access access();

  /**
   * Whether the loop runs on SIMD lanes.
   *
   * @return true when vectorised
   */
  boolean vectorised();

  /**
   * Whether its multiplies and adds are fused.
   *
   * @return true for FMA kernels (dot, triad, blocked matmul)
   */
  default boolean fma() {
    return false;
  }

  /**
   * Allocates and fills one thread's share; call it on the thread that will run it, so the memory
   * is touched first there.
   *
   * @param shareBytes this thread's working set
   * @param seed fills and orders the data reproducibly
   * @return the prepared instance
   */
  Instance prepare(long shareBytes, long seed);

  /** One thread's data, ready to run. */
  interface Instance {
    /**
     * The bytes this instance really holds (sizes round to whole rows, tiles or nodes).
     *
     * @return bytes
     */
    long workingSetBytes();

    /**
     * Iterations one pass performs.
     *
     * @return iterations
     */
    long iterationsPerPass();

    /**
     * The share of this instance's random loads that cannot overlap with the next ones, worked out
     * from its data (not timed): for hash lookups, the keys that do not sit in their home slot,
     * whose probe loop runs longer than the branch predictor guesses.
     *
     * @return a share in [0, 1]; 0 for independent loads
     */
    default double serialisedLoadFraction() {
      return 0;
    }

    /**
     * Runs the kernel.
     *
     * @param passes passes over the data
     * @return a value that depends on all the work, for {@link #check}
     */
    long run(long passes);

    /**
     * Fails unless {@code result} is what {@code passes} passes must produce.
     *
     * @param passes passes run
     * @param result what {@link #run} returned
     * @throws dev.anatomy.harness.KernelCheckException when the work did not happen as declared
     */
    void check(long passes, long result);
  }
}
