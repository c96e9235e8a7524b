package dev.anatomy.compute;

import dev.anatomy.harness.KernelCheckException;
import dev.anatomy.harness.Sink;

/**
 * The peak-FLOPS kernel in one precision: the spec (FLOPs per iteration) of {@link FmaPeakLoops},
 * how to run it with run-time operands, and the closed form that checks a run.
 */
enum PeakFlopsKernel {
  /** Double precision. */
  FP64("fp64", 8_000_000),
  /** Single precision. */
  FP32("fp32", 8_000_000);

  private final String label;
  private final int maxIterations;

  PeakFlopsKernel(String label, int maxIterations) {
    this.label = label;
    this.maxIterations = maxIterations;
  }

  /**
   * The name written into the document.
   *
   * @return "fp64" or "fp32"
   */
  String label() {
    return label;
  }

  /**
   * The most iterations one call may run: beyond them FP32 accumulators would pass 2^13 and stop
   * being exact.
   *
   * @return iterations
   */
  int maxIterations() {
    return maxIterations;
  }

  /**
   * Lanes of the preferred species in this precision.
   *
   * @return e.g. 4 for FP64 on AVX2
   */
  int lanes() {
    return this == FP64 ? FmaPeakLoops.fp64Lanes() : FmaPeakLoops.fp32Lanes();
  }

  /**
   * Floating-point operations of one iteration: vector FMAs x lanes x 2.
   *
   * @return FLOPs
   */
  double flopsPerIteration() {
    return (double) FmaPeakLoops.FMAS_PER_ITERATION * lanes() * 2;
  }

  /**
   * A description for the figures' method.
   *
   * @return a sentence
   */
  String method() {
    return "Vector API "
        + FmaPeakLoops.vectorBits()
        + "-bit "
        + label.toUpperCase(java.util.Locale.ROOT)
        + " FMA, "
        + FmaPeakLoops.ACCUMULATORS
        + " independent vector accumulators as the addend (x = fma(a, b, x)), 2 FLOPs per lane"
        + " per FMA, result checked against its closed form";
  }

  /**
   * Runs the loop once.
   *
   * @param n iterations, at most {@link #maxIterations()}
   * @param seed a small integer, 1 to 16
   * @param operands the run-time operands
   * @return the loop's result
   */
  double run(int n, int seed, Operands operands) {
    if (this == FP64) {
      return FmaPeakLoops.fp64(n, seed, operands.a, operands.b);
    }
    return FmaPeakLoops.fp32(n, (float) seed, (float) operands.a, (float) operands.b);
  }

  /**
   * A short call of the loop for the JIT warm-up, on its own call site (not through {@link #run}).
   *
   * @param operands the operands
   * @return a call of 8 iterations whose result is sunk
   */
  Runnable warmUpCall(Operands operands) {
    if (this == FP64) {
      return () -> Sink.consume(FmaPeakLoops.fp64(8, 1, operands.a, operands.b));
    }
    return () -> Sink.consume(FmaPeakLoops.fp32(8, 1f, (float) operands.a, (float) operands.b));
  }

  /**
   * Fails unless a run's result matches the closed form.
   *
   * @param n iterations
   * @param seed the seed
   * @param result what {@link #run} returned
   * @param operands the operands of the run
   * @throws KernelCheckException on a mismatch
   */
  void check(int n, int seed, double result, Operands operands) {
    double perIteration = operands.a * operands.b;
    int acc = FmaPeakLoops.ACCUMULATORS;
    double expected = lanes() * (acc * (seed + n * perIteration) + acc * (acc - 1) / 2.0);
    // FP64 is exact; FP32 sums lanes in float, whose rounding is below 1e-6 of the total.
    double tolerance = this == FP64 ? 1e-12 : 1e-5;
    KernelCheckException.failIfNot("peak " + label + " FMA", expected, result, tolerance);
  }

  /** The run-time operands: non-final, so never constants the JIT could fold. */
  static final class Operands {
    double a = 0.5;
    double b = 0x1p-9;
  }
}
